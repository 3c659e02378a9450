// What a hostile workspace or a broken client can send: catalog paths pointing outside the workspace
// or at pipes and devices, malformed parameters, documents of the wrong shape, positions out of range,
// a corrupt stream and very large documents. The server must refuse clearly and keep serving.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, withServer } from './lspClient';

const HANDLER = 'from celery.signals import task_failure\n\n@task_failure.connect\ndef on_failure(sender, task_id):\n    pass\n';
const CATALOG = JSON.stringify({ catalogVersion: 1, signals: [{ name: 'order_paid', access: { kind: 'module', modules: ['shop.signals'] }, params: [{ name: 'order' }] }] });
const USES_CATALOG = 'from shop.signals import order_paid\n\n@order_paid.connect\ndef on_paid(sender, order, amount, **kwargs):\n    pass\n';

function tempDir(prefix: string): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
}

async function codesOf(client: LspClient, uri: string, text: string): Promise<string[]> {
  client.open(uri, text);
  return (await client.pullDiagnostics(uri)).map((d) => d.code);
}

test('catalog paths outside the workspace are refused unless the user named them; content is never quoted', async () => {
  const workspace = tempDir('celery-signals-ws-');
  const outside = tempDir('celery-signals-outside-');
  const secret = path.join(outside, 'secret.json');
  fs.writeFileSync(secret, 'PASSWORD=hunter2\n');
  fs.writeFileSync(path.join(outside, 'shop.json'), CATALOG);
  fs.symlinkSync(path.join(outside, 'shop.json'), path.join(workspace, 'linked.json'));
  const hostile = [secret, '../' + path.basename(outside) + '/shop.json', 'linked.json', '/etc/passwd', '/proc/self/environ', '/dev/zero'];
  const client = await LspClient.start({ pullDiagnostics: true, rootPath: workspace, settings: { catalogs: hostile } });
  try {
    assert.deepEqual(await codesOf(client, 'file:///ws/a.py', USES_CATALOG), [], 'no hostile catalog may have been loaded');
    await client.waitFor((m) => m.method === 'window/showMessage' && /dev\/zero/.test(m.params.message), 15_000, true);
    const said = client.notifications.filter((m) => m.method === 'window/showMessage').map((m) => m.params.message as string);
    assert.equal(said.length, hostile.length, said.join('\n'));
    for (const message of said) assert.match(message, /outside the workspace folders|does not exist/);
    const published = client.notifications.filter((m) => m.method === 'textDocument/publishDiagnostics').map((m) => m.params.uri as string);
    assert.deepEqual(published.filter((uri) => !uri.startsWith('file:///ws/')), [], 'no diagnostics on files the workspace pointed at');
    assert.doesNotMatch(JSON.stringify(client.notifications), /hunter2|root:x:/);

    // The same absolute path is read when it comes from the user's own settings.
    client.settings = { catalogs: [path.join(outside, 'shop.json')], userCatalogs: [path.join(outside, 'shop.json')] };
    client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor((m) => m.method === 'workspace/diagnostic/refresh');
    assert.deepEqual(await codesOf(client, 'file:///ws/b.py', USES_CATALOG), ['param-not-provided']);
    assert.equal(await client.shutdown(), 0);
  } finally {
    client.kill();
    fs.rmSync(workspace, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  }
});

test('a FIFO or an oversized catalog inside the workspace is refused at once with a message', { skip: process.platform === 'win32' }, async () => {
  const workspace = tempDir('celery-signals-ws-');
  spawnSync('mkfifo', [path.join(workspace, 'pipe.json')]);
  fs.writeFileSync(path.join(workspace, 'huge.json'), Buffer.alloc(6 * 1024 * 1024, 0x20));
  const client = await LspClient.start({ pullDiagnostics: true, rootPath: workspace, settings: { catalogs: ['pipe.json', 'huge.json'] } });
  try {
    const pipe = await client.waitFor((m) => m.method === 'window/showMessage' && /pipe\.json/.test(m.params.message), 15_000, true);
    assert.match(pipe.params.message, /named pipe \(FIFO\); only regular files are read/);
    const huge = await client.waitFor((m) => m.method === 'window/showMessage' && /huge\.json/.test(m.params.message), 15_000, true);
    assert.match(huge.params.message, /6\.0 MB; the limit is 5\.0 MB/);
    assert.ok((await codesOf(client, 'file:///ws/a.py', HANDLER)).includes('missing-var-kwargs'));
    assert.equal(await client.shutdown(), 0);
  } finally {
    client.kill();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
});

test('malformed parameters answer InvalidParams; bad documents are refused; positions are checked', async () => {
  await withServer({ pullDiagnostics: true }, async (client) => {
    const uri = 'file:///project/doc.py';
    client.open(uri, HANDLER);
    const invalid = (e: any) => e.code === -32602;
    const position = { line: 0, character: 0 };
    for (const params of [
      { textDocument: null, position },
      { textDocument: { uri: 3 }, position },
      { textDocument: { uri }, position: null },
      { textDocument: { uri }, position: { line: -1, character: 0 } },
      { textDocument: { uri }, position: { line: 0.5, character: 0 } },
      { textDocument: { uri }, position: { line: '0', character: 0 } },
    ]) {
      await assert.rejects(client.request('textDocument/hover', params), invalid, JSON.stringify(params));
      await assert.rejects(client.request('textDocument/completion', params), invalid, JSON.stringify(params));
    }
    await assert.rejects(client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: null }, context: { diagnostics: [] } }), invalid);
    await assert.rejects(client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: {} }), invalid);
    await assert.rejects(client.request('textDocument/diagnostic', { textDocument: {} }), invalid);

    // A didOpen with a non-string text, or a didChange of the wrong shape, leaves the document alone.
    const bad = 'file:///project/bad.py';
    client.notify('textDocument/didOpen', { textDocument: { uri: bad, languageId: 'python', version: 1, text: 42 } });
    assert.deepEqual(await client.pullDiagnostics(bad), []);
    client.change(uri, 2, [{ text: 7 }]);
    client.change(uri, 2, [{ range: { start: position, end: { line: null, character: 0 } }, text: 'x' }]);
    assert.ok((await client.pullDiagnostics(uri)).some((d) => d.code === 'missing-var-kwargs'));

    // Positions past the end of a line or the document are clamped: every edit range stays in the text.
    const lines = HANDLER.split('\n');
    for (const far of [{ line: 3, character: 10_000 }, { line: 10_000, character: 5 }, { line: 2 ** 31 - 1, character: 2 ** 31 - 1 }]) {
      const list = await client.request('textDocument/completion', { textDocument: { uri }, position: far });
      for (const item of list?.items ?? []) {
        for (const edit of [item.textEdit, ...(item.additionalTextEdits ?? [])].filter(Boolean)) {
          const range = edit.range ?? edit.replace;
          for (const p of [range.start, range.end]) {
            assert.ok(Number.isInteger(p.line) && p.line < lines.length, JSON.stringify(edit));
            assert.ok(Number.isInteger(p.character) && p.character <= lines[p.line].length, JSON.stringify(edit));
          }
        }
      }
      await client.request('textDocument/hover', { textDocument: { uri }, position: far });
    }
  });
});

test('a frame without Content-Length makes the server exit so the client can restart it', async () => {
  const client = await LspClient.start();
  client.writeRaw('Content-Type: application/vscode-jsonrpc\r\n\r\n{"jsonrpc":"2.0","id":1,"method":"shutdown"}');
  assert.equal(await client.exited, 1);
  assert.match(client.stderr, /input stream is corrupt \(a message header has no Content-Length\)/);
});

test('a document whose analysis is slow moves off the main thread and is still checked as it is edited', async () => {
  // Any analysis is over a 1 ms budget: the document goes to the analysis thread after its first one.
  process.env.CELERY_SIGNALS_ANALYSIS_LIMIT_MS = '1';
  const client = await LspClient.start({ pullDiagnostics: true });
  delete process.env.CELERY_SIGNALS_ANALYSIS_LIMIT_MS;
  try {
    const uri = 'file:///project/slow.py';
    const text = HANDLER.repeat(200);
    client.open(uri, text);
    const first = await client.pullDiagnostics(uri);
    assert.equal(first.filter((d) => d.code === 'missing-var-kwargs').length, 200);
    client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '#\n' }]);
    const edited = await client.pullDiagnostics(uri);
    assert.deepEqual(
      edited.map((d) => d.range.start.line),
      first.map((d) => d.range.start.line + 1),
      'the edit is analysed: every diagnostic moved down a line',
    );
    assert.ok(!client.notifications.some((m) => m.method === 'window/showMessage' && /slow\.py/.test(m.params.message)), 'nothing is skipped');
    assert.equal(await client.shutdown(), 0);
  } finally {
    client.kill();
  }
});

test('very large documents get a clear message and do not block other documents', async () => {
  await withServer({ pullDiagnostics: true }, async (client) => {
    const huge = 'file:///project/fifty_mb.py';
    client.open(huge, '#'.repeat(50 * 1024 * 1024));
    assert.deepEqual(await client.pullDiagnostics(huge), []);
    const message = await client.waitFor((m) => m.method === 'window/showMessage' && /fifty_mb\.py/.test(m.params.message), 30_000, true);
    assert.match(message.params.message, /not checked because it is larger than 2 MB/);
    const normal = 'file:///project/normal.py';
    assert.ok((await codesOf(client, normal, HANDLER)).includes('missing-var-kwargs'));
  });
});
