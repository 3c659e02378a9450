/**
 * The one language table. The grammar loader, the CLI's file walk, completion, the language client's
 * document selector and the generated manifest contributions (activation, menus, snippets, grammar
 * injection) all read it. A new language is one front end (server/src/analysis/analyze.ts) plus one
 * row here. Shared by client and server, so it imports nothing.
 */

/** The tree-sitter grammars shipped by @vscode/tree-sitter-wasm that we load. */
export type Grammar = 'python' | 'typescript' | 'tsx' | 'javascript';

/** What the shared model calls a file's language. */
export type SourceLanguage = 'python' | 'typescript' | 'javascript';

/** Handler snippets come in two dialects: Python, and TypeScript/JavaScript (one convention). */
export type SnippetLanguage = 'python' | 'typescript';

export interface LanguageRow {
  /** VS Code / LSP language id. */
  id: string;
  grammar: Grammar;
  model: SourceLanguage;
  snippets: SnippetLanguage;
  /** File name endings the CLI checks, lower case. */
  extensions: readonly string[];
  /** The editor's TextMate scope for this language, where the signal-name grammar is injected. */
  textMateScope: string;
}

export const LANGUAGES: readonly LanguageRow[] = [
  { id: 'python', grammar: 'python', model: 'python', snippets: 'python', extensions: ['.py', '.pyi'], textMateScope: 'source.python' },
  { id: 'typescript', grammar: 'typescript', model: 'typescript', snippets: 'typescript', extensions: ['.ts', '.mts', '.cts'], textMateScope: 'source.ts' },
  { id: 'typescriptreact', grammar: 'tsx', model: 'typescript', snippets: 'typescript', extensions: ['.tsx'], textMateScope: 'source.tsx' },
  { id: 'javascript', grammar: 'javascript', model: 'javascript', snippets: 'typescript', extensions: ['.js', '.mjs', '.cjs'], textMateScope: 'source.js' },
  { id: 'javascriptreact', grammar: 'javascript', model: 'javascript', snippets: 'typescript', extensions: ['.jsx'], textMateScope: 'source.js.jsx' },
];

/** The row for an LSP language id, or for a file name by its extension. */
export function languageFor(languageIdOrFileName: string): LanguageRow | undefined {
  const byId = LANGUAGES.find((row) => row.id === languageIdOrFileName);
  if (byId) return byId;
  const name = languageIdOrFileName.toLowerCase();
  return LANGUAGES.find((row) => row.extensions.some((ext) => name.endsWith(ext)));
}

export function snippetLanguageOf(model: SourceLanguage): SnippetLanguage {
  return LANGUAGES.find((row) => row.model === model)!.snippets;
}

/** Every value of one column, once, in table order. */
export function distinct<K extends keyof LanguageRow>(column: K): LanguageRow[K][] {
  return [...new Set(LANGUAGES.map((row) => row[column]))];
}
