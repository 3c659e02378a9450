// Navigation over the real server: find references on a signal across modules, workspace symbols for
// receivers, the code lens over each receiver, go to definition and the signal map request. The
// project is a temporary folder whose files are also opened, so the answers are the same whether the
// server knows the project from its open documents or from an index of the folder.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, repoRoot } from './lspClient';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'celery-signals-navigation-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

const files: Record<string, string> = {
  'proj/__init__.py': '',
  'proj/monitoring.py': [
    'from celery.signals import task_failure, worker_ready',
    '',
    '',
    '@task_failure.connect',
    'def report_failure(sender=None, exception=None, **kwargs):',
    '    print(sender, exception)',
    '',
    '',
    '@worker_ready.connect',
    'def announce(sender, **kwargs):',
    '    pass',
    '',
  ].join('\n'),
  'proj/audit.py': [
    'from celery import shared_task',
    'from celery import signals',
    '',
    '',
    '@shared_task',
    'def add(x, y):',
    '    return x + y',
    '',
    '',
    'def on_add_failed(sender=None, **kwargs):',
    '    pass',
    '',
    '',
    'def before_any(task_id=None, **kwargs):',
    '    pass',
    '',
    '',
    'signals.task_failure.connect(on_add_failed, sender=add)',
    'signals.task_prerun.connect(before_any)',
    '',
  ].join('\n'),
};
for (const [name, text] of Object.entries(files)) {
  fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
  fs.writeFileSync(path.join(root, name), text);
}
const uriOf = (name: string) => pathToFileURL(path.join(root, name)).toString();

/** The position of the `occurrence`-th `needle` in a file, plus `offset` characters. */
function positionOf(name: string, needle: string, offset = 0, occurrence = 1): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i < occurrence; i++) at = files[name].indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} is not in ${name}`);
  const before = files[name].slice(0, at + offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/** A server with a project index says so by offering workspace diagnostics, which answer once it is built. */
async function indexBuilt(client: LspClient): Promise<boolean> {
  if (!client.initializeResult.capabilities.diagnosticProvider?.workspaceDiagnostics) return false;
  await client.request('workspace/diagnostic', { previousResultIds: [] });
  return true;
}

async function openProject(settings: Record<string, unknown> = {}, initializationOptions: Record<string, unknown> = {}): Promise<LspClient> {
  const client = await LspClient.start({ pullDiagnostics: true, rootPath: root, settings, initializationOptions: { projectIndex: true, ...initializationOptions } });
  await indexBuilt(client);
  for (const name of ['proj/monitoring.py', 'proj/audit.py']) {
    client.open(uriOf(name), files[name]);
    await client.pullDiagnostics(uriOf(name));
  }
  return client;
}

async function withProject(
  body: (client: LspClient) => Promise<void>,
  settings: Record<string, unknown> = {},
  initializationOptions?: Record<string, unknown>,
): Promise<void> {
  const client = await openProject(settings, initializationOptions);
  try {
    await body(client);
    assert.equal(await client.shutdown(), 0);
  } finally {
    client.kill();
  }
}

const where = (locations: { uri: string; range: { start: { line: number; character: number } } }[]) =>
  locations.map((l) => `${path.relative(root, new URL(l.uri).pathname)}:${l.range.start.line}:${l.range.start.character}`).sort();

test('the server announces definition, references, workspace symbols and code lenses', async () => {
  await withProject(async (client) => {
    const capabilities = client.initializeResult.capabilities;
    assert.equal(capabilities.definitionProvider, true);
    assert.equal(capabilities.referencesProvider, true);
    assert.equal(capabilities.workspaceSymbolProvider, true);
    assert.deepEqual(capabilities.codeLensProvider, { resolveProvider: false });
  });
});

test('find references on task_failure lists the receivers of every module, whichever module asks', async () => {
  await withProject(async (client) => {
    const expected = ['proj/audit.py:17:8', 'proj/monitoring.py:3:1'];
    const fromDecorator = await client.request('textDocument/references', {
      textDocument: { uri: uriOf('proj/monitoring.py') },
      position: positionOf('proj/monitoring.py', 'task_failure.connect', 3),
      context: { includeDeclaration: true },
    });
    assert.deepEqual(where(fromDecorator), expected);
    const fromCall = await client.request('textDocument/references', {
      textDocument: { uri: uriOf('proj/audit.py') },
      position: positionOf('proj/audit.py', 'task_failure'),
      context: { includeDeclaration: false },
    });
    assert.deepEqual(where(fromCall), expected);
    const fromImport = await client.request('textDocument/references', {
      textDocument: { uri: uriOf('proj/monitoring.py') },
      position: positionOf('proj/monitoring.py', 'task_failure', 1),
      context: { includeDeclaration: false },
    });
    assert.deepEqual(where(fromImport), expected);
    const prerun = await client.request('textDocument/references', {
      textDocument: { uri: uriOf('proj/audit.py') },
      position: positionOf('proj/audit.py', 'task_prerun'),
      context: { includeDeclaration: false },
    });
    assert.deepEqual(where(prerun), ['proj/audit.py:18:8']);
    const onNothing = await client.request('textDocument/references', {
      textDocument: { uri: uriOf('proj/audit.py') },
      position: positionOf('proj/audit.py', 'return x'),
      context: { includeDeclaration: false },
    });
    assert.equal(onNothing, null);
  });
});

test('workspace symbols name each receiver after its signal, filtered by the query', async () => {
  await withProject(async (client) => {
    const all = await client.request('workspace/symbol', { query: '' });
    assert.deepEqual(all.map((s: any) => s.name).sort(), [
      'task_failure: on_add_failed',
      'task_failure: report_failure',
      'task_prerun: before_any',
      'worker_ready: announce',
    ]);
    const report = all.find((s: any) => s.name === 'task_failure: report_failure');
    assert.equal(report.containerName, 'proj.monitoring');
    assert.equal(report.kind, 12, 'a function');
    assert.deepEqual(where([report.location]), ['proj/monitoring.py:4:4']);
    const failures = await client.request('workspace/symbol', { query: 'task_failure' });
    assert.deepEqual(failures.map((s: any) => s.name).sort(), ['task_failure: on_add_failed', 'task_failure: report_failure']);
    const fuzzy = await client.request('workspace/symbol', { query: 'tfrep' });
    assert.deepEqual(fuzzy.map((s: any) => s.name), ['task_failure: report_failure']);
    await assert.rejects(client.request('workspace/symbol', { query: 3 }), (e: any) => e.code === -32602);
  });
});

test('a code lens over each receiver gives its signal, sender filter and process', async () => {
  await withProject(async (client) => {
    const lenses = await client.request('textDocument/codeLens', { textDocument: { uri: uriOf('proj/audit.py') } });
    const titles = lenses.map((l: any) => `${l.range.start.line}: ${l.command.title}`);
    assert.deepEqual(titles, [
      '17: task_failure → on_add_failed · sender=add · runs in the process running the task',
      '18: task_prerun → before_any · any sender · runs in the process running the task',
    ]);
    const worker = await client.request('textDocument/codeLens', { textDocument: { uri: uriOf('proj/monitoring.py') } });
    assert.equal(worker[1].command.title, "worker_ready → announce · any sender · runs in the worker's main process");
    assert.equal(worker[1].range.start.line, 8, 'over the decorator');
  });
});

test('code lenses in Chinese when the documentation language is Chinese; no change notices for a client that did not ask', async () => {
  await withProject(
    async (client) => {
      const lenses = await client.request('textDocument/codeLens', { textDocument: { uri: uriOf('proj/audit.py') } });
      assert.equal(lenses[1].command.title, 'task_prerun → before_any · 任意 sender · 运行于执行任务的进程');
      client.change(uriOf('proj/audit.py'), 2, [{ text: files['proj/audit.py'] + '\n' }]);
      await client.pullDiagnostics(uriOf('proj/audit.py'));
      await new Promise((resolve) => setTimeout(resolve, 1000));
      assert.ok(!client.notifications.some((m) => m.method === 'celerySignals/projectChanged'), 'Emacs and others warn about unknown notifications');
    },
    { docsLanguage: 'zh-cn' },
  );
});

test("go to definition on one of Celery's signals opens its entry in the bundled catalog", async () => {
  await withProject(async (client) => {
    const definition = await client.request('textDocument/definition', {
      textDocument: { uri: uriOf('proj/monitoring.py') },
      position: positionOf('proj/monitoring.py', 'worker_ready', 2, 2),
    });
    const catalogPath = path.join(repoRoot, 'schemas', 'celery-signals.json');
    assert.equal(definition.uri, pathToFileURL(catalogPath).toString());
    const line = fs.readFileSync(catalogPath, 'utf8').split('\n')[definition.range.start.line];
    assert.match(line, /"name": "worker_ready"/);
    const nothing = await client.request('textDocument/definition', {
      textDocument: { uri: uriOf('proj/monitoring.py') },
      position: positionOf('proj/monitoring.py', 'print'),
    });
    assert.equal(nothing, null);
  });
});

test('the signal map lists handled signals in the order Celery sends them, receivers under each', async () => {
  await withProject(async (client) => {
    const map = await client.request('celerySignals/signalMap', {});
    assert.deepEqual(
      map.lives.map((life: any) => [life.id, life.label, life.signals.map((s: any) => s.name)]),
      [
        ['task', "A task's life", ['task_prerun', 'task_failure']],
        ['worker', "A worker's life", ['worker_ready']],
      ],
    );
    const failure = map.lives[0].signals[1];
    assert.ok(failure.step > map.lives[0].signals[0].step);
    assert.equal(failure.runsIn, 'the process running the task');
    assert.deepEqual(
      failure.receivers.map((r: any) => [r.name, r.container, r.sender, where([r])[0]]).sort(),
      [
        ['on_add_failed', 'proj.audit', 'add', 'proj/audit.py:9:4'],
        ['report_failure', 'proj.monitoring', undefined, 'proj/monitoring.py:4:4'],
      ],
    );
  });
});

test('the signal map follows the documentation language; an edit is announced and shows at once', async () => {
  await withProject(
    async (client) => {
      const uri = uriOf('proj/audit.py');
      const added = files['proj/audit.py'] + 'signals.task_postrun.connect(before_any)\n';
      const announced = client.waitFor((m) => m.method === 'celerySignals/projectChanged');
      client.change(uri, 2, [{ text: added }]);
      await announced;
      const map = await client.request('celerySignals/signalMap', {});
      assert.equal(map.lives[0].label, '任务的一生');
      assert.deepEqual(map.lives[0].signals.map((s: any) => s.name), ['task_prerun', 'task_failure', 'task_postrun']);
      assert.equal(map.lives[0].signals[2].runsIn, '执行任务的进程');
      // A settings change (the documentation language here) is announced too: the map's labels change.
      client.settings = { docsLanguage: 'en' };
      const reannounced = client.waitFor((m) => m.method === 'celerySignals/projectChanged');
      client.notify('workspace/didChangeConfiguration', { settings: {} });
      await reannounced;
      assert.equal((await client.request('celerySignals/signalMap', {})).lives[0].label, "A task's life");
    },
    { docsLanguage: 'zh-cn' },
    { projectChanges: true },
  );
});

test("go to definition on a signal of the user's catalog opens its entry there; references and the map include it", async () => {
  const shop = fs.mkdtempSync(path.join(os.tmpdir(), 'celery-signals-navigation-catalog-'));
  const catalogText = JSON.stringify(
    { catalogVersion: 1, signals: [{ name: 'order_paid', access: { kind: 'module', modules: ['shop.signals'] }, params: [{ name: 'order' }] }] },
    null,
    2,
  );
  fs.writeFileSync(path.join(shop, 'shop.celery-signals.json'), catalogText);
  const text = 'from shop.signals import order_paid\n\n\n@order_paid.connect\ndef bill(sender, order, **kwargs):\n    pass\n';
  fs.writeFileSync(path.join(shop, 'billing.py'), text);
  const client = await LspClient.start({ pullDiagnostics: true, rootPath: shop, settings: { catalogs: ['shop.celery-signals.json'] }, initializationOptions: { projectIndex: true } });
  try {
    await indexBuilt(client);
    const uri = pathToFileURL(path.join(shop, 'billing.py')).toString();
    client.open(uri, text);
    await client.pullDiagnostics(uri);
    const position = { line: 3, character: 3 };
    const definition = await client.request('textDocument/definition', { textDocument: { uri }, position });
    assert.equal(definition.uri, pathToFileURL(path.join(shop, 'shop.celery-signals.json')).toString());
    assert.match(catalogText.split('\n')[definition.range.start.line], /"name": "order_paid"/);
    const references = await client.request('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: true } });
    assert.deepEqual(
      references.map((l: any) => [l.uri, l.range.start.line, l.range.start.character]),
      [[uri, 3, 1]],
    );
    const map = await client.request('celerySignals/signalMap', {});
    assert.deepEqual(map.lives.map((l: any) => [l.id, l.signals.map((s: any) => s.name)]), [['other', ['order_paid']]]);
    assert.equal(await client.shutdown(), 0);
  } finally {
    client.kill();
    fs.rmSync(shop, { recursive: true, force: true });
  }
});

test('files never opened: references, symbols and the map reach them through the project index', async (t) => {
  const client = await LspClient.start({ pullDiagnostics: true, rootPath: root, initializationOptions: { projectIndex: true } });
  try {
    if (!(await indexBuilt(client))) {
      t.skip('this server has no project index (it offers no workspace diagnostics)');
    } else {
      // Only audit.py is open: monitoring.py is known from the index alone, its positions from its line starts.
      client.open(uriOf('proj/audit.py'), files['proj/audit.py']);
      const references = await client.request('textDocument/references', {
        textDocument: { uri: uriOf('proj/audit.py') },
        position: positionOf('proj/audit.py', 'task_failure'),
        context: { includeDeclaration: false },
      });
      assert.deepEqual(where(references), ['proj/audit.py:17:8', 'proj/monitoring.py:3:1']);
      const symbols = await client.request('workspace/symbol', { query: 'report' });
      assert.deepEqual(symbols.map((s: any) => [s.name, s.containerName, where([s.location])[0]]), [['task_failure: report_failure', 'proj.monitoring', 'proj/monitoring.py:4:4']]);
      const map = await client.request('celerySignals/signalMap', {});
      assert.deepEqual(map.lives.map((l: any) => [l.id, l.signals.map((s: any) => s.name)]), [['task', ['task_prerun', 'task_failure']], ['worker', ['worker_ready']]]);
    }
    assert.equal(await client.shutdown(), 0);
  } finally {
    client.kill();
  }
});
