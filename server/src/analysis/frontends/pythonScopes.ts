/**
 * Python name binding inside one function, lambda or class: which names the scope binds (and to
 * what), which it declares global/nonlocal, and which names it reads. Reads made in nested scopes
 * are handed up when the nested scope does not bind them itself; a class body's names are never
 * visible to the scopes nested in it, exactly as in Python.
 */
import type { SyntaxNode } from '../../parsing/treeSitter';
import { importFactsOf, type SignalModuleIndex } from './pythonImports';
import { defaultValueOf, identifierAt, ParameterCache } from './pythonParams';
import { comprehensionTypes, namedChildrenOf, sameNode } from './pythonSyntax';
import type { SourceText } from '../sourceText';

export type Binding =
  | { kind: 'signal'; signal: string; resolution: 'catalog' | 'unknown'; module: string }
  | { kind: 'module'; module: string }
  /** A name imported from a module that is not a signal module: could be anything, an app included. */
  | { kind: 'imported'; qualified?: string }
  | { kind: 'def'; node: SyntaxNode }
  | { kind: 'class'; node: SyntaxNode }
  /** `name = value` with a single target. */
  | { kind: 'value'; value: SyntaxNode }
  /** The variable of `for name in iterable`: one item of the iterable at a time. */
  | { kind: 'element'; iterable: SyntaxNode }
  | { kind: 'param' }
  | { kind: 'other' }
  /** A name seen in broken code: counts as bound for free reads, but shadows nothing. */
  | { kind: 'loose' };

export interface RawRead {
  name: string;
  start: number;
  end: number;
  /** Declared `global` where it is read: only the module and builtins can bind it. */
  global: boolean;
  /** Read inside this nested function of the scope (`def later(): ...`), so only when that runs. */
  via?: string;
}

export type ScopeKind = 'function' | 'class' | 'comprehension';

export interface Scope {
  kind: ScopeKind;
  parent?: Scope;
  bindings: Map<string, Binding[]>;
  declaredGlobal: Set<string>;
  declaredNonlocal: Set<string>;
  reads: RawRead[];
}

/** Nodes that can never read or bind a name (local annotations are never evaluated). */
const skippedTypes: ReadonlySet<string> = new Set([
  'type',
  'comment',
  'keyword_separator',
  'positional_separator',
  'future_import_statement',
  'integer',
  'float',
  'true',
  'false',
  'none',
  'ellipsis',
  'string_content',
  'escape_sequence',
]);

/** Expressions: a walk that only gathers bindings can pass over them (see `bindsNothing`). */
const expressionTypes: ReadonlySet<string> = new Set([
  'call',
  'attribute',
  'subscript',
  'argument_list',
  'binary_operator',
  'comparison_operator',
  'boolean_operator',
  'not_operator',
  'unary_operator',
  'conditional_expression',
  'await',
  'string',
  'concatenated_string',
  'list',
  'tuple',
  'set',
  'dictionary',
  'parenthesized_expression',
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'generator_expression',
  'lambda',
]);

/**
 * How deep a walk descends. Real code stays far below it (Python itself refuses brackets nested more
 * than 200 deep); going further on generated or hostile input would overflow the stack and cost the
 * whole handler its findings.
 */
const MAX_WALK_DEPTH = 800;

function newScope(kind: ScopeKind, parent?: Scope): Scope {
  return { kind, parent, bindings: new Map(), declaredGlobal: new Set(), declaredNonlocal: new Set(), reads: [] };
}

function bind(scope: Scope, name: string, binding: Binding): void {
  const existing = scope.bindings.get(name);
  if (existing) existing.push(binding);
  else scope.bindings.set(name, [binding]);
}

/** Walks one scope. With `collectReads` off it only gathers bindings and skips nested bodies. */
export class ScopeWalker {
  private depth = 0;

  constructor(
    private readonly modules: SignalModuleIndex,
    private readonly text: SourceText,
    private readonly collectReads: boolean,
    private readonly parameters: ParameterCache = new ParameterCache(text),
  ) {}

  /** A function_definition or lambda: its parameters and its body. */
  functionScope(fn: SyntaxNode, parent?: Scope): Scope {
    const scope = newScope('function', parent);
    const params = this.parameters.of(fn);
    for (let i = 0; i < params.length; i++) bind(scope, params[i].name, { kind: 'param' });
    const body = fn.childForFieldName('body');
    if (body) this.visit(body, scope);
    return scope;
  }

  classScope(cls: SyntaxNode, parent?: Scope): Scope {
    const scope = newScope('class', parent);
    const body = cls.childForFieldName('body');
    if (body) this.visit(body, scope);
    return scope;
  }

  private read(node: SyntaxNode, scope: Scope): void {
    this.readAt(node.startIndex, scope);
  }

  private readAt(start: number, scope: Scope): void {
    if (!this.collectReads) return;
    const name = identifierAt(this.text, start);
    const end = start + name.length;
    scope.reads.push({ name, start, end, global: scope.declaredGlobal.has(name) });
  }

  /**
   * One call hands over all named children (with their start offsets); a cursor walk costs two
   * trips into wasm per child, anonymous tokens included.
   */
  private visitChildren(node: SyntaxNode, scope: Scope): void {
    const children = node.namedChildren;
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      if (child) this.visit(child, scope);
    }
  }

  /**
   * Past MAX_WALK_DEPTH nothing more is read, and every name below counts as bound, as in broken
   * code: what is skipped can hide a finding but never cause one. (descendantsOfType runs in wasm,
   * without recursion in JavaScript.)
   */
  private tooDeep(node: SyntaxNode, scope: Scope): void {
    for (const name of node.descendantsOfType('identifier')) if (name) bind(scope, name.text, { kind: 'loose' });
  }

  /** Runs one level of a recursive walk, or gives up on `node` when the walk is already too deep. */
  private nested(node: SyntaxNode, scope: Scope, step: () => void): void {
    if (this.depth >= MAX_WALK_DEPTH) return this.tooDeep(node, scope);
    this.depth++;
    try {
      step();
    } finally {
      this.depth--;
    }
  }

  private visitField(node: SyntaxNode, field: string, scope: Scope): void {
    const child = node.childForFieldName(field);
    if (child) this.visit(child, scope);
  }

  visit(node: SyntaxNode, scope: Scope): void {
    if (this.depth >= MAX_WALK_DEPTH) return this.tooDeep(node, scope);
    this.depth++;
    try {
      this.visitNode(node, scope);
    } finally {
      this.depth--;
    }
  }

  private visitNode(node: SyntaxNode, scope: Scope): void {
    const type = node.type;
    if (skippedTypes.has(type)) return;
    if (!this.collectReads && expressionTypes.has(type) && this.bindsNothing(node)) return;
    switch (type) {
      case 'identifier':
        this.read(node, scope);
        return;
      case 'attribute':
        this.visitField(node, 'object', scope);
        return;
      case 'keyword_argument':
        this.visitField(node, 'value', scope);
        return;
      case 'string':
        // Only f-strings hold expressions; other literals cannot read a name.
        if (this.isFormatString(node)) this.visitChildren(node, scope);
        return;
      case 'assignment': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (left) this.bindTarget(left, scope, right ?? undefined);
        if (right) this.visit(right, scope);
        return;
      }
      case 'augmented_assignment': {
        const left = node.childForFieldName('left');
        if (left) this.bindTarget(left, scope);
        if (left?.type === 'identifier') this.read(left, scope);
        this.visitField(node, 'right', scope);
        return;
      }
      case 'named_expression': {
        const name = node.childForFieldName('name');
        let owner = scope;
        while (owner.kind === 'comprehension' && owner.parent) owner = owner.parent;
        if (name) bind(owner, name.text, { kind: 'other' });
        this.visitField(node, 'value', scope);
        return;
      }
      case 'for_statement': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        for (const child of namedChildrenOf(node)) {
          if (sameNode(child, left)) this.bindLoopTarget(child, scope, right ?? undefined);
          else this.visit(child, scope);
        }
        return;
      }
      case 'as_pattern': {
        const alias = node.childForFieldName('alias');
        for (const child of namedChildrenOf(node)) {
          if (alias && sameNode(child, alias)) {
            for (const target of namedChildrenOf(alias)) this.bindTarget(target, scope);
          } else this.visit(child, scope);
        }
        return;
      }
      case 'import_statement':
      case 'import_from_statement': {
        for (const imported of importFactsOf(node, this.modules).names) bind(scope, imported.localName, imported.binding);
        return;
      }
      case 'global_statement':
        for (const name of namedChildrenOf(node)) if (name.type === 'identifier') scope.declaredGlobal.add(name.text);
        return;
      case 'nonlocal_statement':
        for (const name of namedChildrenOf(node)) if (name.type === 'identifier') scope.declaredNonlocal.add(name.text);
        return;
      case 'delete_statement':
        for (const target of namedChildrenOf(node)) this.bindTarget(target, scope);
        return;
      case 'function_definition':
        this.visitNestedFunction(node, scope);
        return;
      case 'lambda':
        this.visitNestedFunction(node, scope);
        return;
      case 'class_definition': {
        const name = node.childForFieldName('name');
        if (name) bind(scope, name.text, { kind: 'class', node });
        this.visitField(node, 'superclasses', scope);
        if (this.collectReads) this.finish(this.classScope(node, scope), scope);
        return;
      }
      case 'case_pattern':
        this.visitPattern(node, scope);
        return;
      case 'ERROR':
        // Half-typed code: treat every name in it as bound, so nothing in it can cause an error.
        for (const name of node.descendantsOfType('identifier')) if (name) bind(scope, name.text, { kind: 'loose' });
        return;
      default:
        if (comprehensionTypes.has(type)) this.visitComprehension(node, scope);
        else this.visitChildren(node, scope);
    }
  }

  /**
   * Whether walking this expression could bind nothing: only a walrus binds from inside one, broken
   * code binds every name in it loosely, and so does code nested past MAX_WALK_DEPTH (each level of
   * nesting takes a character, bar a few wrappers that span the same text as their child).
   */
  private bindsNothing(node: SyntaxNode): boolean {
    const start = node.startIndex;
    const end = node.endIndex;
    return this.depth + 4 * (end - start) + 4 < MAX_WALK_DEPTH && !this.text.slice(start, end).includes(':=') && !node.hasError;
  }

  private isFormatString(node: SyntaxNode): boolean {
    return this.isFormatStringAt(node.startIndex);
  }

  /** Whether the string's prefix (the letters before its quote, at most three) holds an `f`. */
  private isFormatStringAt(start: number): boolean {
    const end = Math.min(start + 4, this.text.length);
    let formatted = false;
    for (let at = start; at < end; at++) {
      const c = this.text.charCodeAt(at);
      if (c === 34 || c === 39) return formatted;
      if (c === 102 || c === 70) formatted = true;
    }
    return false;
  }

  private visitNestedFunction(node: SyntaxNode, scope: Scope): void {
    const name = node.type === 'function_definition' ? node.childForFieldName('name') : null;
    if (name) bind(scope, name.text, { kind: 'def', node });
    // Defaults are evaluated where the function is defined; annotations are skipped (they may be lazy).
    for (const param of this.parameters.of(node)) {
      const value = param.hasDefault ? defaultValueOf(param, node) : null;
      if (value) this.visit(value, scope);
    }
    if (this.collectReads) this.finish(this.functionScope(node, scope), scope, name?.text);
  }

  private visitComprehension(node: SyntaxNode, scope: Scope): void {
    const inner = newScope('comprehension', scope);
    let first = true;
    const clauses = namedChildrenOf(node);
    for (const clause of clauses) {
      if (clause.type !== 'for_in_clause') continue;
      const right = clause.childForFieldName('right');
      // The first iterable is evaluated in the enclosing scope, the rest inside the comprehension.
      if (right) this.visit(right, first ? scope : inner);
      for (const left of clause.childrenForFieldName('left')) if (left) this.bindTarget(left, inner);
      first = false;
    }
    for (const clause of clauses) if (clause.type !== 'for_in_clause') this.visit(clause, inner);
    this.finish(inner, scope);
  }

  /** Match-statement patterns: bare names capture (bind), dotted names and class names are read. */
  private visitPattern(node: SyntaxNode, scope: Scope): void {
    switch (node.type) {
      case 'dotted_name': {
        const parts = namedChildrenOf(node);
        if (parts.length === 1) {
          if (parts[0].text !== '_') bind(scope, parts[0].text, { kind: 'other' });
        } else if (parts.length > 1) this.read(parts[0], scope);
        return;
      }
      case 'class_pattern': {
        for (const child of namedChildrenOf(node)) {
          if (child.type === 'dotted_name') {
            const first = child.firstNamedChild;
            if (first) this.read(first, scope);
          } else this.visitPattern(child, scope);
        }
        return;
      }
      case 'keyword_pattern': {
        namedChildrenOf(node).slice(1).forEach((child) => this.visitPattern(child, scope));
        return;
      }
      case 'identifier':
        bind(scope, node.text, { kind: 'other' });
        return;
      case 'string':
      case 'integer':
      case 'float':
        return;
      default:
        for (const child of namedChildrenOf(node)) this.nested(child, scope, () => this.visitPattern(child, scope));
    }
  }

  /** Binds the names an assignment-like target stores to; reads what it only reads. */
  bindTarget(target: SyntaxNode, scope: Scope, value?: SyntaxNode): void {
    switch (target.type) {
      case 'identifier':
        bind(scope, target.text, value ? { kind: 'value', value } : { kind: 'other' });
        return;
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'tuple':
      case 'list':
      case 'expression_list':
      case 'parenthesized_expression':
      case 'list_splat_pattern':
      case 'list_splat':
        for (const child of namedChildrenOf(target)) this.nested(child, scope, () => this.bindTarget(child, scope));
        return;
      case 'assignment':
        // `a = b = value` nests assignments on the right; handled by visit.
        this.visit(target, scope);
        return;
      default:
        this.visit(target, scope);
    }
  }

  /** `for name in iterable`: a plain name stands for each item in turn; patterns bind plain names. */
  bindLoopTarget(target: SyntaxNode, scope: Scope, iterable?: SyntaxNode): void {
    if (target.type === 'identifier' && iterable) bind(scope, target.text, { kind: 'element', iterable });
    else this.bindTarget(target, scope);
  }

  /** Hands a finished nested scope's unresolved reads to the nearest scope that can see them. */
  private finish(inner: Scope, outer: Scope, via?: string): void {
    let target = outer;
    while (target.kind === 'class' && target.parent) target = target.parent;
    if (target.kind === 'class') return;
    for (const raw of inner.reads) {
      // The nested function closest to `outer` is the one `outer` must call for the read to happen.
      const read = via !== undefined ? { ...raw, via } : raw;
      if (read.global || inner.declaredGlobal.has(read.name)) {
        target.reads.push(read.global ? read : { ...read, global: true });
      } else if (!inner.bindings.has(read.name) || inner.declaredNonlocal.has(read.name)) {
        target.reads.push(read);
      }
    }
  }
}
