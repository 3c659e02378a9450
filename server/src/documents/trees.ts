/**
 * Syntax trees of open documents, kept up to date incrementally: pending edits are applied to the
 * previous tree (`tree.edit`) and the parser reuses it (`parser.parse(text, oldTree)`). Trees live in
 * wasm memory, so the cache is bounded and every tree it drops is deleted explicitly.
 */
import type { Range } from '@vscode/tree-sitter-wasm';
import { getParser, parseWithin, PARSE_TIME_LIMIT_MS, type Edit, type Grammar, type Tree } from '../parsing/treeSitter';
import type { OpenDocument } from './documentStore';

interface CachedTree {
  tree: Tree;
  grammar: Grammar;
  version: number;
}

export interface TreeUpdate {
  tree: Tree;
  /** Regions whose syntax changed since the previous tree; undefined after a full parse. */
  changedRanges?: Range[];
  /** The edits this update applied to the previous tree; undefined after a full parse. */
  edits?: Edit[];
}

export class TreeCache {
  /** Insertion order doubles as recency order: a hit is re-inserted at the end. */
  private readonly trees = new Map<string, CachedTree>();

  constructor(private readonly capacity = 50) {}

  get size(): number {
    return this.trees.size;
  }

  /** The tree for the document's current version, parsing only what the pending edits touched. */
  async treeFor(uri: string, entry: OpenDocument, grammar: Grammar): Promise<TreeUpdate> {
    const parser = await getParser(grammar);
    const cached = this.trees.get(uri);
    const version = entry.document.version;
    if (cached && cached.grammar === grammar && cached.version === version && entry.pendingEdits !== 'full' && entry.pendingEdits.length === 0) {
      this.touch(uri, cached);
      return { tree: cached.tree };
    }
    const text = entry.document.getText();
    let oldTree: Tree | undefined;
    let edits: Edit[] | undefined;
    if (cached && cached.grammar === grammar && entry.pendingEdits !== 'full') {
      oldTree = cached.tree;
      edits = entry.pendingEdits;
      for (const edit of edits) oldTree.edit(edit);
    }
    let tree: Tree | null;
    try {
      tree = parseWithin(parser, text, oldTree, PARSE_TIME_LIMIT_MS);
    } catch (error) {
      // The old tree has taken the pending edits already: it must not be edited with them again.
      this.drop(uri);
      entry.pendingEdits = 'full';
      throw error;
    }
    if (!tree) throw new Error(`tree-sitter could not parse ${uri}`);
    const changedRanges = oldTree ? tree.getChangedRanges(oldTree) : undefined;
    if (cached) cached.tree.delete();
    entry.pendingEdits = [];
    this.touch(uri, { tree, grammar, version });
    return { tree, changedRanges, edits };
  }

  private touch(uri: string, cached: CachedTree): void {
    this.trees.delete(uri);
    this.trees.set(uri, cached);
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

/** Loads the runtime and grammars ahead of the first document, while the client is still starting. */
export async function warmUpParsers(grammars: readonly Grammar[] = ['python', 'typescript']): Promise<void> {
  for (const grammar of grammars) await getParser(grammar);
}
