/**
 * Finds every `<signal>.connect` in a Python file (decorator, decorator call, plain call) and turns it
 * into a HandlerSite: the resolved signal, the connect options as Celery reads them, and the receiver.
 */
import type { SyntaxNode } from '../../parsing/treeSitter';
import type { ConnectArgument, ConnectValue, Handler, HandlerSite, ReceiverKind, Span } from '../model';
import { buildHandler } from './pythonHandler';
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
}

export class ConnectSiteFinder {
  private readonly handlers = new Map<number, Handler>();

  constructor(
    private readonly resolver: PythonResolver,
    private readonly modules: SignalModuleIndex,
  ) {}

  /** `within`: only connects starting in these spans (the language server's re-analysis of an edit). */
  findAll(root: SyntaxNode, text: string, within?: readonly Span[]): HandlerSite[] {
    const sites: HandlerSite[] = [];
    for (const match of text.matchAll(/\bconnect\b/g)) {
      const start = match.index ?? 0;
      if (within && !within.some((span) => span.start <= start && start < span.end)) continue;
      const name = this.resolver.nav.nodeAt(start, start + 7);
      if (!name || name.type !== 'identifier' || name.startIndex !== start) continue;
      try {
        const site = this.siteAt(name);
        if (site) sites.push(site);
      } catch {
        // Broken or unusual code around one connect must not cost the rest of the file.
      }
    }
    return sites;
  }

  private siteAt(name: SyntaxNode): HandlerSite | undefined {
    const [attribute, parent, grandparent, greatGrandparent] = this.resolver.nav.ancestors(name);
    if (!attribute || attribute.type !== 'attribute' || !sameNode(attribute.childForFieldName('attribute'), name)) return undefined;
    const object = attribute.childForFieldName('object');
    const signal = object ? this.resolver.signalOf(object) : undefined;
    if (!signal) return undefined;
    if (!parent || inErrorRegion(attribute)) return undefined;
    if (parent.type === 'decorator') {
      if (gluedByError(grandparent, parent)) return undefined;
      const receiver = this.decoratedReceiver(grandparent);
      return {
        connection: { signal, style: 'decorator', span: spanOf(attribute), arguments: [] },
        handler: receiver.handler,
        receiverKind: receiver.kind,
      };
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
      const receiver = this.decoratedReceiver(greatGrandparent);
      return { connection, handler: receiver.handler, receiverKind: receiver.kind };
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
    const site: HandlerSite = { connection, handler: receiver.handler, receiverSpan: spanOf(receiverNode), receiverKind: receiver.kind };
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

  /** The definition under the decorator; `decorated` is the decorator's parent. */
  private decoratedReceiver(decorated: SyntaxNode | undefined): Receiver {
    const definition = decorated?.type === 'decorated_definition' ? decorated.childForFieldName('definition') : null;
    if (!definition) return { kind: 'definition' };
    if (definition.type === 'class_definition') return { kind: 'class' };
    return { handler: this.handlerFor(definition), kind: 'definition' };
  }

  private referencedReceiver(node: SyntaxNode): Receiver {
    switch (node.type) {
      case 'lambda':
        return { handler: this.handlerFor(node), kind: 'lambda' };
      case 'identifier': {
        const binding = this.resolver.resolveName(node.text, node, true);
        if (binding?.kind === 'def') return { handler: this.handlerFor(binding.node), kind: 'reference' };
        if (binding?.kind === 'value' && binding.value.type === 'lambda') return { handler: this.handlerFor(binding.value), kind: 'reference' };
        return { kind: binding?.kind === 'class' ? 'class' : 'reference' };
      }
      case 'attribute': {
        const method = findMethodReceiver(node, this.resolver);
        return { handler: method ? this.handlerFor(method.definition, method.implicitFirstParam) : undefined, kind: 'attribute' };
      }
      case 'call': {
        const callee = node.childForFieldName('function');
        const calleeName = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : callee?.text;
        return { kind: calleeName === 'partial' ? 'partial' : 'call' };
      }
      default:
        return { kind: 'other' };
    }
  }

  private handlerFor(definition: SyntaxNode, implicitFirstParam?: 'self' | 'cls'): Handler {
    const key = definition.startIndex * 4 + (implicitFirstParam === 'self' ? 1 : implicitFirstParam === 'cls' ? 2 : 0);
    let handler = this.handlers.get(key);
    if (!handler) {
      handler = buildHandler(definition, this.resolver, this.modules, implicitFirstParam);
      this.handlers.set(key, handler);
    }
    return handler;
  }
}

function isKeywordOrSplat(node: SyntaxNode): boolean {
  return node.type === 'keyword_argument' || node.type === 'list_splat' || node.type === 'dictionary_splat';
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
