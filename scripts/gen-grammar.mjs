// Writes syntaxes/celery-signals.injection.tmLanguage.json from the bundled catalog's signal names.
// A test checks the committed grammar is current. Usage: node scripts/gen-grammar.mjs [--check]
import { bundledCatalog, loadTs, writeGenerated } from './gen-support.mjs';

const { injectionGrammarText, GRAMMAR_FILE } = await loadTs('scripts/contributions/injectionGrammar.ts');
writeGenerated([[GRAMMAR_FILE, injectionGrammarText(await bundledCatalog())]], process.argv.includes('--check'));
