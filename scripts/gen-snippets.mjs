// Writes client/snippets/{python,typescript}.json from the bundled catalog (one handler snippet per
// signal). Run after changing the catalog or server/src/analysis/snippets.ts; a test checks the
// committed files are current. Usage: node scripts/gen-snippets.mjs [--check]
import { bundledCatalog, loadTs, writeGenerated } from './gen-support.mjs';

const { snippetFileText, SNIPPET_FILES } = await loadTs('scripts/contributions/snippetFiles.ts');
const catalog = await bundledCatalog();
const files = Object.entries(SNIPPET_FILES).map(([language, file]) => [file, snippetFileText(catalog, language)]);
writeGenerated(files, process.argv.includes('--check'));
