// Language-server benchmark: the built server (server/out/server.js) driven over stdio exactly as an
// editor drives it, on generated 1k- and 10k-line Python modules full of handlers. Reports cold start,
// open → first diagnostics, completion and hover latency, one-character edit → new diagnostics, and
// peak RSS. Run: `npm run build && node --import tsx bench/server.mjs` (or via `npm run bench`).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateModule } from './generate.mjs';
import { formatMs, percentile } from './stats.mjs';
import { SERVER_ENVIRONMENT, SERVER_NODE_OPTIONS } from '../shared/serverNodeOptions.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** BENCH_SERVER measures another build (e.g. one of main kept aside) against the same harness. */
export const serverPath = process.env.BENCH_SERVER ? path.resolve(process.env.BENCH_SERVER) : path.join(root, 'server/out/server.js');

/** The Node options our server runs with: the client's, or BENCH_NODE_OPTIONS (e.g. '' for a build whose client set none). */
export const nodeOptions = process.env.BENCH_NODE_OPTIONS !== undefined ? process.env.BENCH_NODE_OPTIONS.split(' ').filter(Boolean) : [...SERVER_NODE_OPTIONS];

/** The environment every server is started in: ours, as the client adds it (BENCH_SERVER_ENVIRONMENT=0 leaves it out). */
export const serverEnvironment = process.env.BENCH_SERVER_ENVIRONMENT === '0' ? {} : { ...SERVER_ENVIRONMENT };

export class Client {
  /** `args` start the server under this Node; the default is our built server with the client's options. */
  constructor(args = [...nodeOptions, serverPath, '--stdio']) {
    this.started = performance.now();
    this.child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, ...serverEnvironment } });
    this.buffer = Buffer.alloc(0);
    this.nextId = 1;
    this.pending = new Map();
    this.diagnosticWaiters = [];
    this.child.stdout.on('data', (chunk) => this.onData(chunk));
  }

  onData(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString())[1]);
      if (this.buffer.length < end + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString());
      this.buffer = this.buffer.subarray(end + 4 + length);
      if (message.method && message.id !== undefined) {
        const result = message.method === 'workspace/configuration' ? message.params.items.map(() => ({})) : null;
        this.send({ jsonrpc: '2.0', id: message.id, result });
      } else if (message.method === 'textDocument/publishDiagnostics') {
        // A server that does not say which version it analysed (pyright may not) answers the latest wait.
        const version = message.params.version;
        this.onPublish?.(message.params);
        const waiter = this.diagnosticWaiters.find((w) => w.uri === message.params.uri && (version === undefined || w.version === version));
        if (waiter) {
          this.diagnosticWaiters.splice(this.diagnosticWaiters.indexOf(waiter), 1);
          waiter.resolve(message.params.diagnostics);
        }
      } else if (message.method && this.onNotification) {
        this.onNotification(message);
      } else if (message.id !== undefined && this.pending.has(message.id)) {
        this.pending.get(message.id)(message.result);
        this.pending.delete(message.id);
      }
    }
  }

  send(message) {
    const body = Buffer.from(JSON.stringify(message));
    this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
  }

  request(method, params) {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method, params) {
    this.send({ jsonrpc: '2.0', method, params });
  }

  diagnostics(uri, version) {
    return new Promise((resolve) => this.diagnosticWaiters.push({ uri, version, resolve }));
  }

  peakRssMb() {
    const status = fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)[1]) / 1024;
  }
}

export function positionAt(text, offset) {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length - 1, character: offset - before.lastIndexOf('\n') - 1 };
}

/** Offsets inside handler parameter lists (completion) and on connected signal names (hover). */
export function probeOffsets(text, count) {
  const params = [...text.matchAll(/@\w+\.connect[^\n]*\ndef \w+\((sender)/g)].map((m) => m.index + m[0].length);
  const names = [...text.matchAll(/@(\w+)\.connect/g)].map((m) => m.index + 2);
  const spread = (list) => Array.from({ length: count }, (_, i) => list[Math.floor((i * list.length) / count)]);
  return { params: spread(params), names: spread(names) };
}

function startClient(pull) {
  const client = new Client();
  const diagnostic = pull ? { diagnostic: { dynamicRegistration: false } } : {};
  const init = client.request('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(root).toString(),
    capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } }, hover: { contentFormat: ['markdown'] }, ...diagnostic }, workspace: { configuration: true } },
  });
  return { client, init };
}

/** Where the benchmark types: inside a string of a handler body in the middle of the file. */
export function editPosition(text) {
  const call = text.indexOf('logger.', Math.floor(text.length / 2));
  return positionAt(text, text.indexOf('("', call) + 2);
}

export function oneCharacterEdit(at, i) {
  return i % 2 === 0 ? { range: { start: at, end: at }, text: 'x' } : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' };
}

/** As VS Code does it: pull diagnostics after each edit, passing the previous result id. */
async function measurePull(lines, profile) {
  const text = generateModule('python', lines, profile);
  const { client, init } = startClient(true);
  await init;
  client.notify('initialized', {});
  const uri = pathToFileURL(path.join(root, `bench_pull_${lines}.py`)).toString();
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
  let report = await client.request('textDocument/diagnostic', { textDocument: { uri } });
  const at = editPosition(text);
  const edits = [];
  let unchanged = 0;
  for (let i = 0; i < 100; i++) {
    const start = performance.now();
    client.notify('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: [oneCharacterEdit(at, i)] });
    const next = await client.request('textDocument/diagnostic', { textDocument: { uri }, previousResultId: report.resultId });
    edits.push(performance.now() - start);
    if (next.kind === 'unchanged') unchanged++;
    else report = next;
  }
  await client.request('shutdown', null);
  client.notify('exit', null);
  return { edits, unchanged };
}

async function measure(lines, profile) {
  const text = generateModule('python', lines, profile);
  const { client, init: initialized } = startClient(false);
  const init = await initialized;
  const coldStart = performance.now() - client.started;
  if (!init) throw new Error('initialize failed');
  client.notify('initialized', {});

  const uri = pathToFileURL(path.join(root, `bench_module_${lines}.py`)).toString();
  // A large module's top part is published first (docs/performance.md): every publish of version 1
  // is timed, and a hover, answered only after the complete diagnostics went out, marks the last.
  const published = [];
  client.onPublish = (params) => params.uri === uri && params.version === 1 && published.push({ at: performance.now(), count: params.diagnostics.length });
  const openStart = performance.now();
  const opened = client.diagnostics(uri, 1);
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
  await opened;
  const probes = probeOffsets(text, 200);
  await client.request('textDocument/hover', { textDocument: { uri }, position: positionAt(text, probes.names[0]) });
  client.onPublish = undefined;
  const openToDiagnostics = published[0].at - openStart;
  const openToAll = published.at(-1).at - openStart;

  const completion = [];
  for (const offset of probes.params) {
    const start = performance.now();
    await client.request('textDocument/completion', { textDocument: { uri }, position: positionAt(text, offset + 2) });
    completion.push(performance.now() - start);
  }
  const hover = [];
  for (const offset of probes.names) {
    const start = performance.now();
    await client.request('textDocument/hover', { textDocument: { uri }, position: positionAt(text, offset) });
    hover.push(performance.now() - start);
  }

  // Type one character into a string in a handler body mid-file, then delete it, repeatedly.
  const at = editPosition(text);
  const edits = [];
  let version = 1;
  for (let i = 0; i < 100; i++) {
    version++;
    const change = oneCharacterEdit(at, i);
    const start = performance.now();
    const published = client.diagnostics(uri, version);
    client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    await published;
    edits.push(performance.now() - start);
  }
  const rss = client.peakRssMb();
  await client.request('shutdown', null);
  client.notify('exit', null);
  return { lines: text.split('\n').length, diagnostics: published.at(-1).count, coldStart, openToDiagnostics, openToAll, completion, hover, edits, rss };
}

// `realistic` modules have a handler every 25 lines, one in seven wrong; `dense` ones a handler
// every 7 lines, most of them wrong (thousands of diagnostics): the stress case.
const RUNS = [
  ['realistic', 1_000],
  ['realistic', 10_000],
  ['dense', 1_000],
  ['dense', 10_000],
];

export async function runServerBench() {
  if (!fs.existsSync(serverPath)) throw new Error('server/out/server.js is missing: run `npm run build` first');
  console.log('\n== language server over stdio (push diagnostics; 200 completions, 200 hovers, 100 edits) ==');
  // Latencies scale with how busy the machine is; the load average says how to read them.
  console.log(`load average before the run: ${os.loadavg().map((l) => l.toFixed(1)).join(', ')} on ${os.cpus().length} cpus`);
  console.log('open→first: the first diagnostics published for the opened version (a large module\'s top part); open→all: the complete ones');
  console.log('profile     lines  diags    start open→first   open→all  compl p50  compl p95  hover p50  hover p95   edit p50   edit p95  peak RSS');
  const results = [];
  for (const [profile, lines] of RUNS) {
    const r = await measure(lines, profile);
    results.push(r);
    console.log(
      `${profile.padEnd(9)} ${String(r.lines).padStart(7)} ${String(r.diagnostics).padStart(6)} ${formatMs(r.coldStart)} ${formatMs(r.openToDiagnostics)} ${formatMs(r.openToAll)} ` +
        `${formatMs(percentile(r.completion, 50))} ${formatMs(percentile(r.completion, 95))} ${formatMs(percentile(r.hover, 50))} ${formatMs(percentile(r.hover, 95))} ` +
        `${formatMs(percentile(r.edits, 50))} ${formatMs(percentile(r.edits, 95))} ${r.rss.toFixed(0).padStart(6)} MB`,
    );
  }
  console.log('\n   pull mode (didChange, then textDocument/diagnostic with the previous result id):');
  for (const [profile, lines] of RUNS) {
    const r = await measurePull(lines, profile);
    console.log(`${profile.padEnd(9)} ${String(lines).padStart(7)} lines: edit → diagnostics p50 ${formatMs(percentile(r.edits, 50))}, p95 ${formatMs(percentile(r.edits, 95))} (${r.unchanged} of 100 answered "unchanged")`);
  }
  return results;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await runServerBench();
