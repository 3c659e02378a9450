// Where the memory of bench/peers.mjs's run goes, and when: the same steps (10k-line module opened
// right after `initialized`, 200 completions, 200 hovers, 100 one-character edits) against our server,
// started as the client starts it, with its resident memory sampled every 5 ms. After each step it
// prints the highest sample so far, each thread's V8 heap (celerySignals/memoryUsage) and the
// process's memory map by kind (Linux only: /proc/PID/smaps).
// It ends with what the memory was made of at the peak, the peak, and the CPU time the server used (in
// all and per thread: the analysis thread and V8's helpers all show up as `node`), so that a flag's memory saving
// can be weighed against its cost. With a count N it runs N times and prints only those last lines.
// Run: `npm run build && node --import tsx bench/memory-timeline.mjs [N]` (BENCH_SERVER, BENCH_NODE_OPTIONS
// and BENCH_SERVER_ENVIRONMENT=0 as for bench/peers.mjs). BENCH_PROMOTED=main or =analysis also prints
// where that thread allocated what outlived the young generation during the edits (promotedSampler.cjs);
// BENCH_EDIT_PLACES=N spreads the 100 edits over N places of the module instead of one; BENCH_REPORT_EVERY=N
// reports after every N edits (25 by default); BENCH_MAPPINGS=N lists the N largest mappings after the edits.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateModule } from './generate.mjs';
import { Client, editPosition, nodeOptions, oneCharacterEdit, positionAt, probeOffsets, serverPath } from './server.mjs';

const MB = 2 ** 20;

function residentMb(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) / 1024;
}

/** What a mapping holds, as far as its name, size and permissions tell. */
function kindOf(name, sizeKb, permissions) {
  if (name === '[heap]') return 'malloc (main arena)';
  if (name.startsWith('/')) return /\/node$/.test(name) ? 'the node executable' : 'libraries and files';
  if (name) return 'other';
  // V8 reserves 8 GB and more around each WebAssembly memory; only its used part is readable.
  if (sizeKb === 256 && permissions === 'rw-p') return 'V8 heap pages';
  if (permissions.includes('x')) return 'compiled code';
  if (sizeKb < 1024) return 'V8 large objects and small mappings';
  return 'WebAssembly memories, malloc arenas, stacks';
}

/** CPU seconds (user + system) in a /proc stat file: its 14th and 15th fields, in clock ticks (100 a second). */
function statCpuSeconds(file) {
  const fields = fs.readFileSync(file, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU time the process has used so far, in all and by thread (those that used 50 ms or more, busiest first). */
function cpuSeconds(pid) {
  const threads = [];
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      const name = tid === String(pid) ? 'main' : fs.readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      threads.push([name, statCpuSeconds(`/proc/${pid}/task/${tid}/stat`)]);
    } catch {
      // The thread ended meanwhile.
    }
  }
  const busy = threads.filter(([, seconds]) => seconds >= 0.05).sort((a, b) => b[1] - a[1]);
  return { total: statCpuSeconds(`/proc/${pid}/stat`), threads: busy.map(([name, seconds]) => `${name} ${seconds.toFixed(2)}`).join(', ') };
}

function memoryMap(pid) {
  const kinds = new Map();
  let current;
  for (const line of fs.readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const mapping = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (mapping) {
      current = kindOf(mapping[4], (parseInt(mapping[2], 16) - parseInt(mapping[1], 16)) / 1024, mapping[3]);
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss && current) kinds.set(current, (kinds.get(current) ?? 0) + Number(rss[1]) / 1024);
  }
  return [...kinds].sort((a, b) => b[1] - a[1]).map(([kind, mb]) => `${kind} ${mb.toFixed(1)}`).join(', ');
}

/** The largest mappings by resident size, with their size and permissions (BENCH_MAPPINGS=N). */
function largestMappings(pid, count) {
  const mappings = [];
  let current;
  for (const line of fs.readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const mapping = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (mapping) {
      const sizeKb = (parseInt(mapping[2], 16) - parseInt(mapping[1], 16)) / 1024;
      mappings.push((current = { name: mapping[4] || kindOf('', sizeKb, mapping[3]), sizeKb, permissions: mapping[3], rssKb: 0 }));
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss && current) current.rssKb = Number(rss[1]);
  }
  return mappings
    .sort((a, b) => b.rssKb - a.rssKb)
    .slice(0, count)
    .map((m) => `  ${(m.rssKb / 1024).toFixed(1).padStart(6)} MB of ${(m.sizeKb / 1024).toFixed(1)} MB ${m.permissions} ${m.name}`)
    .join('\n');
}

async function report(client, step, peak, quiet) {
  if (quiet) return;
  const memory = await client.request('celerySignals/memoryUsage', null);
  const heaps = Object.entries(memory.threads ?? {})
    .map(([thread, heap]) => (heap ? `${thread} ${(heap.used / MB).toFixed(1)} of ${(heap.total / MB).toFixed(1)} (young ${(heap.youngGeneration / MB).toFixed(1)})` : `${thread} not running`))
    .join(', ');
  console.log(`${step.padEnd(14)} peak so far ${peak().toFixed(1).padStart(6)} MB; heaps used of committed (MB): ${heaps}`);
  console.log(`${''.padEnd(14)} resident by kind (MB): ${memoryMap(client.child.pid)}`);
}

const SITES_SHOWN = 15;

/**
 * Where the edits go: the benchmark's one place (mid-file), or with BENCH_EDIT_PLACES=N that many
 * places spread over the module, each inside a logging call's string as that one is. Edits in many
 * places show what the analysis keeps per place it re-read.
 */
function editPlaces(text, count) {
  if (count <= 1) return [editPosition(text)];
  const calls = [];
  for (let at = text.indexOf('logger.'); at >= 0; at = text.indexOf('logger.', at + 1)) calls.push(at);
  return Array.from({ length: count }, (_, i) => positionAt(text, text.indexOf('("', calls[Math.floor((i * calls.length) / count)]) + 2));
}

/** The sampled profile's allocation sites (the innermost three frames), largest first, in MB per edit. */
function promotedSites(profile, edits) {
  const sites = new Map();
  const walk = (node, frames) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const here = [`${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`, ...frames].slice(0, 3);
    if (node.selfSize > 0) sites.set(here.join(' < '), (sites.get(here.join(' < ')) ?? 0) + node.selfSize);
    for (const child of node.children ?? []) walk(child, here);
  };
  walk(profile.head, []);
  const total = [...sites.values()].reduce((sum, size) => sum + size, 0);
  const lines = [...sites].sort((a, b) => b[1] - a[1]).slice(0, SITES_SHOWN).map(([site, size]) => `  ${(size / MB / edits).toFixed(3).padStart(6)}  ${site}`);
  return [`promoted per edit (MB, sampled): ${(total / MB / edits).toFixed(2)}, by allocation site:`, ...lines].join('\n');
}

async function waitForFile(file, ms) {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (fs.existsSync(file)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

export async function runMemoryTimeline({ quiet = false } = {}) {
  const text = generateModule('python', 10_000, 'realistic');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'celery-signals-memory-'));
  const file = path.join(workspace, 'handlers.py');
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).toString();
  const rootUri = pathToFileURL(workspace).toString();
  const promoted = process.env.BENCH_PROMOTED ? path.join(workspace, 'promoted.json') : undefined;
  if (promoted) process.env.CELERY_SIGNALS_BENCH_PROMOTED = `${process.env.BENCH_PROMOTED}=${promoted}`;
  const samplerScript = path.join(path.dirname(new URL(import.meta.url).pathname), 'promotedSampler.cjs');
  const client = new Client(promoted ? [...nodeOptions, '-r', samplerScript, serverPath, '--stdio'] : undefined);
  let highest = 0;
  let step = 'starting';
  // What the memory is made of at the peak itself, rather than at the next step's end: read again
  // whenever the resident memory passes the last reading by half a megabyte.
  let atPeak = { mb: 0, step, kinds: '' };
  const sampler = setInterval(() => {
    try {
      highest = Math.max(highest, residentMb(client.child.pid));
      if (highest > atPeak.mb + 0.5) atPeak = { mb: highest, step, kinds: memoryMap(client.child.pid) };
    } catch {
      // The process is gone.
    }
  }, 5);
  const peak = () => highest;
  try {
    await client.request('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } }, workspace: { configuration: true, workspaceFolders: true } },
    });
    client.notify('initialized', {});
    step = 'opening';
    const opened = client.diagnostics(uri, 1);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
    await opened;
    await report(client, 'opened', peak, quiet);
    step = 'requests';
    const probes = probeOffsets(text, 200);
    for (const offset of probes.params) await client.request('textDocument/completion', { textDocument: { uri }, position: positionAt(text, offset + 2) });
    for (const offset of probes.names) await client.request('textDocument/hover', { textDocument: { uri }, position: positionAt(text, offset) });
    await report(client, '400 requests', peak, quiet);
    step = 'edits';
    if (promoted) {
      fs.writeFileSync(`${promoted}.start`, '');
      // The sampler looks for the file every 20 ms; the analysis thread between two messages.
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const places = editPlaces(text, Number(process.env.BENCH_EDIT_PLACES ?? 1));
    const reportEvery = Number(process.env.BENCH_REPORT_EVERY ?? 25);
    for (let version = 2; version <= 101; version++) {
      const published = client.diagnostics(uri, version);
      // Each place gets a character typed and deleted again before the next place's turn.
      const at = places[Math.floor((version - 2) / 2) % places.length];
      client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [oneCharacterEdit(at, version)] });
      await published;
      if ((version - 1) % reportEvery === 0) await report(client, `${version - 1} edits`, peak, quiet);
    }
    if (promoted) {
      fs.writeFileSync(`${promoted}.stop`, '');
      if (await waitForFile(promoted, 5000)) {
        const profile = JSON.parse(fs.readFileSync(promoted, 'utf8'));
        console.log(profile.error ? `sampling failed: ${profile.error}` : promotedSites(profile, 100));
      } else console.log(`no profile from the ${process.env.BENCH_PROMOTED} thread`);
    }
    if (!quiet) console.log(`at the peak (${atPeak.mb.toFixed(1)} MB, during ${atPeak.step}) resident by kind (MB): ${atPeak.kinds}`);
    if (process.env.BENCH_MAPPINGS) console.log(`largest mappings after the edits:\n${largestMappings(client.child.pid, Number(process.env.BENCH_MAPPINGS))}`);
    const cpu = cpuSeconds(client.child.pid);
    console.log(`peak (VmHWM): ${client.peakRssMb().toFixed(1)} MB; server CPU time: ${cpu.total.toFixed(2)} s (${cpu.threads})`);
    await client.request('shutdown', null);
    client.notify('exit', null);
  } finally {
    clearInterval(sampler);
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const runs = Number(process.argv[2] ?? 1);
  for (let run = 0; run < runs; run++) await runMemoryTimeline({ quiet: runs > 1 });
}
