// Large documents are analysed on the server's analysis thread. These cases hold such an analysis
// half-way (CELERY_SIGNALS_TEST_HOLD: the thread waits until the client sends a release) so that what
// happens meanwhile is observed in a fixed order, never raced against a clock: requests on other
// documents are answered, a newer version replaces the one waiting, a cancelled request is answered
// RequestCancelled and its work is dropped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient, type ServerMessage, type StartOptions } from './lspClient';
import { HOLD, withHoldingServer } from './holdingServer';

const HANDLER = 'from celery.signals import task_failure\n\n@task_failure.connect\ndef on_failure(sender, task_id):\n    pass\n';
const FIXED = 'from celery.signals import task_failure\n\n@task_failure.connect\ndef on_failure(sender, task_id, **kwargs):\n    pass\n';
/** Over the size that sends a document to the analysis thread (64 KB). */
const LARGE_REPEATS = Math.ceil((70 * 1024) / HANDLER.length);

function large(handler: string, hold: boolean): string {
  const module = Array.from({ length: LARGE_REPEATS }, (_, i) => handler.replace('on_failure', `on_failure_${i}`)).join('\n');
  return hold ? `${HOLD}\n${module}` : module;
}

/**
 * These cases are about the complete analysis, so the early diagnostics of a large document's top
 * part are turned off (early.test.ts is about those).
 */
async function startWithoutEarlyDiagnostics(options: StartOptions): Promise<LspClient> {
  process.env.CELERY_SIGNALS_EARLY_LINES = '0';
  try {
    return await LspClient.start(options);
  } finally {
    delete process.env.CELERY_SIGNALS_EARLY_LINES;
  }
}

const held = (uri: string, version?: number) => (m: ServerMessage) =>
  m.method === 'celerySignals/test/held' && m.params.uri === uri && (version === undefined || m.params.version === version);
/** What is wrong, leaving out the hints that list parameters a handler may still add. */
const problems = (diagnostics: { severity: number }[]) => diagnostics.filter((d) => d.severity !== 4);
const published = (uri: string) => (m: ServerMessage) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri;

test('hover and completion on another document are answered while a large one is being analysed', async () => {
  await withHoldingServer({ pullDiagnostics: false, earlyDiagnostics: false }, async (client) => {
    const small = 'file:///project/small.py';
    client.open(small, HANDLER);
    assert.ok((await client.nextDiagnostics(small, 1)).some((d) => d.code === 'missing-var-kwargs'));

    const big = 'file:///project/big.py';
    client.open(big, large(HANDLER, true));
    await client.waitFor(held(big, 1));
    const hover = await client.request('textDocument/hover', { textDocument: { uri: small }, position: { line: 2, character: 3 } });
    assert.match(hover.contents.value, /task_failure/);
    const completion = await client.request('textDocument/completion', { textDocument: { uri: small }, position: { line: 3, character: 30 } });
    assert.ok(completion.items.some((item: { label: string }) => /kwargs/.test(item.label)), 'the missing **kwargs is offered');
    // An edit of the small document is analysed meanwhile too.
    client.change(small, 2, [{ text: FIXED }]);
    assert.deepEqual(problems(await client.nextDiagnostics(small, 2)), []);
    assert.equal(client.notifications.filter(published(big)).length, 0, 'the large document is still being analysed');

    client.notify('celerySignals/test/release', {});
    const diagnostics = await client.nextDiagnostics(big, 1);
    assert.equal(diagnostics.filter((d) => d.code === 'missing-var-kwargs').length, LARGE_REPEATS);
  });
});

test('after a settings change, a hover on an analysed large document does not wait behind another one', async () => {
  await withHoldingServer({ pullDiagnostics: false, earlyDiagnostics: false }, async (client) => {
    const first = 'file:///project/first_large.py';
    client.open(first, large(HANDLER, false));
    await client.nextDiagnostics(first, 1);
    // A first hover brings the document's model over from the analysis thread.
    await client.request('textDocument/hover', { textDocument: { uri: first }, position: { line: 2, character: 3 } });
    const second = 'file:///project/second_large.py';
    client.open(second, large(HANDLER, true));
    await client.waitFor(held(second, 1));

    // Every analysis is out of date now; the first document's fresh one queues behind the held one.
    client.settings = { severity: { 'missing-var-kwargs': 'hint' } };
    const asked = client.waitFor((m) => m.method === 'workspace/configuration');
    client.notify('workspace/didChangeConfiguration', { settings: null });
    await asked;
    const hover = await client.request('textDocument/hover', { textDocument: { uri: first }, position: { line: 2, character: 3 } });
    assert.match(hover.contents.value, /task_failure/);
    assert.equal(client.notifications.filter(published(second)).length, 0, 'the other document is still held');

    client.notify('celerySignals/test/release', {});
    const republished = await client.waitFor((m) => published(first)(m) && m.params.diagnostics.some((d: { code: string; severity: number }) => d.code === 'missing-var-kwargs' && d.severity === 4), 30_000, true);
    assert.equal(republished.params.version, 1, 'the first document is analysed again under the new settings');
  });
});

test("a hover on a large document reads its model in parts: a hover on another document sent just after it is answered first", async () => {
  await withHoldingServer({ pullDiagnostics: false, earlyDiagnostics: false }, async (client) => {
    const small = 'file:///project/small.py';
    client.open(small, HANDLER);
    await client.nextDiagnostics(small, 1);
    const big = 'file:///project/big.py';
    const pushed = client.waitFor((m) => m.method === 'celerySignals/test/modelPushed' && m.params.uri === big);
    client.open(big, large(HANDLER, false));
    await client.nextDiagnostics(big, 1);
    // The thread sends the model once it has nothing else to do: read at once, it would hold the main
    // thread until the hover on it is answered, and the one on the small document would come second.
    await pushed;
    const answered: string[] = [];
    const onBig = client.request('textDocument/hover', { textDocument: { uri: big }, position: { line: 2, character: 3 } }).then((hover) => (answered.push('big'), hover));
    const onSmall = client.request('textDocument/hover', { textDocument: { uri: small }, position: { line: 2, character: 3 } }).then((hover) => (answered.push('small'), hover));
    const [bigHover, smallHover] = await Promise.all([onBig, onSmall]);
    assert.match(bigHover.contents.value, /task_failure/);
    assert.match(smallHover.contents.value, /task_failure/);
    assert.deepEqual(answered, ['small', 'big']);
  });
});

test('a newer version replaces the one waiting, and a superseded analysis is not published', async () => {
  await withHoldingServer({ pullDiagnostics: false, earlyDiagnostics: false }, async (client) => {
    const uri = 'file:///project/typing.py';
    client.open(uri, large(HANDLER, true));
    await client.waitFor(held(uri, 1));
    // Version 2 holds the marker too: had it been analysed, it would have been held as well.
    client.change(uri, 2, [{ text: large(HANDLER, true).replace('task_id', 'task_id, args') }]);
    client.change(uri, 3, [{ text: large(FIXED, false) }]);
    await client.waitFor((m) => m.method === 'celerySignals/test/queued' && m.params.uri === uri && m.params.version === 3, 15_000, true);
    client.notify('celerySignals/test/release', {});

    const message = await client.waitFor(published(uri), 30_000, true);
    assert.equal(message.params.version, 3);
    assert.deepEqual(problems(message.params.diagnostics), []);
    assert.deepEqual(
      client.notifications.filter((m) => m.method === 'celerySignals/test/held').map((m) => m.params.version),
      [1],
      'version 1 was stopped and version 2 never started',
    );
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 3 } });
    assert.match(hover.contents.value, /task_failure/);
    assert.deepEqual(client.notifications.filter(published(uri)).map((m) => m.params.version), [3]);
  });
});

test('a cancelled request is answered RequestCancelled and the analysis it waited for is dropped', async () => {
  await withHoldingServer({ pullDiagnostics: true, earlyDiagnostics: false }, async (client) => {
    const uri = 'file:///project/cancelled.py';
    client.open(uri, large(HANDLER, true));
    client.write({ jsonrpc: '2.0', id: 'pull-1', method: 'textDocument/diagnostic', params: { textDocument: { uri } } });
    await client.waitFor(held(uri, 1));
    client.notify('$/cancelRequest', { id: 'pull-1' });
    const answer = await client.waitFor((m) => m.id === 'pull-1');
    assert.equal(answer.error?.code, -32800);

    client.notify('celerySignals/test/release', {});
    const pulled = client.pullDiagnostics(uri);
    // The dropped analysis is started again for the new request (and held again): it was not kept.
    await client.waitFor((m) => held(uri, 1)(m) && client.notifications.filter(held(uri)).length === 2);
    client.notify('celerySignals/test/release', {});
    assert.equal((await pulled).filter((d) => d.code === 'missing-var-kwargs').length, LARGE_REPEATS);
  });
});

/** The edited document's diagnostics, checked against a fresh open of its text under another name. */
async function asFreshOpen(client: LspClient, uri: string, text: string): Promise<{ code: string }[]> {
  const edited = await client.pullDiagnostics(uri);
  const fresh = uri.replace(/\.py$/, '_fresh.py');
  client.open(fresh, text);
  assert.equal(JSON.stringify(await client.pullDiagnostics(fresh)).replaceAll(fresh, uri), JSON.stringify(edited));
  return edited;
}

test('edits of a document analysed on the analysis thread give what a fresh open gives', async () => {
  const client = await startWithoutEarlyDiagnostics({ pullDiagnostics: true });
  try {
    const uri = 'file:///project/edited_large.py';
    let text = large(HANDLER, false);
    client.open(uri, text);
    const unfitting = (diagnostics: { code: string }[]) => diagnostics.filter((d) => d.code === 'missing-var-kwargs').length;
    assert.equal(unfitting(await client.pullDiagnostics(uri)), LARGE_REPEATS);
    // Fix every tenth handler, one edit at a time, then break the first one differently.
    let version = 1;
    const lines = text.split('\n');
    for (let line = 0; line < lines.length; line++) {
      if (!lines[line].startsWith('def on_failure_') || Number(/_(\d+)\(/.exec(lines[line])![1]) % 10 !== 0) continue;
      const character = lines[line].indexOf('task_id') + 'task_id'.length;
      client.change(uri, ++version, [{ range: { start: { line, character }, end: { line, character } }, text: ', **kwargs' }]);
      lines[line] = `${lines[line].slice(0, character)}, **kwargs${lines[line].slice(character)}`;
    }
    text = lines.join('\n');
    const edited = await asFreshOpen(client, uri, text);
    assert.equal(unfitting(edited), LARGE_REPEATS - Math.ceil(LARGE_REPEATS / 10));
    assert.equal(await client.shutdown(), 0);
  } finally {
    client.kill();
  }
});

test('keystrokes analysed one by one on the analysis thread, which gets only what each replaced, give what a fresh open gives', async () => {
  const client = await LspClient.start({ pullDiagnostics: true });
  try {
    const uri = 'file:///project/typed_large.py';
    let text = large(HANDLER, false);
    client.open(uri, text);
    await client.pullDiagnostics(uri);
    const at = (offset: number) => {
      const before = text.slice(0, offset).split('\n');
      return { line: before.length - 1, character: before[before.length - 1].length };
    };
    // Typed, deleted, a line break, a block removed across lines, one change of two edits: each analysed on its own.
    const steps: ((text: string) => { start: number; end: number; inserted: string })[][] = [
      [(t) => ({ start: t.indexOf('task_id)'), end: t.indexOf('task_id)'), inserted: 'x' })],
      [(t) => ({ start: t.indexOf('xtask_id)'), end: t.indexOf('xtask_id)') + 1, inserted: '' })],
      [(t) => ({ start: t.indexOf('def on_failure_3('), end: t.indexOf('def on_failure_3('), inserted: '\n\n' })],
      [(t) => ({ start: t.indexOf('@task_failure', t.length / 2), end: t.indexOf('pass', t.length / 2) + 4, inserted: '' })],
      [() => ({ start: 0, end: 0, inserted: 'import os\n' }), (t) => ({ start: t.lastIndexOf('task_id)'), end: t.lastIndexOf('task_id)') + 7, inserted: 'task_id, **kwargs' })],
    ];
    let version = 1;
    for (const changes of steps) {
      const contentChanges = [];
      for (const step of changes) {
        const change = step(text);
        assert.ok(change.start >= 0 && change.end >= change.start);
        contentChanges.push({ range: { start: at(change.start), end: at(change.end) }, text: change.inserted });
        text = text.slice(0, change.start) + change.inserted + text.slice(change.end);
      }
      client.change(uri, ++version, contentChanges);
      await client.pullDiagnostics(uri);
    }
    assert.ok((await asFreshOpen(client, uri, text)).length > 0);
    assert.equal(await client.shutdown(), 0);
  } finally {
    client.kill();
  }
});

test('the analysis thread parses without the time limit that guards the main thread', async () => {
  // A busy machine can take seconds to parse a large module. The main thread gives up after its limit
  // (it answers requests); the analysis thread must not, or a large document opened under load is
  // reported as not checked. A 1 ms limit here shows which thread has one.
  process.env.CELERY_SIGNALS_PARSE_TIME_LIMIT_MS = '1';
  const client = await startWithoutEarlyDiagnostics({ pullDiagnostics: false });
  delete process.env.CELERY_SIGNALS_PARSE_TIME_LIMIT_MS;
  try {
    const uri = 'file:///project/parsed_slowly.py';
    client.open(uri, large(HANDLER, false));
    const diagnostics = await client.nextDiagnostics(uri, 1);
    assert.equal(diagnostics.filter((d) => d.code === 'missing-var-kwargs').length, LARGE_REPEATS);
    assert.deepEqual(
      client.notifications.filter((m) => m.method === 'window/showMessage' && /not checked/.test(m.params.message)),
      [],
    );
    assert.equal(await client.shutdown(), 0);
  } finally {
    client.kill();
  }
});

test('the analysis thread stops once it holds no document, and starts again for the next large one', async () => {
  process.env.CELERY_SIGNALS_WORKER_IDLE_MS = '200';
  try {
    await withHoldingServer({ pullDiagnostics: false, earlyDiagnostics: false }, async (client) => {
      const stopped = (m: ServerMessage) => m.method === 'celerySignals/test/stopped';
      const unfitting = (diagnostics: { code: string }[]) => diagnostics.filter((d) => d.code === 'missing-var-kwargs').length;
      const uri = 'file:///project/idle_large.py';
      const first = client.nextDiagnostics(uri, 1);
      client.open(uri, large(HANDLER, false));
      assert.equal(unfitting(await first), LARGE_REPEATS);
      // Open for several idle periods: the thread keeps the document's tree, so it is not stopped.
      const stopsBefore = client.notifications.filter(stopped).length;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      assert.equal(client.notifications.filter(stopped).length, stopsBefore, 'stopped while it held an open document');
      client.notify('textDocument/didClose', { textDocument: { uri } });
      await client.waitFor(stopped);
      const again = 'file:///project/idle_large_again.py';
      const fixed = client.nextDiagnostics(again, 1);
      client.open(again, large(FIXED, false));
      assert.deepEqual(problems(await fixed), []);
      const reopened = client.nextDiagnostics(uri, 1);
      client.open(uri, large(HANDLER, false));
      assert.equal(unfitting(await reopened), LARGE_REPEATS);
    });
  } finally {
    delete process.env.CELERY_SIGNALS_WORKER_IDLE_MS;
  }
});

test('requests on a document analysed on the analysis thread read the model of its current version, fetched when they need it', async () => {
  const client = await startWithoutEarlyDiagnostics({ pullDiagnostics: true });
  try {
    const uri = 'file:///project/moved_large.py';
    client.open(uri, large(HANDLER, false));
    await client.pullDiagnostics(uri);
    // Three lines above everything: only the findings crossed for the diagnostics, so the model the
    // requests below read must be this version's, fetched from the thread, not the first one's.
    client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n\n\n' }]);
    const diagnostics = await client.pullDiagnostics(uri);
    const first = diagnostics.find((d: { code: string }) => d.code === 'missing-var-kwargs');
    assert.equal(first.range.start.line, 6);
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 3 } });
    assert.match(hover.contents.value, /task_failure/);
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: first.range, context: { diagnostics: [first], only: ['quickfix'] } });
    const fix = actions.find((a: any) => a.diagnostics?.some((d: any) => d.code === 'missing-var-kwargs'));
    const edit = fix.edit.changes[uri][0];
    const header = 'def on_failure_0(sender, task_id):';
    assert.deepEqual([edit.range.start.line, edit.range.start.character, edit.newText], [6, header.indexOf(')'), ', **kw']);
    assert.equal(await client.shutdown(), 0);
  } finally {
    client.kill();
  }
});

test("the memory report gives each thread's heap next to the process's resident memory, and the analysis thread's young generation stays small", async () => {
  const client = await LspClient.start({ pullDiagnostics: true });
  try {
    const uri = 'file:///project/memory_large.py';
    client.open(uri, large(HANDLER, false));
    await client.pullDiagnostics(uri);
    const memory = await client.request('celerySignals/memoryUsage', null);
    const { main, analysis } = memory.threads;
    for (const heap of [main, analysis]) assert.ok(heap.used > 0 && heap.used <= heap.total, JSON.stringify(heap));
    assert.ok(memory.rss > main.total + analysis.total, 'both heaps are part of the resident memory');
    // The test's server starts without Node options, as another editor may start it, and the analysis
    // thread's young generation still stays at 1 MB a half (SERVER_V8_FLAGS). Sized by the Worker's
    // resourceLimits instead, it had grown to 8 MB by the end of this one analysis.
    assert.ok(analysis.youngGeneration > 0 && analysis.youngGeneration <= 2 * 1024 * 1024, JSON.stringify(analysis));
    assert.equal(await client.shutdown(), 0);
  } finally {
    client.kill();
  }
});
