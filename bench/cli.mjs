// CLI benchmark: `celery-signals check` over the Python standard library plus 150 generated handler
// modules, end to end (a real process), against a bare single-thread tree-sitter parse of the same
// files (read, parse, free the tree, after a warm-up). Printed as ratios of wall time (the target is at
// most 0.6x) and of CPU time over all threads, which a busy shared machine skews less.
// Usage: node --import tsx bench/cli.mjs [stdlib folder] [runs] [more trees to compare, e.g. a real project...]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateModule } from './generate.mjs';
import { cpuMs } from './stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { collectFiles } = await import(path.join(root, 'server/src/cli/files.ts'));
const { grammarFor, parseText } = await import(path.join(root, 'server/src/parsing/treeSitter.ts'));
const { mayHoldFacts } = await import(path.join(root, 'server/src/analysis/factWords.ts'));
const { getBundledCatalog } = await import(path.join(root, 'server/src/catalog/catalog.ts'));

const HANDLER_MODULES = 150;
const seconds = (ms) => `${(ms / 1000).toFixed(2).padStart(6)} s`;
const LINES_PER_MODULE = 1_000;

async function bareParse(files) {
  const start = performance.now();
  const cpuStart = cpuMs();
  for (const file of files) {
    const tree = await parseText(grammarFor(file), fs.readFileSync(file, 'utf8'));
    tree.delete();
  }
  return { wall: performance.now() - start, cpu: cpuMs() - cpuStart };
}

function cli(paths, extra) {
  const usageFile = path.join(os.tmpdir(), `celery-signals-cli-bench-usage-${process.pid}.json`);
  const command = ['--require', path.join(root, 'bench/usage-on-exit.cjs'), path.join(root, 'server/out/cli.js'), 'check', ...paths, '--format', 'json', ...extra];
  const start = performance.now();
  const run = spawnSync(process.execPath, command, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, env: { ...process.env, CELERY_SIGNALS_BENCH_USAGE: usageFile } });
  const wall = performance.now() - start;
  if (run.status !== 0 && run.status !== 1) throw new Error(`the CLI failed (exit ${run.status}): ${run.stderr}`);
  const { cpuMs: cpu, maxRssMb, threads } = JSON.parse(fs.readFileSync(usageFile, 'utf8'));
  fs.rmSync(usageFile, { force: true });
  return { wall, cpu, maxRssMb, threads, findings: JSON.parse(run.stdout).length };
}

/**
 * Where one thread's CPU goes in `check --jobs 1` (a CPU profile of the process): the parse, the
 * extraction of models and module exports, and everything else (start-up, reading, the word skip,
 * judging, output). Samples are counted by the outermost of these functions on their stack.
 */
function cpuShares(paths) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'celery-signals-cli-profile-'));
  try {
    spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, path.join(root, 'server/out/cli.js'), 'check', ...paths, '--format', 'json', '--jobs', '1'], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    const profile = JSON.parse(fs.readFileSync(path.join(dir, fs.readdirSync(dir)[0]), 'utf8'));
    const parents = new Map();
    for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node);
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const parts = { parse: 0, extraction: 0, judging: 0, 'garbage collection': 0, other: 0 };
    const partOf = { parseText: 'parse', extractSource: 'extraction', checkExtracted: 'judging', '(garbage collector)': 'garbage collection' };
    let all = 0;
    profile.samples.forEach((id, i) => {
      const micros = profile.timeDeltas[i] ?? 0;
      let part = 'other';
      for (let node = byId.get(id); node; node = parents.get(node.id)) {
        if (node.callFrame.functionName === '(idle)') return;
        // Own keys only: a function named `toString` is no part of its own.
        if (Object.hasOwn(partOf, node.callFrame.functionName)) part = partOf[node.callFrame.functionName];
      }
      parts[part] += micros;
      all += micros;
    });
    return Object.entries(parts).map(([name, micros]) => `${name} ${((100 * micros) / all).toFixed(0)}%`).join(', ');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Bare parse against the CLI (one thread, default threads, no skip) over `paths`, best of `runs`. */
async function compare(paths, runs) {
  const { files } = collectFiles(paths);
  const texts = files.map((file) => fs.readFileSync(file, 'utf8'));
  const lines = texts.reduce((sum, text) => sum + text.split('\n').length, 0);
  const catalog = getBundledCatalog();
  const parsed = texts.filter((text, i) => mayHoldFacts(text, catalog, undefined, grammarFor(files[i])));
  const parsedLines = parsed.reduce((sum, text) => sum + text.split('\n').length, 0);
  console.log(`${files.length} files, ${lines.toLocaleString('en')} lines; ${parsed.length} files (${parsedLines.toLocaleString('en')} lines) hold a fact word and are parsed`);
  console.log(`cores available: ${os.availableParallelism()}, load average ${os.loadavg()[0].toFixed(1)}; each figure is the best of ${runs} runs (wall and CPU each on its own)`);
  await bareParse(files.slice(0, 20)); // grammar load and JIT, which the CLI pays too but a floor should not
  const configurations = [
    ['bare parse, 1 thread (the floor)', () => bareParse(files)],
    ['CLI --jobs 1', () => cli(paths, ['--jobs', '1'])],
    ['CLI (default jobs)', () => cli(paths, [])],
    ['CLI --parse-all --jobs 1 (no skip)', () => cli(paths, ['--parse-all', '--jobs', '1'])],
  ];
  const best = new Map();
  for (let run = 0; run < runs; run++) {
    for (const [name, measure] of configurations) {
      const result = await measure();
      const seen = best.get(name);
      // Other processes stretch the wall clock more than the CPU time: each is taken at its best.
      best.set(name, seen ? { wall: Math.min(seen.wall, result.wall), cpu: Math.min(seen.cpu, result.cpu) } : result);
      const rss = result.maxRssMb === undefined ? '' : `, peak RSS ${result.maxRssMb.toFixed(0)} MB, ${result.findings} findings`;
      const t = result.threads;
      // Where the CPU went: the main thread, workers (ended by exit), V8's helper threads (compiler, GC).
      const split = t ? ` (main ${(t.mainMs / 1000).toFixed(2)}, workers ${(t.endedMs / 1000).toFixed(2)}, V8 helpers ${(t.helpersMs / 1000).toFixed(2)})` : '';
      console.log(`  run ${run + 1}: ${name.padEnd(36)} ${seconds(result.wall)} wall, ${seconds(result.cpu)} CPU${rss}${split}`);
    }
  }
  const floor = best.get(configurations[0][0]);
  console.log('configuration (best of the runs)       wall      ratio     CPU (all threads)   CPU ratio   (target: wall ratio <= 0.60)');
  for (const [name] of configurations) {
    const { wall, cpu } = best.get(name);
    console.log(`${name.padEnd(36)} ${seconds(wall)}   ${(wall / floor.wall).toFixed(2).padStart(5)}x   ${seconds(cpu)}           ${(cpu / floor.cpu).toFixed(2).padStart(5)}x`);
  }
  // On a busy machine the wall clock says little; the CPU time spread evenly over the threads bounds
  // from below what the wall would be on idle cores (no thread can finish before its share is done).
  const threads = os.availableParallelism();
  const spread = best.get('CLI (default jobs)').cpu / threads;
  console.log(`CLI (default jobs) CPU over ${threads} threads: ${seconds(spread)}, ${(spread / floor.cpu).toFixed(2)}x the floor's CPU (the wall on idle cores cannot be lower)`);
  console.log(`CPU of the main thread in CLI --jobs 1 (a profile): ${cpuShares(paths)}`);
}

/** `trees`: more folders to compare the same way, each on its own (a real project, say). */
export async function runCliBench(stdlib = '/usr/lib/python3.11', runs = 2, trees = []) {
  console.log(`\n== CLI: the Python standard library + ${HANDLER_MODULES} handler modules vs a bare tree-sitter parse ==`);
  if (!fs.existsSync(stdlib)) {
    console.log(`(skipped: ${stdlib} is not there; on Debian it comes with python3.11)`);
  } else {
    const generated = fs.mkdtempSync(path.join(os.tmpdir(), 'celery-signals-cli-bench-'));
    try {
      // Each module gets its own names, so no two files are the same text.
      const template = generateModule('python', LINES_PER_MODULE, 'realistic');
      for (let i = 0; i < HANDLER_MODULES; i++) fs.writeFileSync(path.join(generated, `handlers_${i}.py`), template.replace(/_(\d+)\b/g, `_m${i}_$1`));
      await compare([stdlib, generated], runs);
    } finally {
      fs.rmSync(generated, { recursive: true, force: true });
    }
  }
  for (const tree of trees) {
    console.log(`\n== CLI: ${tree} vs a bare tree-sitter parse ==`);
    await compare([tree], runs);
  }
}

// node --import tsx bench/cli.mjs [stdlib folder] [runs] [more trees...]
if (process.argv[1] === fileURLToPath(import.meta.url)) await runCliBench(process.argv[2], Number(process.argv[3] ?? 2), process.argv.slice(4));
