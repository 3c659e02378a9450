/**
 * Cursor helpers for the Python front end. Every property read on a cursor is a trip into wasm, so a
 * walk asks only for the node's type id and looks its name and named-ness up in a per-language table.
 */
import type { SyntaxNode } from '../../parsing/treeSitter';

export type TreeCursor = ReturnType<SyntaxNode['walk']>;
type Language = SyntaxNode['tree']['language'];

/** Per language, by type id: the type name of a named node type, or null for anonymous tokens. */
const namedTypesByLanguage = new WeakMap<Language, (string | null)[]>();

/** The type of the cursor's node when it is a named node, else undefined (what `nodeIsNamed` tells). */
export function namedTypeAt(cursor: TreeCursor, language: Language): string | undefined {
  return namedTypeFor(cursor.nodeTypeId, language);
}

function namedTypeFor(id: number, language: Language): string | undefined {
  let table = namedTypesByLanguage.get(language);
  if (!table) {
    table = [];
    namedTypesByLanguage.set(language, table);
  }
  let entry = table[id];
  if (entry === undefined) {
    // ERROR has no entry in `types` (the cursor's own `nodeType` falls back the same way).
    entry = language.nodeTypeIsNamed(id) || !language.types[id] ? (language.types[id] || 'ERROR') : null;
    table[id] = entry;
  }
  return entry ?? undefined;
}

/** The type of a named node, else undefined: `namedTypeAt` for a Node (one call into wasm). */
export function namedTypeOf(node: SyntaxNode): string | undefined {
  return namedTypeFor(node.typeId, node.tree.language);
}

/** One node on the way down from an ancestor. */
export interface PathStep {
  /** The named type, or undefined for an anonymous node. */
  type: string | undefined;
  node: SyntaxNode;
}

/**
 * The nodes from `top` down to its descendant `target`, both included, with their types. (This
 * binding's cursor cannot descend towards an offset: `gotoFirstChildForIndex` ignores the offset.)
 * Undefined if `target` is not below `top`.
 */
export function pathDown(top: SyntaxNode, target: SyntaxNode): PathStep[] | undefined {
  const steps: PathStep[] = [{ type: namedTypeOf(top), node: top }];
  for (let current = top; current.id !== target.id; ) {
    const next = current.childWithDescendant(target);
    if (!next || next.id === current.id) return undefined;
    steps.push({ type: namedTypeOf(next), node: next });
    current = next;
  }
  return steps;
}
