/**
 * Finds every `<signal>.connect` in a Python file (decorator, decorator call, plain call) and turns it
 * into a HandlerSite: the resolved signal, the connect options as Celery reads them, and the receiver.
 */
import type { SyntaxNode } from '../../parsing/treeSitter';
import type { ConnectArgument, ConnectValue, CustomSignalReceiver, Handler, HandlerSite, ImportRun, PartialBinding, ReboundSignalUse, ReceiverKind, ReceiverWrapper, SignalRef, Span } from '../model';
import { callableOf, partialCall, wrapperOf } from './pythonReceivers';
import { buildHandler } from './pythonHandler';
import type { FactMemo } from './factMemo';
import { customSignalReceiver } from './pythonImportRun';
import { instanceLifetimeOf, localLifetimeOf } from './pythonLifetime';
import type { SignalModuleIndex } from './pythonImports';
import { findMethodReceiver } from './pythonMethods';
import { isNonCallableLiteral, type PythonResolver } from './pythonResolve';
import { inErrorRegion, repairedByParser } from './errorRegions';
import { isBytesLiteral, namedChildrenOf, plainStringValue, sameNode, spanOf } from './pythonSyntax';

/** Celery's `_handle_options(sender=None, weak=True, dispatch_uid=None, retry=False)`, in order. */
const connectOptions = ['sender', 'weak', 'dispatch_uid', 'retry'] as const;

interface Receiver {
  handler?: Handler;
  span?: SyntaxNode;
  kind: ReceiverKind;
  partial?: PartialBinding;
  wrapper?: ReceiverWrapper;
  decoratorBelow?: HandlerSite['decoratorBelow'];
}

export class ConnectSiteFinder {
  private readonly handlers = new Map<number, Handler>();
  rebound: ReboundSignalUse[] = [];
  unboundConnects: ImportRun['unboundConnects'] = [];
  customReceivers: CustomSignalReceiver[] = [];

  constructor(
    private readonly resolver: PythonResolver,
    private readonly modules: SignalModuleIndex,
    private readonly memo?: FactMemo,
  ) {}

  /**
   * Starts reading another module statement: handlers built for an earlier one would skip the
   * questions this one must record (see pythonStatementDeps).
   */
  beginStatement(): void {
    this.handlers.clear();
  }

  /** The rebound, unbound and custom-signal connects found since the last call. */
  takeOtherConnects(): Pick<ConnectSiteFinder, 'rebound' | 'unboundConnects' | 'customReceivers'> {
    const taken = { rebound: this.rebound, unboundConnects: this.unboundConnects, customReceivers: this.customReceivers };
    this.rebound = [];
    this.unboundConnects = [];
    this.customReceivers = [];
    return taken;
  }

  /** The sites of the word `connect` at `start` (found by searching the text), when it is a `.connect`. */
  sitesOfWord(start: number): HandlerSite[] {
    const name = this.resolver.nav.nodeAt(start, start + 7);
    if (!name || name.type !== 'identifier' || name.startIndex !== start) return [];
    try {
      return this.sitesAt(name);
    } catch {
      // Broken or unusual code around one connect must not cost the rest of the file.
      return [];
    }
  }

  /** One site per signal the connected expression may be: `for sig in (a, b): sig.connect(h)` connects twice. */
  private sitesAt(name: SyntaxNode): HandlerSite[] {
    // Indexed reads and loops: this runs for every connect, and unoptimised, destructuring and
    // for-of make objects per step.
    const attribute = this.resolver.nav.ancestors(name)[0];
    if (!attribute || attribute.type !== 'attribute' || !sameNode(attribute.childForFieldName('attribute'), name)) return [];
    const object = attribute.childForFieldName('object');
    const signals = object ? this.resolver.signalsOf(object) : [];
    const topLevel = runsOnceAtImport(this.resolver.nav.ancestors(name));
    if (signals.length === 0 && object?.type === 'identifier') this.noteOtherConnect(attribute, object, topLevel);
    const sites: HandlerSite[] = [];
    for (let i = 0; i < signals.length; i++) {
      const site = this.siteAt(name, signals[i]);
      if (site) sites.push(site);
    }
    const importCallAt = topLevel ? undefined : this.moduleCallOfEnclosingFunction(name);
    for (let i = 0; i < sites.length; i++) {
      const site = sites[i];
      site.connection.topLevel = topLevel;
      if (importCallAt !== undefined) site.importCallAt = importCallAt;
      const deleted = this.deletionOf(site, name);
      if (deleted) site.deletedAt = deleted;
      this.noteLifetime(site);
    }
    return sites;
  }

  /** What keeps a bound method's instance, or a nested function, alive besides the signal. */
  private noteLifetime(site: HandlerSite): void {
    const nav = this.resolver.nav;
    const receiver = site.receiverKind === 'attribute' && site.receiverSpan ? nav.nodeAt(site.receiverSpan.start, site.receiverSpan.end) : null;
    const instanceLifetime = receiver ? instanceLifetimeOf(nav, site, receiver) : undefined;
    if (instanceLifetime) site.instanceLifetime = instanceLifetime;
    const handler = site.handler;
    if (handler?.definedIn !== 'function' || !handler.name) return;
    const definition = nav.nodeAt(handler.definitionSpan.start, handler.definitionSpan.end);
    const lifetime = definition?.type === 'function_definition' ? localLifetimeOf(nav, definition, handler.name, site.connection.span) : undefined;
    if (lifetime) site.localLifetime = lifetime;
  }

  /** `name.connect` where `name` is no Celery signal: rebound away from one, unbound, or a signal of the module's own. */
  private noteOtherConnect(attribute: SyntaxNode, object: SyntaxNode, topLevel: boolean): void {
    const rebound = this.resolver.reboundSignal(object);
    if (rebound) this.rebound.push({ ...rebound, topLevel });
    else if (this.resolver.isUnboundAt(object)) this.unboundConnects.push({ name: object.text, span: spanOf(object), topLevel });
    else {
      const custom = customSignalReceiver(this.resolver, attribute, topLevel);
      if (custom) this.customReceivers.push(custom);
    }
  }

  /** For a connect in the body of a module-level def: the module's first top-level call of that def after it. */
  private moduleCallOfEnclosingFunction(connectName: SyntaxNode): number | undefined {
    const ancestors = this.resolver.nav.ancestors(connectName);
    const definitions = ancestors.filter((a) => a.type === 'function_definition' || a.type === 'class_definition');
    const outermost = definitions[definitions.length - 1];
    if (!outermost || outermost.type !== 'function_definition' || !this.resolver.nav.isAtModuleLevel(outermost)) return undefined;
    const name = outermost.childForFieldName('name')?.text;
    if (!name) return undefined;
    // Only statements that spell out the name can call it.
    const nav = this.resolver.nav;
    for (const statement of nav.statementsSpelling(name).map((index) => nav.statement(index))) {
      if (statement.startIndex <= connectName.startIndex || statement.type !== 'expression_statement') continue;
      const call = statement.firstNamedChild;
      if (call?.type === 'call' && call.childForFieldName('function')?.text === name) return statement.startIndex;
    }
    return undefined;
  }

  /**
   * A module-level connect of a module-level function followed by `del name`, when nothing else
   * in the file names that function: the module's reference was the only strong one.
   */
  private deletionOf(site: HandlerSite, connectName: SyntaxNode): Span | undefined {
    const deletions = this.resolver.moduleDeletions();
    if (deletions.length === 0 || !this.resolver.nav.isInModuleScope(connectName)) return undefined;
    const handler = site.handler;
    const receiver = site.receiverSpan ? this.resolver.nav.nodeAt(site.receiverSpan.start, site.receiverSpan.end) : undefined;
    const name = site.receiverSpan ? (receiver?.type === 'identifier' ? receiver.text : undefined) : handler?.definedIn === 'module' ? handler.name : undefined;
    if (!name) return undefined;
    const deletion = deletions.find((d) => d.name === name && d.node.startIndex > site.connection.span.end);
    if (!deletion) return undefined;
    // Any other use of the name (stored, passed, returned) may keep the function alive. Its own
    // body, the connect, the `del` and plain rebinding of the name hold no reference to it.
    const own = handler?.definitionSpan;
    const holders = this.resolver.nav.identifiersSpelled(name).filter((id) => {
      if (sameNode(id, deletion.node)) return false;
      if (own && own.start <= id.startIndex && id.endIndex <= own.end) return false;
      if (site.receiverSpan && id.startIndex === site.receiverSpan.start) return false;
      const parent = this.resolver.nav.parentOf(id);
      return !(parent?.type === 'assignment' && sameNode(parent.childForFieldName('left'), id));
    });
    return holders.length === 0 ? spanOf(deletion.node) : undefined;
  }

  private siteAt(name: SyntaxNode, signal: SignalRef): HandlerSite | undefined {
    const [attribute, parent, grandparent, greatGrandparent] = this.resolver.nav.ancestors(name);
    if (!parent || inErrorRegion(attribute)) return undefined;
    if (parent.type === 'decorator') {
      if (gluedByError(grandparent, parent)) return undefined;
      const receiver = this.decoratedReceiver(grandparent, parent);
      return withReceiver({ connection: { signal, style: 'decorator', span: spanOf(attribute), arguments: [] }, receiverKind: receiver.kind }, receiver);
    }
    if (parent.type !== 'call' || !sameNode(parent.childForFieldName('function'), attribute)) return undefined;
    const argumentList = parent.childForFieldName('arguments');
    // `connect(` left open takes the next statement as its argument: a guess, not a connection.
    if (repairedByParser(parent) || repairedByParser(argumentList)) return undefined;
    const args = argumentList ? namedChildrenOf(argumentList).filter((arg) => arg.type !== 'comment') : [];
    const decorator = grandparent?.type === 'decorator' ? grandparent : undefined;
    const positionals = args.filter((arg) => !isKeywordOrSplat(arg));
    const first = args[0] && !isKeywordOrSplat(args[0]) ? args[0] : undefined;
    // Celery: `if args and callable(args[0])` the first positional is the receiver, otherwise the sender.
    const firstIsReceiver = !!first && !isNonCallableLiteral(first);
    const connection = {
      signal,
      style: decorator ? ('decorator-call' as const) : ('call' as const),
      span: spanOf(parent),
      argumentsSpan: argumentList ? spanOf(argumentList) : undefined,
      arguments: this.options(args, firstIsReceiver ? first : undefined),
      positionalReceiver: decorator && firstIsReceiver && first ? this.argument(first, undefined, true) : undefined,
    };
    if (decorator) {
      if (gluedByError(greatGrandparent, decorator)) return undefined;
      const receiver = this.decoratedReceiver(greatGrandparent, decorator);
      return withReceiver({ connection, receiverKind: receiver.kind }, receiver);
    }
    let receiverNode = firstIsReceiver ? first : undefined;
    receiverNode ??= args.find((arg) => arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === 'receiver')?.childForFieldName('value') ?? undefined;
    // `sig.connect(sender=x)(handler)`: the outer call hands the receiver to the returned decorator.
    const outer = grandparent;
    if (!receiverNode && positionals.length <= connectOptions.length && outer?.type === 'call' && sameNode(outer.childForFieldName('function'), parent)) {
      const outerArgs = outer.childForFieldName('arguments');
      const outerFirst = outerArgs?.firstNamedChild;
      if (outerFirst && !isKeywordOrSplat(outerFirst)) receiverNode = outerFirst;
    }
    if (!receiverNode) return undefined;
    const receiver = this.referencedReceiver(receiverNode);
    const site: HandlerSite = withReceiver({ connection, receiverSpan: spanOf(receiverNode), receiverKind: receiver.kind }, receiver);
    if (receiverNode.type === 'identifier' && this.resolver.isUnboundAt(receiverNode)) site.receiverUnbound = true;
    return site;
  }

  /** Every argument except the receiver, positional ones named after the option they fill. */
  private options(args: SyntaxNode[], receiver: SyntaxNode | undefined): ConnectArgument[] {
    const result: ConnectArgument[] = [];
    let position = 0;
    let positionKnown = true;
    for (const arg of args) {
      if (receiver && sameNode(arg, receiver)) continue;
      if (arg.type === 'keyword_argument') {
        const keyword = arg.childForFieldName('name');
        const value = arg.childForFieldName('value');
        if (!keyword || !value) continue;
        result.push({ ...this.argument(value, keyword.text, false), span: spanOf(arg), keywordSpan: spanOf(keyword) });
      } else if (arg.type === 'list_splat' || arg.type === 'dictionary_splat') {
        if (arg.type === 'list_splat') positionKnown = false;
        result.push({ span: spanOf(arg), valueSpan: spanOf(arg), value: { kind: 'other', text: arg.text }, positional: arg.type === 'list_splat' });
      } else {
        const option = positionKnown ? connectOptions[position] : undefined;
        position++;
        result.push(this.argument(arg, option, true));
      }
    }
    return result;
  }

  private argument(value: SyntaxNode, keyword: string | undefined, positional: boolean): ConnectArgument {
    const argument: ConnectArgument = { keyword, span: spanOf(value), valueSpan: spanOf(value), value: this.valueOf(value) };
    if (positional) argument.positional = true;
    return argument;
  }

  private valueOf(node: SyntaxNode): ConnectValue {
    switch (node.type) {
      case 'none':
        return { kind: 'none' };
      case 'true':
        return { kind: 'bool', value: true };
      case 'false':
        return { kind: 'bool', value: false };
      case 'identifier': {
        const value: ConnectValue = { kind: 'name', name: node.text, refersTo: this.resolver.refersTo(node) };
        if (this.resolver.isUnboundAt(node)) value.unbound = true;
        const constant = this.resolver.moduleConstant(node.text);
        if (constant !== undefined) value.constant = constant;
        const registered = value.refersTo === 'task' ? this.resolver.registeredTaskName(node) : undefined;
        if (registered !== undefined) value.registeredName = registered;
        return value;
      }
      case 'lambda':
        return { kind: 'lambda' };
      case 'string':
      case 'concatenated_string': {
        if (isBytesLiteral(node)) return { kind: 'bytes' };
        const value = plainStringValue(node);
        return value === undefined ? { kind: 'other', text: node.text } : { kind: 'string', value };
      }
      default:
        return { kind: 'other', text: node.text };
    }
  }

  /**
   * The definition under the decorator; `decorated` is the decorator's parent. A user decorator
   * below the connect one (applied first) hands Celery its wrapper instead of the definition.
   */
  private decoratedReceiver(decorated: SyntaxNode | undefined, connectDecorator: SyntaxNode): Receiver {
    const definition = decorated?.type === 'decorated_definition' ? decorated.childForFieldName('definition') : null;
    if (!definition || !decorated) return { kind: 'definition' };
    if (definition.type === 'class_definition') return { kind: 'class' };
    const receiver: Receiver = { handler: this.handlerFor(definition), kind: 'definition' };
    const decorators = namedChildrenOf(decorated).filter((child) => child.type === 'decorator');
    const below = decorators.slice(decorators.findIndex((d) => sameNode(d, connectDecorator)) + 1);
    const next = below[0]?.firstNamedChild;
    if (below[0] && next) {
      const callee = next.type === 'call' ? next.childForFieldName('function') : next;
      receiver.decoratorBelow = { name: (callee ?? next).text, span: spanOf(below[0]) };
    }
    // Only the decorator right above the definition is followed; more layers are left unjudged.
    const innermost = below.length === 1 ? wrapperOf(below[0], this.resolver) : undefined;
    if (innermost) {
      const { definition: wrapperDefinition, implicitFirstParam, ...facts } = innermost;
      receiver.wrapper = { ...facts, handler: this.handlerFor(wrapperDefinition, implicitFirstParam) };
    }
    return receiver;
  }

  private referencedReceiver(node: SyntaxNode): Receiver {
    switch (node.type) {
      case 'lambda':
        return { handler: this.handlerFor(node), kind: 'lambda' };
      case 'identifier': {
        // What the name holds when connect runs; a def further down still tells which function is meant.
        const binding = this.resolver.resolveName(node.text, node) ?? this.resolver.resolveName(node.text, node, true);
        if (binding?.kind === 'def') return { handler: this.handlerFor(binding.node), kind: 'reference' };
        if (binding?.kind === 'value' && binding.value.type === 'lambda') return { handler: this.handlerFor(binding.value), kind: 'reference' };
        if (binding?.kind === 'value') {
          // `keep = partial(fn, 'x')` or `reporter = Reporter()` kept in a name: judge what gets called.
          const partial = this.partialReceiver(binding.value);
          if (partial) return { ...partial, kind: 'reference' };
          const target = callableOf(node, this.resolver);
          if (target) return { handler: this.handlerFor(target.definition, target.implicitFirstParam), kind: 'reference' };
        }
        return { kind: binding?.kind === 'class' ? 'class' : 'reference' };
      }
      case 'attribute': {
        const method = findMethodReceiver(node, this.resolver);
        return { handler: method ? this.handlerFor(method.definition, method.implicitFirstParam) : undefined, kind: 'attribute' };
      }
      case 'call': {
        const partial = this.partialReceiver(node);
        if (partial) return { ...partial, kind: 'partial' };
        const callee = node.childForFieldName('function');
        const calleeName = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee?.text;
        const target = callableOf(node, this.resolver);
        const handler = target ? this.handlerFor(target.definition, target.implicitFirstParam) : undefined;
        return { handler, kind: calleeName === 'partial' ? 'partial' : 'call' };
      }
      default:
        return { kind: 'other' };
    }
  }

  /** `partial(fn, ...)`: the handler with only the parameters left for Celery's keywords. */
  private partialReceiver(node: SyntaxNode): Pick<Receiver, 'handler' | 'partial'> | undefined {
    const call = partialCall(node, this.resolver);
    const target = call && callableOf(call.target, this.resolver);
    if (!call || !target) return undefined;
    const full = this.handlerFor(target.definition, target.implicitFirstParam);
    const positionalParams = full.params.filter((p) => p.kind === 'positional-only' || p.kind === 'positional');
    const skip = target.implicitFirstParam ? 1 : 0;
    const positionallyBound = positionalParams.slice(skip, skip + call.positional);
    // A keyword the partial binds is a default Celery's keyword of the same name would override.
    const params = full.params.filter((p) => !positionallyBound.includes(p) && !call.keywords.includes(p.name));
    return {
      handler: { ...full, params },
      partial: { span: call.span, positional: call.positional, positionallyBound, keywords: call.keywords },
    };
  }

  private handlerFor(definition: SyntaxNode, implicitFirstParam?: 'self' | 'cls'): Handler {
    const key = definition.startIndex * 4 + (implicitFirstParam === 'self' ? 1 : implicitFirstParam === 'cls' ? 2 : 0);
    let handler = this.handlers.get(key);
    if (!handler) {
      handler = buildHandler(definition, this.resolver, this.modules, implicitFirstParam, this.memo);
      this.handlers.set(key, handler);
    }
    return handler;
  }
}

function isKeywordOrSplat(node: SyntaxNode): boolean {
  return node.type === 'keyword_argument' || node.type === 'list_splat' || node.type === 'dictionary_splat';
}

function withReceiver(site: HandlerSite, receiver: Receiver): HandlerSite {
  if (receiver.handler) site.handler = receiver.handler;
  if (receiver.partial) site.partial = receiver.partial;
  if (receiver.wrapper) site.wrapper = receiver.wrapper;
  if (receiver.decoratorBelow) site.decoratorBelow = receiver.decoratorBelow;
  return site;
}

/**
 * Only module-level code runs while the module is imported: a loop or `with` body there runs too,
 * while an `if`, `try` or `while` body may not, and a def or class body is not module code.
 */
function runsOnceAtImport(ancestors: readonly SyntaxNode[]): boolean {
  return ancestors.every((ancestor, index) => {
    if (ancestor.type !== 'block') return true;
    const owner = ancestors[index + 1]?.type;
    return owner === 'for_statement' || owner === 'with_statement';
  });
}

/**
 * True when half-typed code sits between the decorator and the definition (`@a.connect` above an
 * unfinished `def f(`), or inside the definition's parameters: the parser glues the decorator onto
 * the next complete definition, which Python would not. Such a connection is left out rather than
 * judged against the wrong function.
 */
function gluedByError(decorated: SyntaxNode | undefined, decorator: SyntaxNode): boolean {
  if (decorated?.type !== 'decorated_definition') return false;
  if (decorated.children.some((child) => !!child && (child.type === 'ERROR' || child.isMissing) && child.startIndex >= decorator.endIndex)) return true;
  // `def f(a,` left open swallows the next definition's parameters into its own.
  return !!decorated.childForFieldName('definition')?.childForFieldName('parameters')?.hasError;
}
