/**
 * Turns a TypeScript/JavaScript function node into the shared Handler model: its parameters (one
 * destructured object, or plain parameters read by name), where it is defined, and the names its body
 * reads without binding them.
 */
import type { SyntaxNode } from '../../parsing/treeSitter';
import type { Handler, HandlerKind, HandlerParam, Span } from '../model';
import { readsOf } from './typescriptReads';
import { asyncKeywordSpan, isAsyncFunction, isFunctionNode, namedChildrenOf, parameterNodes, propertyKeyName, spanOf } from './typescriptSyntax';

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
    ...asyncFacts(fn),
    definedIn: definedIn(fn, ancestors),
    paramStyle: shape.paramStyle,
    params: shape.params,
    paramsSpan: shape.paramsSpan,
    definitionSpan: spanOf(fn),
    ...readsOf(fn, ancestors, text, shape.locals),
  };
}

/** Where `async` is, and whether the function (or one nested in it) awaits anything. */
function asyncFacts(fn: SyntaxNode): Pick<Handler, 'asyncKeywordSpan' | 'awaits'> {
  const keyword = asyncKeywordSpan(fn);
  return keyword ? { asyncKeywordSpan: keyword, awaits: fn.descendantsOfType('await_expression').length > 0 } : {};
}
