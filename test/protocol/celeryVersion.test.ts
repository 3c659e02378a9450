// The Celery release found in the workspace's own files, over the real server: the status notification,
// diagnostics, hover and completion name it and where it came from; a watched-file change detects it
// again; a file outside the workspace folder is not read; the setting overrides it all.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, withServer } from './lspClient';
import { run } from '../support/cliProject';

const WORKER = 'from celery.signals import worker_before_create_process\n\n\n@worker_before_create_process.connect\ndef before(sender=None, **kwargs):\n    pass\n';

const made: string[] = [];
after(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function workspace(): { root: string; outside: string } {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'celery-signals-version-'));
  made.push(parent);
  const root = path.join(parent, 'project');
  fs.mkdirSync(root);
  const outside = path.join(parent, 'outside.txt');
  fs.writeFileSync(outside, 'celery==3.1.0\n');
  fs.writeFileSync(path.join(root, 'requirements.txt'), `-r ../outside.txt\ncelery[redis]>=5.2,<6\n`);
  return { root, outside };
}

/** Initializes `client` as an editor with these folders and capabilities would (LspClient.start sends fixed ones). */
async function initializeWith(client: LspClient, folders: string[], capabilities: object): Promise<void> {
  await client.request('initialize', {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: folders.map((folder) => ({ uri: pathToFileURL(folder).toString(), name: path.basename(folder) })),
    capabilities,
  });
  client.notify('initialized', {});
}

test('status, diagnostics and hover follow the release the workspace files give, and a change to them', async () => {
  const { root, outside } = workspace();
  await withServer({ pullDiagnostics: true, rootPath: root }, async (client) => {
    const status = await client.waitFor((m) => m.method === 'celerySignals/status', 15_000, true);
    assert.equal(status.params.celeryVersion, '5.2.0');
    assert.equal(status.params.celeryVersionSource, 'project');
    assert.deepEqual(status.params.celeryVersionOrigin, { file: path.join(root, 'requirements.txt'), line: 2, specifier: '>=5.2,<6', lowestOfRange: true, kind: 'requirement' });
    assert.equal(status.params.versionFileProblems.length, 1);
    assert.match(status.params.versionFileProblems[0], new RegExp(`${path.basename(outside)}: outside the workspace folders`));

    const uri = pathToFileURL(path.join(root, 'worker.py')).toString();
    client.open(uri, WORKER, 'python');
    const tooNew = (await client.pullDiagnostics(uri)).filter((d: any) => d.code === 'signal-too-new');
    assert.equal(tooNew.length, 2);
    assert.match(tooNew[0].message, /on Celery 5\.2\.0 \(the lowest release `>=5\.2,<6` in requirements\.txt:2 allows\)/);

    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 5 } });
    assert.match(hover.contents.value, /Not available in Celery 5\.2\.0 \(the lowest release `>=5\.2,<6` in requirements\.txt:2 allows\)/);
    assert.match(hover.contents.value, /Checked against Celery 5\.2\.0/);

    const typing = pathToFileURL(path.join(root, 'typing.py')).toString();
    client.open(typing, 'from celery.signals import worker_before_cr', 'python');
    const completion = await client.request('textDocument/completion', { textDocument: { uri: typing }, position: { line: 0, character: 42 } });
    const item = (completion.items ?? completion).find((i: any) => i.label === 'worker_before_create_process');
    assert.match(JSON.stringify(item.documentation), /Not available in Celery 5\.2\.0 \(the lowest release `>=5\.2,<6` in requirements\.txt:2 allows\)/);

    fs.writeFileSync(path.join(root, 'requirements.txt'), 'celery==5.4.0\n');
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(root, 'requirements.txt')).toString(), type: 2 }] });
    const next = await client.waitFor((m) => m.method === 'celerySignals/status' && m.params.celeryVersion === '5.4.0');
    assert.equal(next.params.celeryVersionOrigin.lowestOfRange, false);
    assert.deepEqual(next.params.versionFileProblems, []);
    assert.deepEqual((await client.pullDiagnostics(uri)).filter((d: any) => d.code === 'signal-too-new'), []);
  });
});

test('the celeryVersion setting overrides the workspace files', async () => {
  const { root } = workspace();
  await withServer({ pullDiagnostics: true, rootPath: root, settings: { celeryVersion: '5.1.0' } }, async (client) => {
    const status = await client.waitFor((m) => m.method === 'celerySignals/status', 15_000, true);
    assert.equal(status.params.celeryVersion, '5.1.0');
    assert.equal(status.params.celeryVersionSource, 'setting');
    assert.equal(status.params.celeryVersionOrigin, undefined);
    const uri = pathToFileURL(path.join(root, 'worker.py')).toString();
    client.open(uri, WORKER, 'python');
    const [first] = (await client.pullDiagnostics(uri)).filter((d: any) => d.code === 'signal-too-new');
    assert.match(first.message, /on the configured Celery 5\.1\.0 /);
  });
});

test('a client that lets servers register watchers is asked to watch the version files', async () => {
  const { root } = workspace();
  const client = new LspClient({ rootPath: root });
  try {
    await initializeWith(client, [root], { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } });
    // Other features may register watchers of their own: look for the one that names a lock file.
    const watchers = (m: any) =>
      m.method === 'client/registerCapability'
        ? m.params.registrations.filter((r: any) => r.method === 'workspace/didChangeWatchedFiles').flatMap((r: any) => r.registerOptions.watchers)
        : [];
    const registration = await client.waitFor((m) => watchers(m).some((w: any) => String(w.globPattern).includes('poetry.lock')), 15_000, true);
    const patterns = watchers(registration).map((w: any) => w.globPattern).join(' ');
    for (const name of ['requirements*.txt', 'pyproject.toml', 'poetry.lock', 'uv.lock', 'Pipfile.lock', 'setup.cfg', 'setup.py']) assert.ok(patterns.includes(name), name);
    assert.equal(await client.shutdown(), 0);
  } finally {
    client.kill();
  }
});

test('each workspace folder is judged against its own files', async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'celery-signals-version-roots-'));
  made.push(parent);
  const folders = { old: 'celery==5.2.7\n', new: 'celery==5.5.0\n' };
  for (const [name, requirements] of Object.entries(folders)) {
    fs.mkdirSync(path.join(parent, name));
    fs.writeFileSync(path.join(parent, name, 'requirements.txt'), requirements);
  }
  const client = new LspClient({ rootPath: parent });
  try {
    const roots = Object.keys(folders).map((name) => path.join(parent, name));
    await initializeWith(client, roots, { workspace: { configuration: true }, textDocument: { diagnostic: { dynamicRegistration: false } } });
    const tooNewIn = async (folder: string) => {
      const uri = pathToFileURL(path.join(parent, folder, 'worker.py')).toString();
      client.open(uri, WORKER, 'python');
      return (await client.pullDiagnostics(uri)).filter((d: any) => d.code === 'signal-too-new').map((d: any) => d.message);
    };
    const old = await tooNewIn('old');
    assert.equal(old.length, 2);
    assert.match(old[0], /Celery 5\.2\.7 \(pinned in requirements\.txt:1\)/);
    assert.deepEqual(await tooNewIn('new'), []);
    assert.equal(await client.shutdown(), 0);
  } finally {
    client.kill();
  }
});

test('in a monorepo the server finds each project below the workspace folder as the CLI does, with the same message', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'celery-signals-version-mono-'));
  made.push(root);
  fs.mkdirSync(path.join(root, '.git'));
  fs.mkdirSync(path.join(root, 'backend/app'), { recursive: true });
  fs.writeFileSync(path.join(root, 'backend/requirements.txt'), 'celery[redis]~=5.2.1\n');
  fs.writeFileSync(path.join(root, 'backend/app/worker.py'), WORKER);
  let fromServer: string[] = [];
  await withServer({ pullDiagnostics: true, rootPath: root }, async (client) => {
    const status = await client.waitFor((m) => m.method === 'celerySignals/status', 15_000, true);
    assert.equal(status.params.celeryVersionSource, 'catalog-latest', 'the workspace folder itself states no release');
    const uri = pathToFileURL(path.join(root, 'backend/app/worker.py')).toString();
    client.open(uri, WORKER, 'python');
    fromServer = (await client.pullDiagnostics(uri)).filter((d: any) => d.code === 'signal-too-new').map((d: any) => d.message);
  });
  assert.match(fromServer[0], /on Celery 5\.2\.1 \(the lowest release `~=5\.2\.1` in backend\/requirements\.txt:1 allows\)/);
  const cli = await run(['check', '.', '--format', 'json'], root);
  const fromCli = JSON.parse(cli.stdout).filter((f: any) => f.code === 'signal-too-new').map((f: any) => f.message);
  assert.deepEqual(fromCli, fromServer);
});
