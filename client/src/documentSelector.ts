/** The documents the language server sees; kept free of `vscode` imports so tests can read it. */
export const LANGUAGES = ['python', 'typescript', 'typescriptreact', 'javascript', 'javascriptreact'] as const;
export const SCHEMES = ['file', 'untitled'] as const;

export function documentSelector(): { scheme: string; language: string }[] {
  return SCHEMES.flatMap((scheme) => LANGUAGES.map((language) => ({ scheme, language })));
}
