// The first diagnostics of a fresh server, many times over: each run starts a server, says hello, opens
// the generated 10k-line module right after `initialized` (as bench/peers.mjs does) and times
// `initialize`, open→first and open→all publish. On a shared machine wall times scatter, so it also
// reads the CPU time the server's threads had used by each publish (/proc, Linux only): the main
// thread's up to the first diagnostics is the steadiest figure of what a change saves.
// Run: `node --import tsx bench/open-start.mjs [runs]`. BENCH_OPEN_SERVERS lists the servers to compare,
// taking turns, separated by commas; each is a server.js path, optionally followed by `|NAME=value`
// settings of its environment, e.g.
// BENCH_OPEN_SERVERS="/work/base/server/out/server.js,server/out/server.js|CELERY_SIGNALS_CODE_CACHE=/tmp/cache"
// (a code-cache folder is filled by the first run that uses it, which is left out of the figures).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateModule } from './generate.mjs';
import { Client, serverPath } from './server.mjs';
import { percentile } from './stats.mjs';
import { SERVER_NODE_OPTIONS } from '../shared/serverNodeOptions.ts';

function parseServer(spec) {
  const [file, ...settings] = spec.split('|');
  return { label: spec, file: path.resolve(file), environment: Object.fromEntries(settings.map((s) => [s.slice(0, s.indexOf('=')), s.slice(s.indexOf('=') + 1)])) };
}

/** Milliseconds each thread of `pid` has run, and their sum. */
function cpuOf(pid) {
  let main = 0;
  let all = 0;
  for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
    const ms = Number(fs.readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
    all += ms;
    if (task === String(pid)) main = ms;
  }
  return { main, all };
}

async function openOnce(server, text) {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'celery-signals-open-'));
  const file = path.join(workspace, 'handlers.py');
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).toString();
  const rootUri = pathToFileURL(workspace).toString();
  // The client starts the server with this process's environment.
  const saved = Object.fromEntries(Object.keys(server.environment).map((name) => [name, process.env[name]]));
  Object.assign(process.env, server.environment);
  const client = new Client([...SERVER_NODE_OPTIONS, server.file, '--stdio']);
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await client.request('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'bench' }],
    capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } }, workspace: { configuration: true, workspaceFolders: true } },
  });
  const initialize = performance.now() - client.started;
  client.notify('initialized', {});
  const published = [];
  client.onPublish = (params) => params.uri === uri && published.push({ at: performance.now(), cpu: cpuOf(client.child.pid) });
  const start = performance.now();
  const opened = client.diagnostics(uri, 1);
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
  await opened;
  // A hover waits for the complete analysis, whose diagnostics go out before its answer.
  await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
  await client.request('shutdown', null);
  client.notify('exit', null);
  await new Promise((resolve) => (client.child.exitCode === null ? client.child.once('exit', resolve) : resolve()));
  fs.rmSync(workspace, { recursive: true, force: true });
  const [first, all] = [published[0], published.at(-1)];
  return { initialize, first: first.at - start, all: all.at - start, mainCpuFirst: first.cpu.main, cpuFirst: first.cpu.all, cpuAll: all.cpu.all };
}

const FIGURES = [
  ['initialize', 'spawn→initialize answered (ms)'],
  ['first', 'open→first diagnostics (ms)'],
  ['all', 'open→all diagnostics (ms)'],
  ['mainCpuFirst', 'main thread CPU by the first (ms)'],
  ['cpuFirst', 'all threads CPU by the first (ms)'],
  ['cpuAll', 'all threads CPU by the last (ms)'],
];

const runs = Number(process.argv[2] ?? 6);
const servers = (process.env.BENCH_OPEN_SERVERS ?? serverPath).split(',').map(parseServer);
const text = generateModule('python', 10_000, 'realistic');
const results = new Map(servers.map((server) => [server, []]));
// One unmeasured run each: it fills a code-cache folder, as an earlier session would have.
for (const server of servers) await openOnce(server, text);
for (let run = 0; run < runs; run++) for (const server of servers) results.get(server).push(await openOnce(server, text));
console.log(`${runs} runs per server, taking turns; load average ${os.loadavg().map((l) => l.toFixed(1)).join(', ')} on ${os.cpus().length} cpus; median (min–max)`);
for (const server of servers) {
  console.log(server.label);
  const list = results.get(server);
  for (const [key, label] of FIGURES) {
    const values = list.map((r) => r[key]);
    console.log(`  ${label.padEnd(36)} ${percentile(values, 50).toFixed(1).padStart(7)} (${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)})`);
  }
}
