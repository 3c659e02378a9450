/**
 * Name resolution for the Python front end: what a name means where it is used (function scopes,
 * the class body it sits in, then the module, in source order), which expressions are Celery
 * signals, and what a `sender=` name refers to.
 */
import type { Catalog } from '../../catalog/catalog';
import type { SyntaxNode } from '../../parsing/treeSitter';
import type { ConnectValue, SignalRef } from '../model';
import { pythonBuiltins } from './pythonBuiltins';
import { signalRefFor, type SignalModuleIndex } from './pythonImports';
import type { ModuleFacts } from './pythonModule';
import { ParameterCache } from './pythonParams';
import { ScopeWalker, type Binding, type Scope } from './pythonScopes';
import { comprehensionTypes, namedChildrenOf, spanOf, type Navigator } from './pythonSyntax';

const literalTypes = new Set([
  'string',
  'concatenated_string',
  'integer',
  'float',
  'true',
  'false',
  'none',
  'list',
  'dictionary',
  'set',
  'tuple',
  'list_comprehension',
  'dictionary_comprehension',
  'set_comprehension',
]);

/** Literals Celery's `callable(args[0])` test rejects, so `connect(<literal>)` takes them as the sender. */
export function isNonCallableLiteral(node: SyntaxNode): boolean {
  return literalTypes.has(node.type);
}

export class PythonResolver {
  private readonly scopes = new Map<string, Scope>();
  private readonly signals = new Map<string, SignalRef | null>();
  private readonly walker: ScopeWalker;
  readonly parameters: ParameterCache;

  constructor(
    readonly module: ModuleFacts,
    readonly modules: SignalModuleIndex,
    readonly catalog: Catalog,
    /** Start offsets of function definitions that are Celery tasks. */
    readonly taskDefinitions: ReadonlySet<number>,
    readonly nav: Navigator,
  ) {
    this.parameters = new ParameterCache(nav.text);
    this.walker = new ScopeWalker(modules, nav.text, false, this.parameters);
  }

  /** Bindings of a function, lambda or class scope (cached). */
  scopeOf(node: SyntaxNode): Scope {
    const key = `${node.type}:${node.startIndex}`;
    let scope = this.scopes.get(key);
    if (!scope) {
      scope = node.type === 'class_definition' ? this.walker.classScope(node) : this.walker.functionScope(node);
      this.scopes.set(key, scope);
    }
    return scope;
  }

  /**
   * What `name` means at `use`. `late`: the use runs after the module finished loading, so the
   * module's last binding counts even when it comes later in the file (a handler defined after
   * the function that connects it).
   */
  resolveName(name: string, use: SyntaxNode, late = false): Binding | undefined {
    let inFunction = false;
    const ancestors = this.nav.isInModuleScope(use) ? [] : this.nav.ancestors(use);
    for (const ancestor of ancestors) {
      const type = ancestor.type;
      if (type !== 'function_definition' && type !== 'lambda' && type !== 'class_definition') continue;
      const body = ancestor.childForFieldName('body');
      // Defaults, annotations, base classes and decorators are evaluated in the enclosing scope.
      if (!body || use.startIndex < body.startIndex) continue;
      if (type === 'class_definition' && inFunction) continue;
      const scope = this.scopeOf(ancestor);
      if (scope.declaredGlobal.has(name)) {
        inFunction = true;
        break;
      }
      const binding = pickBinding(scope.bindings.get(name));
      if (binding) return binding;
      if (type !== 'class_definition') inFunction = true;
    }
    return this.moduleBinding(name, inFunction || late ? Number.POSITIVE_INFINITY : use.startIndex);
  }

  private moduleBinding(name: string, position: number): Binding | undefined {
    const entries = this.module.entries.get(name);
    if (!entries) return undefined;
    let inForce: Binding[] = [];
    for (const entry of entries) {
      if (entry.start > position) continue;
      if (entry.conditional) inForce.push(entry.binding);
      else inForce = [entry.binding];
    }
    return pickBinding(inForce);
  }

  /** True when something outside `definition` binds `name`: an enclosing function, the module, a builtin. */
  /** A test for "something outside `definition` binds this name": enclosing functions, the module, builtins. */
  boundOutside(definition: SyntaxNode): (name: string) => boolean {
    const enclosing: ((name: string) => boolean)[] = [];
    const ancestors = this.nav.isAtModuleLevel(definition) ? [] : this.nav.ancestors(definition);
    for (const ancestor of ancestors) {
      const type = ancestor.type;
      if (type === 'function_definition' || type === 'lambda') {
        const body = ancestor.childForFieldName('body');
        if (body && definition.startIndex >= body.startIndex) {
          const scope = this.scopeOf(ancestor);
          enclosing.push((name) => scope.bindings.has(name) || scope.declaredGlobal.has(name) || scope.declaredNonlocal.has(name));
        }
      } else if (comprehensionTypes.has(type)) {
        const targets = comprehensionTargets(ancestor);
        enclosing.push((name) => targets.has(name));
      }
    }
    return (name) => enclosing.some((binds) => binds(name)) || this.isBoundInModule(name);
  }

  isBoundInModule(name: string): boolean {
    return (
      this.module.entries.has(name) || this.module.looselyBound.has(name) || this.module.starEverything || pythonBuiltins.has(name)
    );
  }

  /** The module path an expression names (`signals`, `celery.signals`), when it leads to a signal module. */
  modulePathOf(node: SyntaxNode): string | undefined {
    if (node.type === 'identifier') {
      const binding = this.resolveName(node.text, node);
      return binding?.kind === 'module' && this.modules.leadsToSignalModule(binding.module) ? binding.module : undefined;
    }
    if (node.type === 'attribute') {
      const object = node.childForFieldName('object');
      const attribute = node.childForFieldName('attribute');
      if (!object || !attribute) return undefined;
      const base = this.modulePathOf(object);
      const path = base === undefined ? undefined : `${base}.${attribute.text}`;
      return path !== undefined && this.modules.leadsToSignalModule(path) ? path : undefined;
    }
    return undefined;
  }

  /** The signal an expression refers to (`task_failure`, `signals.task_failure`, `app.on_after_configure`). */
  signalOf(expression: SyntaxNode): SignalRef | undefined {
    const key = `${expression.startIndex}:${expression.endIndex}`;
    const known = this.signals.get(key);
    if (known !== undefined) return known ?? undefined;
    const ref = this.computeSignal(expression);
    this.signals.set(key, ref ?? null);
    return ref;
  }

  private computeSignal(expression: SyntaxNode): SignalRef | undefined {
    if (expression.type === 'identifier') {
      const binding = this.resolveName(expression.text, expression);
      return binding ? signalRefFor(binding, expression, expression) : undefined;
    }
    if (expression.type !== 'attribute') return undefined;
    const object = expression.childForFieldName('object');
    const attribute = expression.childForFieldName('attribute');
    if (!object || !attribute) return undefined;
    const path = this.modulePathOf(object);
    if (path !== undefined) {
      if (!this.modules.isSignalModule(path)) return undefined;
      return signalRefFor(this.modules.signalBinding(path, attribute.text), attribute, expression, path);
    }
    const spec = this.catalog.fromAppAttribute(attribute.text);
    const known = spec && this.mayBeApp(object);
    // `app.on_after_strat` on a name bound to `Celery(...)`: an app signal that does not exist.
    const unknown = !spec && /^on_[a-z_]+$/.test(attribute.text) && this.isCeleryApp(object);
    if (!known && !unknown) return undefined;
    return {
      name: spec ? spec.name : attribute.text,
      resolution: spec ? 'catalog' : 'unknown',
      source: object.text,
      nameSpan: spanOf(attribute),
      expressionSpan: spanOf(expression),
    };
  }

  /** A name bound in this file to `Celery(...)`. */
  private isCeleryApp(object: SyntaxNode): boolean {
    if (object.type !== 'identifier') return false;
    const binding = this.resolveName(object.text, object);
    if (binding?.kind !== 'value' || binding.value.type !== 'call') return false;
    const callee = binding.value.childForFieldName('function')?.text ?? '';
    return callee === 'Celery' || callee.endsWith('.Celery');
  }

  /** Anything but a name bound in this file to something that is clearly not a Celery app. */
  private mayBeApp(object: SyntaxNode): boolean {
    if (object.type === 'attribute') return true;
    if (object.type !== 'identifier') return false;
    const binding = this.resolveName(object.text, object);
    if (!binding) return true;
    switch (binding.kind) {
      case 'module':
      case 'signal':
      case 'def':
      case 'class':
        return false;
      case 'value':
        return !isNonCallableLiteral(binding.value) && binding.value.type !== 'lambda';
      case 'imported':
        // A CamelCase import names a class by convention (`from celery import Celery`), not an app.
        return !/^[A-Z][a-z]/.test(object.text);
      default:
        return true;
    }
  }

  /** Evaluating this name raises NameError: no scope binds it at this point and it is no builtin. */
  isUnboundAt(name: SyntaxNode): boolean {
    const text = name.text;
    if (this.resolveName(text, name) !== undefined) return false;
    return !(pythonBuiltins.has(text) || this.module.starEverything || this.module.looselyBound.has(text));
  }

  refersTo(name: SyntaxNode): Extract<ConnectValue, { kind: 'name' }>['refersTo'] {
    const binding = this.resolveName(name.text, name, true);
    switch (binding?.kind) {
      case 'def':
        return this.taskDefinitions.has(binding.node.startIndex) ? 'task' : 'function';
      case 'class':
        return 'class';
      case 'signal':
        return 'signal';
      default:
        return 'unknown';
    }
  }
}

/** Several bindings may be in force (try/except, if/else): a Celery import among them wins. */
function pickBinding(bindings: Binding[] | undefined): Binding | undefined {
  if (!bindings || bindings.length === 0) return undefined;
  let last: Binding | undefined;
  for (const binding of bindings) {
    if (binding.kind === 'signal' || binding.kind === 'module') return binding;
    if (binding.kind !== 'loose') last = binding;
  }
  return last;
}

function comprehensionTargets(comprehension: SyntaxNode): Set<string> {
  const names = new Set<string>();
  for (const clause of namedChildrenOf(comprehension)) {
    if (clause.type !== 'for_in_clause') continue;
    for (const left of clause.childrenForFieldName('left')) {
      if (!left) continue;
      if (left.type === 'identifier') names.add(left.text);
      for (const name of left.descendantsOfType('identifier')) if (name) names.add(name.text);
    }
  }
  return names;
}
