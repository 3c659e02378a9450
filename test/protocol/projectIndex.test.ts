// The real server indexes a multi-module project in the background: it reports progress, shows the
// problems of files that were never opened (pulled through workspace/diagnostic with result ids, or
// pushed to a client that does not pull) and follows files changed on disk.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { fixtureProjects } from '../support/projectFixtures';
import { withServer, type LspClient } from './lspClient';

/** A copy of a fixture project without its annotations, in a fresh folder. */
function projectCopy(name: string): string {
  const project = fixtureProjects().find((p) => p.name === name)!;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `celery-signals-${name}-`));
  for (const [file, text] of project.texts) {
    const target = path.join(root, path.relative(project.root, file));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
  return root;
}

async function workspaceReport(client: LspClient, previousResultIds: { uri: string; value: string }[] = []): Promise<any[]> {
  const report = await client.request('workspace/diagnostic', { previousResultIds });
  return report.items;
}

const codesOf = (item: any) => (item.items ?? []).filter((d: any) => d.severity !== 4).map((d: any) => `${d.code}@${d.range.start.line}:${d.range.start.character}`).sort();

test('pulling client: workspace diagnostics for files never opened, result ids, and disk changes', async () => {
  const root = projectCopy('custom-signals');
  const listeners = pathToFileURL(path.join(root, 'orders/listeners.py')).href;
  await withServer({ rootPath: root, pullDiagnostics: true, projectIndex: true }, async (client) => {
    assert.equal(client.initializeResult.capabilities.diagnosticProvider.workspaceDiagnostics, true);
    const first = await workspaceReport(client);
    const item = first.find((i) => i.uri === listeners);
    assert.equal(item.kind, 'full');
    assert.deepEqual(codesOf(item), ['param-not-provided@7:40', 'param-sometimes-absent@17:29', 'param-sometimes-absent@7:33', 'sender-kind-mismatch@31:35']);
    // Asked again with the result ids it was given, nothing changed.
    const again = await workspaceReport(client, first.map((i) => ({ uri: i.uri, value: i.resultId })));
    assert.ok(again.every((i) => i.kind === 'unchanged'), JSON.stringify(again));
    // The server registered file watchers and reported its progress.
    assert.ok(client.serverRequests.some((m) => m.method === 'client/registerCapability' && m.params.registrations.some((r: any) => r.method === 'workspace/didChangeWatchedFiles')));
    assert.ok(client.serverRequests.some((m) => m.method === 'window/workDoneProgress/create'));
    const progress = client.notifications.filter((m) => m.method === '$/progress').map((m) => m.params.value.kind);
    assert.equal(progress[0], 'begin');
    assert.equal(progress[progress.length - 1], 'end');
    // Every send now passes `coupon`: the receiver that requires it is fine, and says so without being opened.
    const checkout = path.join(root, 'orders/checkout.py');
    fs.writeFileSync(checkout, fs.readFileSync(checkout, 'utf8').replace(/order=order\)/g, 'order=order, coupon=None, total=0)').replace('total=total)', 'total=total, coupon=None)'));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(checkout).href, type: 2 }] });
    const after = await workspaceReport(client, first.map((i) => ({ uri: i.uri, value: i.resultId })));
    const changed = after.find((i) => i.uri === listeners);
    assert.equal(changed.kind, 'full');
    assert.deepEqual(codesOf(changed), ['sender-kind-mismatch@31:35']);
  });
});

test('pushing client: problems of closed files are published once the index is built', async () => {
  const root = projectCopy('tasks-as-senders');
  const hooks = pathToFileURL(path.join(root, 'src/billing/hooks.py')).href;
  await withServer({ rootPath: root, projectIndex: true }, async (client) => {
    const diagnostics = await client.nextDiagnostics(hooks);
    assert.deepEqual(diagnostics.filter((d: any) => d.severity !== 4).map((d: any) => d.code).sort(), ['sender-kind-mismatch', 'sender-kind-mismatch', 'sender-kind-mismatch', 'sender-kind-mismatch']);
  });
});

test('an open document shows what only the whole project shows (a setup_logging receiver in a module it imports)', async () => {
  const root = projectCopy('cross-module-logging');
  const worker = path.join(root, 'ops/worker.py');
  const uri = pathToFileURL(worker).href;
  await withServer({ rootPath: root, projectIndex: true }, async (client) => {
    // The index is built once the closed file's problems arrive.
    const closed = await client.nextDiagnostics(uri);
    assert.ok(closed.some((d: any) => d.code === 'setup-logging-shadows-after-setup'));
    client.open(uri, fs.readFileSync(worker, 'utf8'));
    const open = await client.nextDiagnostics(uri, 1);
    assert.deepEqual(open.filter((d: any) => d.severity !== 4).map((d: any) => d.code).sort(), ['duplicate-dispatch-uid', 'setup-logging-shadows-after-setup']);
  });
});

test('the celerySignals.projectIndex setting turns the index off', async () => {
  const root = projectCopy('custom-signals');
  await withServer({ rootPath: root, pullDiagnostics: true, projectIndex: true, settings: { projectIndex: false } }, async (client) => {
    assert.deepEqual(await workspaceReport(client), []);
    assert.ok(!client.serverRequests.some((m) => m.method === 'window/workDoneProgress/create'));
  });
});

test("hover on a project's own signal says where it is defined, once the index knows it", async () => {
  const root = projectCopy('custom-signals');
  const listeners = path.join(root, 'orders/listeners.py');
  const uri = pathToFileURL(listeners).href;
  await withServer({ rootPath: root, pullDiagnostics: true, projectIndex: true }, async (client) => {
    await workspaceReport(client); // answered once the first build is done
    const text = fs.readFileSync(listeners, 'utf8');
    client.open(uri, text);
    const line = text.split('\n').findIndex((l) => l.startsWith('@order_placed.connect'));
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line, character: 3 } });
    assert.match(JSON.stringify(hover?.contents), /orders\.events/);
    const diagnostics = await client.pullDiagnostics(uri);
    assert.ok(diagnostics.some((d: any) => d.code === 'param-not-provided' && /coupon/.test(d.message)), JSON.stringify(diagnostics));
  });
});

test('a multi-root workspace: each folder is a project of its own, and every folder is indexed', async () => {
  const orders = projectCopy('custom-signals');
  const billing = projectCopy('star-reexports');
  const listeners = pathToFileURL(path.join(orders, 'orders/listeners.py')).href;
  const receivers = pathToFileURL(path.join(billing, 'billing/receivers.py')).href;
  await withServer({ rootPath: orders, moreFolders: [billing], pullDiagnostics: true, projectIndex: true }, async (client) => {
    const report = await workspaceReport(client);
    assert.deepEqual(codesOf(report.find((i) => i.uri === listeners)), ['param-not-provided@7:40', 'param-sometimes-absent@17:29', 'param-sometimes-absent@7:33', 'sender-kind-mismatch@31:35']);
    // Found only by following the second folder's own star re-exports.
    assert.deepEqual(codesOf(report.find((i) => i.uri === receivers)), ['param-not-provided@24:27', 'param-not-provided@9:39']);

    // A change on disk in the second folder reaches its index: `charge_failed` is task_success now.
    const celeryHooks = path.join(billing, 'billing/hooks/celery_hooks.py');
    fs.writeFileSync(celeryHooks, fs.readFileSync(celeryHooks, 'utf8').replace('task_failure as charge_failed', 'task_success as charge_failed'));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(celeryHooks).href, type: 2 }] });
    const after = await workspaceReport(client, report.map((i) => ({ uri: i.uri, value: i.resultId })));
    assert.deepEqual(codesOf(after.find((i) => i.uri === receivers)), ['param-not-provided@24:27', 'param-not-provided@9:30', 'param-not-provided@9:39']);

    // An open document of the second folder is judged with its own folder's project.
    client.open(receivers, fs.readFileSync(path.join(billing, 'billing/receivers.py'), 'utf8'));
    const pulled = await client.pullDiagnostics(receivers);
    assert.deepEqual(pulled.filter((d: any) => d.severity !== 4).map((d: any) => `${d.code}@${d.range.start.line}:${d.range.start.character}`).sort(), ['param-not-provided@24:27', 'param-not-provided@9:30', 'param-not-provided@9:39']);
  });
});

test('a deleted folder takes its modules out of the index (the client reports the folder alone)', async () => {
  const root = projectCopy('star-reexports');
  const receivers = pathToFileURL(path.join(root, 'billing/receivers.py')).href;
  await withServer({ rootPath: root, pullDiagnostics: true, projectIndex: true }, async (client) => {
    const before = await workspaceReport(client);
    assert.deepEqual(codesOf(before.find((i) => i.uri === receivers)), ['param-not-provided@24:27', 'param-not-provided@9:39']);
    const registrations = client.serverRequests.filter((m) => m.method === 'client/registerCapability').flatMap((m) => m.params.registrations);
    const watchers = registrations.filter((r: any) => r.method === 'workspace/didChangeWatchedFiles').flatMap((r: any) => r.registerOptions.watchers);
    assert.ok(watchers.some((w: any) => w.globPattern === '**/*' && w.kind === 4), `deletions of anything are watched: ${JSON.stringify(watchers)}`);

    const hooks = path.join(root, 'billing/hooks');
    fs.rmSync(hooks, { recursive: true });
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(hooks).href, type: 3 }] });
    const after = await workspaceReport(client);
    assert.ok(!after.some((i) => i.uri.startsWith(pathToFileURL(hooks).href)), 'no module of the deleted folder is left');
    // Without the hooks, `charge_failed` and `task_prerun` name no signal: nothing is judged.
    assert.deepEqual(codesOf(after.find((i) => i.uri === receivers)), []);
  });
});
