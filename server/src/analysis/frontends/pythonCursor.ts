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
  const id = cursor.nodeTypeId;
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
