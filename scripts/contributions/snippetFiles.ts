/**
 * The static snippet files contributed by the manifest (`client/snippets/{python,typescript}.json`),
 * made from the same catalog snippets the language server offers. `scripts/gen-snippets.mjs` writes
 * them; a test fails when the committed files no longer match the catalog.
 */
import type { Catalog } from '../../server/src/catalog/catalog';
import { snippetsFor, type SnippetLanguage } from '../../server/src/analysis/snippets';
import { distinct } from '../../shared/languages';

export interface VsCodeSnippet {
  prefix: string;
  body: string[];
  description: string;
}

/** One file per snippet dialect of the language table. */
export const SNIPPET_FILES = Object.fromEntries(distinct('snippets').map((language) => [language, `client/snippets/${language}.json`])) as Record<SnippetLanguage, string>;

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
