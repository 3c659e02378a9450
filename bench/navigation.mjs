// Navigation over a whole project: the signal map, workspace symbols, find references and code
// lenses, computed from project files' facts (no text), as the server does for each request.
// Usage: node --import tsx bench/navigation.mjs [files] [lines per file]   (default: 2000 100)
//        node --import tsx bench/navigation.mjs <folder>                   (every .py file below it)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateModule } from './generate.mjs';
import { formatMs, percentile } from './stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { analyzeText } = await import(path.join(root, 'server/src/analysis/analyze.ts'));
const { getBundledCatalog } = await import(path.join(root, 'server/src/catalog/catalog.ts'));
const { lineStartsOf } = await import(path.join(root, 'server/src/analysis/navigation/projectFiles.ts'));
const { signalMap } = await import(path.join(root, 'server/src/analysis/navigation/signalMap.ts'));
const { receiverSymbols } = await import(path.join(root, 'server/src/analysis/navigation/symbols.ts'));
const { signalReferences } = await import(path.join(root, 'server/src/analysis/navigation/references.ts'));
const { receiverLenses } = await import(path.join(root, 'server/src/analysis/navigation/codeLens.ts'));

function* pythonFiles(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* pythonFiles(full);
    else if (entry.name.endsWith('.py')) yield full;
  }
}

function sources(args) {
  if (args[0] && fs.existsSync(args[0])) return [...pythonFiles(args[0])].map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));
  const [count = 2000, lines = 100] = args.map(Number);
  return Array.from({ length: count }, (_, i) => ({ file: `/bench/proj/module_${i}.py`, text: generateModule('python', lines, 'realistic') }));
}

function timed(name, runs, fn) {
  fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  console.log(`  ${name.padEnd(34)}${formatMs(percentile(times, 50))}${formatMs(percentile(times, 95))}`);
}

const catalog = getBundledCatalog();
const files = [];
for (const { file, text } of sources(process.argv.slice(2))) {
  const { model } = await analyzeText(text, 'python', catalog);
  files.push({ path: file, uri: `file://${file}`, model, lineStarts: lineStartsOf(text) });
}
const connects = files.reduce((n, f) => n + f.model.sites.length, 0);
console.log(`\n== Navigation over ${files.length} files, ${connects} connects (wall p50 / p95 per request) ==`);
timed('signal map', 20, () => signalMap(files, catalog, 'en'));
timed('workspace symbols, empty query', 20, () => receiverSymbols(files, ''));
timed('workspace symbols, "tfrep"', 20, () => receiverSymbols(files, 'tfrep'));
timed('references to task_failure', 20, () => signalReferences(files, 'task_failure', catalog, true));
timed('code lenses of the largest file', 20, () => receiverLenses(files.reduce((a, b) => (b.model.sites.length > a.model.sites.length ? b : a)), 'en'));
