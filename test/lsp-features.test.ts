// The pure completion, hover and refactor logic on fixture text with a `$0` cursor: what the
// language server offers before any LSP conversion.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { refactorsAt } from '../server/src/analysis/actions';
import { analyzeText } from '../server/src/analysis/analyze';
import type { CompletionEntry } from '../server/src/analysis/completion';
import { completeTyping } from '../server/src/analysis/completionRecovery';
import { planImport } from '../server/src/analysis/completionImports';
import type { TextEdit } from '../server/src/analysis/diagnostics';
import { hoverAt } from '../server/src/analysis/hover';
import { getBundledCatalog } from '../server/src/catalog/catalog';
import type { Grammar } from '../server/src/parsing/treeSitter';

const catalog = getBundledCatalog();
const latest = catalog.latestCeleryVersion;

async function at(marked: string, grammar: Grammar = 'python') {
  const offset = marked.indexOf('$0');
  const text = marked.replace('$0', '');
  const { model } = await analyzeText(text, grammar, catalog);
  return { text, offset, model };
}

async function complete(marked: string, options: { grammar?: Grammar; celeryVersion?: string; docsLanguage?: 'en' | 'zh-cn'; triggerCharacter?: string } = {}) {
  const { text, offset, model } = await at(marked, options.grammar);
  const { triggerCharacter } = options;
  const input = { text, offset, model, catalog, docsLanguage: options.docsLanguage ?? 'en', celeryVersion: options.celeryVersion ?? latest, triggerCharacter };
  return { text, entries: await completeTyping(input, options.grammar ?? 'python', catalog) };
}

function apply(text: string, edits: TextEdit[]): string {
  return [...edits].sort((a, b) => b.span.start - a.span.start).reduce((t, e) => t.slice(0, e.span.start) + e.newText + t.slice(e.span.end), text);
}

const accept = (text: string, entry: CompletionEntry) => apply(text, [{ span: entry.replaceSpan, newText: entry.insertText }, ...(entry.additionalEdits ?? [])]);

test('signals newer than the configured Celery are marked and sorted last', async () => {
  const { entries } = await complete('@worker_$0\n', { celeryVersion: '5.0.0' });
  const tooNew = entries.find((e) => e.label === 'worker_before_create_process')!;
  assert.match(tooNew.detail!, /needs Celery 5\.3/);
  const ready = entries.find((e) => e.label === 'worker_ready')!;
  assert.ok(ready.sortText! < tooNew.sortText!);
  assert.doesNotMatch(ready.detail!, /needs Celery/);
});

test('documentation follows the docs language', async () => {
  const { entries } = await complete('@task_fai$0\n', { docsLanguage: 'zh-cn' });
  assert.match(entries.find((e) => e.label === 'task_failure')!.documentation!, /关键字参数/);
});

test('imports: merged into a parenthesised import, placed after a module docstring otherwise', async () => {
  const merged = await complete('from celery.signals import (\n    task_prerun,\n    task_postrun,\n)\n\n@task_fa$0\n');
  assert.match(accept(merged.text, merged.entries.find((e) => e.label === 'task_failure')!), /task_postrun, task_failure,\n\)/);
  const docstring = await complete('"""Signal handlers."""\n\n@task_fa$0\n');
  assert.match(accept(docstring.text, docstring.entries.find((e) => e.label === 'task_failure')!), /^"""Signal handlers\."""\nfrom celery\.signals import task_failure\n/);
  const { text, model } = await at('from celery.signals import task_failure as failed\n$0');
  assert.deepEqual(planImport(text, model, 'python', 'celery.signals', 'task_failure'), { localName: 'failed' });
});

test('parameters: defaults where Python needs them, nothing after **kwargs', async () => {
  const afterDefault = await complete('from celery.signals import task_failure\n\n@task_failure.connect\ndef h(sender=None, $0):\n    pass\n');
  assert.equal(afterDefault.entries.find((e) => e.label === 'einfo')!.insertText, 'einfo=None');
  const retry = await complete('from celery.signals import task_retry\n\n@task_retry.connect\ndef h(sender, $0, **kwargs):\n    pass\n');
  assert.equal(retry.entries.find((e) => e.label === 'reason')!.insertText, 'reason=None');
  assert.equal(retry.entries.find((e) => e.label === 'request')!.insertText, 'request');
  const afterVarKeyword = await complete('from celery.signals import task_failure\n\n@task_failure.connect\ndef h(sender, **kwargs, $0):\n    pass\n');
  assert.deepEqual(afterVarKeyword.entries, []);
  const inDefault = await complete('from celery.signals import task_failure\n\n@task_failure.connect\ndef h(sender=$0, **kwargs):\n    pass\n');
  assert.ok(!inDefault.entries.some((e) => e.kind === 'parameter'));
});

test('TypeScript: object-form handler parameters and snippets importing from celery-signals', async () => {
  const params = await complete("import { task_failure } from 'celery-signals';\n\ntask_failure.connect(({ sender, $0 }) => {\n  console.log(sender);\n}, { weak: false });\n", { grammar: 'typescript' });
  const einfo = params.entries.find((e) => e.label === 'einfo');
  assert.ok(einfo, params.entries.map((e) => e.label).join(', '));
  assert.equal(einfo.insertText, 'einfo');
  const snippets = await complete("import { task_prerun } from 'celery-signals';\n\ntask_fa$0\n", { grammar: 'typescript' });
  const snippet = snippets.entries.find((e) => e.label === 'task_failure handler')!;
  assert.match(accept(snippets.text, snippet), /import \{ task_prerun, task_failure \} from 'celery-signals';/);
});

test('hover: a parameter the signal never sends, sender of a signal sent without one', async () => {
  const { model, text } = await at('from celery.signals import worker_process_init\n\n@worker_process_init.connect(sender="x")\ndef init(pid=None, **kwargs):\n    pass$0\n');
  const hover = (needle: string) => hoverAt(model, text.indexOf(needle) + 1, catalog, { docsLanguage: 'en', celeryVersion: latest });
  assert.match(hover('pid=')!.markdown, /worker_process_init` never sends this keyword/);
  assert.match(hover('sender=')!.markdown, /never runs/);
  assert.match(hover('kwargs')!.markdown, /Collects/);
  assert.equal(hover('pass'), undefined);
});

test('refactors: keyword-only after self, add-all keeps a valid signature', async () => {
  const method = await at('from celery.signals import worker_ready\n\nclass Monitor:\n    @worker_ready.connect\n    def ready(self, sender, **kwargs):\n        pass$0\n');
  const convert = refactorsAt(method.model, method.text, { start: method.offset, end: method.offset }, catalog, latest).find((r) => r.title === 'Convert to keyword-only signature');
  assert.ok(convert);
  assert.match(apply(method.text, convert.edits), /def ready\(self, \*, sender, \*\*kwargs\):/);

  const defaults = await at('from celery.signals import task_postrun\n\n@task_postrun.connect\ndef done(sender=None):\n    pass$0\n');
  const addAll = refactorsAt(defaults.model, defaults.text, { start: defaults.offset, end: defaults.offset }, catalog, latest).find((r) => r.title === 'Add all parameters of task_postrun')!;
  const fixed = apply(defaults.text, addAll.edits);
  assert.match(fixed, /def done\(sender=None, \*, task_id, task, args, kwargs, retval=None, state=None, \*\*kw\):/);
  const { findings } = await analyzeText(fixed, 'python', catalog, { celeryVersion: latest, includeHints: false });
  assert.deepEqual(findings.map((f) => f.code), []);
});

test('TypeScript: connect options object keys and sender values', async () => {
  const keys = await complete("import { task_prerun } from 'celery-signals';\n\ntask_prerun.connect(({ sender }) => {}, { weak: false, $0 });\n", { grammar: 'typescript' });
  assert.deepEqual(keys.entries.map((e) => e.insertText), ['sender: ', 'dispatch_uid: ', 'retry: ']);
  const handlerArgument = await complete("import { task_prerun } from 'celery-signals';\n\ntask_prerun.connect(({ sender, $0 }) => {});\n", { grammar: 'typescript' });
  assert.ok(!handlerArgument.entries.some((e) => e.kind === 'keyword'), 'the handler pattern is not an options object');
  const tasks = await complete(
    "import { task_prerun, after_task_publish } from 'celery-signals';\n\nconst add = app.task('proj.add', (x: number) => x);\n\ntask_prerun.connect(({ sender }) => {}, { sender: $0 });\nafter_task_publish.connect(({ sender }) => {}, { sender: 'x' });\n",
    { grammar: 'typescript' },
  );
  assert.deepEqual(tasks.entries.map((e) => e.label), ['add']);
  const names = await complete(
    "import { after_task_publish } from 'celery-signals';\n\nconst add = app.task('proj.add', (x: number) => x);\n\nafter_task_publish.connect(({ sender }) => {}, { sender: '$0' });\n",
    { grammar: 'typescript' },
  );
  assert.deepEqual(names.entries.map((e) => e.insertText), ["'proj.add'"]);
  const python = await complete('from celery.signals import task_prerun\n\ntask_prerun.connect(handler, $0)\n');
  assert.deepEqual(python.entries.map((e) => e.label), ['sender=', 'weak=', 'dispatch_uid=', 'retry=']);
});

test('a space typed at the start of a line offers nothing; asking there offers the handler snippets', async () => {
  assert.deepEqual((await complete('import os\n\n $0\n', { triggerCharacter: ' ' })).entries, []);
  assert.ok((await complete('import os\n\n $0\n')).entries.some((e) => e.label === 'task_failure handler'));
  const afterComma = await complete('from celery.signals import task_failure, $0\n', { triggerCharacter: ' ' });
  assert.ok(afterComma.entries.some((e) => e.label === 'task_retry'));
});
