/**
 * Name resolution for the Python front end: what a name means where it is used (function scopes,
 * the class body it sits in, then the module, in source order), which expressions are Celery
 * signals, and what a `sender=` name refers to.
 */
import type { Catalog } from '../../catalog/catalog';
import type { SyntaxNode } from '../../parsing/treeSitter';
import type { ConnectValue, ReboundSignalUse, SignalRef } from '../model';
import { pythonBuiltins } from './pythonBuiltins';
import { signalRefFor, type SignalModuleIndex } from './pythonImports';
import type { ModuleEntry, ModuleFacts } from './pythonModule';
import type { ModuleQuestions } from './pythonStatementDeps';
import { ParameterCache } from './pythonParams';
import { ScopeWalker, type Binding, type Scope } from './pythonScopes';
import { comprehensionTypes, namedChildrenOf, plainStringValue, spanOf, type Navigator } from './pythonSyntax';
import type { SourceText } from '../sourceText';

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

/** Where the value of a binding is written, for bindings that carry it. */
function positionOf(binding: Binding): number | undefined {
  if (binding.kind === 'value') return binding.value.startIndex;
  if (binding.kind === 'element') return binding.iterable.startIndex;
  return undefined;
}

/** How many aliases deep a value is followed (`a = b`, `b = c`, ...): a bound on cycles and cost. */
const MAX_ALIAS_DEPTH = 8;

/** `signals.task_failure`: the object and the attribute name. */
function attributeParts(expression: SyntaxNode): { object: SyntaxNode; name: string; nameNode: SyntaxNode } | undefined {
  if (expression.type !== 'attribute') return undefined;
  const object = expression.childForFieldName('object');
  const attribute = expression.childForFieldName('attribute');
  return object && attribute ? { object, name: attribute.text, nameNode: attribute } : undefined;
}

/** `getattr(signals, "task_failure")` with a constant name reads the attribute like `signals.task_failure`. */
function constantGetattr(expression: SyntaxNode, resolver: PythonResolver): { object: SyntaxNode; name: string; nameNode: SyntaxNode } | undefined {
  if (expression.type !== 'call') return undefined;
  const callee = expression.childForFieldName('function');
  if (callee?.type !== 'identifier' || callee.text !== 'getattr' || resolver.resolveName('getattr', callee) !== undefined) return undefined;
  const args = namedChildrenOf(expression.childForFieldName('arguments') ?? expression).filter((arg) => arg.type !== 'comment');
  if (args.length !== 2 || args.some((arg) => arg.type === 'keyword_argument' || arg.type.endsWith('splat'))) return undefined;
  const name = plainStringValue(args[1]);
  return name !== undefined && /^[A-Za-z_]\w*$/.test(name) ? { object: args[0], name, nameNode: args[1] } : undefined;
}

/** The items of a literal tuple or list a `for` loop walks over; nothing for any other iterable. */
function elementsOf(iterable: SyntaxNode): SyntaxNode[] {
  if (iterable.type === 'parenthesized_expression' && iterable.firstNamedChild) return elementsOf(iterable.firstNamedChild);
  if (iterable.type !== 'tuple' && iterable.type !== 'list' && iterable.type !== 'expression_list') return [];
  return namedChildrenOf(iterable).filter((item) => item.type !== 'comment' && item.type !== 'list_splat');
}

function isAsciiWordCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/** The word at `at` follows a `.` (spaces, tabs and escaped line breaks between): an attribute. */
function isAttributeAt(text: SourceText, at: number): boolean {
  let i = at - 1;
  for (;;) {
    const code = text.charCodeAt(i);
    if (code === 32 || code === 9) i--;
    else if (code === 10 && text.charCodeAt(i - 1) === 92) i -= 2;
    else if (code === 10 && text.charCodeAt(i - 1) === 13 && text.charCodeAt(i - 2) === 92) i -= 3;
    else return code === 46;
  }
}

export class PythonResolver {
  private readonly scopes = new Map<string, Scope>();
  private readonly signals = new Map<string, SignalRef[]>();
  private readonly walker: ScopeWalker;
  readonly parameters: ParameterCache;
  /** While one statement's facts are read for reuse: where its questions to the module are recorded. */
  questions?: ModuleQuestions;

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

  /**
   * Starts reading another module statement's facts: what was cached for an earlier statement would
   * skip the questions this one must record.
   */
  beginStatement(): void {
    this.signals.clear();
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
    const found = this.lookup(name, use, late);
    return found.scoped ? pickBinding(found.scoped) : this.moduleBinding(name, found.modulePosition);
  }

  /**
   * Every binding of `name` that may be in force at `use`: both branches of a `try/except ImportError`
   * or an `if/else`, so a value that flows through either is known.
   */
  bindingsAt(name: string, use: SyntaxNode): Binding[] {
    const found = this.lookup(name, use, false);
    if (!found.scoped) return this.moduleBindingsInForce(name, found.modulePosition);
    // A function scope's bindings are not ordered by the walk: for `x = a; x.connect(h); x = b` only
    // the last assignment above the use counts (branches of an `if` are not told apart here).
    if (found.scoped.length < 2) return found.scoped;
    const placed = found.scoped.map((binding) => ({ binding, at: positionOf(binding) }));
    if (placed.some((p) => p.at === undefined)) return found.scoped;
    const before = placed.filter((p) => p.at! < use.startIndex);
    if (before.length === 0) return found.scoped;
    return [before.reduce((last, p) => (p.at! > last.at! ? p : last)).binding];
  }

  /** The innermost enclosing scope that binds `name`, else how far into the module to look. */
  private lookup(name: string, use: SyntaxNode, late: boolean): { scoped?: Binding[]; modulePosition: number } {
    let inFunction = false;
    const ancestors = this.nav.isInModuleScope(use) ? [] : this.nav.ancestors(use);
    // Indexed loops here and below: look-ups run for every name read, and an unoptimised for-of
    // makes objects per step.
    for (let i = 0; i < ancestors.length; i++) {
      const ancestor = ancestors[i];
      const type = ancestor.type;
      if (type !== 'function_definition' && type !== 'lambda' && type !== 'class_definition') continue;
      const body = ancestor.childForFieldName('body');
      // Defaults, annotations, base classes and decorators are evaluated in the enclosing scope.
      if (!body || use.startIndex < body.startIndex) continue;
      if (type === 'class_definition' && inFunction) continue;
      if (!this.spellsOutElsewhere(ancestor, name, use)) {
        if (type !== 'class_definition') inFunction = true;
        continue;
      }
      const scope = this.scopeOf(ancestor);
      if (scope.declaredGlobal.has(name)) {
        inFunction = true;
        break;
      }
      const bindings = scope.bindings.get(name)?.filter((binding) => binding.kind !== 'loose');
      if (bindings && bindings.length > 0) return { scoped: bindings, modulePosition: 0 };
      if (type !== 'class_definition') inFunction = true;
    }
    return { modulePosition: inFunction || late ? Number.POSITIVE_INFINITY : use.startIndex };
  }

  /**
   * A scope binds or declares a name only by spelling it out as a word that is not an attribute, so
   * one whose text holds no such word but at `use` cannot: its bindings need not be walked (they are
   * the costly part of a look-up). Strings and comments may count; that only costs the walk.
   */
  private spellsOutElsewhere(scope: SyntaxNode, name: string, use: SyntaxNode): boolean {
    const text = this.nav.text;
    const last = scope.endIndex - name.length;
    for (let at = text.indexOf(name, scope.startIndex); at >= 0 && at <= last; at = text.indexOf(name, at + 1)) {
      if (at === use.startIndex || isAsciiWordCode(text.charCodeAt(at + name.length)) || isAsciiWordCode(text.charCodeAt(at - 1))) continue;
      if (!isAttributeAt(text, at)) return true;
    }
    return false;
  }

  private moduleBinding(name: string, position: number): Binding | undefined {
    return pickBinding(this.moduleBindingsInForce(name, position));
  }

  private moduleBindingsInForce(name: string, position: number): Binding[] {
    const entries = this.moduleEntries(name);
    if (!entries) return [];
    let inForce: Binding[] = [];
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i];
      if (entry.start > position) continue;
      if (entry.conditional) inForce.push(entry.binding);
      else inForce = [entry.binding];
    }
    return inForce;
  }

  /** True when something outside `definition` binds `name`: an enclosing function, the module, a builtin. */
  /** A test for "something outside `definition` binds this name": enclosing functions, the module, builtins. */
  boundOutside(definition: SyntaxNode): (name: string) => boolean {
    const enclosing: ((name: string) => boolean)[] = [];
    const ancestors = this.nav.isAtModuleLevel(definition) ? [] : this.nav.ancestors(definition);
    for (let i = 0; i < ancestors.length; i++) {
      const ancestor = ancestors[i];
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
    this.questions?.bound(name);
    return (
      this.module.entries.has(name) || this.module.looselyBound.has(name) || this.module.starEverything || pythonBuiltins.has(name)
    );
  }

  private moduleEntries(name: string): ModuleEntry[] | undefined {
    this.questions?.entries(name);
    return this.module.entries.get(name);
  }

  /** `del name` statements of the module body. */
  moduleDeletions(): ModuleFacts['deletions'] {
    this.questions?.deletions();
    return this.module.deletions;
  }

  /** The module's classes, module-level or in its compound statements. */
  moduleClasses(): ModuleFacts['classes'] {
    this.questions?.classes();
    return this.module.classes;
  }

  /** The module path an expression names (`signals`, `celery.signals`), when it leads to a signal module. */
  modulePathOf(node: SyntaxNode, depth = 0): string | undefined {
    if (depth > MAX_ALIAS_DEPTH) return undefined;
    if (node.type === 'identifier') {
      const binding = this.resolveName(node.text, node);
      // `hooks = signals`: an alias of a module is that module.
      if (binding?.kind === 'value') return this.modulePathOf(binding.value, depth + 1);
      return binding?.kind === 'module' && this.modules.leadsToSignalModule(binding.module) ? binding.module : undefined;
    }
    if (node.type === 'attribute') {
      const object = node.childForFieldName('object');
      const attribute = node.childForFieldName('attribute');
      if (!object || !attribute) return undefined;
      const base = this.modulePathOf(object, depth + 1);
      const path = base === undefined ? undefined : `${base}.${attribute.text}`;
      return path !== undefined && this.modules.leadsToSignalModule(path) ? path : undefined;
    }
    return undefined;
  }

  /** The signal an expression refers to (`task_failure`, `signals.task_failure`, `app.on_after_configure`). */
  signalOf(expression: SyntaxNode): SignalRef | undefined {
    return this.signalsOf(expression)[0];
  }

  /**
   * Every signal an expression may stand for: one for a plain reference, several for a name bound in
   * both branches of a `try/except ImportError` or for the variable of `for sig in (a, b)`.
   */
  signalsOf(expression: SyntaxNode): SignalRef[] {
    const key = `${expression.startIndex}:${expression.endIndex}`;
    const known = this.signals.get(key);
    if (known !== undefined) return known;
    this.signals.set(key, []);
    const refs = this.computeSignals(expression, 0);
    this.signals.set(key, refs);
    return refs;
  }

  private computeSignals(expression: SyntaxNode, depth: number): SignalRef[] {
    if (depth > MAX_ALIAS_DEPTH) return [];
    if (expression.type === 'parenthesized_expression' && expression.firstNamedChild) return this.computeSignals(expression.firstNamedChild, depth + 1);
    if (expression.type === 'identifier') return this.signalsOfName(expression, depth);
    const access = constantGetattr(expression, this) ?? attributeParts(expression);
    if (!access) return [];
    const ref = this.signalOfAttribute(expression, access.object, access.name, access.nameNode, depth);
    return ref ? [ref] : [];
  }

  /** A name: a signal import, or a local name the value of a signal expression flows into. */
  private signalsOfName(name: SyntaxNode, depth: number): SignalRef[] {
    const refs: SignalRef[] = [];
    const seen = new Set<string>();
    const bindings = this.bindingsAt(name.text, name);
    const guarded = this.moduleEntries(name.text)?.find((entry) => entry.guarded && entry.binding.kind === 'signal' && bindings.includes(entry.binding))?.binding;
    const primary = guarded?.kind === 'signal' && bindings.length > 1 ? guarded.signal : undefined;
    const add = (found: SignalRef | undefined, nameNode: SyntaxNode) => {
      if (!found || seen.has(found.name)) return;
      seen.add(found.name);
      // `try: from x import a as s / except ImportError: s = x.b`: b is bound only where a is missing.
      const ref = primary !== undefined && found.name !== primary ? { ...found, fallbackFor: primary } : found;
      // The use names the signal here, whatever name it was bound under.
      refs.push(nameNode === name ? ref : { ...ref, nameSpan: spanOf(name), expressionSpan: spanOf(name) });
    };
    for (const binding of bindings) {
      if (binding.kind === 'signal') add(signalRefFor(binding, name, name), name);
      else if (binding.kind === 'value') for (const ref of this.computeSignals(binding.value, depth + 1)) add(ref, binding.value);
      else if (binding.kind === 'element') {
        for (const element of elementsOf(binding.iterable)) for (const ref of this.computeSignals(element, depth + 1)) add(ref, element);
      }
    }
    return refs;
  }

  private signalOfAttribute(expression: SyntaxNode, object: SyntaxNode, attributeName: string, attribute: SyntaxNode, depth: number): SignalRef | undefined {
    const path = this.modulePathOf(object, depth + 1);
    if (path !== undefined) {
      if (!this.modules.isSignalModule(path)) return undefined;
      return signalRefFor(this.modules.signalBinding(path, attributeName), attribute, expression, path);
    }
    const spec = this.catalog.fromAppAttribute(attributeName);
    const known = spec && this.mayBeApp(object);
    // `app.on_after_strat` on a name bound to `Celery(...)`: an app signal that does not exist.
    const unknown = !spec && /^on_[a-z_]+$/.test(attributeName) && this.isCeleryApp(object);
    if (!known && !unknown) return undefined;
    return {
      name: spec ? spec.name : attributeName,
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

  /** What a module-level name assigned exactly once, unconditionally, holds: a string literal or `task.name`. */
  moduleConstant(name: string): string | undefined {
    const entries = this.moduleEntries(name);
    if (entries?.length !== 1 || entries[0].conditional || entries[0].binding.kind !== 'value') return undefined;
    const value = entries[0].binding.value;
    const constant = value.type === 'string' || value.type === 'concatenated_string' || (value.type === 'attribute' && value.childForFieldName('attribute')?.text === 'name');
    return constant ? value.text : undefined;
  }

  /** A module name that held a signal until a later module statement bound it to something else. */
  reboundSignal(name: SyntaxNode): ReboundSignalUse | undefined {
    const inForce = this.resolveName(name.text, name);
    if (!inForce || inForce.kind === 'signal' || inForce.kind === 'module' || inForce.kind === 'loose') return undefined;
    const entries = this.moduleEntries(name.text) ?? [];
    const current = entries.findIndex((entry) => entry.binding === inForce);
    const earlier = entries.slice(0, Math.max(current, 0)).reverse().find((entry) => entry.binding.kind === 'signal');
    if (current < 0 || !earlier || earlier.binding.kind !== 'signal' || entries[current].conditional) return undefined;
    const binding = entries[current].binding;
    const node = binding.kind === 'def' || binding.kind === 'class' ? binding.node.childForFieldName('name') : undefined;
    if (!node) return undefined;
    return { name: name.text, span: spanOf(name), signal: earlier.binding.signal, reboundAt: spanOf(node) };
  }

  /** Evaluating this name raises NameError: no scope binds it at this point and it is no builtin. */
  isUnboundAt(name: SyntaxNode): boolean {
    const text = name.text;
    if (this.resolveName(text, name) !== undefined) return false;
    this.questions?.loose(text);
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
      case 'imported':
        if (binding.qualified === 'celery.current_app') return 'app';
        return binding.qualified !== undefined && this.catalog.projectTask(binding.qualified) ? 'task' : 'unknown';
      case 'value':
        return this.isCeleryApp(name) ? 'app' : 'unknown';
      default:
        return 'unknown';
    }
  }

  /** The name Celery registers a task under, for a task the project index knows (imported or defined here). */
  registeredTaskName(name: SyntaxNode): string | undefined {
    const binding = this.resolveName(name.text, name, true);
    if (binding?.kind === 'imported' && binding.qualified !== undefined) return this.catalog.projectTask(binding.qualified)?.registeredName;
    const self = this.modules.self;
    if (binding?.kind !== 'def' || !self || !this.taskDefinitions.has(binding.node.startIndex)) return undefined;
    return this.catalog.projectTask(`${self.name}.${name.text}`)?.registeredName;
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
