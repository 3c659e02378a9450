/** Reads `connect(...)` arguments and receivers in TypeScript/JavaScript into the shared model. */
import type { SyntaxNode } from '../../parsing/treeSitter';
import type { ConnectArgument, ConnectValue, HandlerSite, ReceiverKind } from '../model';
import { handlerFromFunction } from './typescriptHandlers';
import { bindingScope, declarationIn } from './typescriptScope';
import { isFunctionNode, namedChildrenOf, propertyKeyName, spanOf, stringLiteralValue, unwrapExpression } from './typescriptSyntax';

type NameKind = Extract<ConnectValue, { kind: 'name' }>['refersTo'];

/** Says what a module-level or local name is bound to; supplied by the front end (it knows tasks and signals). */
export type NameClassifier = (identifier: SyntaxNode) => NameKind;

export function connectValue(node: SyntaxNode, classify: NameClassifier): ConnectValue {
  const value = unwrapExpression(node);
  const text = stringLiteralValue(value);
  if (text !== undefined) return { kind: 'string', value: text };
  switch (value.type) {
    case 'null':
    case 'undefined':
      return { kind: 'none' };
    case 'true':
    case 'false':
      return { kind: 'bool', value: value.type === 'true' };
    case 'identifier':
      if (value.text === 'undefined') return { kind: 'none' };
      return { kind: 'name', name: value.text, refersTo: classify(value) };
    default:
      return isFunctionNode(value) ? { kind: 'lambda' } : { kind: 'other', text: value.text };
  }
}

/** The properties of an options object (`{ sender: add, weak: false }`) as keyword arguments. */
export function optionArguments(object: SyntaxNode, classify: NameClassifier): ConnectArgument[] {
  const args: ConnectArgument[] = [];
  for (const property of namedChildrenOf(object)) {
    if (property.type === 'pair') {
      const key = property.childForFieldName('key');
      const value = property.childForFieldName('value');
      const keyword = key ? propertyKeyName(key) : undefined;
      if (!key || !value || keyword === undefined) continue;
      args.push({ keyword, span: spanOf(property), keywordSpan: spanOf(key), valueSpan: spanOf(value), value: connectValue(value, classify) });
    } else if (property.type === 'shorthand_property_identifier') {
      const span = spanOf(property);
      args.push({ keyword: property.text, span, keywordSpan: span, valueSpan: span, value: { kind: 'name', name: property.text, refersTo: classify(property) } });
    }
  }
  return args;
}

/** Celery fills connect's options by position in this order after the receiver. */
const POSITIONAL_OPTIONS = ['sender', 'weak', 'dispatch_uid', 'retry'];

/** An option written positionally; `index` counts options after the receiver (0 = sender). */
export function positionalArgument(node: SyntaxNode, index: number, classify: NameClassifier): ConnectArgument {
  return { keyword: POSITIONAL_OPTIONS[index], positional: true, span: spanOf(node), valueSpan: spanOf(node), value: connectValue(node, classify) };
}

function methodOfClass(classBody: SyntaxNode, name: string): SyntaxNode | undefined {
  for (const member of namedChildrenOf(classBody)) {
    if (member.childForFieldName('name')?.text !== name) continue;
    if (member.type === 'method_definition') return member;
    const value = member.childForFieldName('value');
    if (value && isFunctionNode(unwrapExpression(value))) return unwrapExpression(value);
  }
  return undefined;
}

function enclosingClassBody(node: SyntaxNode): SyntaxNode | undefined {
  for (let ancestor = node.parent; ancestor; ancestor = ancestor.parent) if (ancestor.type === 'class_body') return ancestor;
  return undefined;
}

/** The function a reference names: `onFail`, `this.onFail`, `Handlers.onFail`. */
function referencedFunction(reference: SyntaxNode): { fn: SyntaxNode; name?: SyntaxNode } | undefined {
  if (reference.type === 'identifier') {
    const scope = bindingScope(reference, reference.text);
    const declaration = scope ? declarationIn(scope, reference.text) : undefined;
    if (!declaration) return undefined;
    if (isFunctionNode(declaration)) return { fn: declaration };
    const value = declaration.type === 'variable_declarator' ? declaration.childForFieldName('value') : null;
    const fn = value ? unwrapExpression(value) : undefined;
    return fn && isFunctionNode(fn) ? { fn, name: declaration.childForFieldName('name') ?? undefined } : undefined;
  }
  if (reference.type !== 'member_expression') return undefined;
  const object = reference.childForFieldName('object');
  const property = reference.childForFieldName('property');
  if (!object || !property) return undefined;
  let classBody: SyntaxNode | undefined;
  if (object.type === 'this') classBody = enclosingClassBody(reference);
  else if (object.type === 'identifier') {
    const scope = bindingScope(object, object.text);
    const declaration = scope ? declarationIn(scope, object.text) : undefined;
    if (declaration?.type === 'class_declaration' || declaration?.type === 'abstract_class_declaration') {
      classBody = declaration.childForFieldName('body') ?? undefined;
    }
  }
  const fn = classBody ? methodOfClass(classBody, property.text) : undefined;
  return fn ? { fn, name: fn.type === 'method_definition' ? undefined : property } : undefined;
}

/** The handler part of a site for the receiver expression passed to `connect(...)`. */
export function receiverOf(receiverNode: SyntaxNode, text: string): Pick<HandlerSite, 'handler' | 'receiverSpan' | 'receiverKind'> {
  const receiver = unwrapExpression(receiverNode);
  if (isFunctionNode(receiver)) return { handler: handlerFromFunction(receiver, text), receiverKind: 'lambda' };
  const found = referencedFunction(receiver);
  const handler = found
    ? handlerFromFunction(found.fn, text, found.name ? { name: found.name.text, nameSpan: spanOf(found.name) } : {})
    : undefined;
  return { handler, receiverSpan: spanOf(receiverNode), receiverKind: receiverKindOf(receiver) };
}

/** `fn.bind(...)` is JavaScript's partial: a new function that nothing else holds. */
function receiverKindOf(receiver: SyntaxNode): ReceiverKind {
  switch (receiver.type) {
    case 'identifier': {
      const scope = bindingScope(receiver, receiver.text);
      const declaration = scope ? declarationIn(scope, receiver.text) : undefined;
      return declaration?.type === 'class_declaration' ? 'class' : 'reference';
    }
    case 'member_expression':
      return 'attribute';
    case 'class':
      return 'class';
    case 'call_expression': {
      const callee = receiver.childForFieldName('function');
      return callee?.type === 'member_expression' && callee.childForFieldName('property')?.text === 'bind' ? 'partial' : 'call';
    }
    default:
      return 'other';
  }
}

/**
 * The member a decorator is attached to. TypeScript puts decorators before the member in the class
 * body; JavaScript makes them children of the method.
 */
export function decoratedMember(decorator: SyntaxNode): SyntaxNode | undefined {
  const parent = decorator.parent;
  if (!parent) return undefined;
  if (parent.type !== 'class_body') return parent;
  for (let next = decorator.nextNamedSibling; next; next = next.nextNamedSibling) {
    if (next.type !== 'decorator' && next.type !== 'comment') return next;
  }
  return undefined;
}

/** The handler for a decorated class member: a method, or a field holding a function. */
export function decoratedHandler(member: SyntaxNode, text: string): HandlerSite['handler'] {
  if (member.type === 'method_definition') return handlerFromFunction(member, text);
  const value = member.childForFieldName('value');
  const fn = value ? unwrapExpression(value) : undefined;
  if (!fn || !isFunctionNode(fn)) return undefined;
  const name = member.childForFieldName('name') ?? member.childForFieldName('property');
  return handlerFromFunction(fn, text, name ? { name: name.text, nameSpan: spanOf(name) } : {});
}
