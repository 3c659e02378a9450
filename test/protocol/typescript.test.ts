// The language server on TypeScript and JavaScript documents: diagnostics, completion of the
// destructured keyword names of a connected handler, hover on them, and a quick-fix, for `.ts`,
// `.tsx` and `.js` files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedServer } from './lspClient';
import { applyEdits, rangeOf } from './fixtureText';

const server = sharedServer({ pullDiagnostics: true });

const EXTENSIONS: Record<string, string> = { typescript: 'ts', typescriptreact: 'tsx', javascript: 'js' };

function open(marked: string, languageId: string) {
  return server.open(marked, languageId, EXTENSIONS[languageId]);
}

async function completionLabels(marked: string, languageId: string) {
  const doc = open(marked, languageId);
  const list = await server.client.request('textDocument/completion', { textDocument: { uri: doc.uri }, position: doc.position });
  const items = (list?.items ?? []) as any[];
  return { ...doc, items, labels: items.map((i) => i.label as string) };
}

const FAILURE_HANDLER = "import { task_failure } from 'celery-signals';\n\nfunction onFailure({ task_id, $0 }) {\n  console.log(task_id);\n}\ntask_failure.connect(onFailure);\n";

for (const languageId of ['typescript', 'javascript', 'typescriptreact']) {
  test(`${languageId}: completion inside the destructuring pattern offers the keywords not yet taken`, async () => {
    const { text, items, labels } = await completionLabels(FAILURE_HANDLER, languageId);
    for (const name of ['exception', 'einfo', 'traceback', 'sender', 'args', 'kwargs']) assert.ok(labels.includes(name), `missing ${name} in ${labels.join(', ')}`);
    assert.ok(!labels.includes('task_id'), 'already destructured');
    assert.ok(!labels.some((l) => l.startsWith('**')), 'no Python catch-all in the object form');
    const exception = items.find((i) => i.label === 'exception');
    assert.ok(exception.textEdit, 'items carry their edit');
    const accepted = applyEdits(text, [exception.textEdit, ...(exception.additionalTextEdits ?? [])]);
    assert.match(accepted, /function onFailure\(\{ task_id, exception \}\)/);
  });
}

test('typescript: diagnostics for a misspelt property and an undeclared keyword read, with a working quick-fix', async () => {
  const doc = open(
    "import { task_failure } from 'celery-signals';\n\nexport function onFailure({ task_id, exc }: Record<string, unknown>) {\n  console.log(task_id, exc, einfo);\n}\ntask_failure.connect(onFailure);\n",
    'typescript',
  );
  const diagnostics = (await server.client.pullDiagnostics(doc.uri)).filter((d) => d.severity !== 4);
  const byCode = new Map(diagnostics.map((d) => [d.code, d]));
  assert.deepEqual([...byCode.keys()].sort(), ['undeclared-kwarg-read', 'unknown-param']);
  assert.deepEqual(byCode.get('unknown-param').range, rangeOf(doc.text, 'exc'));
  assert.deepEqual(byCode.get('undeclared-kwarg-read').range, rangeOf(doc.text, 'einfo'));

  const unknown = byCode.get('unknown-param');
  const actions = await server.client.request('textDocument/codeAction', {
    textDocument: { uri: doc.uri },
    range: unknown.range,
    context: { diagnostics: [unknown], only: ['quickfix'] },
  });
  const rename = actions.find((a: any) => a.title === 'Rename `exc` to `exception`');
  assert.ok(rename, actions.map((a: any) => a.title).join(', '));
  const fixed = applyEdits(doc.text, rename.edit.changes[doc.uri]);
  assert.match(fixed, /function onFailure\(\{ task_id, exception \}: Record<string, unknown>\) \{\n {2}console\.log\(task_id, exception, einfo\);/);
});

test('javascript: require() bindings, a decorated method and an options object are understood', async () => {
  const doc = open(
    "const { worker_ready } = require('celery-signals');\n\nclass Hooks {\n  @worker_ready.connect\n  static async ready({ sender }) {\n    await sender.flush();\n  }\n}\nworker_ready.connect(Hooks.ready, { dispatchUid: 'ready' });\n",
    'javascript',
  );
  const diagnostics = (await server.client.pullDiagnostics(doc.uri)).filter((d) => d.severity !== 4);
  // The same handler connected twice is reported once.
  assert.deepEqual(diagnostics.map((d) => d.code).sort(), ['async-handler', 'unknown-connect-option']);
  assert.deepEqual(diagnostics.find((d) => d.code === 'async-handler').range, rangeOf(doc.text, 'ready', 3));
  assert.deepEqual(diagnostics.find((d) => d.code === 'unknown-connect-option').range, rangeOf(doc.text, 'dispatchUid'));
});

test('hover on destructured properties: what the keyword holds, or that it is never sent', async () => {
  const doc = open("import * as signals from 'celery-signals';\n\nsignals.task_retry.connect(({ request, reason, bogus = null }) => {}, { weak: false });\n", 'typescript');
  const hover = (needle: string) => server.client.request('textDocument/hover', { textDocument: { uri: doc.uri }, position: rangeOf(doc.text, needle).start });
  const reason = await hover('reason');
  assert.equal(reason.contents.kind, 'markdown');
  assert.match(reason.contents.value, /\*\*reason\*\*/);
  assert.deepEqual(reason.range, rangeOf(doc.text, 'reason'));
  assert.match((await hover('bogus')).contents.value, /never sends/);
  assert.match((await hover('task_retry')).contents.value, /\*\*task_retry\*\*/);
});

test('completion in the empty parameter list of an object-form handler writes a destructuring pattern', async () => {
  const { text, items } = await completionLabels("import { worker_ready } from 'celery-signals';\n\nfunction ready($0) {}\nworker_ready.connect(ready);\n", 'typescript');
  const sender = items.find((i) => i.label === 'sender');
  assert.ok(sender, items.map((i) => i.label).join(', '));
  assert.match(applyEdits(text, [sender.textEdit, ...(sender.additionalTextEdits ?? [])]), /function ready\(\{ sender \}\) \{\}/);
});
