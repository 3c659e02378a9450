/**
 * Cheap parent look-ups. tree-sitter finds a node's parent (and its siblings) by descending from the
 * root, scanning every top-level statement on the way, so in a large module each `node.parent` costs
 * time proportional to the file. Here the top-level statement is found by binary search and the rest
 * of the way down is walked with a cursor; every node met on the way has its parent remembered.
 */
import type { SyntaxNode } from '../../parsing/treeSitter';

class Ancestry {
  readonly parents = new Map<number, SyntaxNode | null>();
  private readonly top: SyntaxNode[];

  constructor(private readonly root: SyntaxNode) {
    this.top = root.children.filter((c): c is SyntaxNode => c !== null);
    this.parents.set(root.id, null);
    for (const statement of this.top) this.parents.set(statement.id, root);
  }

  private topLevelContaining(node: SyntaxNode): SyntaxNode | undefined {
    let low = 0;
    let high = this.top.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.top[mid].startIndex <= node.startIndex) low = mid;
      else high = mid - 1;
    }
    const candidate = this.top[low];
    return candidate && candidate.startIndex <= node.startIndex && candidate.endIndex >= node.endIndex ? candidate : undefined;
  }

  parentOf(node: SyntaxNode): SyntaxNode | null {
    const known = this.parents.get(node.id);
    if (known !== undefined) return known;
    const statement = this.topLevelContaining(node);
    if (statement) this.descend(statement, node);
    const found = this.parents.get(node.id);
    if (found !== undefined) return found;
    // Zero-width or overlapping nodes can defeat the range walk; ask the tree.
    const parent = node.parent;
    this.parents.set(node.id, parent);
    return parent;
  }

  /** Walks from `from` towards `target`, remembering the parent of every node on the way. */
  private descend(from: SyntaxNode, target: SyntaxNode): void {
    const cursor = from.walk();
    let current = from;
    try {
      outer: while (cursor.nodeId !== target.id) {
        if (!cursor.gotoFirstChild()) return;
        for (;;) {
          const start = cursor.startIndex;
          const end = cursor.endIndex;
          if (start <= target.startIndex && end >= target.endIndex && (start < end || start === target.startIndex)) {
            const child = cursor.nodeId === target.id ? target : cursor.currentNode;
            this.parents.set(child.id, current);
            current = child;
            continue outer;
          }
          if (!cursor.gotoNextSibling()) return;
        }
      }
    } finally {
      cursor.delete();
    }
  }
}

const byTree = new WeakMap<object, Ancestry>();

export function parentOf(node: SyntaxNode): SyntaxNode | null {
  let ancestry = byTree.get(node.tree);
  if (!ancestry) byTree.set(node.tree, (ancestry = new Ancestry(node.tree.rootNode)));
  return ancestry.parentOf(node);
}

/** The node's ancestors, nearest first. */
export function* ancestorsOf(node: SyntaxNode): Generator<SyntaxNode> {
  for (let current = parentOf(node); current; current = parentOf(current)) yield current;
}

/** The named siblings after `node`, in order. */
export function namedSiblingsAfter(node: SyntaxNode): SyntaxNode[] {
  const parent = parentOf(node);
  if (!parent) return [];
  const siblings = parent.namedChildren.filter((c): c is SyntaxNode => c !== null);
  const index = siblings.findIndex((s) => s.id === node.id);
  return index < 0 ? [] : siblings.slice(index + 1);
}
