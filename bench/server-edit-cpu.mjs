// What one keystroke costs the whole server process: edit → published diagnostics latency and the
// server's CPU time per edit (every thread: main, analysis, V8's GC helpers), read from /proc, on the
// generated 10k-line module. CPU time is what a busy shared machine skews least: compare builds back
// to back with BENCH_SERVER=<other server.js>. Each busy thread's share is printed too (on Linux, in
// thread order: main, V8's helper, the analysis thread). PROF=<dir> writes a CPU profile per thread;
// NOINDEX=1 turns the project index off. SERIES=1 prints every edit's latency in order; GC_LOG=<file>
// logs each thread's garbage collections (bench/gc-log.cjs) and prints, per slow edit, what ran during it. Run: `npm run build && node --import tsx bench/server-edit-cpu.mjs [edits]`.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateModule } from './generate.mjs';
import { Client, editPosition, oneCharacterEdit, nodeOptions, serverPath } from './server.mjs';
import { percentile } from './stats.mjs';
const edits = Number(process.argv[2] ?? 100);
const text = generateModule('python', 10000, 'realistic');
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-edits-'));
const file = path.join(workspace, 'handlers.py');
fs.writeFileSync(file, text);
const uri = pathToFileURL(file).toString();
const prof = process.env.PROF ? [`--cpu-prof`, `--cpu-prof-dir=${process.env.PROF}`] : [];
const gcLog = process.env.GC_LOG ? path.resolve(process.env.GC_LOG) : undefined;
if (gcLog) {
  fs.rmSync(gcLog, { force: true });
  process.env.CELERY_SIGNALS_GC_LOG = gcLog;
}
const gcPreload = gcLog ? ['--require', path.join(path.dirname(new URL(import.meta.url).pathname), 'gc-log.cjs')] : [];
const client = new Client([...nodeOptions, ...prof, ...gcPreload, serverPath, '--stdio']);
await client.request('initialize', { processId: process.pid, rootUri: pathToFileURL(workspace).toString(), workspaceFolders: [{ uri: pathToFileURL(workspace).toString(), name: 'b' }], initializationOptions: process.env.NOINDEX ? { projectIndex: false } : undefined, capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } }, workspace: { configuration: true, workspaceFolders: true } } });
client.notify('initialized', {});
const opened = client.diagnostics(uri, 1);
client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
const first = await opened;
await new Promise((r) => setTimeout(r, 1500));
const at = editPosition(text);
const times = [];
/** Each edit's [start, end] in epoch ms, the clock the GC log uses. */
const windows = [];
/** The server's user + system CPU time in ms (utime and stime of /proc/<pid>/stat, in 10 ms ticks). */
const serverCpuMs = () => {
  const fields = fs.readFileSync(`/proc/${client.child.pid}/stat`, 'utf8').split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
};
/** Each thread's CPU time in ms, by thread id (main, V8's helper, the analysis thread, ...). */
const threadCpuMs = () => {
  const times = {};
  for (const tid of fs.readdirSync(`/proc/${client.child.pid}/task`)) {
    const stat = fs.readFileSync(`/proc/${client.child.pid}/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    times[tid] = (Number(fields[11]) + Number(fields[12])) * 10;
  }
  return times;
};
/** Each thread's CPU time in ns (schedstat), by thread id: precise enough to charge single edits. */
const threadCpuNs = () => {
  const times = {};
  for (const tid of fs.readdirSync(`/proc/${client.child.pid}/task`)) {
    try {
      times[tid] = Number(fs.readFileSync(`/proc/${client.child.pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // The thread ended meanwhile.
    }
  }
  return times;
};
/** Per edit, the CPU ms of each thread that used any, by thread id. */
const editCpu = [];
const threadsBefore = threadCpuMs();
const cpuBefore = serverCpuMs();
for (let version = 2; version < edits + 2; version++) {
  const cpuStart = process.env.SERIES ? threadCpuNs() : undefined;
  const start = performance.now();
  const published = client.diagnostics(uri, version);
  client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [oneCharacterEdit(at, version)] });
  await published;
  times.push(performance.now() - start);
  windows.push([performance.timeOrigin + start, performance.timeOrigin + performance.now()]);
  if (cpuStart) {
    const cpuEnd = threadCpuNs();
    editCpu.push(Object.fromEntries(Object.keys(cpuEnd).map((tid) => [tid, (cpuEnd[tid] - (cpuStart[tid] ?? 0)) / 1e6])));
  }
}
const cpuPerEdit = (serverCpuMs() - cpuBefore) / edits;
const threadsAfter = threadCpuMs();
const busyThreads = Object.keys(threadsAfter).map((tid) => (threadsAfter[tid] - (threadsBefore[tid] ?? 0)) / edits).filter((ms) => ms >= 0.05);
console.log(`diagnostics ${first.length}; edit p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, min ${Math.min(...times).toFixed(1)}; server CPU per edit ${cpuPerEdit.toFixed(1)} ms (per busy thread, in thread order: ${busyThreads.map((ms) => ms.toFixed(1)).join(', ')}); load ${os.loadavg()[0].toFixed(1)}`);
if (process.env.SERIES) {
  console.log(`series (ms, in order): ${times.map((t) => t.toFixed(1)).join(' ')}`);
  const tids = Object.keys(editCpu.at(-1)).filter((tid) => editCpu.some((e) => (e[tid] ?? 0) > 0.05));
  for (const tid of tids) console.log(`CPU ms of thread ${tid} per edit: ${editCpu.map((e) => (e[tid] ?? 0).toFixed(1)).join(' ')}`);
  const mean = (list) => list.reduce((a, b) => a + b, 0) / list.length;
  const firstAndLast = (list) => `first 20 ${mean(list.slice(0, 20)).toFixed(1)}, last half ${mean(list.slice(Math.floor(list.length / 2))).toFixed(1)}`;
  console.log(`means: latency ${firstAndLast(times)}; ${tids.map((tid) => `thread ${tid} CPU ${firstAndLast(editCpu.map((e) => e[tid] ?? 0))}`).join('; ')}`);
}
if (gcLog) {
  await new Promise((r) => setTimeout(r, 300));
  reportCollections(fs.readFileSync(gcLog, 'utf8'));
}
await client.request('shutdown', null);
client.notify('exit', null);
await new Promise((r) => setTimeout(r, 500));
fs.rmSync(workspace, { recursive: true, force: true });

/** Per thread: GC time inside p95-slow edits against the rest, and the kinds of collection in the slow ones. */
function reportCollections(log) {
  const events = log.trim().split('\n').filter(Boolean).map((line) => {
    const [thread, at, duration, kind] = line.split(' ');
    return { thread, at: Number(at), duration: Number(duration), kind };
  });
  const slowFrom = percentile(times, 90);
  const inside = (e, [from, to]) => e.at >= from && e.at < to;
  const rows = windows.map((w, i) => ({ i, ms: times[i], gcs: events.filter((e) => inside(e, w)) }));
  const sum = (list) => list.reduce((a, e) => a + e.duration, 0);
  for (const slow of [true, false]) {
    const group = rows.filter((r) => (r.ms >= slowFrom) === slow);
    const gcs = group.flatMap((r) => r.gcs);
    const threads = [...new Set(gcs.map((e) => e.thread))].sort();
    const per = threads.map((t) => `thread ${t}: ${(sum(gcs.filter((e) => e.thread === t)) / group.length).toFixed(1)} ms (${[...new Set(gcs.filter((e) => e.thread === t).map((e) => e.kind))].join('/')})`);
    console.log(`${slow ? 'slowest 10%' : 'the rest'} (${group.length} edits, mean ${(group.reduce((a, r) => a + r.ms, 0) / group.length).toFixed(1)} ms): GC pause per edit ${per.join(', ') || 'none'}`);
  }
  for (const r of rows.filter((r) => r.ms >= slowFrom)) console.log(`  edit ${r.i + 1}: ${r.ms.toFixed(1)} ms; ${r.gcs.map((e) => `t${e.thread} ${e.kind} ${e.duration.toFixed(1)}`).join(', ') || 'no GC'}`);
}
