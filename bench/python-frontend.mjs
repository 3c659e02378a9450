// Python front-end breakdown: CPU time of parse, extraction and checking on generated modules.
// CPU time (process.cpuUsage) rather than wall time, so a busy shared machine skews it less.
// Usage: node --import tsx bench/python-frontend.mjs [lines...]   (default: 1000 10000)
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateModule } from './generate.mjs';
import { percentile, formatMs } from './stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { parseText } = await import(path.join(root, 'server/src/parsing/treeSitter.ts'));
const { getBundledCatalog } = await import(path.join(root, 'server/src/catalog/catalog.ts'));
const { extractPython } = await import(path.join(root, 'server/src/analysis/frontends/python.ts'));
const { checkModel } = await import(path.join(root, 'server/src/analysis/checker.ts'));

const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

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

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  await runPythonFrontEndBench(sizes.length ? sizes : undefined);
}
