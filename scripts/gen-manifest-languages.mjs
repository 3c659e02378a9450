// Rewrites the language lists of package.json (activation events, command palette condition, snippet
// files, grammar injection) from the language table, shared/languages.ts. Touches nothing else.
// Usage: node scripts/gen-manifest-languages.mjs [--check]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadTs, root, writeGenerated } from './gen-support.mjs';

const { withLanguageContributions } = await loadTs('scripts/contributions/manifestLanguages.ts');
const manifestPath = 'package.json';
const manifest = withLanguageContributions(JSON.parse(fs.readFileSync(path.join(root, manifestPath), 'utf8')));
writeGenerated([[manifestPath, JSON.stringify(manifest, null, 2) + '\n']], process.argv.includes('--check'));
