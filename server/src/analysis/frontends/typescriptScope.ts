/**
 * Name binding for the TypeScript/JavaScript front end: which names a scope declares, and where a
 * name read at some node is bound. Only the scopes on the path from a node to the root are looked at,
 * so resolving a name costs a walk up the tree, never a walk over the file.
 */
import type { SyntaxNode } from '../../parsing/treeSitter';
import { isFunctionNode, namedChildrenOf, parameterNodes, patternNames } from './typescriptSyntax';

/**
 * Names a JavaScript program can read without declaring them: ECMAScript globals plus the usual
 * Node.js and browser ones. Kept as a fixed list so results do not depend on the host running us.
 */
export const JS_GLOBALS: ReadonlySet<string> = new Set(
  (
    'globalThis undefined NaN Infinity arguments eval isFinite isNaN parseFloat parseInt decodeURI decodeURIComponent ' +
    'encodeURI encodeURIComponent escape unescape Object Function Array Number Boolean String Symbol BigInt Math Date ' +
    'RegExp Error AggregateError EvalError RangeError ReferenceError SyntaxError TypeError URIError JSON Promise Proxy ' +
    'Reflect Map Set WeakMap WeakSet WeakRef FinalizationRegistry ArrayBuffer SharedArrayBuffer DataView Atomics ' +
    'Int8Array Uint8Array Uint8ClampedArray Int16Array Uint16Array Int32Array Uint32Array Float32Array Float64Array ' +
    'BigInt64Array BigUint64Array Intl WebAssembly console process Buffer require module exports __dirname __filename ' +
    'setTimeout clearTimeout setInterval clearInterval setImmediate clearImmediate queueMicrotask structuredClone ' +
    'global URL URLSearchParams TextEncoder TextDecoder AbortController AbortSignal Event EventTarget fetch Headers ' +
    'Request Response FormData Blob performance crypto atob btoa window document self navigator'
  ).split(' '),
);

const declaredCache = new WeakMap<object, Map<number, Set<string>>>();

function cacheFor(node: SyntaxNode): Map<number, Set<string>> {
  let cache = declaredCache.get(node.tree);
  if (!cache) declaredCache.set(node.tree, (cache = new Map()));
  return cache;
}

function addDeclarationNames(statement: SyntaxNode, into: Set<string>): void {
  switch (statement.type) {
    case 'lexical_declaration':
    case 'variable_declaration':
      for (const declarator of namedChildrenOf(statement)) {
        const name = declarator.type === 'variable_declarator' ? declarator.childForFieldName('name') : null;
        if (name) for (const id of patternNames(name)) into.add(id.text);
      }
      break;
    case 'function_declaration':
    case 'generator_function_declaration':
    case 'class_declaration':
    case 'abstract_class_declaration':
    case 'enum_declaration':
    case 'module':
    case 'internal_module': {
      const name = statement.childForFieldName('name');
      if (name) into.add(name.text);
      break;
    }
    case 'export_statement': {
      const declaration = statement.childForFieldName('declaration');
      if (declaration) addDeclarationNames(declaration, into);
      break;
    }
    case 'import_statement':
      for (const id of importedLocalNames(statement)) into.add(id.text);
      break;
    case 'ambient_declaration':
      for (const child of namedChildrenOf(statement)) addDeclarationNames(child, into);
      break;
    default:
      break;
  }
}

/** The local names an `import` statement binds (default, namespace and named imports). */
export function importedLocalNames(statement: SyntaxNode): SyntaxNode[] {
  const names: SyntaxNode[] = [];
  const requireClause = namedChildrenOf(statement).find((c) => c.type === 'import_require_clause');
  if (requireClause?.firstNamedChild) return [requireClause.firstNamedChild];
  const clause = namedChildrenOf(statement).find((c) => c.type === 'import_clause');
  if (!clause) return names;
  for (const part of namedChildrenOf(clause)) {
    if (part.type === 'identifier') names.push(part);
    else if (part.type === 'namespace_import') {
      const id = part.firstNamedChild;
      if (id) names.push(id);
    } else if (part.type === 'named_imports') {
      for (const specifier of namedChildrenOf(part)) {
        const local = specifier.childForFieldName('alias') ?? specifier.childForFieldName('name');
        if (local) names.push(local);
      }
    }
  }
  return names;
}

/** Names declared directly by a scope node (not by scopes nested in it). */
export function declaredNames(scope: SyntaxNode): Set<string> {
  const cache = cacheFor(scope);
  const cached = cache.get(scope.id);
  if (cached) return cached;
  const names = new Set<string>();
  if (isFunctionNode(scope)) {
    for (const param of parameterNodes(scope)) for (const id of patternNames(param)) names.add(id.text);
    if (scope.type !== 'arrow_function') names.add('arguments');
    // A named function expression can call itself by name; a declaration's name belongs to the outer scope.
    if (scope.type === 'function_expression' || scope.type === 'function' || scope.type === 'generator_function') {
      const name = scope.childForFieldName('name');
      if (name) names.add(name.text);
    }
  } else if (scope.type === 'catch_clause') {
    const parameter = scope.childForFieldName('parameter');
    if (parameter) for (const id of patternNames(parameter)) names.add(id.text);
  } else if (scope.type === 'for_statement') {
    const initializer = scope.childForFieldName('initializer');
    if (initializer) addDeclarationNames(initializer, names);
  } else if (scope.type === 'for_in_statement') {
    const left = scope.childForFieldName('left');
    if (left) for (const id of patternNames(left)) names.add(id.text);
  } else if (scope.type === 'class' || scope.type === 'class_declaration') {
    const name = scope.childForFieldName('name');
    if (name && scope.type === 'class') names.add(name.text);
  } else {
    for (const statement of namedChildrenOf(scope)) addDeclarationNames(statement, names);
  }
  cache.set(scope.id, names);
  return names;
}

export const SCOPE_TYPE_NAMES: ReadonlySet<string> = new Set(['program', 'statement_block', 'class_static_block', 'switch_body', 'catch_clause', 'for_statement', 'for_in_statement', 'class']);

export function isScopeNode(node: SyntaxNode): boolean {
  return SCOPE_TYPE_NAMES.has(node.type) || isFunctionNode(node);
}

/**
 * The scope that binds `name` as seen from `from`, or undefined when nothing in the file does.
 * `stopAt` (exclusive) limits the search to scopes inside it.
 */
export function bindingScope(from: SyntaxNode, name: string, stopAt?: SyntaxNode): SyntaxNode | undefined {
  for (let node: SyntaxNode | null = from; node; node = node.parent) {
    if (stopAt && node.id === stopAt.id) return undefined;
    if (isScopeNode(node) && declaredNames(node).has(name)) return node;
  }
  return undefined;
}

const declarationCache = new WeakMap<object, Map<number, Map<string, SyntaxNode>>>();

/** The node that declares `name` in `scope`: a declaration statement, a variable declarator or an import specifier. */
export function declarationIn(scope: SyntaxNode, name: string): SyntaxNode | undefined {
  let perTree = declarationCache.get(scope.tree);
  if (!perTree) declarationCache.set(scope.tree, (perTree = new Map()));
  let declarations = perTree.get(scope.id);
  if (!declarations) {
    declarations = new Map();
    const statements = scope.type === 'program' || scope.type === 'statement_block' ? namedChildrenOf(scope) : [];
    for (const statement of statements) collectDeclarations(statement, declarations);
    perTree.set(scope.id, declarations);
  }
  return declarations.get(name);
}

function collectDeclarations(statement: SyntaxNode, into: Map<string, SyntaxNode>): void {
  const add = (name: string, node: SyntaxNode) => {
    if (!into.has(name)) into.set(name, node);
  };
  switch (statement.type) {
    case 'export_statement': {
      const declaration = statement.childForFieldName('declaration');
      if (declaration) collectDeclarations(declaration, into);
      return;
    }
    case 'lexical_declaration':
    case 'variable_declaration':
      for (const declarator of namedChildrenOf(statement)) {
        const pattern = declarator.type === 'variable_declarator' ? declarator.childForFieldName('name') : null;
        if (pattern) for (const id of patternNames(pattern)) add(id.text, declarator);
      }
      return;
    case 'import_statement':
      for (const id of importedLocalNames(statement)) {
        const owner = id.parent;
        if (owner) add(id.text, owner);
      }
      return;
    default: {
      const name = statement.childForFieldName('name');
      if (name) add(name.text, statement);
    }
  }
}
