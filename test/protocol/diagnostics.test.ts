// Diagnostics over the real server: push and pull variants, incremental edits, settings changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServer } from './lspClient';
import { positionAt } from './fixtureText';

const BROKEN = `from celery.signals import task_failure


@task_failure.connect
def on_failure(sender, task_id, exception):
    print(task_id, exception)
`;

const codes = (diagnostics: any[]): string[] => diagnostics.map((d) => d.code).sort();

/** An incremental change that inserts `inserted` right after the first `anchor`. */
function insertAfter(text: string, anchor: string, inserted: string) {
  const offset = text.indexOf(anchor) + anchor.length;
  const position = positionAt(text, offset);
  return { text: text.slice(0, offset) + inserted + text.slice(offset), change: { range: { start: position, end: position }, text: inserted } };
}

test('push: diagnostics follow incremental edits', async () => {
  await withServer({ pullDiagnostics: false }, async (client) => {
    const uri = 'file:///project/push_handlers.py';
    client.open(uri, BROKEN);
    const first = await client.nextDiagnostics(uri, 1);
    assert.ok(codes(first).includes('missing-var-kwargs'), `got ${JSON.stringify(codes(first))}`);
    const diagnostic = first.find((d) => d.code === 'missing-var-kwargs');
    assert.equal(diagnostic.source, 'celery-signals');
    assert.equal(diagnostic.severity, 1);

    const fixed = insertAfter(BROKEN, 'exception', ', **kwargs');
    client.change(uri, 2, [fixed.change]);
    const second = await client.nextDiagnostics(uri, 2);
    assert.ok(!codes(second).includes('missing-var-kwargs'), `still reported after the fix: ${JSON.stringify(codes(second))}`);

    // Several quick edits in a row end in diagnostics for the last version.
    const broken = insertAfter(fixed.text, 'def on_failure(', 'x, ');
    client.change(uri, 3, [broken.change]);
    const again = insertAfter(broken.text, 'def on_failure(x, ', 'y, ');
    client.change(uri, 4, [again.change]);
    const last = await client.nextDiagnostics(uri, 4);
    assert.ok(codes(last).includes('param-not-provided'), `got ${JSON.stringify(codes(last))}`);
  });
});

test('pull: the server advertises a diagnostic provider and answers textDocument/diagnostic', async () => {
  await withServer({ pullDiagnostics: true }, async (client) => {
    const init = client.initializeResult;
    assert.equal(init.capabilities.diagnosticProvider?.interFileDependencies, false);
    assert.equal(init.capabilities.textDocumentSync.change, 2, 'incremental sync');
    const uri = 'file:///project/pull_handlers.py';
    client.open(uri, BROKEN);
    assert.ok(codes(await client.pullDiagnostics(uri)).includes('missing-var-kwargs'));
    const fixed = insertAfter(BROKEN, 'exception', ', **kwargs');
    client.change(uri, 2, [fixed.change]);
    assert.ok(!codes(await client.pullDiagnostics(uri)).includes('missing-var-kwargs'));
    // An edit that moves no diagnostic answers "unchanged" to a client that sends its last result id.
    const first = await client.request('textDocument/diagnostic', { textDocument: { uri } });
    const commented = insertAfter(fixed.text, 'print(task_id, exception)', '  # noted');
    client.change(uri, 3, [commented.change]);
    const second = await client.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId });
    assert.deepEqual(second, { kind: 'unchanged', resultId: first.resultId });
    const broken = insertAfter(commented.text, 'task_id, exception', ', x');
    client.change(uri, 4, [broken.change]);
    const third = await client.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId: first.resultId });
    assert.equal(third.kind, 'full');
    assert.notEqual(third.resultId, first.resultId);
    // A pulling client gets no pushed diagnostics.
    assert.equal(client.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics').length, 0);
  });
});

test('configuration: severity overrides apply after didChangeConfiguration (pull client gets a refresh)', async () => {
  await withServer({ pullDiagnostics: true }, async (client) => {
    const uri = 'file:///project/config_handlers.py';
    client.open(uri, BROKEN);
    const before = await client.pullDiagnostics(uri);
    assert.equal(before.find((d) => d.code === 'missing-var-kwargs')?.severity, 1);

    client.settings = { severity: { 'missing-var-kwargs': 'hint' } };
    const refresh = client.waitFor((m) => m.method === 'workspace/diagnostic/refresh');
    const asked = client.waitFor((m) => m.method === 'workspace/configuration');
    client.notify('workspace/didChangeConfiguration', { settings: null });
    await asked;
    await refresh;
    assert.equal((await client.pullDiagnostics(uri)).find((d) => d.code === 'missing-var-kwargs')?.severity, 4);

    client.settings = { severity: { 'missing-var-kwargs': 'off' } };
    client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor((m) => m.method === 'workspace/diagnostic/refresh');
    assert.ok(!codes(await client.pullDiagnostics(uri)).includes('missing-var-kwargs'));

    client.settings = { enable: false };
    client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor((m) => m.method === 'workspace/diagnostic/refresh');
    assert.deepEqual(await client.pullDiagnostics(uri), []);
  });
});

test('configuration: a push client without workspace/configuration uses the pushed settings', async () => {
  await withServer({ pullDiagnostics: false, configuration: false }, async (client) => {
    const uri = 'file:///project/pushed_settings.py';
    client.open(uri, BROKEN);
    assert.ok(codes(await client.nextDiagnostics(uri, 1)).includes('missing-var-kwargs'));
    const next = client.nextDiagnostics(uri, 1);
    client.notify('workspace/didChangeConfiguration', { settings: { celerySignals: { severity: { 'missing-var-kwargs': 'off' } } } });
    assert.ok(!codes(await next).includes('missing-var-kwargs'));
    assert.equal(client.serverRequests.filter((r) => r.method === 'workspace/configuration').length, 0);
  });
});

test('configuration: syntax-error is off in the editor unless the user turns it on', async () => {
  await withServer({ pullDiagnostics: true }, async (client) => {
    const uri = 'file:///project/half_typed.py';
    // The unclosed bracket swallows a handler: the CLI reports it, the editor leaves syntax to the language.
    client.open(uri, `${BROKEN}\nrows = list(r for r in results\n\n@task_failure.connect\ndef later(sender=None, **kwargs):\n    pass\n`);
    const reported = async () => codes(await client.pullDiagnostics(uri)).filter((c) => c !== 'missing-signal-params');
    assert.deepEqual(await reported(), ['missing-var-kwargs']);

    client.settings = { severity: { 'syntax-error': 'information' } };
    const refresh = client.waitFor((m) => m.method === 'workspace/diagnostic/refresh');
    client.notify('workspace/didChangeConfiguration', { settings: null });
    await refresh;
    assert.deepEqual(await reported(), ['missing-var-kwargs', 'syntax-error']);
  });
});
