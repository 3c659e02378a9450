/** Small tree helpers shared by the TypeScript/JavaScript front end. */
import type { SyntaxNode } from '../../parsing/treeSitter';
import type { Span } from '../model';

export function spanOf(node: SyntaxNode): Span {
  return { start: node.startIndex, end: node.endIndex };
}

export function namedChildrenOf(node: SyntaxNode): SyntaxNode[] {
  return node.namedChildren.filter((child): child is SyntaxNode => child !== null);
}

/** Looks through wrappers that do not change which value is meant: `(x)`, `x as T`, `x!`, `<T>x`, `x satisfies T`. */
export function unwrapExpression(node: SyntaxNode): SyntaxNode {
  let current = node;
  for (;;) {
    switch (current.type) {
      case 'parenthesized_expression':
      case 'as_expression':
      case 'satisfies_expression':
      case 'non_null_expression':
      case 'type_assertion': {
        const inner = current.type === 'type_assertion' ? current.lastNamedChild : current.firstNamedChild;
        if (!inner) return current;
        current = inner;
        break;
      }
      default:
        return current;
    }
  }
}

/** The value of a string literal or a template literal without substitutions; undefined otherwise. */
export function stringLiteralValue(node: SyntaxNode): string | undefined {
  if (node.type === 'string') return node.text.slice(1, -1);
  if (node.type === 'template_string' && !namedChildrenOf(node).some((c) => c.type === 'template_substitution')) {
    return node.text.slice(1, -1);
  }
  return undefined;
}

export const FUNCTION_TYPES = new Set([
  'arrow_function',
  'function_expression',
  'function',
  'function_declaration',
  'generator_function',
  'generator_function_declaration',
  'method_definition',
]);

export function isFunctionNode(node: SyntaxNode): boolean {
  return FUNCTION_TYPES.has(node.type);
}

/** `async` is an anonymous keyword child of the function node in both grammars. */
export function isAsyncFunction(node: SyntaxNode): boolean {
  // Child by child, stopping at the parameters: `children` would build a node for every child.
  for (let i = 0; i < node.childCount; i++) {
    const type = node.child(i)?.type;
    if (type === 'async') return true;
    if (type === 'formal_parameters' || type === 'statement_block' || type === 'identifier') return false;
  }
  return false;
}

/** The `async` keyword of a function node and the space up to the next token, if it has one. */
export function asyncKeywordSpan(node: SyntaxNode): Span | undefined {
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i);
    if (child?.type === 'async') return { start: child.startIndex, end: node.child(i + 1)?.startIndex ?? child.endIndex };
    if (child?.type === 'formal_parameters' || child?.type === 'statement_block' || child?.type === 'identifier') return undefined;
  }
  return undefined;
}

/** The name a property key stands for: `a`, `'a'`, or undefined for computed keys. */
export function propertyKeyName(key: SyntaxNode): string | undefined {
  if (key.type === 'property_identifier' || key.type === 'identifier' || key.type === 'shorthand_property_identifier_pattern') return key.text;
  return stringLiteralValue(key);
}

/** Every identifier a binding pattern introduces (`{ a, b: [c], ...d }` → a, c, d). */
export function patternNames(pattern: SyntaxNode, out: SyntaxNode[] = []): SyntaxNode[] {
  switch (pattern.type) {
    case 'identifier':
    case 'shorthand_property_identifier_pattern':
      out.push(pattern);
      break;
    case 'pair_pattern': {
      const value = pattern.childForFieldName('value');
      if (value) patternNames(value, out);
      break;
    }
    case 'assignment_pattern':
    case 'object_assignment_pattern': {
      const left = pattern.childForFieldName('left');
      if (left) patternNames(left, out);
      break;
    }
    case 'required_parameter':
    case 'optional_parameter': {
      const inner = pattern.childForFieldName('pattern');
      if (inner) patternNames(inner, out);
      break;
    }
    case 'object_pattern':
    case 'array_pattern':
    case 'rest_pattern':
      for (const child of namedChildrenOf(pattern)) patternNames(child, out);
      break;
    default:
      break;
  }
  return out;
}

/** The parameter nodes of a function, whichever way the grammar spells them. */
export function parameterNodes(fn: SyntaxNode): SyntaxNode[] {
  const single = fn.childForFieldName('parameter');
  if (single) return [single];
  const list = fn.childForFieldName('parameters');
  if (!list) return [];
  return namedChildrenOf(list).filter((p) => p.type !== 'comment' && p.type !== 'decorator');
}
