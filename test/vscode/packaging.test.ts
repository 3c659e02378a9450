// `npm run package` produces a small .vsix holding the bundles, wasm, catalog, grammar, snippets,
// manifest strings, README and LICENSE, and nothing of the sources, tests or node_modules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildVsix, zipEntries } from './support/vsix';

const root = path.resolve(__dirname, '..', '..');

const MAX_BYTES = 3 * 1024 * 1024;

test('npm run package builds a .vsix with exactly what the extension needs', { timeout: 180_000 }, async (t) => {
  const vsix = await buildVsix();
  t.diagnostic(`.vsix: ${(vsix.bytes / 1024).toFixed(0)} KiB, built in ${(vsix.buildMs / 1000).toFixed(1)} s`);
  assert.ok(vsix.bytes <= MAX_BYTES, `${vsix.bytes} bytes is over the 3 MB budget`);
  const files = zipEntries(vsix.file).filter((f) => f.startsWith('extension/')).map((f) => f.slice('extension/'.length));
  for (const needed of [
    'package.json', 'package.nls.json', 'package.nls.zh-cn.json', 'readme.md', 'LICENSE.txt',
    'client/out/extension.js', 'server/out/server.js', 'server/out/serverMain.js',
    'server/out/wasm/tree-sitter.wasm', 'server/out/wasm/tree-sitter-python.wasm', 'server/out/wasm/tree-sitter-typescript.wasm',
    'server/out/wasm/tree-sitter-tsx.wasm', 'server/out/wasm/tree-sitter-javascript.wasm',
    'schemas/celery-signals.json', 'schemas/signal-catalog.schema.json', 'syntaxes/celery-signals.injection.tmLanguage.json',
  ]) {
    assert.ok(files.includes(needed), `${needed} is in the .vsix (it has: ${files.join(', ')})`);
  }
  const unwanted = files.filter((f) => /\.(ts|map|mjs)$|^node_modules\/|^test\/|^examples\/|^bench\/|^scripts\//.test(f));
  assert.deepEqual(unwanted, []);
});

test('the .vsix is Marketplace-ready: icon, categories, keywords, links, changelog, walkthrough', async () => {
  const vsix = await buildVsix();
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  assert.deepEqual(manifest.categories, ['Programming Languages', 'Linters', 'Snippets']);
  assert.ok(manifest.keywords.length >= 5 && manifest.preview === true);
  for (const link of [manifest.repository.url, manifest.bugs.url, manifest.homepage]) assert.match(link, /^https:\/\//);
  const icon = readFileSync(path.join(root, manifest.icon));
  assert.equal(icon.subarray(1, 4).toString('latin1'), 'PNG');
  assert.ok(icon.readUInt32BE(16) >= 128 && icon.readUInt32BE(20) >= 128, 'the icon is at least 128×128');
  const files = zipEntries(vsix.file);
  const vsixManifest = execFileSync('unzip', ['-p', vsix.file, 'extension.vsixmanifest'], { encoding: 'utf8' });
  assert.match(vsixManifest, /<Categories>Programming Languages,Linters,Snippets<\/Categories>/);
  assert.match(vsixManifest, /<Icon>extension\/docs\/images\/icon\.png<\/Icon>/);
  assert.match(vsixManifest, /Type="Microsoft\.VisualStudio\.Services\.Content\.Changelog" Path="extension\/changelog\.md"/);
  const steps = manifest.contributes.walkthroughs[0].steps as { media: { markdown: string } }[];
  for (const needed of ['extension/docs/images/icon.png', 'extension/changelog.md', ...steps.map((s) => `extension/${s.media.markdown}`)]) {
    assert.ok(files.includes(needed), `${needed} is in the .vsix`);
  }
});
