// Shared by the scripts/gen-*.mjs generators: loads the TypeScript sources through tsx and writes
// (or, with --check, compares) the generated files.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function loadTs(relativePath) {
  return tsImport(pathToFileURL(path.join(root, relativePath)).href, import.meta.url);
}

export async function bundledCatalog() {
  const { getBundledCatalog } = await loadTs('server/src/catalog/catalog.ts');
  return getBundledCatalog();
}

/** Writes each [relative path, text]; with `check`, exits 1 listing the files that are stale instead. */
export function writeGenerated(files, check) {
  const stale = files.filter(([file, text]) => !fs.existsSync(path.join(root, file)) || fs.readFileSync(path.join(root, file), 'utf8') !== text);
  if (check) {
    if (stale.length) {
      console.error(`stale generated files (run the generator): ${stale.map(([f]) => f).join(', ')}`);
      process.exit(1);
    }
    return;
  }
  for (const [file, text] of stale) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  console.log(`generated: ${files.map(([f]) => f).join(', ')} (${stale.length} changed)`);
}
