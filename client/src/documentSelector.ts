/** The documents the language server sees; kept free of `vscode` imports so tests can read it. */
import { LANGUAGES as TABLE } from '../../shared/languages';

export const LANGUAGES: readonly string[] = TABLE.map((row) => row.id);
export const SCHEMES = ['file', 'untitled'] as const;

export function documentSelector(): { scheme: string; language: string }[] {
  return SCHEMES.flatMap((scheme) => LANGUAGES.map((language) => ({ scheme, language })));
}
