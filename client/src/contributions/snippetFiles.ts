/**
 * The static snippet files contributed by the manifest (`client/snippets/{python,typescript}.json`),
 * made from the same catalog snippets the language server offers. `scripts/gen-snippets.mjs` writes
 * them; a test fails when the committed files no longer match the catalog.
 */
import type { Catalog } from '../../../server/src/catalog/catalog';
import { snippetsFor, type SnippetLanguage } from '../../../server/src/analysis/snippets';

export interface VsCodeSnippet {
  prefix: string;
  body: string[];
  description: string;
}

export const SNIPPET_FILES: Record<SnippetLanguage, string> = {
  python: 'client/snippets/python.json',
  typescript: 'client/snippets/typescript.json',
};

/** One snippet per signal, keyed by a readable title, with its import line so it works anywhere. */
export function snippetFile(catalog: Catalog, language: SnippetLanguage): Record<string, VsCodeSnippet> {
  const file: Record<string, VsCodeSnippet> = {};
  for (const snippet of snippetsFor(catalog, language)) {
    const deprecated = catalog.get(snippet.signal)?.deprecated;
    const note = deprecated ? ` (deprecated since Celery ${deprecated.since})` : '';
    file[`Celery ${snippet.signal} handler`] = {
      prefix: snippet.prefix,
      body: snippet.standaloneBody.split('\n'),
      description: `${snippet.summary.en}${note}`,
    };
  }
  return file;
}

export function snippetFileText(catalog: Catalog, language: SnippetLanguage): string {
  return JSON.stringify(snippetFile(catalog, language), null, 2) + '\n';
}
