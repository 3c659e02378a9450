/**
 * Follows values to the signals they hold, the way JavaScript evaluates them: an alias
 * (`const prerun = signals.task_prerun`), a destructured namespace (`const { task_prerun: p } = signals`),
 * a namespace alias (`const hooks = signals`), and arrays of signals walked by `for...of` or by
 * `forEach`/`map` callbacks, where each element is one connection. Only bindings that never change are
 * followed (`const`, or `let`/`var` never assigned again); anything else holds no known signal.
 */
import type { SyntaxNode } from '../../parsing/treeSitter';
import type { SignalRef } from '../model';
import { bindingScope, declarationIn } from './typescriptScope';
import type { ModuleBinding, SignalResolver } from './typescriptSignals';
import { isFunctionNode, namedChildrenOf, parameterNodes, propertyKeyName, stringLiteralValue, unwrapExpression } from './typescriptSyntax';

/** Deep enough for an alias of an alias of an array; cycles (`const a = b, b = a`) stop here too. */
const MAX_DEPTH = 6;
const ARRAY_CALLBACKS = new Set(['forEach', 'map', 'flatMap', 'filter', 'some', 'every']);

/** What a name may hold: an expression, or one property of an object (from a destructuring pattern). */
type Value = { node: SyntaxNode } | { object: SyntaxNode; property: string; nameNode: SyntaxNode };

function escapeRegExp(text: string): string {
  return text.replace(/[$]/g, '\\$');
}

export class SignalFlow {
  private readonly reassigned = new Map<string, boolean>();

  constructor(
    private readonly resolver: SignalResolver,
    private readonly text: string,
  ) {}

  /** Every signal the expression may be when the line runs (several for a loop variable). */
  signalsOf(node: SyntaxNode, depth = 0): SignalRef[] {
    const direct = this.resolver.resolve(node);
    if (direct) return [direct];
    if (depth > MAX_DEPTH) return [];
    const expression = unwrapExpression(node);
    if (expression.type === 'identifier') return this.valuesOf(expression, depth).flatMap((value) => this.signalsOfValue(value, depth + 1));
    const member = this.memberParts(expression);
    return member ? this.memberSignals(member.object, member.property, member.nameNode, expression, depth) : [];
  }

  private signalsOfValue(value: Value, depth: number): SignalRef[] {
    if ('node' in value) return this.signalsOf(value.node, depth);
    return this.memberSignals(value.object, value.property, value.nameNode, value.nameNode, depth);
  }

  private memberParts(expression: SyntaxNode): { object: SyntaxNode; property: string; nameNode: SyntaxNode } | undefined {
    const object = expression.childForFieldName('object');
    if (!object) return undefined;
    if (expression.type === 'member_expression') {
      const property = expression.childForFieldName('property');
      return property ? { object, property: property.text, nameNode: property } : undefined;
    }
    if (expression.type !== 'subscript_expression') return undefined;
    const index = expression.childForFieldName('index');
    const key = index ? stringLiteralValue(index) : undefined;
    return index && key !== undefined ? { object, property: key, nameNode: index } : undefined;
  }

  private memberSignals(object: SyntaxNode, property: string, nameNode: SyntaxNode, expression: SyntaxNode, depth: number): SignalRef[] {
    const namespace = this.namespaceOf(object, depth);
    const ref = namespace && this.resolver.fromModule(namespace, property, nameNode, expression);
    return ref ? [ref] : [];
  }

  private namespaceOf(node: SyntaxNode, depth: number): ModuleBinding | undefined {
    const expression = unwrapExpression(node);
    if (expression.type !== 'identifier' || depth > MAX_DEPTH) return undefined;
    const namespace = this.resolver.namespaceNamed(expression);
    if (namespace) return namespace;
    for (const value of this.valuesOf(expression, depth)) {
      const found = 'node' in value ? this.namespaceOf(value.node, depth + 1) : undefined;
      if (found) return found;
    }
    return undefined;
  }

  /** What a name read at `identifier` holds, when that can be known from its binding. */
  private valuesOf(identifier: SyntaxNode, depth: number): Value[] {
    const name = identifier.text;
    const scope = bindingScope(identifier, name);
    if (!scope) return [];
    if (scope.type === 'for_in_statement') {
      const right = scope.childForFieldName('right');
      const loopsOver = scope.childForFieldName('operator')?.text === 'of' && scope.childForFieldName('left')?.type === 'identifier';
      return loopsOver && right ? this.elementsOf(right, depth) : [];
    }
    if (isFunctionNode(scope)) return this.callbackElements(scope, name, depth);
    const declarator = declarationIn(scope, name);
    if (declarator?.type !== 'variable_declarator' || this.mayChange(declarator, name)) return [];
    const value = declarator.childForFieldName('value');
    const pattern = declarator.childForFieldName('name');
    if (!value || !pattern) return [];
    if (pattern.type === 'identifier') return [{ node: value }];
    if (pattern.type !== 'object_pattern') return [];
    for (const property of namedChildrenOf(pattern)) {
      if (property.type === 'shorthand_property_identifier_pattern' && property.text === name) return [{ object: value, property: name, nameNode: property }];
      const key = property.type === 'pair_pattern' ? property.childForFieldName('key') : null;
      const keyName = key ? propertyKeyName(key) : undefined;
      if (key && keyName && property.childForFieldName('value')?.text === name) return [{ object: value, property: keyName, nameNode: key }];
    }
    return [];
  }

  /** `[a, b].forEach((signal) => ...)`: the callback's first parameter takes each element in turn. */
  private callbackElements(fn: SyntaxNode, name: string, depth: number): Value[] {
    const first = parameterNodes(fn)[0];
    const parameter = first?.type === 'identifier' ? first : first?.childForFieldName('pattern');
    const args = fn.parent;
    const call = args?.parent;
    if (parameter?.type !== 'identifier' || parameter.text !== name || args?.type !== 'arguments' || call?.type !== 'call_expression') return [];
    if (namedChildrenOf(args)[0]?.id !== fn.id) return [];
    const callee = call.childForFieldName('function');
    const method = callee?.type === 'member_expression' ? callee.childForFieldName('property')?.text : undefined;
    const array = callee?.childForFieldName('object');
    return method && ARRAY_CALLBACKS.has(method) && array ? this.elementsOf(array, depth) : [];
  }

  private elementsOf(node: SyntaxNode, depth: number): Value[] {
    const expression = unwrapExpression(node);
    if (expression.type === 'array') return namedChildrenOf(expression).filter((e) => e.type !== 'comment' && e.type !== 'spread_element').map((e) => ({ node: e }));
    if (expression.type !== 'identifier' || depth > MAX_DEPTH) return [];
    return this.valuesOf(expression, depth).flatMap((value) => ('node' in value ? this.elementsOf(value.node, depth + 1) : []));
  }

  /** `let`/`var` bindings assigned again anywhere in the file (same name, any scope) are not followed. */
  private mayChange(declarator: SyntaxNode, name: string): boolean {
    if (declarator.parent?.type === 'lexical_declaration' && declarator.parent.childForFieldName('kind')?.text === 'const') return false;
    let known = this.reassigned.get(name);
    if (known === undefined) {
      known = new RegExp(`(?<![\\w$.])${escapeRegExp(name)}\\s*(?:[-+*/%&|^]|\\*\\*|<<|>>>?|&&|\\|\\||\\?\\?)?=(?![=>])|(?:\\+\\+|--)\\s*${escapeRegExp(name)}(?![\\w$])|(?<![\\w$.])${escapeRegExp(name)}\\s*(?:\\+\\+|--)`, 'g')
        .exec(this.text.slice(0, declarator.startIndex) + ' '.repeat(declarator.endIndex - declarator.startIndex) + this.text.slice(declarator.endIndex)) !== null;
      this.reassigned.set(name, known);
    }
    return known;
  }
}
