/** Builds the model's Handler for a Python function or lambda: parameters, free reads, where it lives. */
import type { SyntaxNode } from '../../parsing/treeSitter';
import type { Handler, NameRead, Span } from '../model';
import type { DefinitionHeader } from './pythonParams';
import type { SignalModuleIndex } from './pythonImports';
import type { PythonResolver } from './pythonResolve';
import { bodyFactsOf } from './pythonBodyFacts';
import { handlerBodyNodes } from './pythonBodyNodes';
import { mappingReadsOf } from './pythonMappingReads';
import { ScopeWalker } from './pythonScopes';
import { enclosingDefinitionKind, spanOf } from './pythonSyntax';
import { shiftedSpans, type FactMemo } from './factMemo';
import type { SourceText } from '../sourceText';

/** A read the handler does not bind itself; whether something outside binds it is asked per analysis. */
interface OutsideRead {
  name: string;
  span: Span;
  /** Declared `global`: only the module and builtins can bind it. */
  global: boolean;
  deferred?: boolean;
}

/**
 * Everything about a handler that its definition's own text decides, spans relative to the
 * definition's start. Where the definition sits (module, class, function) and what binds its free
 * names outside it are added by `buildHandler` on every analysis.
 */
interface DefinitionFacts {
  handler: Omit<Handler, 'kind' | 'definedIn' | 'freeReads' | 'implicitFirstParam'>;
  outsideReads: OutsideRead[];
}

export function buildHandler(
  definition: SyntaxNode,
  resolver: PythonResolver,
  modules: SignalModuleIndex,
  implicitFirstParam?: 'self' | 'cls',
  memo?: FactMemo,
): Handler {
  const start = definition.startIndex;
  // A definition with a syntax error is read afresh: recovery may depend on the code around it.
  const key = memo && !definition.hasError ? definitionKey(definition, resolver.nav.text) : undefined;
  // Facts read now are used as they are; the memo keeps a copy relative to the definition's start.
  let facts: DefinitionFacts | undefined;
  const kept = key === undefined ? undefined : memo!.get(key, () => shiftedSpans((facts = definitionFacts(definition, resolver, modules)), -start));
  facts ??= kept ? shiftedSpans(kept, start) : definitionFacts(definition, resolver, modules);
  const definedIn = enclosingDefinitionKind(definition, resolver.nav);
  const isBoundOutside = resolver.boundOutside(definition);
  // Written out rather than rest and spread (a handler-dense module has thousands), in the same key order.
  const freeReads: NameRead[] = facts.outsideReads.map(({ name, span, global, deferred }) => {
    const boundOutside = global ? resolver.isBoundInModule(name) : isBoundOutside(name);
    return deferred === undefined ? { name, span, boundOutside } : { name, span, deferred, boundOutside };
  });
  const { handler } = facts;
  return {
    name: handler.name,
    nameSpan: handler.nameSpan,
    kind: definition.type === 'lambda' ? 'lambda' : definedIn === 'class' ? 'method' : 'function',
    isAsync: handler.isAsync,
    definedIn,
    paramStyle: handler.paramStyle,
    params: handler.params,
    paramsSpan: handler.paramsSpan,
    definitionSpan: handler.definitionSpan,
    freeReads,
    paramReads: handler.paramReads,
    implicitFirstParam,
    yields: handler.yields,
    awaits: handler.awaits,
    asyncKeywordSpan: handler.asyncKeywordSpan,
    catchAllReads: handler.catchAllReads,
    paramAttributeReads: handler.paramAttributeReads,
    mappingReads: handler.mappingReads,
  };
}

/**
 * What the facts of a definition are read from: its kind, its text and the column it starts at (the
 * indentation its body's lines are measured against).
 */
function definitionKey(definition: SyntaxNode, text: SourceText): string {
  const start = definition.startIndex;
  const column = start - text.lastIndexOf('\n', start - 1) - 1;
  return `handler\u0000${definition.type}\u0000${column}\u0000${text.slice(start, definition.endIndex)}`;
}

/** Reads only the definition's own subtree (and the text inside it). */
function definitionFacts(definition: SyntaxNode, resolver: PythonResolver, modules: SignalModuleIndex): DefinitionFacts {
  const text = resolver.nav.text;
  const isLambda = definition.type === 'lambda';
  const header = resolver.parameters.header(definition);
  const nameSpan = isLambda ? undefined : header.nameSpan;
  const parsed = header.params;
  const scope = new ScopeWalker(modules, text, true, resolver.parameters).functionScope(definition);
  const paramNames = new Set(parsed.map((param) => param.name));
  const outsideReads: OutsideRead[] = [];
  const paramReads: NameRead[] = [];
  // Nested functions the handler itself refers to (calls, returns, hands on): their reads may run.
  const referenced = new Set(scope.reads.filter((read) => read.via === undefined).map((read) => read.name));
  // Indexed: unoptimised, a for-of makes objects per step, and every handler of a module comes here.
  for (let i = 0; i < scope.reads.length; i++) {
    const read = scope.reads[i];
    const span: Span = { start: read.start, end: read.end };
    if (scope.declaredGlobal.has(read.name) || scope.declaredNonlocal.has(read.name)) continue;
    if (read.global) {
      outsideReads.push({ name: read.name, span, global: true });
    } else if (paramNames.has(read.name)) {
      paramReads.push({ name: read.name, span, boundOutside: false });
    } else if (!scope.bindings.has(read.name)) {
      const free: OutsideRead = { name: read.name, span, global: false };
      if (read.via !== undefined && !referenced.has(read.via)) free.deferred = true;
      outsideReads.push(free);
    }
  }
  const catchAll = parsed.find((param) => param.kind === 'var-keyword')?.name;
  const own = handlerBodyNodes(definition, text, paramNames);
  const body = bodyFactsOf(own, catchAll, paramNames);
  const named = new Set(parsed.filter((param) => param.kind !== 'var-keyword' && param.kind !== 'var-positional').map((param) => param.name));
  return {
    handler: {
      name: nameSpan ? text.slice(nameSpan.start, nameSpan.end) : undefined,
      nameSpan: nameSpan ? { ...nameSpan } : undefined,
      isAsync: header.isAsync,
      paramStyle: 'keywords',
      params: parsed.map((param) => ({
        name: param.name,
        kind: param.kind,
        hasDefault: param.hasDefault,
        span: { ...param.span },
        nameSpan: { ...param.nameSpan },
        annotation: param.annotation,
      })),
      paramsSpan: header.paramsSpan ? { ...header.paramsSpan } : emptyParamsSpan(header, nameSpan),
      definitionSpan: spanOf(definition),
      paramReads: inPositionOrder(paramReads),
      yields: body.yields,
      awaits: body.awaits,
      asyncKeywordSpan: header.isAsync ? { start: definition.startIndex, end: definition.child(1)?.startIndex ?? definition.startIndex + 5 } : undefined,
      catchAllReads: body.catchAllReads,
      paramAttributeReads: body.paramAttributeReads,
      mappingReads: mappingReadsOf(own, named),
    },
    outsideReads: inPositionOrder(outsideReads),
  };
}

/** `lambda: ...` has no parameter node: an empty span right after the keyword. */
function emptyParamsSpan(header: DefinitionHeader, nameSpan: Span | undefined): Span {
  const after = nameSpan?.end ?? header.firstTokenEnd;
  return { start: after, end: after };
}

/** Module-level so that no closure is created (and named, under tsx) per handler. */
function byPosition(a: { span: Span }, b: { span: Span }): number {
  return a.span.start - b.span.start;
}

/**
 * `reads` sorted by position (a stable sort). Reads come in text order but for those of nested
 * scopes, so most lists are sorted already, and sort() would copy each one to a scratch array first.
 */
function inPositionOrder<T extends { span: Span }>(reads: T[]): T[] {
  for (let i = 1; i < reads.length; i++) if (reads[i - 1].span.start > reads[i].span.start) return reads.sort(byPosition);
  return reads;
}
