// Typing a handler from scratch, through the real server: parameter completion inside headers the
// parser cannot finish yet (Python and TypeScript, with the rest of the file complete or not), and
// no finding that blames a complete handler for the half-typed one above it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedServer } from './lspClient';
import { applyEdits } from './fixtureText';

const server = sharedServer({ pullDiagnostics: true });

const PY = 'from celery.signals import task_failure, task_retry\n\n';
const TS = "import { task_failure, task_retry } from 'celery-signals';\n\n";
/** A complete handler of another signal below the one being typed. */
const PY_BELOW = '\n\n@task_retry.connect\ndef on_retry(sender, request, **kwargs):\n    print(request)\n';
const TS_BELOW = '\n\ntask_retry.connect(({ request }) => console.log(request), { weak: false });\n';
const FAILURE_KEYWORDS = ['sender', 'task_id', 'exception', 'args', 'kwargs', 'traceback', 'einfo'];

async function complete(marked: string, languageId: 'python' | 'typescript') {
  const doc = server.open(marked, languageId, languageId === 'python' ? 'py' : 'ts');
  const list = await server.client.request('textDocument/completion', { textDocument: { uri: doc.uri }, position: doc.position });
  const items = (list?.items ?? []) as any[];
  return { ...doc, items, names: items.filter((i) => FAILURE_KEYWORDS.includes(i.label)).map((i) => i.label as string) };
}

const accept = (text: string, item: any): string => applyEdits(text, [item.textEdit, ...(item.additionalTextEdits ?? [])]);
const allItem = (items: any[]) => items.find((i) => /all parameters|所有参数/.test(i.detail ?? ''));

function assertParameterItems(names: string[], declared: string[], items: any[]) {
  assert.deepEqual(names, FAILURE_KEYWORDS.filter((n) => !declared.includes(n)), `items: ${items.map((i) => i.label).join(', ')}`);
  const exception = items.find((i) => i.label === 'exception');
  assert.ok(exception.detail, 'the item names the keyword type');
  assert.ok(exception.documentation, 'the item documents the keyword');
  assert.ok(allItem(items), 'an item inserts every parameter');
}

const pythonShapes: [string, string, string[]][] = [
  ['auto-closed, no colon, end of file', `${PY}@task_failure.connect\ndef on_fail($0)`, []],
  ['auto-closed, no colon, a handler below', `${PY}@task_failure.connect\ndef on_fail($0)${PY_BELOW}`, []],
  ['not closed, a handler below', `${PY}@task_failure.connect\ndef on_fail($0${PY_BELOW}`, []],
  ['with the colon, a handler below', `${PY}@task_failure.connect\ndef on_fail($0):${PY_BELOW}`, []],
  ['after a partly typed parameter', `${PY}@task_failure.connect\ndef on_fail(sender, ta$0)${PY_BELOW}`, ['sender']],
  ['after a comma, over several lines', `${PY}@task_failure.connect\ndef on_fail(\n    sender,\n    $0${PY_BELOW}`, ['sender']],
  ['a lambda passed to connect', `${PY}task_failure.connect(lambda $0)`, []],
  ['a lambda with a parameter, the call complete', `${PY}task_failure.connect(lambda sender, $0: None, weak=False)${PY_BELOW}`, ['sender']],
];

for (const [name, marked, declared] of pythonShapes) {
  test(`Python, unfinished header: ${name}`, async () => {
    const { items, names } = await complete(marked, 'python');
    assertParameterItems(names, declared, items);
  });
}

const typescriptShapes: [string, string, string[]][] = [
  ['object pattern before =>', `${TS}task_failure.connect(({ $0 }))`, []],
  ['object pattern before =>, a connect below', `${TS}task_failure.connect(({ $0 }))${TS_BELOW}`, []],
  ['object pattern not closed', `${TS}task_failure.connect(({ $0${TS_BELOW}`, []],
  ['object pattern with a property typed', `${TS}task_failure.connect(({ task_id, $0 }))${TS_BELOW}`, ['task_id']],
  ['plain parameters before =>', `${TS}task_failure.connect((sender, $0))${TS_BELOW}`, ['sender']],
  ['plain parameters before the closing )', `${TS}task_failure.connect((sender, $0${TS_BELOW}`, ['sender']],
  ['plain parameters, the arrow complete', `${TS}task_failure.connect((sender, $0) => {}, { weak: false })${TS_BELOW}`, ['sender']],
  ['a function expression not closed', `${TS}task_failure.connect(function ({ $0${TS_BELOW}`, []],
  ['an arrow kept in a const, connected below', `${TS}const onFail = ({ $0\ntask_failure.connect(onFail);${TS_BELOW}`, []],
  ['a decorated static method', `${TS}class Hooks {\n  @task_failure.connect\n  static onFail({ $0\n}${TS_BELOW}`, []],
];

for (const [name, marked, declared] of typescriptShapes) {
  test(`TypeScript, unfinished header: ${name}`, async () => {
    const { items, names } = await complete(marked, 'typescript');
    assertParameterItems(names, declared, items);
  });
}

test('accepting the items writes a valid header', async () => {
  const python = await complete(`${PY}@task_failure.connect\ndef on_fail($0)`, 'python');
  assert.equal(
    accept(python.text, allItem(python.items)).split('\n')[3],
    'def on_fail(sender, task_id, exception, args, kwargs, traceback, einfo, **kw)',
  );
  const lambda = await complete(`${PY}task_failure.connect(lambda $0)`, 'python');
  assert.equal(accept(lambda.text, lambda.items.find((i) => i.label === 'sender')).split('\n')[2], 'task_failure.connect(lambda sender)');
  const pattern = await complete(`${TS}task_failure.connect(({ $0 }))`, 'typescript');
  assert.equal(accept(pattern.text, pattern.items.find((i) => i.label === 'exception')).split('\n')[2], 'task_failure.connect(({ exception }))');
  const plain = await complete(`${TS}task_failure.connect((sender, $0))`, 'typescript');
  assert.equal(accept(plain.text, plain.items.find((i) => i.label === 'task_id')).split('\n')[2], 'task_failure.connect((sender, task_id))');
});

test('a half-typed handler above a complete one: nothing judges the complete one against the wrong signal', async () => {
  for (const header of ['def on_fail(', 'def on_fail()', 'def on_fail(sender, ta)', 'def']) {
    const { uri } = server.open(`${PY}@task_failure.connect\n${header}\n${PY_BELOW}`, 'python', 'py');
    const diagnostics = await server.client.pullDiagnostics(uri);
    const blamed = diagnostics.filter((d: any) => /task_failure/.test(d.message));
    assert.deepEqual(blamed.map((d: any) => d.message), [], `after \`${header}\``);
  }
});

test('a half-typed TypeScript handler above a complete one blames nothing on it', async () => {
  for (const header of ['task_failure.connect(', 'task_failure.connect(({ ', 'task_failure.connect((sender, ', 'task_failure.connect(({ task_id }) => {']) {
    const { uri } = server.open(`${TS}${header}\n${TS_BELOW}`, 'typescript', 'ts');
    const diagnostics = await server.client.pullDiagnostics(uri);
    const blamed = diagnostics.filter((d: any) => d.severity <= 2);
    assert.deepEqual(blamed.map((d: any) => `${d.code}: ${d.message}`), [], `after \`${header}\``);
  }
});
