// What one keystroke costs the analysis thread, without the server around it: the generated 10k-line
// module is opened and edited (one character typed into a string mid-file, then deleted, alternately)
// through the thread's own path (AnalysisCache, then the findings delta it posts). Prints CPU time
// per edit and what each edit allocates on the JavaScript heap (V8's sampling heap profiler, the
// harness's own text edits left out). The first edits warm up and are not counted. Compare builds by
// running it from each tree, or with BENCH_ROOT=<another tree> (its sources are loaded). The module is
// held in pieces, as the thread holds a large document; BENCH_FLAT=1 holds it as one string, and
// BENCH_TOP=N lists the N functions that allocated the most.
// Run: `node --import tsx bench/analysis-thread-edits.mjs [edits] [warm-up]`.
import * as inspector from 'node:inspector/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateModule } from './generate.mjs';
import { percentile } from './stats.mjs';

const root = process.env.BENCH_ROOT ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { AnalysisCache } = await import(path.join(root, 'server/src/documents/analysisCache.ts'));
const { findingsDelta } = await import(path.join(root, 'server/src/documents/findingsDelta.ts'));
const { getBundledCatalog } = await import(path.join(root, 'server/src/catalog/catalog.ts'));
const { applyChange } = await import(path.join(root, 'server/src/analysis/textChange.ts'));
const { LineIndex } = await import(path.join(root, 'server/src/analysis/text.ts'));
const { ChunkedText } = await import(path.join(root, 'server/src/analysis/chunkedText.ts'));
const { documentOf } = await import(path.join(root, 'server/src/documents/chunkedDocument.ts'));

const edits = Number(process.argv[2] ?? 200);
const warmUp = Number(process.argv[3] ?? 20);
const catalog = getBundledCatalog();
const uri = 'file:///bench/handlers.py';
const settings = { enable: true, celeryVersion: catalog.latestCeleryVersion, severities: {} };
const generated = generateModule('python', 10000, 'realistic');
// Held as the thread holds a large document: in pieces (BENCH_FLAT=1: as one string, as it once did).
let text = process.env.BENCH_FLAT === '1' ? generated : ChunkedText.of(generated);
let index = new LineIndex(text);
const cache = new AnalysisCache(50, null);
const entry = { document: documentOf(uri, 'python', 1, text), pendingEdits: 'full' };
let analysis = await cache.analyse(uri, entry, catalog, settings);
let sent = { findings: analysis.findings, length: text.length };
const at = index.positionAt(generated.indexOf('("', generated.indexOf('logger.', Math.floor(generated.length / 2))) + 2);
const change = (i) => (i % 2 === 0 ? { range: { start: at, end: at }, text: 'x' } : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' });

const session = new inspector.Session();
session.connect();
const cpu = [];
for (let i = 0; i < warmUp + edits; i++) {
  if (i === warmUp) {
    await session.post('HeapProfiler.enable');
    await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  }
  const applied = applyChange(text, change(i), index);
  text = applied.text;
  index = applied.index;
  const before = process.cpuUsage();
  entry.document = documentOf(uri, 'python', i + 2, text);
  entry.pendingEdits = entry.pendingEdits === 'full' ? [applied.edit] : [...entry.pendingEdits, applied.edit];
  analysis = await cache.analyse(uri, entry, catalog, settings);
  findingsDelta(sent.findings, analysis.findings, text.length - sent.length);
  sent = { findings: analysis.findings, length: text.length };
  const used = process.cpuUsage(before);
  if (i >= warmUp) cpu.push((used.user + used.system) / 1000);
}
const { profile } = await session.post('HeapProfiler.stopSampling');
/** Bytes allocated outside the harness's own text edits. */
const allocated = (node, inHarness) => {
  const harness = inHarness || node.callFrame.functionName === 'applyChange';
  return (harness ? 0 : node.selfSize) + node.children.reduce((sum, child) => sum + allocated(child, harness), 0);
};
const perEdit = allocated(profile.head, false) / edits / (1024 * 1024);
console.log(`${analysis.findings.length} findings; per edit over ${edits}: CPU p50 ${percentile(cpu, 50).toFixed(2)} ms, mean ${(cpu.reduce((a, b) => a + b, 0) / cpu.length).toFixed(2)} ms, p95 ${percentile(cpu, 95).toFixed(2)} ms; allocated ${perEdit.toFixed(2)} MB`);
// BENCH_TOP=N: the N functions that allocated the most themselves (per edit), with where they are.
const top = Number(process.env.BENCH_TOP ?? 0);
if (top > 0) {
  const bySite = new Map();
  const visit = (node, inHarness) => {
    const harness = inHarness || node.callFrame.functionName === 'applyChange';
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${path.basename(url)}:${lineNumber + 1}`;
    if (!harness && node.selfSize > 0) bySite.set(key, (bySite.get(key) ?? 0) + node.selfSize);
    for (const child of node.children) visit(child, harness);
  };
  visit(profile.head, false);
  for (const [site, bytes] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${(bytes / edits / 1024).toFixed(1).padStart(8)} KB  ${site}`);
}
