/**
 * What a TypeScript/JavaScript handler's body reads: names nothing in the handler binds (free reads,
 * with whether an enclosing scope, the module or a JavaScript global binds them) and reads of the
 * handler's own parameters.
 */
import type { SyntaxNode } from '../../parsing/treeSitter';
import type { NameRead, Span } from '../model';
import { JS_GLOBALS, SCOPE_TYPE_NAMES, declaredNames, isScopeNode } from './typescriptScope';
import { FUNCTION_TYPES, namedChildrenOf, patternNames } from './typescriptSyntax';

/**
 * Whether an identifier is read, judged from its parent's type and the field it fills there:
 * declared names, assignment targets, labels and import/export names are not reads.
 */
function isReadPosition(parentType: string, field: string | null): boolean {
  switch (parentType) {
    case 'variable_declarator':
    case 'function_declaration':
    case 'function_expression':
    case 'function':
    case 'generator_function':
    case 'generator_function_declaration':
    case 'class_declaration':
    case 'class':
      return field !== 'name';
    case 'assignment_expression':
      return field !== 'left';
    case 'assignment_pattern':
    case 'object_assignment_pattern':
      return field === 'right';
    case 'pair_pattern':
      return field !== 'value';
    case 'arrow_function':
      return field !== 'parameter';
    case 'for_in_statement':
      return field !== 'left';
    case 'required_parameter':
    case 'optional_parameter':
      return field === 'value';
    case 'rest_pattern':
    case 'array_pattern':
    case 'object_pattern':
    case 'formal_parameters':
    case 'catch_clause':
    case 'import_specifier':
    case 'namespace_import':
    case 'import_clause':
    case 'export_specifier':
    case 'labeled_statement':
    case 'break_statement':
    case 'continue_statement':
      return false;
    default:
      return true;
  }
}

const READ_TYPES = new Set(['identifier', 'shorthand_property_identifier']);

/**
 * Subtrees that read nothing at run time: decorators (JavaScript makes them children of the method,
 * but they run outside it) and TypeScript types (`typeof x` in an annotation is erased).
 */
const SKIPPED_SUBTREES = new Set([
  'decorator',
  'type_annotation',
  'type_arguments',
  'type_query',
  'type_parameters',
  'asserts_annotation',
  'type_predicate_annotation',
  'interface_declaration',
  'type_alias_declaration',
]);

/**
 * Names read anywhere in the function (parameter defaults included): free ones, and reads of the
 * parameters' local variables. One cursor walk with a stack of the scopes entered on the way down,
 * because asking each identifier for its ancestors costs a wasm call per step.
 */
export function readsOf(fn: SyntaxNode, ancestors: SyntaxNode[], text: string, locals: Set<string>): { freeReads: NameRead[]; paramReads: NameRead[] } {
  const freeReads: NameRead[] = [];
  const paramReads: NameRead[] = [];
  const outerScopes = ancestors.filter(isScopeNode);
  const boundOutside = (name: string) => JS_GLOBALS.has(name) || outerScopes.some((scope) => declaredNames(scope).has(name));

  // scopes[0] is the handler itself; typeStack mirrors the cursor's ancestors. Scope contents are
  // only computed for names the handler binds somewhere: any other name is free.
  // `hoisted`: names declared with `var` in nested blocks, which belong to the whole function.
  type Scope = { depth: number; node: SyntaxNode; isFunction: boolean; names?: Set<string>; hoisted?: Set<string> };
  const scopes: Scope[] = [];
  const reads: { name: string; span: Span; scopes: Scope[]; shorthand: boolean }[] = [];
  const boundInside = new Set<string>(['arguments']);
  const typeStack: string[] = [];
  const cursor = fn.walk();
  try {
    for (;;) {
      const type = cursor.nodeType;
      const depth = typeStack.length;
      let descend = !SKIPPED_SUBTREES.has(type);
      if (READ_TYPES.has(type) || type === 'shorthand_property_identifier_pattern') {
        const name = text.slice(cursor.startIndex, cursor.endIndex);
        if (READ_TYPES.has(type) && isReadPosition(typeStack[depth - 1] ?? '', cursor.currentFieldName)) {
          const shorthand = type === 'shorthand_property_identifier';
          reads.push({ name, span: { start: cursor.startIndex, end: cursor.endIndex }, scopes: scopes.slice(), shorthand });
        } else boundInside.add(name);
        descend = false;
      }
      if (descend && (SCOPE_TYPE_NAMES.has(type) || FUNCTION_TYPES.has(type))) {
        scopes.push({ depth, node: cursor.currentNode, isFunction: FUNCTION_TYPES.has(type) });
      } else if (type === 'variable_declaration') {
        const owner = findLast(scopes, (scope) => scope.isFunction);
        if (owner) {
          owner.hoisted ??= new Set();
          for (const declarator of namedChildrenOf(cursor.currentNode)) {
            const pattern = declarator.childForFieldName('name');
            if (pattern) for (const id of patternNames(pattern)) owner.hoisted.add(id.text);
          }
        }
      }
      if (descend && cursor.gotoFirstChild()) {
        typeStack.push(type);
        continue;
      }
      // Climb until a sibling exists, leaving scopes as their nodes are left.
      for (;;) {
        while (scopes.length > 0 && scopes[scopes.length - 1].depth >= typeStack.length) scopes.pop();
        if (typeStack.length === 0) break;
        if (cursor.gotoNextSibling()) break;
        cursor.gotoParent();
        typeStack.pop();
      }
      if (typeStack.length === 0) break;
    }
  } finally {
    cursor.delete();
  }

  for (const { name, span, scopes: visible, shorthand } of reads) {
    let owner = -1;
    if (boundInside.has(name)) {
      owner = visible.length - 1;
      const declares = (scope: Scope) => (scope.names ??= declaredNames(scope.node)).has(name) || scope.hoisted?.has(name) === true;
      while (owner >= 0 && !declares(visible[owner])) owner--;
    }
    if (owner === 0 && locals.has(name)) paramReads.push({ name, span, boundOutside: false, ...(shorthand ? { shorthandProperty: true } : {}) });
    else if (owner < 0) freeReads.push({ name, span, boundOutside: boundOutside(name) });
  }
  return { freeReads, paramReads };
}

function findLast<T>(items: readonly T[], predicate: (item: T) => boolean): T | undefined {
  for (let i = items.length - 1; i >= 0; i--) if (predicate(items[i])) return items[i];
  return undefined;
}
