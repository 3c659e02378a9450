// The rules alone (checkModel) per keystroke on a generated module, bundled the way the server is:
// through tsx, every small function pays for esbuild's keepNames wrapper, which skews this figure.
// Prints the best CPU time per check over batches of one-character edits (the machine is shared),
// as the server judges an edited document (reusing the findings of unchanged sites) and from scratch.
// Usage: node bench/check-rules.mjs [lines] [realistic|dense]
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cache = path.join(root, '.cache');
fs.mkdirSync(cache, { recursive: true });
const entry = path.join(cache, 'check-rules-entry.ts');
const bundle = path.join(cache, 'check-rules.cjs');
const src = (file) => JSON.stringify(path.join(root, file));
fs.writeFileSync(
  entry,
  `import { generateModule } from ${src('bench/generate.mjs')};
import { getBundledCatalog } from ${src('server/src/catalog/catalog')};
import { analyzeSource, checkModel } from ${src('server/src/analysis/analyze')};
import { applyChange } from ${src('server/src/analysis/textChange')};
import { LineIndex } from ${src('server/src/analysis/text')};
import { FindingsMemo } from ${src('server/src/analysis/findingsMemo')};
async function main(lines: number, profile: string) {
  const catalog = getBundledCatalog();
  let text = generateModule('python', lines, profile);
  let index = new LineIndex(text);
  const call = text.indexOf('logger.', Math.floor(text.length / 2));
  const at = index.positionAt(text.indexOf('("', call) + 2);
  let analysis: any = await analyzeSource({ text, grammar: 'python', catalog });
  const options = { celeryVersion: catalog.latestCeleryVersion };
  const memo = new FindingsMemo();
  checkModel(analysis.model, catalog, options, text, { memo });
  let best = Infinity;
  let bestFresh = Infinity;
  let reused = 0;
  for (let batch = 0; batch < 10; batch++) {
    let cpu = 0;
    let cpuFresh = 0;
    for (let i = 0; i < 8; i++) {
      const change = i % 2 === 0 ? { range: { start: at, end: at }, text: 'x' } : { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' };
      const applied = applyChange(text, change, index);
      text = applied.text;
      index = applied.index;
      const next: any = await analyzeSource({ text, grammar: 'python', catalog, previous: { tree: analysis.tree, edits: [applied.edit!] } });
      analysis.tree.delete();
      analysis = next;
      const edit = applied.edit!;
      const changed = { start: edit.startIndex, oldEnd: edit.oldEndIndex, newEnd: edit.newEndIndex };
      let start = process.cpuUsage();
      checkModel(next.model, catalog, options, text, { memo, changed });
      cpu += process.cpuUsage(start).user / 1000;
      reused = memo.reused;
      start = process.cpuUsage();
      checkModel(next.model, catalog, options, text);
      cpuFresh += process.cpuUsage(start).user / 1000;
    }
    best = Math.min(best, cpu / 8);
    bestFresh = Math.min(bestFresh, cpuFresh / 8);
  }
  console.log(\`checkModel on \${lines} \${profile} lines after a one-character edit: \${best.toFixed(2)} ms CPU reusing unchanged sites (\${reused} of \${analysis.model.sites.length} reused), \${bestFresh.toFixed(2)} ms from scratch (best batch of 8)\`);
}
main(Number(process.argv[2] ?? 10000), process.argv[3] ?? 'realistic');
`,
);
await esbuild.build({ entryPoints: [entry], outfile: bundle, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'error', external: ['@vscode/tree-sitter-wasm'] });
execFileSync(process.execPath, [bundle, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
