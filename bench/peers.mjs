// Our language server side by side with the floor (bench/floorServer.mjs: a server that does nothing,
// on the same libraries and Node options) and with pyright (the pinned dev dependency; skipped when it
// is not installed), on the same generated 10k-line module in a scratch workspace. Every figure of
// ours is printed as a ratio to theirs, and the issue's targets are checked against those ratios.
// Then the blocking case: hovers on a small file while a 530 KB module is opened and analysed.
// Run: `npm run build && node --import tsx bench/peers.mjs` (or via `npm run bench`); BENCH_PYRIGHT=0
// leaves pyright out, BENCH_PROJECT_INDEX=0 runs our server without its project index.
// Our server keeps V8's code cache in a folder, as VS Code's client has it do: a first session fills
// it, as any earlier session of the same build would have; BENCH_CODE_CACHE=0 measures a first start.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateModule } from './generate.mjs';
import { Client, editPosition, nodeOptions, oneCharacterEdit, positionAt, probeOffsets, serverEnvironment, serverPath } from './server.mjs';
import { formatMs, percentile } from './stats.mjs';
import { CODE_CACHE_VARIABLE, SERVER_NODE_OPTIONS } from '../shared/serverNodeOptions.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const floorPath = path.join(here, 'floorServer.mjs');

function pyrightPath() {
  try {
    return createRequire(import.meta.url).resolve('pyright/langserver.index.js');
  } catch {
    return undefined;
  }
}

/** Each server with how much work it gets: pyright takes seconds per edit, so it gets fewer. */
function servers() {
  const list = [
    { name: 'ours', start: () => new Client(), edits: 100, probes: 200 },
    { name: 'floor', start: () => new Client([...SERVER_NODE_OPTIONS, floorPath, '--stdio']), edits: 100, probes: 200 },
  ];
  const pyright = pyrightPath();
  // BENCH_PYRIGHT=0 leaves it out (it takes minutes); the ratios to it are then not printed.
  if (pyright && process.env.BENCH_PYRIGHT !== '0') list.push({ name: 'pyright', start: () => new Client([pyright, '--stdio']), edits: 10, probes: 20 });
  return list;
}

function scratchWorkspace() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'celery-signals-bench-'));
}

async function started(server, workspace) {
  const client = server.start();
  const rootUri = pathToFileURL(workspace).toString();
  await client.request('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'bench' }],
    // BENCH_PROJECT_INDEX=0 turns our project index off, to see its share of the figures.
    ...(process.env.BENCH_PROJECT_INDEX === '0' && { initializationOptions: { projectIndex: false } }),
    capabilities: {
      textDocument: { completion: { completionItem: { snippetSupport: true } }, hover: { contentFormat: ['markdown'] }, publishDiagnostics: { versionSupport: true } },
      workspace: { configuration: true, workspaceFolders: true },
    },
  });
  client.notify('initialized', {});
  return client;
}

async function stop(client) {
  await client.request('shutdown', null);
  client.notify('exit', null);
}

async function timed(list, action) {
  const start = performance.now();
  await action();
  list.push(performance.now() - start);
}

async function measure(server, text) {
  const workspace = scratchWorkspace();
  const file = path.join(workspace, 'handlers.py');
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).toString();
  const client = await started(server, workspace);

  // Our server publishes the top part's diagnostics first and the complete ones later, both for
  // version 1: every publish is timed. A hover waits for the complete analysis, and the complete
  // diagnostics go out before its answer, so once it is answered the last publish is the complete one.
  const published = [];
  client.onPublish = (params) => params.uri === uri && (params.version === undefined || params.version === 1) && published.push({ at: performance.now(), count: params.diagnostics.length });
  const openStart = performance.now();
  const opened = client.diagnostics(uri, 1);
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
  await opened;
  const probes = probeOffsets(text, server.probes);
  await client.request('textDocument/hover', { textDocument: { uri }, position: positionAt(text, probes.names[0]) });
  client.onPublish = undefined;
  const open = published[0].at - openStart;
  const openComplete = published.at(-1).at - openStart;

  const completion = [];
  for (const offset of probes.params) await timed(completion, () => client.request('textDocument/completion', { textDocument: { uri }, position: positionAt(text, offset + 2) }));
  const hover = [];
  for (const offset of probes.names) await timed(hover, () => client.request('textDocument/hover', { textDocument: { uri }, position: positionAt(text, offset) }));

  const at = editPosition(text);
  const edits = [];
  for (let version = 2; version < server.edits + 2; version++) {
    await timed(edits, () => {
      const published = client.diagnostics(uri, version);
      client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [oneCharacterEdit(at, version)] });
      return published;
    });
  }
  const memory = await client.request('celerySignals/memoryUsage', null);
  const rss = client.peakRssMb();
  await stop(client);
  fs.rmSync(workspace, { recursive: true, force: true });
  // Our server reports each thread's heap; the floor has one thread, and pyright does not answer.
  const threads = memory?.threads ? Object.values(memory.threads).filter(Boolean).map((heap) => heap.used / 2 ** 20) : undefined;
  const heap = threads ? threads.reduce((a, b) => a + b, 0) : memory?.heapUsed / 2 ** 20;
  return { open, openComplete, publishes: published.map((p) => p.count), completion: percentile(completion, 95), hover: percentile(hover, 95), editP50: percentile(edits, 50), editP95: percentile(edits, 95), rss, heap, threads };
}

const COLUMNS = [
  ['open', 'open→first', 'ms'],
  ['openComplete', 'open→all', 'ms'],
  ['editP50', 'edit p50', 'ms'],
  ['editP95', 'edit p95', 'ms'],
  ['completion', 'compl p95', 'ms'],
  ['hover', 'hover p95', 'ms'],
  ['rss', 'peak RSS', 'MB'],
  ['heap', 'heap used', 'MB'],
];

function cell(value, unit) {
  if (value === undefined || Number.isNaN(value)) return '—'.padStart(10);
  return unit === 'ms' ? formatMs(value) : `${value.toFixed(0)} MB`.padStart(10);
}

const ratio = (a, b) => (a === undefined || b === undefined || Number.isNaN(a) || Number.isNaN(b) ? '—' : `${(a / b).toFixed(a / b < 0.1 ? 4 : 2)}×`).padStart(10);

/** The issue's targets, as ratios to pyright's figures or as absolute ones. */
function targets(ours, pyright) {
  const lines = [];
  const check = (label, value, limit) => lines.push(`  ${label.padEnd(44)} ${value === undefined ? '—' : value.toFixed(value < 1 ? 4 : 1)} (target ≤ ${limit}) ${value !== undefined && value <= limit ? 'met' : 'not met'}`);
  if (pyright) {
    check('edit p50 ÷ pyright edit p50', ours.editP50 / pyright.editP50, 0.01);
    check('edit p95 ÷ pyright edit p50', ours.editP95 / pyright.editP50, 0.02);
    check('open→first diagnostics ÷ pyright open', ours.open / pyright.open, 1 / 30);
  }
  check('completion p95 (ms)', ours.completion, 5);
  check('hover p95 (ms)', ours.hover, 5);
  check('peak RSS (MB)', ours.rss, 120);
  return lines.join('\n');
}

/** Hovers on a small open file, one after another, from the moment a 530 KB module is opened until its diagnostics arrive. */
export async function measureBlocking(server) {
  const workspace = scratchWorkspace();
  const client = await started(server, workspace);
  const small = generateModule('python', 1_000, 'realistic');
  const smallUri = pathToFileURL(path.join(workspace, 'small.py')).toString();
  const opened = client.diagnostics(smallUri, 1);
  client.notify('textDocument/didOpen', { textDocument: { uri: smallUri, languageId: 'python', version: 1, text: small } });
  await opened;
  const names = probeOffsets(small, 50).names.map((offset) => positionAt(small, offset));

  let lines = 16_000;
  let large = generateModule('python', lines, 'realistic');
  while (large.length < 530 * 1024) large = generateModule('python', (lines += 500), 'realistic');
  const largeUri = pathToFileURL(path.join(workspace, 'large.py')).toString();
  let analysed = false;
  let completeAt = 0;
  // Our server publishes the top part first: the last publish before a hover on the module (which
  // waits for its complete analysis) is answered marks the end, as in `measure`.
  client.onPublish = (params) => params.uri === largeUri && (completeAt = performance.now());
  const start = performance.now();
  const done = client
    .diagnostics(largeUri, 1)
    .then(() => client.request('textDocument/hover', { textDocument: { uri: largeUri }, position: { line: 0, character: 0 } }))
    .then(() => (analysed = true));
  client.notify('textDocument/didOpen', { textDocument: { uri: largeUri, languageId: 'python', version: 1, text: large } });
  const hovers = [];
  for (let i = 0; !analysed || hovers.length < names.length; i++) {
    await timed(hovers, () => client.request('textDocument/hover', { textDocument: { uri: smallUri }, position: names[i % names.length] }));
  }
  await done;
  client.onPublish = undefined;
  const openToDiagnostics = completeAt - start;
  await stop(client);
  fs.rmSync(workspace, { recursive: true, force: true });
  return { kb: large.length / 1024, openToDiagnostics, count: hovers.length, p50: percentile(hovers, 50), max: Math.max(...hovers) };
}

/**
 * A folder for our server's code cache, filled by one session that opens `text` (the cache is written
 * as the server exits); undefined with BENCH_CODE_CACHE=0. Set for every server started from here on:
 * the others never read it.
 */
async function primedCodeCache(text) {
  if (process.env.BENCH_CODE_CACHE === '0') return undefined;
  const folder = scratchWorkspace();
  process.env[CODE_CACHE_VARIABLE] = folder;
  const workspace = scratchWorkspace();
  const uri = pathToFileURL(path.join(workspace, 'handlers.py')).toString();
  const client = await started(servers()[0], workspace);
  const opened = client.diagnostics(uri, 1);
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
  await opened;
  await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
  await stop(client);
  await new Promise((resolve) => (client.child.exitCode === null ? client.child.once('exit', resolve) : resolve()));
  fs.rmSync(workspace, { recursive: true, force: true });
  if (fs.readdirSync(folder).length > 0) return folder;
  delete process.env[CODE_CACHE_VARIABLE];
  return undefined;
}

export async function runPeerBench() {
  if (!fs.existsSync(serverPath)) throw new Error(`${serverPath} is missing: run \`npm run build\` first`);
  const text = generateModule('python', 10_000, 'realistic');
  const codeCache = await primedCodeCache(text);
  const list = servers();
  const environment = Object.entries(serverEnvironment).map(([name, value]) => `${name}=${value}`).join(' ') || 'none';
  console.log(`\n== side by side on one ${text.split('\n').length}-line module (realistic profile; our Node options: ${nodeOptions.join(' ') || 'none'}; environment: ${environment}) ==`);
  console.log(`load average before the run: ${os.loadavg().map((l) => l.toFixed(1)).join(', ')} on ${os.cpus().length} cpus`);
  console.log(`ours: code cache ${codeCache ? 'filled by a first session of this build' : process.env.BENCH_CODE_CACHE === '0' ? 'off (BENCH_CODE_CACHE=0): a first start' : 'not written by this build: a first start'}`);
  if (!list.some((s) => s.name === 'pyright')) console.log('pyright is left out (not installed, or BENCH_PYRIGHT=0): so are the targets relative to it');
  console.log(`server   ${COLUMNS.map(([, label]) => label.padStart(10)).join(' ')}`);
  const results = {};
  for (const server of list) {
    results[server.name] = await measure(server, text);
    console.log(`${server.name.padEnd(8)} ${COLUMNS.map(([key, , unit]) => cell(results[server.name][key], unit)).join(' ')}`);
  }
  console.log('open→first: the first diagnostics published for the opened version (ours: the top part\'s, see docs/performance.md); open→all: the last publish for it, the complete ones');
  console.log(`ours: diagnostics per publish of version 1: ${results.ours.publishes.join(', ')}`);
  const threads = results.ours.threads;
  if (threads) console.log(`ours: heap used per thread after the edits (main, analysis): ${threads.map((mb) => `${mb.toFixed(1)} MB`).join(', ')}`);
  for (const peer of ['floor', 'pyright'].filter((name) => results[name])) {
    console.log(`÷ ${peer.padEnd(6)} ${COLUMNS.map(([key]) => ratio(results.ours[key], results[peer][key])).join(' ')}`);
  }
  console.log(targets(results.ours, results.pyright));

  console.log('\n== hovers on a small file while a 530 KB module is opened and analysed ==');
  console.log('server     module   open→all   hovers  hover p50  hover max  max over the floor');
  const blocking = {};
  // The floor first, so that ours can be read against it.
  for (const server of list.filter((s) => s.name !== 'pyright').reverse()) {
    const r = (blocking[server.name] = await measureBlocking(server));
    const over = server.name === 'floor' ? '' : formatMs(r.max - (blocking.floor?.max ?? 0));
    console.log(`${server.name.padEnd(8)} ${`${r.kb.toFixed(0)} KB`.padStart(8)} ${formatMs(r.openToDiagnostics)} ${String(r.count).padStart(8)} ${formatMs(r.p50)} ${formatMs(r.max)} ${over}`);
  }
  if (codeCache) fs.rmSync(codeCache, { recursive: true, force: true });
  delete process.env[CODE_CACHE_VARIABLE];
  return { results, blocking };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await runPeerBench();
