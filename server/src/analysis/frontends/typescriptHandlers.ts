/**
 * Turns a TypeScript/JavaScript function node into the shared Handler model: its parameters (one
 * destructured object, or plain parameters read by name), where it is defined, and the names its body
 * reads without binding them.
 */
import type { SyntaxNode } from '../../parsing/treeSitter';
import type { Handler, HandlerKind, HandlerParam, NameRead, Span } from '../model';
import { JS_GLOBALS, SCOPE_TYPE_NAMES, declaredNames, isScopeNode } from './typescriptScope';
import { FUNCTION_TYPES, isAsyncFunction, isFunctionNode, namedChildrenOf, parameterNodes, patternNames, propertyKeyName, spanOf } from './typescriptSyntax';

const KIND_BY_NODE_TYPE: Record<string, HandlerKind> = {
  arrow_function: 'arrow',
  function_expression: 'function-expression',
  function: 'function-expression',
  generator_function: 'function-expression',
  function_declaration: 'function',
  generator_function_declaration: 'function',
  method_definition: 'method',
};

/** Where a function sits: directly in the module, in a class body, or inside another function. */
function definedIn(fn: SyntaxNode, ancestors: SyntaxNode[]): Handler['definedIn'] {
  if (fn.type === 'method_definition') return 'class';
  for (const node of ancestors) {
    if (node.type === 'class_body') return 'class';
    if (isFunctionNode(node) || node.type === 'class_static_block') return 'function';
  }
  return 'module';
}

/** The function's ancestors, nearest first (each `parent` step is a call into the runtime). */
function ancestorsOf(fn: SyntaxNode): SyntaxNode[] {
  const ancestors: SyntaxNode[] = [];
  for (let node = fn.parent; node; node = node.parent) ancestors.push(node);
  return ancestors;
}

/** The pattern inside a parameter wrapper (`required_parameter` in TypeScript, bare in JavaScript). */
function parameterParts(param: SyntaxNode): { pattern: SyntaxNode; hasDefault: boolean; annotation?: string } {
  let pattern = param;
  let hasDefault = false;
  let annotation: string | undefined;
  if (param.type === 'required_parameter' || param.type === 'optional_parameter') {
    pattern = param.childForFieldName('pattern') ?? param;
    hasDefault = param.type === 'optional_parameter' || param.childForFieldName('value') !== null;
    annotation = param.childForFieldName('type')?.text.replace(/^:\s*/, '');
  }
  if (pattern.type === 'assignment_pattern') {
    hasDefault = true;
    pattern = pattern.childForFieldName('left') ?? pattern;
  }
  return { pattern, hasDefault, annotation };
}

/** Object-form parameters; `locals` collects the local variables they bind. */
function objectPatternParams(pattern: SyntaxNode, locals: Set<string>): HandlerParam[] {
  const params: HandlerParam[] = [];
  for (const property of namedChildrenOf(pattern)) {
    const span = spanOf(property);
    if (property.type === 'shorthand_property_identifier_pattern') {
      params.push({ name: property.text, kind: 'object-property', hasDefault: false, span, nameSpan: span });
      locals.add(property.text);
    } else if (property.type === 'object_assignment_pattern') {
      const left = property.childForFieldName('left');
      if (!left) continue;
      params.push({ name: left.text, kind: 'object-property', hasDefault: true, span, nameSpan: spanOf(left) });
      locals.add(left.text);
    } else if (property.type === 'pair_pattern') {
      const key = property.childForFieldName('key');
      const name = key ? propertyKeyName(key) : undefined;
      const value = property.childForFieldName('value');
      if (!key || name === undefined) continue;
      params.push({ name, kind: 'object-property', hasDefault: value?.type === 'assignment_pattern', span, nameSpan: spanOf(key) });
      const local = value?.type === 'assignment_pattern' ? value.childForFieldName('left') : value;
      if (local?.type === 'identifier') locals.add(local.text);
    } else if (property.type === 'rest_pattern') {
      const target = property.firstNamedChild;
      params.push({ name: target?.text ?? '', kind: 'object-rest', hasDefault: false, span, nameSpan: spanOf(target ?? property) });
      if (target?.type === 'identifier') locals.add(target.text);
    }
  }
  return params;
}

interface ParamShape {
  paramStyle: Handler['paramStyle'];
  params: HandlerParam[];
  paramsSpan: Span;
  /** The local variables the parameters bind. */
  locals: Set<string>;
}

/**
 * One destructured parameter is the object form; one plain identifier receives the whole object
 * (an `object-rest` that takes every keyword); anything else is read by parameter name.
 * `paramReads` are reported under the local variable's name, so renaming a shorthand property
 * (`{ exc }`) renames its uses while renaming the key of `{ exc: e }` leaves `e` alone.
 */
function paramShape(fn: SyntaxNode): ParamShape {
  const nodes = parameterNodes(fn);
  const list = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter') ?? fn;
  const locals = new Set<string>();
  // No parameter at all is an empty object pattern waiting to be written: the JS convention's default.
  if (nodes.length === 0) return { paramStyle: 'object', params: [], paramsSpan: spanOf(list), locals };
  if (nodes.length === 1) {
    const { pattern, annotation } = parameterParts(nodes[0]);
    if (pattern.type === 'object_pattern') {
      return { paramStyle: 'object', params: objectPatternParams(pattern, locals), paramsSpan: spanOf(pattern), locals };
    }
    if (pattern.type === 'identifier') {
      const span = spanOf(nodes[0]);
      locals.add(pattern.text);
      return {
        paramStyle: 'object',
        params: [{ name: pattern.text, kind: 'object-rest', hasDefault: false, span, nameSpan: spanOf(pattern), annotation }],
        paramsSpan: spanOf(list),
        locals,
      };
    }
  }
  const params: HandlerParam[] = [];
  for (const node of nodes) {
    const { pattern, hasDefault, annotation } = parameterParts(node);
    const isRest = pattern.type === 'rest_pattern';
    const nameNode = isRest ? pattern.firstNamedChild ?? pattern : pattern;
    if (nameNode.type === 'identifier') locals.add(nameNode.text);
    params.push({
      name: nameNode.text,
      kind: isRest ? 'var-positional' : 'positional',
      hasDefault,
      span: spanOf(node),
      nameSpan: spanOf(nameNode),
      annotation,
    });
  }
  return { paramStyle: 'keywords', params, paramsSpan: spanOf(list), locals };
}

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
 * Names read anywhere in the function (parameter defaults included): free ones, and reads of the
 * parameters' local variables. One cursor walk with a stack of the scopes entered on the way down,
 * because asking each identifier for its ancestors costs a wasm call per step.
 */
function readsOf(fn: SyntaxNode, ancestors: SyntaxNode[], text: string, locals: Set<string>): { freeReads: NameRead[]; paramReads: NameRead[] } {
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
      let descend = type !== 'decorator';
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

export interface HandlerNaming {
  name?: string;
  nameSpan?: Span;
}

/** Builds the Handler for a function node; `naming` supplies the name of `const onFail = () => ...`. */
export function handlerFromFunction(fn: SyntaxNode, text: string, naming: HandlerNaming = {}): Handler {
  const ownName = fn.childForFieldName('name');
  const shape = paramShape(fn);
  const ancestors = ancestorsOf(fn);
  return {
    name: ownName?.text ?? naming.name,
    nameSpan: ownName ? spanOf(ownName) : naming.nameSpan,
    kind: KIND_BY_NODE_TYPE[fn.type] ?? 'function',
    isAsync: isAsyncFunction(fn),
    definedIn: definedIn(fn, ancestors),
    paramStyle: shape.paramStyle,
    params: shape.params,
    paramsSpan: shape.paramsSpan,
    definitionSpan: spanOf(fn),
    ...readsOf(fn, ancestors, text, shape.locals),
  };
}
