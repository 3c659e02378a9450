/**
 * What keeps a weakly connected TypeScript/JavaScript receiver alive besides the signal: a nested
 * function handed on by the function that defines it, or the instance of a bound method.
 */
import type { SyntaxNode } from '../../parsing/treeSitter';
import type { HandlerSite, LocalLifetime, Span } from '../model';
import { isFunctionNode, unwrapExpression } from './typescriptSyntax';

/** Containers a value passes through on its way to where it is kept: `[alert]`, `{ alert }`, `{ a: alert }`. */
const VALUE_CONTAINERS = new Set(['array', 'object', 'pair', 'parenthesized_expression', 'sequence_expression', 'shorthand_property_identifier']);
/** Methods that store their argument in a collection or registry. */
const STORING_METHODS = new Set(['push', 'unshift', 'add', 'set', 'append', 'register']);

export function instanceLifetimeOf(receiverNode: SyntaxNode): HandlerSite['instanceLifetime'] {
  const receiver = unwrapExpression(receiverNode);
  const object = receiver.type === 'member_expression' ? receiver.childForFieldName('object') : null;
  const instance = object ? unwrapExpression(object) : undefined;
  return instance && (instance.type === 'new_expression' || instance.type === 'call_expression') ? 'temporary' : undefined;
}

/** For a function defined inside another one: whether the defining function hands it on. */
export function localLifetimeOf(root: SyntaxNode, definitionSpan: Span, name: string, connect: Span): LocalLifetime | undefined {
  let found: SyntaxNode | null = root.descendantForIndex(definitionSpan.start, definitionSpan.end);
  while (found && !(isFunctionNode(found) && found.startIndex === definitionSpan.start)) found = found.parent;
  let enclosing = found?.parent ?? null;
  while (enclosing && !isFunctionNode(enclosing)) enclosing = enclosing.parent;
  const body = enclosing?.childForFieldName('body');
  if (!found || !body) return undefined;
  const definition = found;
  const inside = (node: SyntaxNode, span: Span) => span.start <= node.startIndex && node.endIndex <= span.end;
  const handedOn = body.descendantsOfType(['identifier', 'shorthand_property_identifier']).some((id) => {
    if (!id || id.text !== name || inside(id, { start: definition.startIndex, end: definition.endIndex }) || inside(id, connect)) return false;
    return keptBy(id);
  });
  return { handedOn };
}

function keptBy(use: SyntaxNode): boolean {
  let value = use;
  for (let node = use.parent; node; value = node, node = node.parent) {
    if (VALUE_CONTAINERS.has(node.type)) continue;
    switch (node.type) {
      case 'return_statement':
      case 'yield_expression':
        return true;
      case 'assignment_expression':
        return node.childForFieldName('right')?.id === value.id;
      case 'variable_declarator':
        return node.childForFieldName('value')?.id === value.id;
      case 'arguments': {
        const callee = node.parent?.childForFieldName('function');
        return callee?.type === 'member_expression' && STORING_METHODS.has(callee.childForFieldName('property')?.text ?? '');
      }
      default:
        return false;
    }
  }
  return false;
}
