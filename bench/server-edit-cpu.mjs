// What one keystroke costs the whole server process: edit → published diagnostics latency and the
// server's CPU time per edit (every thread: main, analysis, V8's GC helpers), read from /proc, on the
// generated 10k-line module. CPU time is what a busy shared machine skews least: compare builds back
// to back with BENCH_SERVER=<other server.js>. Each busy thread's share is printed too (on Linux, in
// thread order: main, V8's helper, the analysis thread). PROF=<dir> writes a CPU profile per thread;
// NOINDEX=1 turns the project index off. Run: `npm run build && node --import tsx bench/server-edit-cpu.mjs [edits]`.
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
const client = new Client([...nodeOptions, ...prof, serverPath, '--stdio']);
await client.request('initialize', { processId: process.pid, rootUri: pathToFileURL(workspace).toString(), workspaceFolders: [{ uri: pathToFileURL(workspace).toString(), name: 'b' }], initializationOptions: process.env.NOINDEX ? { projectIndex: false } : undefined, capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } }, workspace: { configuration: true, workspaceFolders: true } } });
client.notify('initialized', {});
const opened = client.diagnostics(uri, 1);
client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
const first = await opened;
await new Promise((r) => setTimeout(r, 1500));
const at = editPosition(text);
const times = [];
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
const threadsBefore = threadCpuMs();
const cpuBefore = serverCpuMs();
for (let version = 2; version < edits + 2; version++) {
  const start = performance.now();
  const published = client.diagnostics(uri, version);
  client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [oneCharacterEdit(at, version)] });
  await published;
  times.push(performance.now() - start);
}
const cpuPerEdit = (serverCpuMs() - cpuBefore) / edits;
const threadsAfter = threadCpuMs();
const busyThreads = Object.keys(threadsAfter).map((tid) => (threadsAfter[tid] - (threadsBefore[tid] ?? 0)) / edits).filter((ms) => ms >= 0.05);
console.log(`diagnostics ${first.length}; edit p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, min ${Math.min(...times).toFixed(1)}; server CPU per edit ${cpuPerEdit.toFixed(1)} ms (per busy thread, in thread order: ${busyThreads.map((ms) => ms.toFixed(1)).join(', ')}); load ${os.loadavg()[0].toFixed(1)}`);
await client.request('shutdown', null);
client.notify('exit', null);
await new Promise((r) => setTimeout(r, 500));
fs.rmSync(workspace, { recursive: true, force: true });
