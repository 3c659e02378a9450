/**
 * The parts of package.json that list languages (language activation events, the command palette condition,
 * where the signal-name grammar is injected), made from the language table. Snippets are not
 * contributed as files: the language server offers one per signal, users' catalogs included, and a
 * static file would list every signal a second time.
 * `scripts/gen-manifest-languages.mjs` writes them; a test fails when package.json falls behind.
 */
import { LANGUAGES } from '../../shared/languages';
import { GRAMMAR_FILE, HOST_SCOPES } from './injectionGrammar';

const INSERT_HANDLER = 'celerySignals.insertHandler';

/** The manifest with its language lists regenerated; every other field is left as it was. */
export function withLanguageContributions(manifest: any): any {
  const ids = LANGUAGES.map((row) => row.id);
  // Activation events of other kinds (the signal map's onView) stay, after the languages.
  const others = (manifest.activationEvents ?? []).filter((event: string) => !event.startsWith('onLanguage:'));
  manifest.activationEvents = [...ids.map((id) => `onLanguage:${id}`), ...others];
  const palette: { command: string; when?: string }[] = manifest.contributes.menus.commandPalette;
  const entry = palette.find((item) => item.command === INSERT_HANDLER);
  if (entry) entry.when = `editorLangId =~ /^(${ids.join('|')})$/`;
  delete manifest.contributes.snippets;
  const grammar = manifest.contributes.grammars.find((g: { path: string }) => g.path === `./${GRAMMAR_FILE}`);
  if (grammar) grammar.injectTo = [...HOST_SCOPES];
  return manifest;
}
