// Keystroke benchmark at the analysis layer: one-character edits typed into a string mid-file of a
// generated module, each analysed through analyzeSource with the previous tree and edits, as the
// server does; then the same edits once more, timing the front end's extraction alone (extractModel,
// parse and rules left out). Usage: node --import tsx bench/keystroke.mjs [lines] [edits] [realistic|dense]
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateModule } from './generate.mjs';
import { cpuMs, formatMs, percentile } from './stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { analyzeSource, extractModel } = await import(path.join(root, 'server/src/analysis/analyze.ts'));
const { FactMemo } = await import(path.join(root, 'server/src/analysis/frontends/factMemo.ts'));
const { parseText } = await import(path.join(root, 'server/src/parsing/treeSitter.ts'));
const { applyChange } = await import(path.join(root, 'server/src/analysis/textChange.ts'));
const { LineIndex } = await import(path.join(root, 'server/src/analysis/text.ts'));
const { getBundledCatalog } = await import(path.join(root, 'server/src/catalog/catalog.ts'));

/** The position typed at (inside a string mid-file) and the i-th edit: 'x' typed, then deleted. */
function keystrokes(text, index) {
  const call = text.indexOf('logger.', Math.floor(text.length / 2));
  const at = index.positionAt(text.indexOf('("', call) + 2);
  return (i) => (i % 2 === 0 ? { range: { start: at, end: at }, text: 'x' } : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' });
}

export async function runKeystrokeBench(lines = 10_000, count = 100, profile = 'realistic') {
  const catalog = getBundledCatalog();
  let text = generateModule('python', lines, profile);
  let state = await analyzeSource({ text, grammar: 'python', catalog });
  let index = new LineIndex(text);
  const edit = keystrokes(text, index);
  const times = [];
  const cpu = [];
  for (let i = 0; i < count + 5; i++) {
    const change = edit(i);
    const start = performance.now();
    const startCpu = cpuMs();
    const applied = applyChange(text, change, index);
    text = applied.text;
    const next = await analyzeSource({ text, grammar: 'python', catalog, previous: { tree: state.tree, edits: [applied.edit] } });
    state.tree.delete();
    state = next;
    index = applied.index;
    if (i < 5) continue; // warm-up
    times.push(performance.now() - start);
    cpu.push(cpuMs() - startCpu);
  }
  state.tree?.delete();
  return { p50: percentile(times, 50), p95: percentile(times, 95), cpu50: percentile(cpu, 50), cpu95: percentile(cpu, 95), findings: state.findings.length, ...(await runExtractionBench(lines, count, profile)) };
}

/** The same keystrokes, timing extractModel alone (with the document's memo and the edit, as analyzeSource passes them). */
async function runExtractionBench(lines, count, profile) {
  const catalog = getBundledCatalog();
  let text = generateModule('python', lines, profile);
  let index = new LineIndex(text);
  const edit = keystrokes(text, index);
  const memo = new FactMemo(catalog, '');
  let tree = await parseText('python', text);
  extractModel(tree, text, 'python', catalog, undefined, memo);
  const times = [];
  for (let i = 0; i < count + 5; i++) {
    const applied = applyChange(text, edit(i), index);
    text = applied.text;
    index = applied.index;
    tree.edit(applied.edit);
    const next = await parseText('python', text, tree);
    const changed = { start: applied.edit.startIndex, oldEnd: applied.edit.oldEndIndex, newEnd: applied.edit.newEndIndex };
    const start = performance.now();
    extractModel(next, text, 'python', catalog, undefined, memo, { tree, changed });
    const elapsed = performance.now() - start;
    tree.delete();
    tree = next;
    if (i >= 5) times.push(elapsed);
  }
  tree.delete();
  return { extract50: percentile(times, 50), extract95: percentile(times, 95) };
}

/** Prints one line per profile: wall and CPU p50/p95 of keystroke → findings. */
export async function printKeystrokeBench(lines = 10_000, edits = 100, profiles = ['realistic', 'dense']) {
  for (const profile of profiles) {
    const r = await runKeystrokeBench(lines, edits, profile);
    console.log(`${profile.padEnd(9)} ${lines} lines, ${r.findings} findings: keystroke → findings p50 ${formatMs(r.p50)}, p95 ${formatMs(r.p95)}; CPU p50 ${formatMs(r.cpu50)}, p95 ${formatMs(r.cpu95)}; extraction alone p50 ${formatMs(r.extract50)}, p95 ${formatMs(r.extract95)}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const lines = Number(process.argv[2] ?? 10_000);
  const edits = Number(process.argv[3] ?? 100);
  await printKeystrokeBench(lines, edits, process.argv[4] ? [process.argv[4]] : undefined);
}
