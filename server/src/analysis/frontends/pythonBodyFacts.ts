/**
 * Facts about a handler's own body that rules need and must not dig out of the text: whether it
 * yields or awaits, and which keys it reads from its `**kwargs` catch-all.
 */
import type { SyntaxNode } from '../../parsing/treeSitter';
import type { CatchAllRead, Handler } from '../model';
import type { HandlerBodyNodes } from './pythonBodyNodes';
import { plainStringValue, sameNode, spanOf } from './pythonSyntax';

export interface BodyFacts {
  yields: boolean;
  awaits: boolean;
  catchAllReads: CatchAllRead[];
  paramAttributeReads: NonNullable<Handler['paramAttributeReads']>;
}

/** `own`: the body's nodes found for `params` (none for a lambda: it has no body of statements). */
export function bodyFactsOf(own: HandlerBodyNodes | undefined, catchAll: string | undefined, params: ReadonlySet<string>): BodyFacts {
  const facts: BodyFacts = { yields: false, awaits: false, catchAllReads: [], paramAttributeReads: [] };
  if (!own) return facts;
  facts.yields = own.has('yield');
  facts.awaits = own.has('await');
  for (const access of own.accesses) {
    const { node, type } = access;
    if (type === 'attribute') {
      const object = node.childForFieldName('object');
      const attribute = node.childForFieldName('attribute');
      if (object?.type === 'identifier' && attribute && params.has(object.text)) {
        facts.paramAttributeReads.push({ param: object.text, attribute: attribute.text, span: spanOf(node) });
      }
    }
    if (catchAll !== undefined) {
      const read = catchAllReadAt(node, access.parent, catchAll, access.conditional);
      if (read) facts.catchAllReads.push(read);
    }
  }
  if (catchAll !== undefined) facts.catchAllReads = withoutOwnWrites(own.body, catchAll, facts.catchAllReads);
  return facts;
}

/** `kwargs["key"]` or `kwargs.get("key"...)` read (not assigned or deleted). */
function catchAllReadAt(node: SyntaxNode, parent: SyntaxNode | undefined, catchAll: string, conditional: boolean): CatchAllRead | undefined {
  let key: string | undefined;
  let access: CatchAllRead['access'];
  if (node.type === 'subscript') {
    if (node.childForFieldName('value')?.text !== catchAll) return undefined;
    const index = node.childForFieldName('subscript');
    key = index ? plainStringValue(index) : undefined;
    access = 'subscript';
    if (parent?.type === 'delete_statement' || (parent?.type === 'assignment' && sameNode(parent.childForFieldName('left'), node))) return undefined;
    if (parent?.type === 'augmented_assignment') return undefined;
  } else if (node.type === 'call') {
    const callee = node.childForFieldName('function');
    if (callee?.type !== 'attribute' || callee.childForFieldName('object')?.text !== catchAll || callee.childForFieldName('attribute')?.text !== 'get') return undefined;
    const first = node.childForFieldName('arguments')?.firstNamedChild;
    key = first ? plainStringValue(first) : undefined;
    access = 'get';
  } else return undefined;
  if (key === undefined) return undefined;
  const read: CatchAllRead = { key, access, span: spanOf(node), unconditional: !conditional };
  const then = followingAccess(node, parent);
  if (then) read.then = then;
  return read;
}

/** `<read>["task"]` or `<read>.get(...)`: what is done to the value at once. */
function followingAccess(node: SyntaxNode, parent: SyntaxNode | undefined): CatchAllRead['then'] {
  if (parent?.type === 'subscript' && sameNode(parent.childForFieldName('value'), node)) {
    const index = parent.childForFieldName('subscript');
    return { key: index ? plainStringValue(index) : undefined, span: spanOf(parent) };
  }
  if (parent?.type === 'attribute' && sameNode(parent.childForFieldName('object'), node)) {
    const method = parent.childForFieldName('attribute')?.text;
    return method ? { method, span: spanOf(parent) } : undefined;
  }
  return undefined;
}

/**
 * Reads of keys the body stores itself (`kwargs["x"] = ...`, `kwargs.setdefault("x", ...)`) are no
 * misses; after `kwargs.update(...)`, `kwargs |= ...` or rebinding the name, any key may be there.
 */
function withoutOwnWrites(body: SyntaxNode, catchAll: string, reads: CatchAllRead[]): CatchAllRead[] {
  if (reads.length === 0) return reads;
  const written = new Set<string>();
  let anything = false;
  for (const node of body.descendantsOfType(['assignment', 'augmented_assignment', 'call', 'for_statement', 'named_expression'])) {
    if (!node) continue;
    if (node.type === 'call') {
      const callee = node.childForFieldName('function');
      if (callee?.type !== 'attribute' || callee.childForFieldName('object')?.text !== catchAll) continue;
      const method = callee.childForFieldName('attribute')?.text;
      const first = node.childForFieldName('arguments')?.firstNamedChild;
      const key = first ? plainStringValue(first) : undefined;
      if (method === 'setdefault' && key !== undefined) written.add(key);
      else if (method === 'update' || method === 'setdefault') anything = true;
      continue;
    }
    const target = node.childForFieldName(node.type === 'named_expression' ? 'name' : 'left');
    if (!target) continue;
    if (target.text === catchAll) anything = true;
    else if (target.type === 'subscript' && target.childForFieldName('value')?.text === catchAll) {
      const index = target.childForFieldName('subscript');
      const key = index ? plainStringValue(index) : undefined;
      if (key === undefined) anything = true;
      else written.add(key);
    }
  }
  if (anything) return reads.filter((read) => read.access !== 'subscript');
  return reads.filter((read) => !written.has(read.key));
}
