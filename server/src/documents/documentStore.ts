/**
 * Open documents with incremental sync. Unlike `TextDocuments`, each content change is also recorded
 * as a tree-sitter edit against the text it applied to, so the tree cache can reparse incrementally
 * instead of from scratch.
 */
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Edit } from '../parsing/treeSitter';

export interface OpenDocument {
  document: TextDocument;
  /** Edits not yet applied to the cached tree; `full` when the text was replaced as a whole. */
  pendingEdits: Edit[] | 'full';
}

/** Where the end of `inserted` lands when it is inserted at (row, column). */
function endPointAfterInsert(row: number, column: number, inserted: string): { row: number; column: number } {
  const lastBreak = inserted.lastIndexOf('\n');
  if (lastBreak < 0) return { row, column: column + inserted.length };
  let breaks = 0;
  for (let i = 0; i < inserted.length; i++) if (inserted.charCodeAt(i) === 10) breaks++;
  return { row: row + breaks, column: inserted.length - lastBreak - 1 };
}

export class DocumentStore {
  private readonly open = new Map<string, OpenDocument>();

  openDocument(uri: string, languageId: string, version: number, text: string): OpenDocument {
    const entry: OpenDocument = { document: TextDocument.create(uri, languageId, version, text), pendingEdits: 'full' };
    this.open.set(uri, entry);
    return entry;
  }

  change(uri: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): OpenDocument | undefined {
    const entry = this.open.get(uri);
    if (!entry) return undefined;
    for (const change of changes) {
      if ('range' in change && change.range) {
        const document = entry.document;
        const startIndex = document.offsetAt(change.range.start);
        const oldEndIndex = Math.max(startIndex, document.offsetAt(change.range.end));
        const start = document.positionAt(startIndex);
        const oldEnd = document.positionAt(oldEndIndex);
        const newEnd = endPointAfterInsert(start.line, start.character, change.text);
        if (entry.pendingEdits !== 'full') {
          entry.pendingEdits.push({
            startIndex,
            oldEndIndex,
            newEndIndex: startIndex + change.text.length,
            startPosition: { row: start.line, column: start.character },
            oldEndPosition: { row: oldEnd.line, column: oldEnd.character },
            newEndPosition: newEnd,
          });
        }
      } else {
        entry.pendingEdits = 'full';
      }
      entry.document = TextDocument.update(entry.document, [change], version);
    }
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
