// Runs in its own process for bench/project-index.mjs: builds the index of the folder given, then
// times two edits, and prints one JSON line of figures.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = process.argv[2];
const { ProjectIndex } = await import(path.join(root, 'server/src/project/projectIndex.ts'));
const { walkProject } = await import(path.join(root, 'server/src/project/walk.ts'));
const { getBundledCatalog } = await import(path.join(root, 'server/src/catalog/catalog.ts'));
const { parseText } = await import(path.join(root, 'server/src/parsing/treeSitter.ts'));
const catalog = getBundledCatalog();
await parseText('python', 'x = 1\n'); // grammar load, outside both timings

const started = performance.now();
const files = await walkProject(dir);
const setup = { root: dir, catalog, options: { celeryVersion: catalog.latestCeleryVersion }, read: async (file) => fs.promises.readFile(file, 'utf8') };
const index = await ProjectIndex.build(setup, files);
const buildMs = performance.now() - started;
const peakRssKb = process.resourceUsage().maxRSS;

let lines = 0;
let findings = 0;
for (const file of index.files()) {
  lines += file.lineStarts.length;
  findings += file.findings.length;
}

// An edit no other module can see (a module constant), which also warms up the update path.
const plain = path.join(dir, 'proj/area_5/module_5.py');
let t = performance.now();
await index.update([{ path: plain, text: `${fs.readFileSync(plain, 'utf8')}\nLIMIT = 10\n` }]);
const plainEditMs = performance.now() - t;

const shop = path.join(dir, 'proj/shop.py');
const edited = fs.readFileSync(shop, 'utf8').replace('total=1)', 'total=1, coupon=None)');
t = performance.now();
const changed = await index.update([{ path: shop, text: edited }]);
const sendEditMs = performance.now() - t;

const signals = path.join(dir, 'proj/signals.py');
t = performance.now();
await index.update([{ path: signals, text: 'from celery.signals import task_failure as failure, task_success, task_retry\n' }]);
const exportEditMs = performance.now() - t;

let parseMs = 0;
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  const s = performance.now();
  (await parseText('python', text)).delete();
  parseMs += performance.now() - s;
}
console.log(JSON.stringify({ files: files.length, lines, findings, buildMs, parseMs, peakRssKb, sendEditMs, sendEditChanged: changed.length, exportEditMs, plainEditMs }));
