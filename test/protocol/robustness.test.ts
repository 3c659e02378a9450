// The server must survive what editors and users throw at it: malformed messages, unknown methods,
// requests on unknown documents, huge and binary files, half-typed code; and exit cleanly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, withServer } from './lspClient';
import { withCursor } from './fixtureText';

const HANDLER = 'from celery.signals import task_failure\n\n@task_failure.connect\ndef on_failure(sender, task_id):\n    pass\n';

test('malformed traffic gets errors, not a crash', async () => {
  await withServer({ pullDiagnostics: true }, async (client) => {
    // A body that is not JSON, then a request with a broken shape, then an unknown method.
    const junk = '{"jsonrpc": "2.0", "id": 99, "method": ';
    client.writeRaw(`Content-Length: ${Buffer.byteLength(junk)}\r\n\r\n${junk}`);
    await assert.rejects(client.request('textDocument/hover', { textDocument: null }), /hover/);
    await assert.rejects(client.request('celery/doesNotExist', {}), (e: any) => e.code === -32601);
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: 'file:///never/opened.py' }, position: { line: 0, character: 0 } }), null);
    // Changes to a document that was never opened are ignored.
    client.change('file:///never/opened.py', 2, [{ text: 'x' }]);
    // Still healthy: a normal document analyses.
    const uri = 'file:///project/after_junk.py';
    client.open(uri, HANDLER);
    assert.ok((await client.pullDiagnostics(uri)).some((d) => d.code === 'missing-var-kwargs'));
  });
});

test('huge and binary documents are skipped with one message, others still analysed', async () => {
  await withServer({ pullDiagnostics: false }, async (client) => {
    const huge = 'file:///project/huge.py';
    const line = `${HANDLER}\n`;
    client.open(huge, line.repeat(Math.ceil((2.2 * 1024 * 1024) / line.length)));
    assert.deepEqual(await client.nextDiagnostics(huge), []);
    const message = await client.waitFor((m) => m.method === 'window/showMessage' && /huge\.py/.test(m.params.message), 15_000, true);
    assert.equal(message.params.type, 3);

    const binary = 'file:///project/binary.py';
    client.open(binary, `\u0000\u0001\u0002PNG${HANDLER}\u0000`);
    assert.deepEqual(await client.nextDiagnostics(binary), []);

    const normal = 'file:///project/normal.py';
    client.open(normal, HANDLER);
    assert.ok((await client.nextDiagnostics(normal)).some((d) => d.code === 'missing-var-kwargs'));
    assert.equal(client.notifications.filter((m) => m.method === 'window/showMessage' && /huge\.py/.test(m.params.message)).length, 1);
  });
});

test('half-typed code: completion, hover and actions answer at every offset without errors', async () => {
  await withServer({ pullDiagnostics: true }, async (client) => {
    const text = 'from celery.signals import task_failure, \n\n@task_failure.connect(sender=\ndef on_failure(sender, task_id, \n    if x\n@app.\n';
    const uri = 'file:///project/half_typed.py';
    client.open(uri, text);
    const lines = text.split('\n');
    for (let line = 0; line < lines.length; line++) {
      for (let character = 0; character <= lines[line].length; character += 3) {
        const position = { line, character };
        await client.request('textDocument/completion', { textDocument: { uri }, position });
        await client.request('textDocument/hover', { textDocument: { uri }, position });
        await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } });
      }
    }
    await client.pullDiagnostics(uri);
  });
});

test('invalid user catalogs are reported and the bundled catalog keeps working', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'celery-signals-catalog-'));
  const bad = path.join(dir, 'bad-catalog.json');
  fs.writeFileSync(bad, '{ "catalogVersion": 1, "signals": [ { "name": 3 } ] }');
  const client = await LspClient.start({ pullDiagnostics: false, rootPath: dir, settings: { catalogs: ['bad-catalog.json'] } });
  try {
    const message = await client.waitFor((m) => m.method === 'window/showMessage' && /bad-catalog\.json/.test(m.params.message), 15_000, true);
    assert.equal(message.params.type, 1);
    const catalogDiagnostics = await client.waitFor(
      (m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === pathToFileURL(bad).toString() && m.params.diagnostics.length > 0,
      15_000,
      true,
    );
    assert.equal(catalogDiagnostics.params.diagnostics[0].source, 'celery-signals');
    const uri = 'file:///project/with_bad_catalog.py';
    client.open(uri, HANDLER);
    assert.ok((await client.nextDiagnostics(uri)).some((d) => d.code === 'missing-var-kwargs'));
    assert.equal(await client.shutdown(), 0);
  } finally {
    client.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('docsLanguage auto follows the client locale (zh-cn)', async () => {
  await withServer({ pullDiagnostics: true, locale: 'zh-cn' }, async (client) => {
    const { text, position } = withCursor('from celery.signals import task_failure\n\n@task_fai$0lure.connect\ndef on_failure(sender, **kwargs):\n    pass\n');
    const uri = 'file:///project/zh.py';
    client.open(uri, text);
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position });
    assert.match(hover.contents.value, /关键字参数/);
    client.settings = { docsLanguage: 'en' };
    client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor((m) => m.method === 'workspace/diagnostic/refresh');
    const english = await client.request('textDocument/hover', { textDocument: { uri }, position });
    assert.match(english.contents.value, /Keyword/);
  });
});

test('exit without shutdown ends the process', async () => {
  const client = await LspClient.start();
  client.notify('exit', null);
  assert.equal(await client.exited, 1);
});
