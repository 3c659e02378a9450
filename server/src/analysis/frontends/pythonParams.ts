/** Python parameter lists read once per definition, and identifiers read straight from the text. */
import type { SyntaxNode } from '../../parsing/treeSitter';
import type { Span } from '../model';
import { namedTypeAt, type TreeCursor } from './pythonCursor';
import { plainParametersAt } from './pythonParamText';
import { matchAt, type SourceText } from '../sourceText';

export type ParamKindPy = 'positional-only' | 'positional' | 'keyword-only' | 'var-positional' | 'var-keyword';

export interface ParsedParam {
  name: string;
  kind: ParamKindPy;
  span: Span;
  nameSpan: Span;
  /** The annotation's source text. */
  annotation?: string;
  hasDefault: boolean;
  /**
   * The default value, the only part of a parameter a scope walk visits: the node when the list was
   * read from the tree, else its span (see defaultValueOf).
   */
  defaultNode?: SyntaxNode;
  defaultSpan?: Span;
}

/** The default value's node of a parameter of `definition`. */
export function defaultValueOf(param: ParsedParam, definition: SyntaxNode): SyntaxNode | null {
  if (param.defaultNode) return param.defaultNode;
  return param.defaultSpan ? definition.namedDescendantForIndex(param.defaultSpan.start, param.defaultSpan.end) : null;
}

type Language = SyntaxNode['tree']['language'];

/** What one parameter item holds, read with the cursor standing on it. */
interface ItemParts {
  nameSpan?: Span;
  typeSpan?: Span;
  defaultNode?: SyntaxNode;
  splat?: 'var-positional' | 'var-keyword';
}

/** What a handler needs from a function or lambda besides its body, read in one cursor pass. */
export interface DefinitionHeader {
  isAsync: boolean;
  nameSpan?: Span;
  paramsSpan?: Span;
  /** Where the first token ends: a lambda without parameters has its (empty) list there. */
  firstTokenEnd: number;
  params: ParsedParam[];
}

/**
 * Reads a definition's header with one cursor. Every Node object the binding creates costs a trip
 * into wasm and garbage, and a handler-heavy module has thousands of parameters.
 */
function readHeader(definition: SyntaxNode, text: SourceText): DefinitionHeader {
  const header: DefinitionHeader = { isAsync: false, firstTokenEnd: definition.startIndex, params: [] };
  // Broken code may parse in ways the plain reading of the text would not.
  const hasError = definition.hasError;
  const cursor = definition.walk();
  try {
    if (!cursor.gotoFirstChild()) return header;
    header.isAsync = cursor.nodeType === 'async';
    header.firstTokenEnd = cursor.endIndex;
    do {
      const field = cursor.currentFieldName;
      if (field === 'name' && !header.nameSpan) header.nameSpan = { start: cursor.startIndex, end: cursor.endIndex };
      else if (field === 'parameters' && !header.paramsSpan) {
        header.paramsSpan = { start: cursor.startIndex, end: cursor.endIndex };
        header.params = (hasError ? undefined : plainParametersAt(text, header.paramsSpan)) ?? parametersAt(cursor, definition.tree.language, text);
      }
    } while (cursor.gotoNextSibling());
  } finally {
    cursor.delete();
  }
  return header;
}

/** The parameters of the `parameters`/`lambda_parameters` node under the cursor, with inspect-style kinds. */
function parametersAt(cursor: TreeCursor, language: Language, text: SourceText): ParsedParam[] {
  const items: { type: string; span: Span; parts: ItemParts }[] = [];
  if (cursor.gotoFirstChild()) {
    do {
      const type = namedTypeAt(cursor, language);
      if (!type) continue;
      items.push({ type, span: { start: cursor.startIndex, end: cursor.endIndex }, parts: partsOf(cursor, type, language) });
    } while (cursor.gotoNextSibling());
    cursor.gotoParent();
  }
  const slashAt = items.findIndex((item) => item.type === 'positional_separator');
  const params: ParsedParam[] = [];
  let afterStar = false;
  items.forEach(({ type, span, parts }, index) => {
    if (type === 'keyword_separator') {
      afterStar = true;
      return;
    }
    if (type === 'positional_separator' || type === 'comment') return;
    let kind: ParamKindPy = index < slashAt ? 'positional-only' : afterStar ? 'keyword-only' : 'positional';
    if (parts.splat) {
      kind = parts.splat;
      if (kind === 'var-positional') afterStar = true;
    }
    if (!parts.nameSpan) return;
    const param: ParsedParam = { name: text.slice(parts.nameSpan.start, parts.nameSpan.end), kind, span, nameSpan: parts.nameSpan, hasDefault: !!parts.defaultNode };
    if (parts.typeSpan) param.annotation = text.slice(parts.typeSpan.start, parts.typeSpan.end);
    if (parts.defaultNode) param.defaultNode = parts.defaultNode;
    params.push(param);
  });
  return params;
}

/** Reads one parameter item; leaves the cursor where it found it. */
function partsOf(cursor: TreeCursor, type: string, language: Language): ItemParts {
  const parts: ItemParts = {};
  switch (type) {
    case 'identifier':
      parts.nameSpan = { start: cursor.startIndex, end: cursor.endIndex };
      return parts;
    case 'typed_parameter': {
      // `name: type`, `*args: type`, `**kw: type`: the first named child is the core.
      if (!cursor.gotoFirstChild()) return parts;
      let coreSeen = false;
      do {
        if (cursor.currentFieldName === 'type') parts.typeSpan = { start: cursor.startIndex, end: cursor.endIndex };
        else if (!coreSeen) {
          const coreType = namedTypeAt(cursor, language);
          if (!coreType) continue;
          coreSeen = true;
          if (coreType === 'identifier') parts.nameSpan = { start: cursor.startIndex, end: cursor.endIndex };
          else if (coreType === 'list_splat_pattern' || coreType === 'dictionary_splat_pattern') readSplat(cursor, coreType, language, parts);
        }
      } while (cursor.gotoNextSibling());
      cursor.gotoParent();
      return parts;
    }
    case 'default_parameter':
    case 'typed_default_parameter':
      if (!cursor.gotoFirstChild()) return parts;
      do {
        const field = cursor.currentFieldName;
        if (field === 'name') {
          if (cursor.nodeType === 'identifier') parts.nameSpan = { start: cursor.startIndex, end: cursor.endIndex };
        } else if (field === 'value') parts.defaultNode = cursor.currentNode;
        else if (field === 'type' && type === 'typed_default_parameter') parts.typeSpan = { start: cursor.startIndex, end: cursor.endIndex };
      } while (cursor.gotoNextSibling());
      cursor.gotoParent();
      return parts;
    case 'list_splat_pattern':
    case 'dictionary_splat_pattern':
      readSplat(cursor, type, language, parts);
      return parts;
    default:
      return parts;
  }
}

/** `*name` / `**name`: only a plain identifier makes a parameter. */
function readSplat(cursor: TreeCursor, type: string, language: Language, parts: ItemParts): void {
  parts.splat = type === 'list_splat_pattern' ? 'var-positional' : 'var-keyword';
  if (!cursor.gotoFirstChild()) return;
  do {
    const childType = namedTypeAt(cursor, language);
    if (!childType) continue;
    if (childType === 'identifier') parts.nameSpan = { start: cursor.startIndex, end: cursor.endIndex };
    break;
  } while (cursor.gotoNextSibling());
  cursor.gotoParent();
}

/** Definition headers, read once per extraction. */
export class ParameterCache {
  private readonly byStart = new Map<number, DefinitionHeader>();

  constructor(private readonly text: SourceText) {}

  header(definition: SyntaxNode): DefinitionHeader {
    let header = this.byStart.get(definition.startIndex);
    if (!header) {
      header = readHeader(definition, this.text);
      this.byStart.set(definition.startIndex, header);
    }
    return header;
  }

  of(definition: SyntaxNode): ParsedParam[] {
    return this.header(definition).params;
  }
}

const identifierPattern = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]+/uy;

/**
 * The identifier starting at `start`, read from the text (cheaper than asking the node for its end).
 * An ASCII name, the usual case, is read without the pattern: within ASCII it matches exactly
 * letters, digits and `_`, and each match would make an array.
 */
export function identifierAt(text: SourceText, start: number): string {
  let end = start;
  for (; end < text.length; end++) {
    const c = text.charCodeAt(end);
    if (c >= 128) return matchAt(text, identifierPattern, start)?.[0] ?? '';
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95)) break;
  }
  return text.slice(start, end);
}
