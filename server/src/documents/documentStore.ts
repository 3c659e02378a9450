/**
 * Open documents with incremental sync. Each content change is normalised once (analysis/textChange)
 * and yields both the new text and the tree-sitter edit, kept until the tree cache applies it.
 */
import type { TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Edit } from '../parsing/treeSitter';
import { applyChange } from '../analysis/textChange';
import { LineIndex } from '../analysis/text';
import { documentOf, heldText } from './chunkedDocument';

export interface OpenDocument {
  document: TextDocument;
  /** Edits not yet applied to the cached tree; `full` when the text was replaced as a whole. */
  pendingEdits: Edit[] | 'full';
  /** Where the lines of the current text start, kept up to date edit by edit rather than rescanned. */
  index?: LineIndex;
}

export class DocumentStore {
  private readonly open = new Map<string, OpenDocument>();

  openDocument(uri: string, languageId: string, version: number, text: string): OpenDocument {
    const document = documentOf(uri, languageId, version, text, true);
    const entry: OpenDocument = { document, pendingEdits: 'full', index: new LineIndex(heldText(document)) };
    this.open.set(uri, entry);
    return entry;
  }

  change(uri: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): OpenDocument | undefined {
    const entry = this.open.get(uri);
    if (!entry) return undefined;
    let text = heldText(entry.document);
    let index = entry.index && entry.index.describes(text) ? entry.index : new LineIndex(text);
    for (const change of changes) {
      const applied = applyChange(text, change, index);
      text = applied.text;
      index = applied.index;
      if (!applied.edit) entry.pendingEdits = 'full';
      else if (entry.pendingEdits !== 'full') entry.pendingEdits.push(applied.edit);
    }
    entry.document = documentOf(uri, entry.document.languageId, version, text);
    entry.index = index;
    return entry;
  }

  get(uri: string): OpenDocument | undefined {
    return this.open.get(uri);
  }

  close(uri: string): void {
    this.open.delete(uri);
  }

  all(): OpenDocument[] {
    return [...this.open.values()];
  }
}
