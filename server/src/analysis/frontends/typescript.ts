/**
 * The TypeScript/JavaScript front end (typescript, tsx and javascript grammars): finds handlers
 * connected with `<signal>.connect(handler, options)` or `@<signal>.connect` on a method, and turns
 * them into the same FileModel the Python front end produces. The convention is described in
 * docs/typescript.md.
 *
 * Connect sites are found by searching the text for `connect` and asking the tree what is there,
 * which is much cheaper than walking or querying the whole tree of a large file.
 */
import type { Catalog } from '../../catalog/catalog';
import type { SyntaxNode, Tree } from '../../parsing/treeSitter';
import type { Connection, FileModel, HandlerSite, SignalRef, SourceLanguage, Span, SyntaxProblem, TaskDefinition } from '../model';
import type { ExtractOptions, FrontEnd } from './frontend';
import { decoratedHandler, decoratedMember, optionArguments, positionalArgument, receiverOf, type NameClassifier } from './typescriptConnect';
import { bindingScope, declarationIn } from './typescriptScope';
import { SignalFlow } from './typescriptFlow';
import { SignalResolver } from './typescriptSignals';
import { isFunctionNode, namedChildrenOf, spanOf, unwrapExpression } from './typescriptSyntax';
import { inErrorRegion, repairedByParser } from './errorRegions';
import { instanceLifetimeOf, localLifetimeOf } from './typescriptLifetime';
import { taskDefinitions } from './typescriptTasks';
import { recordWrittenTexts } from './writtenText';
import { flatText, type SourceText } from '../sourceText';

/** True when `offset` is inside one of the spans (or no spans were given). */
function isWithin(offset: number, within: readonly Span[] | undefined): boolean {
  return !within || within.some((span) => span.start <= offset && offset < span.end);
}

function connectMembers(root: SyntaxNode, text: string, within: readonly Span[] | undefined): SyntaxNode[] {
  const members: SyntaxNode[] = [];
  for (const match of text.matchAll(/(?<=\.\s*)connect(?![\w$])/g)) {
    if (!isWithin(match.index!, within)) continue;
    const property = root.descendantForIndex(match.index!, match.index! + 'connect'.length);
    const member = property?.parent;
    if (property?.type === 'property_identifier' && member?.type === 'member_expression' && member.childForFieldName('property')?.id === property.id) {
      members.push(member);
    }
  }
  return members;
}

function argumentNodes(call: SyntaxNode): { list?: SyntaxNode; args: SyntaxNode[] } {
  const list = call.childForFieldName('arguments') ?? undefined;
  return { list, args: list ? namedChildrenOf(list).filter((a) => a.type !== 'comment') : [] };
}

function isObjectLiteral(node: SyntaxNode): boolean {
  return unwrapExpression(node).type === 'object';
}

function siteOf(member: SyntaxNode, signal: SignalRef, text: string, classify: NameClassifier): HandlerSite | undefined {
  const parent = member.parent;
  if (!parent || inErrorRegion(member)) return undefined;

  if (parent.type === 'decorator') {
    const target = decoratedMember(parent);
    const connection: Connection = { signal, style: 'decorator', span: spanOf(member), arguments: [] };
    return { connection, handler: target ? decoratedHandler(target, text) : undefined, receiverKind: 'definition' };
  }
  if (parent.type !== 'call_expression' || parent.childForFieldName('function')?.id !== member.id) return undefined;

  const { list, args } = argumentNodes(parent);
  // `connect(` left open takes the next statement as its argument: a guess, not a connection.
  if (repairedByParser(list)) return undefined;
  const argumentsSpan = list ? spanOf(list) : undefined;
  const grandparent = parent.parent;
  if (grandparent?.type === 'decorator') {
    const connection: Connection = { signal, style: 'decorator-call', span: spanOf(parent), argumentsSpan, arguments: [] };
    const [first, ...rest] = args;
    if (first && isObjectLiteral(first)) {
      connection.optionsSpan = spanOf(unwrapExpression(first));
      connection.arguments.push(...optionArguments(unwrapExpression(first), classify));
    }
    else if (first && unwrapExpression(first).type === 'string') connection.arguments.push(positionalArgument(first, 0, classify));
    else if (first) connection.positionalReceiver = { ...positionalArgument(first, 0, classify), keyword: undefined };
    rest.forEach((extra, index) => connection.arguments.push(positionalArgument(extra, index + 1, classify)));
    const target = decoratedMember(grandparent);
    const handler = target && !connection.positionalReceiver ? decoratedHandler(target, text) : undefined;
    return { connection, handler, receiverKind: 'definition' };
  }

  const [receiver, ...rest] = args;
  const connection: Connection = { signal, style: 'call', span: spanOf(parent), argumentsSpan, arguments: [] };
  rest.forEach((extra, index) => {
    if (isObjectLiteral(extra)) {
      connection.optionsSpan ??= spanOf(unwrapExpression(extra));
      connection.arguments.push(...optionArguments(unwrapExpression(extra), classify));
    } else connection.arguments.push(positionalArgument(extra, index, classify));
  });
  return { connection, ...(receiver ? receiverOf(receiver, text) : {}) };
}

/** Statements whose body may run never or many times while the module loads. */
const MAYBE_RUNS = new Set(['if_statement', 'try_statement', 'while_statement', 'do_statement', 'switch_statement', 'class_body']);

/** The connect runs once while the module loads: in the program's statements, or a `for` body among them. */
function runsOnceAtLoad(node: SyntaxNode): boolean {
  for (let ancestor = node.parent; ancestor; ancestor = ancestor.parent) {
    if (isFunctionNode(ancestor) || MAYBE_RUNS.has(ancestor.type)) return false;
  }
  return true;
}

/** What keeps a bound method's instance, or a nested function, alive besides the signal. */
function noteLifetime(site: HandlerSite, root: SyntaxNode): void {
  const receiver = site.receiverKind === 'attribute' && site.receiverSpan ? root.descendantForIndex(site.receiverSpan.start, site.receiverSpan.end) : null;
  const instanceLifetime = receiver ? instanceLifetimeOf(receiver) : undefined;
  if (instanceLifetime) site.instanceLifetime = instanceLifetime;
  const handler = site.handler;
  if (handler?.definedIn !== 'function' || !handler.name) return;
  const lifetime = localLifetimeOf(root, handler.definitionSpan, handler.name, site.connection.span);
  if (lifetime) site.localLifetime = lifetime;
}

/** Nodes whose inside is JSX text or a type: tree-sitter rejects some valid code there, and no handler hides there. */
const INERT_CONTAINERS = new Set(['jsx_element', 'jsx_fragment', 'jsx_self_closing_element', 'type_arguments', 'type_annotation', 'object_type', 'type_alias_declaration']);
/** Code again inside an inert container: `{expression}` in JSX, a function body in a type's default. */
const CODE_CONTAINERS = new Set(['jsx_expression', 'statement_block']);

function syntaxProblems(root: SyntaxNode, out: SyntaxProblem[] = []): SyntaxProblem[] {
  // An explicit stack (children pushed last-first to keep document order): errors can nest deeper than the JS stack.
  const stack: { node: SyntaxNode; inert: boolean }[] = [{ node: root, inert: false }];
  while (stack.length > 0) {
    const { node, inert } = stack.pop()!;
    if (!node.hasError && !node.isMissing) continue;
    const marker = inert ? { inert: true } : {};
    if (node.isMissing) out.push({ span: spanOf(node), message: `Syntax error: missing ${node.type}`, ...marker });
    else if (node.isError) out.push({ span: spanOf(node), message: 'Syntax error: unexpected code', ...marker });
    else {
      const inside = CODE_CONTAINERS.has(node.type) ? false : inert || INERT_CONTAINERS.has(node.type);
      for (const child of node.children.reverse()) if (child) stack.push({ node: child, inert: inside });
    }
  }
  return out;
}

function languageOf(root: SyntaxNode): SourceLanguage {
  // Only the TypeScript grammars produce type nodes; a plain JavaScript file parsed with them would not
  // be told apart, but callers pick the grammar from the file name, so this only matters for labels.
  const probe = root.tree.language;
  return probe.idForNodeType('type_annotation', true) ? 'typescript' : 'javascript';
}

function classifierFor(resolver: SignalResolver, tasks: TaskDefinition[]): NameClassifier {
  const taskStarts = new Set(tasks.map((t) => t.span.start));
  return (identifier) => {
    const name = identifier.text;
    const scope = bindingScope(identifier, name);
    const declaration = scope ? declarationIn(scope, name) : undefined;
    if (!declaration) return 'unknown';
    if (taskStarts.has(declaration.startIndex)) return 'task';
    if (resolver.resolve(identifier)?.resolution === 'catalog') return 'signal';
    if (declaration.type === 'class_declaration' || declaration.type === 'abstract_class_declaration') return 'class';
    if (isFunctionNode(declaration)) return 'function';
    const value = declaration.childForFieldName('value');
    if (value && isFunctionNode(unwrapExpression(value))) return 'function';
    if (value && unwrapExpression(value).type === 'class') return 'class';
    return 'unknown';
  };
}

export const extractTypeScript: FrontEnd = (tree: Tree, source: SourceText, catalog: Catalog, options?: ExtractOptions): FileModel => {
  // Large TypeScript documents are rare: this front end reads one flat string.
  const text = flatText(source);
  const root = tree.rootNode;
  const resolver = new SignalResolver(root, text, catalog);
  const tasks = taskDefinitions(root);
  const classify = classifierFor(resolver, tasks);
  const sites: HandlerSite[] = [];
  const flow = new SignalFlow(resolver, text);
  for (const member of connectMembers(root, text, options?.within)) {
    const signalNode = member.childForFieldName('object');
    // A loop variable holds several signals in turn: each one is a connection of its own.
    for (const signal of signalNode ? flow.signalsOf(signalNode) : []) {
      const site = siteOf(member, signal, text, classify);
      if (!site) continue;
      site.connection.topLevel = runsOnceAtLoad(member);
      noteLifetime(site, root);
      sites.push(site);
    }
  }
  const signalRefs = resolver.references((offset) => isWithin(offset, options?.within));
  const known = new Set(signalRefs.map((r) => r.nameSpan.start));
  for (const site of sites) if (!known.has(site.connection.signal.nameSpan.start)) signalRefs.push(site.connection.signal);
  recordWrittenTexts(sites, text);
  signalRefs.sort((a, b) => a.nameSpan.start - b.nameSpan.start);
  return {
    language: languageOf(root),
    sites,
    signalRefs,
    imports: resolver.imports(),
    tasks,
    syntaxProblems: syntaxProblems(root),
  };
};
