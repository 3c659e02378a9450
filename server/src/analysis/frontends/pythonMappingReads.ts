/**
 * Reads that treat a handler's parameter as a mapping (`body["id"]`, `body.get("id")`), each with the
 * tests that must pass before it runs, so rules can tell a guarded fallback from a plain read.
 */
import type { SyntaxNode } from '../../parsing/treeSitter';
import type { MappingRead, ReadGuard } from '../model';
import type { HandlerBodyNodes } from './pythonBodyNodes';
import type { PathStep } from './pythonCursor';
import { namedChildrenOf, plainStringValue, sameNode, spanOf } from './pythonSyntax';

const MAPPING_METHODS = new Set(['get', 'keys', 'items', 'values']);
const TYPE_TESTS = new Set(['isinstance', 'type', 'hasattr']);
/** Deeper than any real handler; past it nothing is read, which can only cost a finding, never invent one. */
const MAX_WALK_DEPTH = 400;

/** A guard on the way to a read: a `try` body, or a test expression turned into facts only when a read needs it. */
type PendingGuard = 'try' | SyntaxNode;

/** `own`: the body's nodes found for (at least) `params`. */
export function mappingReadsOf(own: HandlerBodyNodes | undefined, params: ReadonlySet<string>): MappingRead[] {
  if (!own || params.size === 0) return [];
  const reads: MappingRead[] = [];
  for (const access of own.accesses) {
    const read = mappingReadAt(access.node, access.parent, params);
    // Without a kept path the read lies deeper than MAX_WALK_DEPTH.
    if (!read || !access.path) continue;
    const { guards, depth } = guardsAlong(access.path, access.node.startIndex);
    if (depth <= MAX_WALK_DEPTH) reads.push({ ...read, guards: guards.map(guardFact) });
  }
  return reads;
}

/**
 * The guards a read at `at` runs under, from the body down its path: a clause's condition runs under
 * the outer guards, its body also under the condition. Also the read's depth below the body.
 */
function guardsAlong(path: readonly PathStep[], at: number): { guards: readonly PendingGuard[]; depth: number } {
  let guards: readonly PendingGuard[] = [];
  let depth = 0;
  for (let i = 0; i < path.length - 1; i++, depth++) {
    const node = path[i].node;
    switch (path[i].type) {
      case 'if_statement': {
        const branch = ifBranchGuards(node, at, guards);
        guards = branch.guards;
        // What an elif clause holds counts as held by the if statement itself.
        if (branch.throughClause) i++;
        break;
      }
      case 'while_statement':
        guards = underCondition(node.childForFieldName('condition'), at, guards);
        break;
      case 'conditional_expression':
        guards = underCondition(namedChildrenOf(node)[1] ?? null, at, guards);
        break;
      case 'boolean_operator':
        // The right side runs only after the left side decided: `headers.get("id") or body.get("id")`.
        guards = underCondition(node.childForFieldName('left'), at, guards);
        break;
      case 'try_statement':
        if (holds(node.childForFieldName('body'), at)) guards = [...guards, 'try'];
        break;
    }
  }
  return { guards, depth };
}

function underCondition(condition: SyntaxNode | null, at: number, guards: readonly PendingGuard[]): readonly PendingGuard[] {
  return !condition || holds(condition, at) ? guards : [...guards, condition];
}

/** An elif or else runs only once every test above it in the chain has been made. */
function ifBranchGuards(statement: SyntaxNode, at: number, guards: readonly PendingGuard[]): { guards: readonly PendingGuard[]; throughClause: boolean } {
  const condition = statement.childForFieldName('condition');
  if (holds(condition, at)) return { guards, throughClause: false };
  const chain: PendingGuard[] = [...guards];
  if (condition) chain.push(condition);
  for (const child of namedChildrenOf(statement)) {
    const inside = holds(child, at);
    if (child.type === 'elif_clause') {
      const test = child.childForFieldName('condition');
      if (inside) return { guards: holds(test, at) ? guards : test ? [...chain, test] : chain, throughClause: true };
      if (test) chain.push(test);
    } else if (inside) break;
  }
  return { guards: chain, throughClause: false };
}

/** Whether `node` holds the offset (the child a path goes through is the one holding its target's start). */
function holds(node: SyntaxNode | null, at: number): boolean {
  return !!node && node.startIndex <= at && at < node.endIndex;
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
