/**
 * The parts of package.json that list languages (activation events, the command palette condition,
 * snippet files, where the signal-name grammar is injected), made from the language table.
 * `scripts/gen-manifest-languages.mjs` writes them; a test fails when package.json falls behind.
 */
import { LANGUAGES } from '../../shared/languages';
import { GRAMMAR_FILE, HOST_SCOPES } from './injectionGrammar';
import { SNIPPET_FILES } from './snippetFiles';

const INSERT_HANDLER = 'celerySignals.insertHandler';

/** The manifest with its language lists regenerated; every other field is left as it was. */
export function withLanguageContributions(manifest: any): any {
  const ids = LANGUAGES.map((row) => row.id);
  manifest.activationEvents = ids.map((id) => `onLanguage:${id}`);
  const palette: { command: string; when?: string }[] = manifest.contributes.menus.commandPalette;
  const entry = palette.find((item) => item.command === INSERT_HANDLER);
  if (entry) entry.when = `editorLangId =~ /^(${ids.join('|')})$/`;
  manifest.contributes.snippets = LANGUAGES.map((row) => ({ language: row.id, path: `./${SNIPPET_FILES[row.snippets]}` }));
  const grammar = manifest.contributes.grammars.find((g: { path: string }) => g.path === `./${GRAMMAR_FILE}`);
  if (grammar) grammar.injectTo = [...HOST_SCOPES];
  return manifest;
}
