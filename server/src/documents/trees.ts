/**
 * The last syntax tree of each open document, kept so the next analysis can reparse incrementally.
 * Trees live in wasm memory, so the cache is bounded and every tree it drops is deleted explicitly.
 */
import type { Grammar, Tree } from '../parsing/treeSitter';

interface CachedTree {
  tree: Tree;
  grammar: Grammar;
}

export class TreeCache {
  /** Insertion order doubles as recency order: a stored tree is re-inserted at the end. */
  private readonly trees = new Map<string, CachedTree>();

  constructor(private readonly capacity = 50) {}

  get size(): number {
    return this.trees.size;
  }

  has(uri: string): boolean {
    return this.trees.has(uri);
  }

  /** Removes and returns the document's tree, if it was parsed with `grammar`; the caller owns it now. */
  take(uri: string, grammar: Grammar): Tree | undefined {
    const cached = this.trees.get(uri);
    if (!cached) return undefined;
    this.trees.delete(uri);
    if (cached.grammar === grammar) return cached.tree;
    cached.tree.delete();
    return undefined;
  }

  /** The document's tree, left in the cache (the caller must not delete or edit it). */
  peek(uri: string): Tree | undefined {
    return this.trees.get(uri)?.tree;
  }

  put(uri: string, grammar: Grammar, tree: Tree): void {
    this.drop(uri);
    this.trees.set(uri, { tree, grammar });
    while (this.trees.size > this.capacity) {
      const [oldestUri, oldest] = this.trees.entries().next().value as [string, CachedTree];
      oldest.tree.delete();
      this.trees.delete(oldestUri);
    }
  }

  /**
   * Forgets a document's tree (closed, or evicted by the caller). An evicted document that is still
   * open gets a full parse next time, since its edit chain no longer has a tree to apply to.
   */
  drop(uri: string): void {
    const cached = this.trees.get(uri);
    if (!cached) return;
    cached.tree.delete();
    this.trees.delete(uri);
  }

  dispose(): void {
    for (const uri of [...this.trees.keys()]) this.drop(uri);
  }
}
