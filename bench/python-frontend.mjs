// Python front-end breakdown: CPU time of parse, extraction and checking on generated modules, and
// opening a file at the analysis layer: one whole analyzeSource (parse, extract, check) of the 10,000
// line realistic module, warm (best and median of many) and cold (the first one in a fresh process).
// CPU time (process.cpuUsage) rather than wall time, so a busy shared machine skews it less.
// Usage: node --import tsx bench/python-frontend.mjs [lines...]   (default: 1000 10000)
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateModule } from './generate.mjs';
import { percentile, formatMs, cpuMs } from './stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { parseText } = await import(path.join(root, 'server/src/parsing/treeSitter.ts'));
const { getBundledCatalog } = await import(path.join(root, 'server/src/catalog/catalog.ts'));
const { extractPython } = await import(path.join(root, 'server/src/analysis/frontends/python.ts'));
const { checkModel } = await import(path.join(root, 'server/src/analysis/checker.ts'));
const { analyzeSource } = await import(path.join(root, 'server/src/analysis/analyze.ts'));

export async function runPythonFrontEndBench(sizes = [1_000, 10_000], runs = 30) {
  const catalog = getBundledCatalog();
  const options = { celeryVersion: catalog.latestCeleryVersion };
  console.log('\n== Python front end: CPU time per run (p50 / p95) ==');
  console.log('  lines   sites      parse p50      p95    extract p50      p95      check p50      p95');
  for (const lines of sizes) {
    const text = generateModule('python', lines);
    const times = { parse: [], extract: [], check: [] };
    let sites = 0;
    for (let i = 0; i < runs + 3; i++) {
      let start = cpuMs();
      const tree = await parseText('python', text);
      const parse = cpuMs() - start;
      start = cpuMs();
      const model = extractPython(tree, text, catalog);
      const extract = cpuMs() - start;
      start = cpuMs();
      checkModel(model, catalog, options);
      const check = cpuMs() - start;
      tree.delete();
      sites = model.sites.length;
      if (i < 3) continue; // warm-up: grammar load, JIT
      times.parse.push(parse);
      times.extract.push(extract);
      times.check.push(check);
    }
    const cell = (values) => `${formatMs(percentile(values, 50))}${formatMs(percentile(values, 95))}`;
    console.log(`${String(text.split('\n').length).padStart(7)} ${String(sites).padStart(7)} ${cell(times.parse)} ${cell(times.extract)} ${cell(times.check)}`);
  }
}

const openLines = 10_000;

/** One analyzeSource of the realistic module: CPU and wall milliseconds. */
async function timedOpen(text, catalog) {
  const cpuStart = cpuMs();
  const wallStart = performance.now();
  const { tree } = await analyzeSource({ text, grammar: 'python', catalog });
  const timing = { cpu: cpuMs() - cpuStart, wall: performance.now() - wallStart };
  tree?.delete();
  return timing;
}

/**
 * A module holding a long commented-out block: tree-sitter-python alone spends time quadratic in the
 * block's length, parseText blanks most of the block (parsing/commentRuns.ts). The floor is the same
 * module with the block's lines left empty.
 */
export async function runCommentBlockBench(blockLines = 2_000, runs = 5) {
  const { getParser } = await import(path.join(root, 'server/src/parsing/treeSitter.ts'));
  const code = generateModule('python', 1_000, 'realistic');
  const commented = code.split('\n').slice(0, blockLines).map((line) => `# ${line}`);
  const withBlock = `${code}\n${commented.join('\n')}\n`;
  const floor = `${code}\n${commented.map(() => '').join('\n')}\n`;
  const parser = await getParser('python');
  const best = async (parse) => {
    const times = [];
    for (let i = 0; i < runs; i++) {
      const start = cpuMs();
      (await parse()).delete();
      times.push(cpuMs() - start);
    }
    return Math.min(...times);
  };
  const ours = await best(() => parseText('python', withBlock));
  const bare = await best(async () => parser.parse(withBlock));
  const empty = await best(() => parseText('python', floor));
  console.log(`\n== A 1,000-line module followed by a ${blockLines.toLocaleString('en')}-line commented-out block: parse CPU, best of ${runs} ==`);
  console.log(`  parseText ${formatMs(ours)}   tree-sitter on the text as it is ${formatMs(bare)}   floor (the block's lines empty) ${formatMs(empty)}   parseText ÷ floor ${(ours / empty).toFixed(2)}×`);
}

/** Opening a file at the analysis layer, warm and cold; cold runs in fresh processes (`--open-once`). */
export async function runPythonOpenBench(warmRuns = 20, coldRuns = 5) {
  const catalog = getBundledCatalog();
  const text = generateModule('python', openLines, 'realistic');
  const warm = [];
  for (let i = 0; i < warmRuns + 3; i++) {
    const { cpu } = await timedOpen(text, catalog);
    if (i >= 3) warm.push(cpu);
  }
  const cold = [];
  for (let i = 0; i < coldRuns; i++) {
    const output = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--open-once'], { cwd: root, encoding: 'utf8' });
    cold.push(JSON.parse(output.trim().split('\n').pop()));
  }
  const best = (values) => Math.min(...values);
  console.log(`\n== Open at the analysis layer: analyzeSource of the ${openLines}-line realistic module (parse + extract + check) ==`);
  console.log(`  warm CPU best ${formatMs(best(warm))}   p50 ${formatMs(percentile(warm, 50))}   (${warmRuns} runs after 3 warm-ups)`);
  console.log(`  cold CPU best ${formatMs(best(cold.map((c) => c.cpu)))}   p50 ${formatMs(percentile(cold.map((c) => c.cpu), 50))}   wall p50 ${formatMs(percentile(cold.map((c) => c.wall), 50))}   (first analysis in ${coldRuns} fresh processes, grammar load included)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  if (process.argv.includes('--open-once')) {
    console.log(JSON.stringify(await timedOpen(generateModule('python', openLines, 'realistic'), getBundledCatalog())));
  } else {
    const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
    await runPythonFrontEndBench(sizes.length ? sizes : undefined);
    await runPythonOpenBench();
    await runCommentBlockBench();
  }
}
