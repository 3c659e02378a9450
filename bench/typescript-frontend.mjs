// TypeScript front-end figures on the generated TypeScript handler module (bench/generate.mjs):
// parse, full extraction, extraction limited to one statement (what the language server asks for
// after a small edit) and the checker, each as wall time and as this process's CPU time (the CPU
// figure is steadier on a shared machine). Run: `node --import tsx bench/typescript-frontend.mjs`.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateModule } from './generate.mjs';
import { percentile, formatMs } from './stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { parseText } = await import(path.join(root, 'server/src/parsing/treeSitter.ts'));
const { extractTypeScript } = await import(path.join(root, 'server/src/analysis/frontends/typescript.ts'));
const { checkModel } = await import(path.join(root, 'server/src/analysis/checker.ts'));
const { getBundledCatalog } = await import(path.join(root, 'server/src/catalog/catalog.ts'));
const catalog = getBundledCatalog();

function timed(run) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = run();
  const used = process.cpuUsage(cpu);
  return { value, wall: performance.now() - start, cpu: (used.user + used.system) / 1000 };
}

async function timedAsync(run) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await run();
  const used = process.cpuUsage(cpu);
  return { value, wall: performance.now() - start, cpu: (used.user + used.system) / 1000 };
}

const stages = ['parse', 'extract', 'extract one statement', 'check'];
console.log('lines  sites  stage                   wall p50   wall p95    cpu p50');
for (const [lines, runs] of [[1_000, 30], [10_000, 15]]) {
  const text = generateModule('typescript', lines);
  const edited = text.indexOf('.connect(', Math.floor(text.length / 2));
  const within = [{ start: text.lastIndexOf('\n', edited) + 1, end: text.indexOf('\n', edited) }];
  const samples = Object.fromEntries(stages.map((s) => [s, { wall: [], cpu: [] }]));
  const record = (stage, t) => {
    samples[stage].wall.push(t.wall);
    samples[stage].cpu.push(t.cpu);
  };
  let sites = 0;
  for (let i = 0; i <= runs; i++) {
    const parsed = await timedAsync(() => parseText('typescript', text));
    const extracted = timed(() => extractTypeScript(parsed.value, text, catalog));
    const checked = timed(() => checkModel(extracted.value, catalog, { celeryVersion: catalog.latestCeleryVersion }, text));
    parsed.value.delete();
    const fresh = await parseText('typescript', text);
    const partial = timed(() => extractTypeScript(fresh, text, catalog, { within }));
    fresh.delete();
    sites = extracted.value.sites.length;
    if (i === 0) continue; // warm-up: grammar load, JIT
    record('parse', parsed);
    record('extract', extracted);
    record('extract one statement', partial);
    record('check', checked);
  }
  for (const stage of stages) {
    const { wall, cpu } = samples[stage];
    console.log(`${String(text.split('\n').length).padStart(5)} ${String(sites).padStart(6)}  ${stage.padEnd(22)}${formatMs(percentile(wall, 50))} ${formatMs(percentile(wall, 95))} ${formatMs(percentile(cpu, 50))}`);
  }
}
