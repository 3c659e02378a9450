// The injection grammar must match what the catalog generates and must compile and scope signal
// names on real lines; the snippets the server offers cover every signal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getBundledCatalog } from '../../server/src/catalog/catalog';
import { snippetsFor } from '../../server/src/analysis/snippets';
import {
  DEPRECATED_SIGNAL_SCOPE,
  GRAMMAR_FILE,
  injectionGrammarText,
  SIGNAL_SCOPE,
} from '../../scripts/contributions/injectionGrammar';
import { withLanguageContributions } from '../../scripts/contributions/manifestLanguages';
import { scopesOf, tokenizerWithHosts } from './support/textmate';
import { bundledVsCodeFile, requireCodeServer } from './support/codeServer';

const root = path.resolve(__dirname, '..', '..');
const catalog = getBundledCatalog();
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

test(`${GRAMMAR_FILE} is current with the catalog (else run node scripts/gen-grammar.mjs)`, () => {
  assert.equal(read(GRAMMAR_FILE), injectionGrammarText(catalog));
});

test('package.json language lists come from the language table (else run node scripts/gen-manifest-languages.mjs)', () => {
  const manifest = JSON.parse(read('package.json'));
  assert.deepEqual(withLanguageContributions(structuredClone(manifest)), manifest);
  assert.ok(manifest.activationEvents.includes('onLanguage:javascriptreact'));
});

test('every signal has a snippet that imports it and connects a handler', () => {
  const python = snippetsFor(catalog, 'python');
  const typescript = snippetsFor(catalog, 'typescript');
  assert.equal(python.length, catalog.signals.length);
  assert.equal(typescript.length, catalog.signals.length);
  const failure = python.find((s) => s.signal === 'task_failure')!;
  assert.equal(failure.prefix, 'task_failure');
  assert.match(failure.standaloneBody, /^from celery\.signals import task_failure\n/);
  assert.match(failure.standaloneBody, /@task_failure\.connect\ndef \$\{1:on_task_failure\}\(sender, .*, kwargs, .*\*\*kw\):/);
  assert.match(typescript.find((s) => s.signal === 'task_failure')!.standaloneBody, /task_failure\.connect\(\(\{ sender, /);
});

test('the grammar alone scopes connected signal names and nothing else', async () => {
  const tokenize = await tokenizerWithHosts({});
  assert.deepEqual(scopesOf(await tokenize('celery-signals.injection', '@task_failure.connect'), 'task_failure'), [SIGNAL_SCOPE]);
  assert.deepEqual(scopesOf(await tokenize('celery-signals.injection', 'app.on_after_configure.connect(setup)'), 'on_after_configure'), [SIGNAL_SCOPE]);
  assert.deepEqual(scopesOf(await tokenize('celery-signals.injection', 'task_sent.connect(h)'), 'task_sent'), [DEPRECATED_SIGNAL_SCOPE]);
  for (const line of ['my_task_failure.connect(h)', 'task_failure.connected', 'task_failure.send(sender=x)', 'task_failure_x.connect(h)']) {
    const tokens = await tokenize('celery-signals.injection', line);
    assert.ok(tokens.every((t) => !t.scopes.includes(SIGNAL_SCOPE)), line);
  }
});

test('injected into VS Code\'s own Python and TypeScript grammars', async (t) => {
  if (!requireCodeServer(t)) return;
  const tokenize = await tokenizerWithHosts({
    'source.python': bundledVsCodeFile('extensions', 'python', 'syntaxes', 'MagicPython.tmLanguage.json'),
    'source.ts': bundledVsCodeFile('extensions', 'typescript-basics', 'syntaxes', 'TypeScript.tmLanguage.json'),
  });
  const decorator = await tokenize('source.python', '@task_failure.connect');
  assert.ok(scopesOf(decorator, 'task_failure').includes(SIGNAL_SCOPE), JSON.stringify(decorator));
  const call = await tokenize('source.python', 'signals.worker_ready.connect(on_ready, weak=False)');
  assert.ok(scopesOf(call, 'worker_ready').includes(SIGNAL_SCOPE));
  const inString = await tokenize('source.python', 'x = "task_failure.connect"');
  assert.ok(!scopesOf(inString, 'task_failure').includes(SIGNAL_SCOPE), 'strings are left alone');
  const inComment = await tokenize('source.python', '# task_failure.connect(h)');
  assert.ok(!scopesOf(inComment, 'task_failure').includes(SIGNAL_SCOPE), 'comments are left alone');
  const ts = await tokenize('source.ts', 'task_prerun.connect(({ sender, task_id }) => {});');
  assert.ok(scopesOf(ts, 'task_prerun').includes(SIGNAL_SCOPE), JSON.stringify(ts));
});
