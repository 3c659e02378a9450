// On opening a large Python document the server publishes diagnostics for its top part at once and
// the complete ones when the analysis thread is done, both for the opened version. The complete
// analysis is held half-way (CELERY_SIGNALS_TEST_HOLD) so that what is published meanwhile is
// observed in a fixed order: the early diagnostics must all be among the complete ones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ServerMessage } from './lspClient';
import { HOLD, withHoldingServer } from './holdingServer';

const HANDLER = 'from celery.signals import task_failure\n\n@task_failure.connect\ndef on_failure(sender, task_id):\n    pass\n';
/** Over the size that sends a document to the analysis thread (64 KB). */
const REPEATS = Math.ceil((70 * 1024) / HANDLER.length);

/** `between` goes after the first `after` handlers. */
function large(between = '', after = 10): string {
  const handlers = Array.from({ length: REPEATS }, (_, i) => HANDLER.replace('on_failure', `on_failure_${i}`));
  return `${HOLD}\n${handlers.slice(0, after).join('\n')}\n${between}${handlers.slice(after).join('\n')}`;
}

const held = (uri: string) => (m: ServerMessage) => m.method === 'celerySignals/test/held' && m.params.uri === uri;
const published = (uri: string) => (m: ServerMessage) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri;
const shown = (d: { code: string; severity: number; message: string; range: unknown }) => JSON.stringify([d.code, d.severity, d.message, d.range]);

test('the top of a large module is published first, and every early diagnostic is among the complete ones', async () => {
  await withHoldingServer({ pullDiagnostics: false }, async (client) => {
    const uri = 'file:///project/large_handlers.py';
    client.open(uri, large());
    await client.waitFor(held(uri));
    const early = await client.waitFor(published(uri), 15_000, true);
    assert.equal(early.params.version, 1);
    const unfitting = (diagnostics: { code: string }[]) => diagnostics.filter((d) => d.code === 'missing-var-kwargs').length;
    // The top part's handlers, not the whole module's.
    assert.ok(unfitting(early.params.diagnostics) > 0 && unfitting(early.params.diagnostics) < REPEATS / 10, `${unfitting(early.params.diagnostics)} early`);
    for (const d of early.params.diagnostics) assert.ok(d.range.start.line < 200, `line ${d.range.start.line} is not in the top part`);

    client.notify('celerySignals/test/release', {});
    const complete = await client.waitFor((m) => published(uri)(m) && m !== early, 30_000, true);
    assert.equal(complete.params.version, 1);
    assert.equal(unfitting(complete.params.diagnostics), REPEATS);
    const all = new Set(complete.params.diagnostics.map(shown));
    assert.deepEqual(early.params.diagnostics.map(shown).filter((d: string) => !all.has(d)), []);
    assert.equal(client.notifications.filter(published(uri)).length, 2);
  });
});

test('a top part that does not parse cleanly publishes nothing early', async () => {
  await withHoldingServer({ pullDiagnostics: false }, async (client) => {
    const small = 'file:///project/small.py';
    client.open(small, HANDLER);
    await client.nextDiagnostics(small, 1);
    // Column-0 lines inside a string: a cut there leaves the string open. The handlers above it
    // would give findings if the top part were analysed anyway.
    const docstring = `"""${'\nnotes written at the start of a line'.repeat(300)}\n"""\n`;
    const uri = 'file:///project/documented_handlers.py';
    client.open(uri, large(docstring));
    await client.waitFor(held(uri));
    // Answered after anything the open started on the main thread.
    await client.request('textDocument/hover', { textDocument: { uri: small }, position: { line: 2, character: 3 } });
    assert.equal(client.notifications.filter(published(uri)).length, 0);
    client.notify('celerySignals/test/release', {});
    const complete = await client.nextDiagnostics(uri, 1);
    assert.equal(complete.filter((d) => d.code === 'missing-var-kwargs').length, REPEATS);
  });
});

test('a document the complete analysis skips as binary gets nothing early', async () => {
  await withHoldingServer({ pullDiagnostics: false }, async (client) => {
    const small = 'file:///project/small.py';
    client.open(small, HANDLER);
    await client.nextDiagnostics(small, 1);
    const uri = 'file:///project/binary_looking.py';
    // Below the top part, so that its parse is clean, but among the first 8 KB the skip looks at.
    const text = large('# \u0000\n', 40);
    assert.ok(text.indexOf('\u0000') < 8192 && text.split('\n').findIndex((line) => line.includes('\u0000')) > 150);
    client.open(uri, text);
    await client.waitFor(held(uri));
    await client.request('textDocument/hover', { textDocument: { uri: small }, position: { line: 2, character: 3 } });
    assert.equal(client.notifications.filter(published(uri)).length, 0);
    client.notify('celerySignals/test/release', {});
    assert.deepEqual(await client.nextDiagnostics(uri, 1), []);
  });
});

test('a pulling client is answered with the top part first, then asked to pull again for the complete diagnostics', async () => {
  await withHoldingServer({ pullDiagnostics: true }, async (client) => {
    const uri = 'file:///project/pulled_handlers.py';
    client.open(uri, large());
    // Answered while the complete analysis is held on the analysis thread.
    const early = await client.pullDiagnostics(uri);
    const unfitting = (diagnostics: { code: string }[]) => diagnostics.filter((d) => d.code === 'missing-var-kwargs').length;
    assert.ok(unfitting(early) > 0 && unfitting(early) < REPEATS / 10, `${unfitting(early)} early`);
    await client.waitFor(held(uri), 15_000, true);
    const refresh = client.waitFor((m) => m.method === 'workspace/diagnostic/refresh', 30_000);
    client.notify('celerySignals/test/release', {});
    await refresh;
    const complete = await client.pullDiagnostics(uri);
    assert.equal(unfitting(complete), REPEATS);
    const all = new Set(complete.map(shown));
    assert.deepEqual(early.map(shown).filter((d: string) => !all.has(d)), []);
  });
});

test('the early diagnostics reach down to the lines the editor says it shows', async () => {
  await withHoldingServer({ pullDiagnostics: true }, async (client) => {
    const uri = 'file:///project/scrolled_handlers.py';
    client.open(uri, large());
    client.notify('celerySignals/visibleRanges', { textDocument: { uri }, ranges: [{ start: { line: 400, character: 0 }, end: { line: 450, character: 0 } }] });
    // A malformed notification is refused without harm.
    client.notify('celerySignals/visibleRanges', { textDocument: { uri }, ranges: [{ start: { line: -1 } }] });
    const early = await client.pullDiagnostics(uri);
    const lines = early.filter((d) => d.code === 'missing-var-kwargs').map((d) => d.range.start.line);
    assert.ok(lines.some((line) => line >= 400 && line <= 450), `early lines: ${lines.join(', ')}`);
    assert.ok(lines.every((line) => line < 600), `early lines: ${lines.join(', ')}`);
    await client.waitFor(held(uri), 15_000, true);
    const refresh = client.waitFor((m) => m.method === 'workspace/diagnostic/refresh', 30_000);
    client.notify('celerySignals/test/release', {});
    await refresh;
    const all = new Set((await client.pullDiagnostics(uri)).map(shown));
    assert.deepEqual(early.map(shown).filter((d: string) => !all.has(d)), []);
  });
});
