// The fix-all source action (what `editor.codeActionsOnSave` applies) and the status notification
// behind VS Code's language status item, over the real server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { withServer } from './lspClient';
import { applyEdits } from './fixtureText';

const wholeDocument = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

async function fixAll(client: any, uri: string, only: string[]) {
  return (await client.request('textDocument/codeAction', { textDocument: { uri }, range: wholeDocument, context: { diagnostics: [], only } })) as any[];
}

test('fix-all: every preferred fix at once, asked for as source.fixAll; never in the light bulb', () =>
  withServer({ pullDiagnostics: true }, async (client) => {
    const uri = 'file:///project/fix_all.py';
    const text =
      'from celery.signals import task_failure, worker_ready\n\n\n' +
      '@task_failure.connect\ndef failed(sender, exc):\n    print(exc)\n\n\n' +
      '@worker_ready.connect\nasync def ready(sender):\n    pass\n';
    client.open(uri, text, 'python');
    const [action] = await fixAll(client, uri, ['source.fixAll']);
    assert.equal(action?.kind, 'source.fixAll.celerySignals');
    const fixed = applyEdits(text, action.edit.changes[uri]);
    assert.equal(
      fixed,
      'from celery.signals import task_failure, worker_ready\n\n\n' +
        '@task_failure.connect\ndef failed(sender, exception, **kw):\n    print(exception)\n\n\n' +
        '@worker_ready.connect\ndef ready(sender, **kwargs):\n    pass\n',
    );
    client.change(uri, 2, [{ text: fixed }]);
    assert.deepEqual((await client.pullDiagnostics(uri)).filter((d: any) => d.severity <= 2).map((d: any) => d.code), []);
    assert.deepEqual(await fixAll(client, uri, ['source.fixAll.celerySignals']), [], 'nothing left to fix');

    const bulb = (await client.request('textDocument/codeAction', { textDocument: { uri }, range: wholeDocument, context: { diagnostics: [] } })) as any[];
    assert.ok(!bulb.some((a) => a.kind?.startsWith('source.')), 'source actions only when asked for');
  }));

test('status: the assumed Celery version and where it comes from, and catalog problems', async () => {
  await withServer({ pullDiagnostics: true }, async (client) => {
    const status = await client.waitFor((m) => m.method === 'celerySignals/status', 15_000, true);
    assert.equal(status.params.celeryVersionSource, 'catalog-latest');
    assert.match(status.params.celeryVersion, /^\d+\.\d+\.\d+$/);
    assert.deepEqual(status.params.catalogProblems, []);
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'celery-signals-status-'));
  const broken = path.join(dir, 'broken.celery-signals.json');
  fs.writeFileSync(broken, '{ "signals": [');
  await withServer({ pullDiagnostics: true, settings: { celeryVersion: '4.4.0', catalogs: [broken] } }, async (client) => {
    const status = await client.waitFor((m) => m.method === 'celerySignals/status', 15_000, true);
    assert.equal(status.params.celeryVersion, '4.4.0');
    assert.equal(status.params.celeryVersionSource, 'setting');
    assert.equal(status.params.catalogProblems.length, 1);
    assert.match(status.params.catalogProblems[0], /broken\.celery-signals\.json/);
  });
});
