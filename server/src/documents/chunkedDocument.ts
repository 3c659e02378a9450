/**
 * Large open documents keep their text in pieces (analysis/chunkedText.ts) on the main thread. What a
 * keystroke needs there (applying the change, the line index, the region sent to the analysis thread,
 * converting its diagnostics) reads the pieces; the flat text is made only when something asks for
 * all of it (a hover, a completion, the project index), once per version.
 */
import { TextDocument, type Position, type Range } from 'vscode-languageserver-textdocument';
import { ChunkedText } from '../analysis/chunkedText';
import type { EditableText } from '../analysis/textChange';

/**
 * From this length on (UTF-16 units) a document is held in pieces: a flat string this long is already
 * near V8's large-object size (128 KB), and the analysis thread takes documents of this length.
 */
export const CHUNKED_FROM_LENGTH = 64 * 1024;

export class ChunkedDocument implements TextDocument {
  private whole?: TextDocument;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    readonly version: number,
    readonly text: ChunkedText,
  ) {}

  get lineCount(): number {
    return this.flat().lineCount;
  }

  getText(range?: Range): string {
    return range ? this.flat().getText(range) : this.text.toString();
  }

  positionAt(offset: number): Position {
    return this.flat().positionAt(offset);
  }

  offsetAt(position: Position): number {
    return this.flat().offsetAt(position);
  }

  getLineRange(line: number): Range {
    return this.flat().getLineRange(line);
  }

  getEOLCharacters(line: number): string {
    return this.flat().getEOLCharacters(line);
  }

  private flat(): TextDocument {
    this.whole ??= TextDocument.create(this.uri, this.languageId, this.version, this.text.toString());
    return this.whole;
  }
}

/** A document's text as it is held: the pieces of a large one, so that its flat text is not made. */
export function heldText(document: TextDocument): EditableText {
  return document instanceof ChunkedDocument ? document.text : document.getText();
}

/** The document for `text`: opened in pieces when it is large, and kept as it was held after an edit. */
export function documentOf(uri: string, languageId: string, version: number, text: EditableText, opening = false): TextDocument {
  if (typeof text !== 'string') return new ChunkedDocument(uri, languageId, version, text);
  if (opening && text.length >= CHUNKED_FROM_LENGTH) return new ChunkedDocument(uri, languageId, version, ChunkedText.of(text));
  return TextDocument.create(uri, languageId, version, text);
}
