// Bundles the CLI, the language server and the VS Code client with esbuild, and copies the
// tree-sitter runtime and grammars next to the server bundle (they are loaded from disk at run time).
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { treeSitterRuntime } from './treeSitterRuntime.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');

// The fallback lookup of the wasm folder in node_modules (tests run from source) stays a run-time
// require.resolve; bundling it would only make esbuild warn once per server entry.
const wasmPackageJson = '@vscode/tree-sitter-wasm/package.json';
const entries = [
  { in: 'server/src/cli/main.ts', out: 'server/out/cli.js', shebang: true, external: [wasmPackageJson], plugins: [treeSitterRuntime()] },
  // tsx is asked for only when the server runs from sources (its analysis thread then loads TypeScript).
  // The server's command starts serverMain.js, through V8's code cache when the editor keeps one (serverEntry.ts).
  { in: 'server/src/serverEntry.ts', out: 'server/out/server.js', shebang: true },
  { in: 'server/src/server.ts', out: 'server/out/serverMain.js', external: [wasmPackageJson, 'tsx/cjs/api'], plugins: [treeSitterRuntime({ builtinsWithoutImport: true })] },
  // The server's analysis thread: loaded by the server bundle from the same folder.
  { in: 'server/src/documents/analysisWorker.ts', out: 'server/out/analysisWorker.js', external: [wasmPackageJson], plugins: [treeSitterRuntime()] },
  { in: 'client/src/extension.ts', out: 'client/out/extension.js', external: ['vscode'] },
];

const missing = entries.filter((e) => !fs.existsSync(path.join(root, e.in)));
if (missing.length) {
  console.error(`build: missing entry points: ${missing.map((e) => e.in).join(', ')}`);
  process.exit(1);
}

await Promise.all(
  entries.map((e) =>
    esbuild.build({
      entryPoints: [path.join(root, e.in)],
      outfile: path.join(root, e.out),
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      sourcemap: !production,
      minify: production,
      external: e.external ?? [],
      plugins: e.plugins ?? [],
      banner: e.shebang ? { js: '#!/usr/bin/env node' } : undefined,
      logLevel: 'warning',
    }),
  ),
);

const wasmSource = path.join(root, 'node_modules/@vscode/tree-sitter-wasm/wasm');
const wasmTarget = path.join(root, 'server/out/wasm');
fs.mkdirSync(wasmTarget, { recursive: true });
// The grammars to ship are those of the language table.
const table = await esbuild.build({ entryPoints: [path.join(root, 'shared/languages.ts')], bundle: true, write: false, format: 'esm', platform: 'node' });
const { distinct } = await import(`data:text/javascript,${encodeURIComponent(table.outputFiles[0].text)}`);
for (const file of ['tree-sitter.wasm', ...distinct('grammar').map((grammar) => `tree-sitter-${grammar}.wasm`)]) {
  fs.copyFileSync(path.join(wasmSource, file), path.join(wasmTarget, file));
}
for (const e of entries.filter((e) => e.shebang)) fs.chmodSync(path.join(root, e.out), 0o755);
console.log(`build: ${entries.map((e) => e.out).join(', ')} (+ ${fs.readdirSync(wasmTarget).length} wasm files)`);
