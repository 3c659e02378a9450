/**
 * Which names in a TypeScript/JavaScript file are Celery signals.
 *
 * There is no JavaScript Celery signal library, so the convention is by name: a module is a signal
 * module when the file imports at least one catalog signal name from it (`import { task_failure }`,
 * `const { task_failure } = require(...)`), or binds it as a namespace that is used as
 * `ns.<catalog signal>`. Apart from `celery-signals` (the module our generated declarations describe,
 * always a signal module), the specifier itself does not matter. Once a module counts, every
 * snake_case name taken from it and connected to is a signal reference, resolved against the catalog
 * or left `unknown` (a typo such as `task_posturn`). App signals are reached as `app.on_after_configure`
 * on an object that is, by name or construction, a Celery app.
 */
import type { Catalog } from '../../catalog/catalog';
import type { SignalSpec } from '../../catalog/types';
import type { SyntaxNode } from '../../parsing/treeSitter';
import type { ImportBinding, SignalRef } from '../model';
import { moduleBindings, type ModuleBinding } from './typescriptImports';
export type { ModuleBinding } from './typescriptImports';
import { bindingScope, declarationIn } from './typescriptScope';
import { namedChildrenOf, propertyKeyName, spanOf, stringLiteralValue, unwrapExpression } from './typescriptSyntax';


/** The module types/celery-signals.d.ts declares. */
export const CANONICAL_SIGNAL_MODULE = 'celery-signals';

const SIGNAL_LIKE_NAME = /^[a-z][a-z0-9]*(_[a-z0-9]+)+$/;
const APP_LIKE_NAME = /^(app|celery|celery_?app)$|App$/i;
const APP_CONSTRUCTORS = new Set(['Celery', 'createApp', 'createCelery']);

function escapeRegExp(text: string): string {
  return text.replace(/[$]/g, '\\$');
}

/** Knows the file's signal bindings and resolves expressions (`task_failure`, `signals.task_failure`) to signals. */
export class SignalResolver {
  private readonly byAttribute = new Map<string, SignalSpec>();
  private readonly named = new Map<string, ModuleBinding>();
  private readonly namespaces = new Map<string, ModuleBinding>();
  private readonly signalModules = new Set<string>([CANONICAL_SIGNAL_MODULE]);

  constructor(
    private readonly root: SyntaxNode,
    private readonly text: string,
    private readonly catalog: Catalog,
  ) {
    for (const signal of catalog.signals) {
      if (signal.access.kind !== 'module') continue;
      const attribute = signal.name.split('.').pop()!;
      if (!this.byAttribute.has(attribute)) this.byAttribute.set(attribute, signal);
    }
    for (const binding of moduleBindings(root)) {
      if (binding.importedName === undefined) this.namespaces.set(binding.localName, binding);
      else {
        this.named.set(binding.localName, binding);
        if (this.byAttribute.has(binding.importedName)) this.signalModules.add(binding.specifier);
        // `import { signals } from '...'`: a namespace object exported by name, used as `signals.task_failure`.
        else if (!this.namespaces.has(binding.localName)) {
          this.namespaces.set(binding.localName, { ...binding, importedName: undefined, specifier: `${binding.specifier}.${binding.importedName}` });
        }
      }
    }
    for (const namespace of this.namespaces.values()) {
      if (this.signalModules.has(namespace.specifier)) continue;
      const members = [...this.namespaceMembers(namespace.localName).map((m) => m.property.text), ...this.destructuredKeys(namespace.localName)];
      if (members.some((name) => this.byAttribute.has(name))) this.signalModules.add(namespace.specifier);
    }
  }

  /** `ns.<name>` member expressions in code (comments and strings excluded), found by text search. */
  private namespaceMembers(localName: string, keep: (offset: number) => boolean = () => true): { member: SyntaxNode; property: SyntaxNode }[] {
    const found: { member: SyntaxNode; property: SyntaxNode }[] = [];
    const pattern = new RegExp(`(?<![\\w$.])${escapeRegExp(localName)}\\s*\\??\\.\\s*([A-Za-z_$][\\w$]*)`, 'g');
    for (const match of this.text.matchAll(pattern)) {
      const propertyStart = match.index! + match[0].length - match[1].length;
      if (!keep(propertyStart)) continue;
      const property = this.root.descendantForIndex(propertyStart, propertyStart + match[1].length);
      const member = property?.parent;
      if (property?.type === 'property_identifier' && member?.type === 'member_expression') found.push({ member, property });
    }
    return found;
  }

  /** Keys destructured from the name: `const { task_retry, task_revoked: revoked } = ns`. */
  private destructuredKeys(localName: string): string[] {
    const keys: string[] = [];
    for (const match of this.text.matchAll(new RegExp(`\\}\\s*=\\s*(${escapeRegExp(localName)})(?![\\w$])`, 'g'))) {
      const start = match.index! + match[0].length - localName.length;
      const declarator = this.root.descendantForIndex(start, start + localName.length)?.parent;
      const pattern = declarator?.type === 'variable_declarator' ? declarator.childForFieldName('name') : null;
      if (pattern?.type !== 'object_pattern') continue;
      for (const property of namedChildrenOf(pattern)) {
        const key = property.type === 'pair_pattern' ? property.childForFieldName('key') : property;
        const name = key ? propertyKeyName(key) : undefined;
        if (name) keys.push(name);
      }
    }
    return keys;
  }

  /** Bindings to signals and signal modules, for completion and auto-import. */
  imports(): ImportBinding[] {
    const bindings: ImportBinding[] = [];
    for (const binding of this.named.values()) {
      if (!this.signalModules.has(binding.specifier) || !this.byAttribute.has(binding.importedName!)) continue;
      const target = `${binding.specifier}.${binding.importedName}`;
      bindings.push({ localName: binding.localName, target, kind: 'signal', span: spanOf(binding.statement), nameSpan: spanOf(binding.nameNode) });
    }
    for (const binding of this.namespaces.values()) {
      if (!this.signalModules.has(binding.specifier)) continue;
      bindings.push({ localName: binding.localName, target: binding.specifier, kind: 'module', span: spanOf(binding.statement), nameSpan: spanOf(binding.nameNode) });
    }
    return bindings;
  }

  /** True when `name`, read at `at`, means the module-level binding (no local declaration shadows it). */
  private meansModuleBinding(at: SyntaxNode, binding: ModuleBinding): boolean {
    if (this.onlyUsedAsObject(binding)) return true;
    const scope = bindingScope(at, binding.localName);
    return scope !== undefined && scope.type === 'program';
  }

  private readonly usedAsObjectOnly = new Map<string, boolean>();

  /**
   * True when, outside its import, the name only ever appears before a `.` (`task_failure.connect`):
   * then nothing in the file can declare it again (a declaration is never followed by a dot), and the
   * walk up the scopes can be skipped. Any other appearance, even in a comment, means asking the scopes.
   */
  private onlyUsedAsObject(binding: ModuleBinding): boolean {
    let known = this.usedAsObjectOnly.get(binding.localName);
    if (known === undefined) {
      known = true;
      const pattern = new RegExp(`(?<![\\w$.])${escapeRegExp(binding.localName)}(?![\\w$])(?!\\s*\\??\\.)`, 'g');
      for (const match of this.text.matchAll(pattern)) {
        if (match.index! < binding.statement.startIndex || match.index! >= binding.statement.endIndex) {
          known = false;
          break;
        }
      }
      this.usedAsObjectOnly.set(binding.localName, known);
    }
    return known;
  }

  /** The module-level namespace binding `identifier` reads (a local declaration may shadow it). */
  namespaceNamed(identifier: SyntaxNode): ModuleBinding | undefined {
    const namespace = this.namespaces.get(identifier.text);
    return namespace && this.meansModuleBinding(identifier, namespace) ? namespace : undefined;
  }

  /** The signal `<namespace>.<attribute>` names, if the namespace is a signal module's. */
  fromModule(binding: ModuleBinding, attribute: string, nameNode: SyntaxNode, expression: SyntaxNode): SignalRef | undefined {
    if (!this.signalModules.has(binding.specifier)) return undefined;
    const signal = this.byAttribute.get(attribute);
    if (!signal && !SIGNAL_LIKE_NAME.test(attribute)) return undefined;
    return {
      name: signal ? signal.name : attribute,
      resolution: signal ? 'catalog' : 'unknown',
      source: binding.specifier,
      nameSpan: spanOf(nameNode),
      expressionSpan: spanOf(expression),
    };
  }

  private looksLikeApp(object: SyntaxNode): boolean {
    const target = object.type === 'member_expression' ? object.childForFieldName('property') : object;
    if (!target) return false;
    if (APP_LIKE_NAME.test(target.text)) return true;
    if (target.type !== 'identifier') return false;
    const scope = bindingScope(target, target.text);
    const value = scope ? declarationIn(scope, target.text)?.childForFieldName('value') : undefined;
    if (!value) return false;
    const construction = unwrapExpression(value);
    const callee = construction.childForFieldName(construction.type === 'new_expression' ? 'constructor' : 'function');
    return (construction.type === 'new_expression' || construction.type === 'call_expression') && APP_CONSTRUCTORS.has(callee?.text ?? '');
  }

  private readonly resolved = new Map<number, SignalRef | undefined>();

  /** The signal an expression names, or undefined when it is not a signal. */
  resolve(expressionNode: SyntaxNode): SignalRef | undefined {
    if (this.resolved.has(expressionNode.id)) return this.resolved.get(expressionNode.id);
    const ref = this.resolveUncached(unwrapExpression(expressionNode));
    this.resolved.set(expressionNode.id, ref);
    return ref;
  }

  private resolveUncached(expression: SyntaxNode): SignalRef | undefined {
    if (expression.type === 'identifier') {
      const binding = this.named.get(expression.text);
      if (!binding || !this.meansModuleBinding(expression, binding)) return undefined;
      return this.fromModule(binding, binding.importedName!, expression, expression);
    }
    if (expression.type === 'subscript_expression') {
      // `signals['task_failure']`: a constant key reads the same attribute.
      const objectNode = expression.childForFieldName('object');
      const index = expression.childForFieldName('index');
      const key = index ? stringLiteralValue(index) : undefined;
      const object = objectNode ? unwrapExpression(objectNode) : undefined;
      const namespace = object?.type === 'identifier' ? this.namespaceNamed(object) : undefined;
      return namespace && index && key !== undefined ? this.fromModule(namespace, key, index, expression) : undefined;
    }
    if (expression.type !== 'member_expression') return undefined;
    const objectNode = expression.childForFieldName('object');
    const property = expression.childForFieldName('property');
    if (!objectNode || !property) return undefined;
    const object = unwrapExpression(objectNode);
    const namespace = object.type === 'identifier' ? this.namespaceNamed(object) : undefined;
    if (namespace) return this.fromModule(namespace, property.text, property, expression);
    const appSignal = this.catalog.fromAppAttribute(property.text);
    if (appSignal && this.looksLikeApp(object)) {
      return { name: appSignal.name, resolution: 'catalog', source: object.text, nameSpan: spanOf(property), expressionSpan: spanOf(expression) };
    }
    return undefined;
  }

  /** Every catalog signal reference in the file, connected or not (for hover and go-to-docs). */
  references(keep: (offset: number) => boolean = () => true): SignalRef[] {
    const refs: SignalRef[] = [];
    for (const binding of this.named.values()) {
      if (!this.signalModules.has(binding.specifier) || !this.byAttribute.has(binding.importedName!)) continue;
      const pattern = new RegExp(`(?<![\\w$.])${escapeRegExp(binding.localName)}(?![\\w$])`, 'g');
      for (const match of this.text.matchAll(pattern)) {
        if (!keep(match.index!)) continue;
        const node = this.root.descendantForIndex(match.index!, match.index! + match[0].length);
        if (node?.type !== 'identifier' || node.id === binding.node.id || node.parent?.id === binding.node.id) continue;
        const ref = this.resolve(node);
        if (ref) refs.push(ref);
      }
    }
    for (const namespace of this.namespaces.values()) {
      for (const { member } of this.namespaceMembers(namespace.localName, keep)) {
        const ref = this.resolve(member);
        if (ref?.resolution === 'catalog') refs.push(ref);
      }
    }
    for (const attribute of this.catalog.appAttributes) {
      for (const match of this.text.matchAll(new RegExp(`\\.\\s*(${attribute})(?![\\w$])`, 'g'))) {
        const start = match.index! + match[0].length - attribute.length;
        if (!keep(start)) continue;
        const property = this.root.descendantForIndex(start, start + attribute.length);
        const member = property?.parent;
        const ref = member?.type === 'member_expression' ? this.resolve(member) : undefined;
        if (ref) refs.push(ref);
      }
    }
    return refs.sort((a, b) => a.nameSpan.start - b.nameSpan.start);
  }
}
