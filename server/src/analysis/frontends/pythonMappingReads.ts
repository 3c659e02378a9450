/**
 * Reads that treat a handler's parameter as a mapping (`body["id"]`, `body.get("id")`), each with the
 * tests that must pass before it runs, so rules can tell a guarded fallback from a plain read.
 */
import type { SyntaxNode } from '../../parsing/treeSitter';
import type { MappingRead, ReadGuard } from '../model';
import { namedChildrenOf, plainStringValue, sameNode, spanOf } from './pythonSyntax';

const nestedScopes = new Set(['function_definition', 'lambda', 'class_definition']);
const MAPPING_METHODS = new Set(['get', 'keys', 'items', 'values']);
const TYPE_TESTS = new Set(['isinstance', 'type', 'hasattr']);
/** Deeper than any real handler; past it nothing is read, which can only cost a finding, never invent one. */
const MAX_WALK_DEPTH = 400;

/** A guard while walking: a `try` body, or a test expression turned into facts only when a read needs it. */
type PendingGuard = 'try' | SyntaxNode;

export function mappingReadsOf(definition: SyntaxNode, params: ReadonlySet<string>): MappingRead[] {
  const body = definition.childForFieldName('body');
  if (!body || definition.type === 'lambda' || params.size === 0) return [];
  const reads: MappingRead[] = [];
  const visit = (node: SyntaxNode, parent: SyntaxNode | undefined, guards: readonly PendingGuard[], depth = 0): void => {
    if (nestedScopes.has(node.type) || depth > MAX_WALK_DEPTH) return;
    const read = mappingReadAt(node, parent, params);
    if (read) reads.push({ ...read, guards: guards.map(guardFact) });
    // A clause's condition runs under the outer guards; its body also under the condition.
    const underCondition = (clause: SyntaxNode, condition: SyntaxNode | null, inner: readonly PendingGuard[]): void => {
      for (const child of namedChildrenOf(clause)) visit(child, clause, sameNode(child, condition) ? guards : inner, depth + 1);
    };
    switch (node.type) {
      case 'if_statement': {
        // An elif or else runs only once every test above it in the chain has been made.
        const chain: PendingGuard[] = [...guards];
        const condition = node.childForFieldName('condition');
        if (condition) chain.push(condition);
        for (const child of namedChildrenOf(node)) {
          if (sameNode(child, condition)) visit(child, node, guards, depth + 1);
          else if (child.type === 'elif_clause') {
            const test = child.childForFieldName('condition');
            underCondition(child, test, test ? [...chain, test] : chain);
            if (test) chain.push(test);
          } else visit(child, node, chain, depth + 1);
        }
        return;
      }
      case 'while_statement': {
        const condition = node.childForFieldName('condition');
        return underCondition(node, condition, condition ? [...guards, condition] : guards);
      }
      case 'conditional_expression': {
        const test = namedChildrenOf(node)[1];
        return underCondition(node, test ?? null, test ? [...guards, test] : guards);
      }
      case 'boolean_operator': {
        // The right side runs only after the left side decided: `headers.get("id") or body.get("id")`.
        const left = node.childForFieldName('left');
        return underCondition(node, left, left ? [...guards, left] : guards);
      }
      case 'try_statement': {
        const body = node.childForFieldName('body');
        for (const child of namedChildrenOf(node)) visit(child, node, sameNode(child, body) ? [...guards, 'try'] : guards, depth + 1);
        return;
      }
      default:
        for (const child of namedChildrenOf(node)) visit(child, node, guards, depth + 1);
    }
  };
  visit(body, undefined, []);
  return reads;
}

/** `param["key"]` (not assigned or deleted) or `param.get(...)`, `param.keys()`... */
function mappingReadAt(node: SyntaxNode, parent: SyntaxNode | undefined, params: ReadonlySet<string>): Omit<MappingRead, 'guards'> | undefined {
  if (node.type === 'subscript') {
    const value = node.childForFieldName('value');
    const index = node.childForFieldName('subscript');
    const key = index ? plainStringValue(index) : undefined;
    if (value?.type !== 'identifier' || !params.has(value.text) || key === undefined) return undefined;
    if (parent?.type === 'delete_statement' || parent?.type === 'augmented_assignment') return undefined;
    if (parent?.type === 'assignment' && sameNode(parent.childForFieldName('left'), node)) return undefined;
    return { param: value.text, key, span: spanOf(node) };
  }
  if (node.type !== 'call') return undefined;
  const callee = node.childForFieldName('function');
  const object = callee?.type === 'attribute' ? callee.childForFieldName('object') : null;
  const method = callee?.childForFieldName('attribute')?.text;
  if (!callee || object?.type !== 'identifier' || !params.has(object.text) || !method || !MAPPING_METHODS.has(method)) return undefined;
  return { param: object.text, method, span: spanOf(callee) };
}

function guardFact(guard: PendingGuard): ReadGuard {
  if (guard === 'try') return { kind: 'try' };
  const names = new Set<string>();
  const typeTested = new Set<string>();
  const membershipOf = new Set<string>();
  for (const node of [guard, ...guard.descendantsOfType(['identifier', 'call', 'comparison_operator'])]) {
    if (!node) continue;
    if (node.type === 'identifier') names.add(node.text);
    else if (node.type === 'call' && TYPE_TESTS.has(node.childForFieldName('function')?.text ?? '')) {
      const first = node.childForFieldName('arguments')?.firstNamedChild;
      if (first?.type === 'identifier') typeTested.add(first.text);
    } else if (node.type === 'comparison_operator') {
      for (let i = 0; i < node.childCount; i++) {
        const operator = node.child(i)?.type;
        const operand = node.child(i + 1);
        if ((operator === 'in' || operator === 'not in') && operand?.type === 'identifier') membershipOf.add(operand.text);
      }
    }
  }
  return { kind: 'test', names: [...names], typeTested: [...typeTested], membershipOf: [...membershipOf] };
}
