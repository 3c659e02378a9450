/**
 * Where a syntax tree is a guess. tree-sitter keeps going after a syntax error by wrapping what it
 * cannot place in ERROR nodes and inventing MISSING tokens; a connect call or decorator found there
 * may be glued to code it has nothing to do with, so front ends leave such connections out.
 */
import type { SyntaxNode } from '../../parsing/treeSitter';

/** Inside an ERROR node. */
export function inErrorRegion(node: SyntaxNode): boolean {
  for (let ancestor = node.parent; ancestor; ancestor = ancestor.parent) if (ancestor.type === 'ERROR') return true;
  return false;
}

/** A node whose own children the parser had to patch: a MISSING token or an ERROR among them. */
export function repairedByParser(node: SyntaxNode | null | undefined): boolean {
  return !!node?.children.some((child) => !!child && (child.isMissing || child.type === 'ERROR'));
}
