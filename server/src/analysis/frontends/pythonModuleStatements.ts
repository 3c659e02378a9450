/**
 * Where a module's statements are. A fresh tree hands over all of them at once. After an edit, the
 * statements the edit and the reparse left alone are the previous analysis's (moved by the edit's
 * length change if they come after it): only those around the edit are read from the tree, so a
 * keystroke in a module of thousands of statements makes no node object for each of them.
 */
import type { SyntaxNode, Tree } from '../../parsing/treeSitter';
import type { ChangedRegion } from './pythonStatementMemo';

/** The previous analysis's statements, and how its tree became this one. */
export interface PreviousStatements {
  starts: readonly number[];
  ends: readonly number[];
  changed: ChangedRegion;
  /** The edited old tree and the new one, to ask which parts the reparse restructured. */
  oldTree: Tree;
  tree: Tree;
}

export interface ModuleStatements {
  starts: number[];
  ends: number[];
  /** The statements' nodes, by index; the ones taken from the previous analysis are found when asked for. */
  nodes: (SyntaxNode | undefined)[];
}

export function readModuleStatements(root: SyntaxNode, previous?: PreviousStatements): ModuleStatements {
  return (previous && statementsAround(root, previous)) || everyStatement(root);
}

/** One call hands over every statement (a cursor walk makes several calls per statement). */
function everyStatement(root: SyntaxNode): ModuleStatements {
  const statements: ModuleStatements = { starts: [], ends: [], nodes: [] };
  for (const statement of root.namedChildren) {
    if (!statement) continue;
    statements.nodes.push(statement);
    statements.starts.push(statement.startIndex);
    statements.ends.push(statement.endIndex);
  }
  return statements;
}

/**
 * The previous statements wholly before the edit and everything the reparse restructured, those
 * read from the tree in between, and the previous ones wholly after, moved. Undefined when the tree
 * does not line up with that (then every statement is read).
 */
function statementsAround(root: SyntaxNode, previous: PreviousStatements): ModuleStatements | undefined {
  const { starts, ends, changed } = previous;
  const delta = changed.newEnd - changed.oldEnd;
  let low = changed.start;
  let high = changed.newEnd;
  for (const range of previous.tree.getChangedRanges(previous.oldTree)) {
    low = Math.min(low, range.startIndex);
    high = Math.max(high, range.endIndex);
  }
  // The statements next to the changed part are read again too: what is typed after a statement's
  // end may still become part of it (a comment after a function's last line is in its body), and the
  // reparse reports no restructuring for that.
  let before = 0;
  while (before + 1 < starts.length && starts[before + 1] < low) before++;
  let after = starts.length;
  while (after > before && starts[after - 1] + delta > high) after--;
  after = Math.min(starts.length, after + 1);
  const statements: ModuleStatements = { starts: starts.slice(0, before), ends: ends.slice(0, before), nodes: [] };
  const from = before > 0 ? ends[before - 1] : 0;
  const until = after < starts.length ? starts[after] + delta : Infinity;
  // (A tree cursor's gotoFirstChildForIndex finds nothing in this build of the parser.)
  let node = root.firstNamedChildForIndex(from);
  for (; node; node = node.nextNamedSibling) {
    const start = node.startIndex;
    if (start < from) continue;
    if (start >= until) break;
    statements.nodes[statements.starts.length] = node;
    statements.starts.push(start);
    statements.ends.push(node.endIndex);
  }
  // The first statement after the read ones must be the first of the moved ones, where they say.
  if (after < starts.length ? node?.startIndex !== until || node.endIndex !== ends[after] + delta : node) return undefined;
  for (let i = after; i < starts.length; i++) {
    statements.starts.push(starts[i] + delta);
    statements.ends.push(ends[i] + delta);
  }
  return statements;
}

/** The node of a statement taken from the previous analysis: the first named child of the root that ends after its start. */
export function statementNode(root: SyntaxNode, start: number, end: number): SyntaxNode | undefined {
  const node = root.firstNamedChildForIndex(start);
  return node && node.startIndex === start && node.endIndex === end ? node : undefined;
}
