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

/** One node on the way down from an ancestor, with what its own type and those above it add up to. */
export interface PathStep {
  /** The named type, or undefined for an anonymous node. */
  type: string | undefined;
  node: SyntaxNode;
  end: number;
  /** The bits `PathsDown`'s `flagsOf` gives this step's type, or-ed with the step above's. */
  flags: number;
}

/**
 * The ways from `top` down to descendants asked for in document order (a node before the nodes
 * inside it). Consecutive targets share most of their way, so a step once taken is kept for the next
 * target below it: deep code with many targets costs its depth once, not once per target. (This
 * binding's cursor cannot descend towards an offset: `gotoFirstChildForIndex` ignores the offset.)
 */
export class PathsDown {
  private readonly steps: PathStep[];

  constructor(
    top: SyntaxNode,
    private readonly flagsOf: (type: string | undefined) => number,
  ) {
    this.steps = [{ type: namedTypeOf(top), node: top, end: top.endIndex, flags: 0 }];
  }

  /**
   * The steps from the top (first) to `target` (last); valid until the next call. Undefined if
   * `target` is not below the top.
   */
  to(target: SyntaxNode): readonly PathStep[] | undefined {
    const start = target.startIndex;
    const end = target.endIndex;
    const steps = this.steps;
    // Non-empty nodes that hold one another are ancestors: keep the steps that hold the target.
    while (steps.length > 1) {
      const last = steps[steps.length - 1];
      if (last.node.startIndex <= start && end <= last.end) break;
      steps.pop();
    }
    for (let above = steps[steps.length - 1]; above.node.id !== target.id; ) {
      const next = above.node.childWithDescendant(target);
      if (!next || next.id === above.node.id) return undefined;
      const type = namedTypeOf(next);
      above = { type, node: next, end: next.endIndex, flags: above.flags | this.flagsOf(type) };
      steps.push(above);
    }
    return steps;
  }
}
