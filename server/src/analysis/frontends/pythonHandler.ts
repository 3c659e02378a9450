/** Builds the model's Handler for a Python function or lambda: parameters, free reads, where it lives. */
import type { SyntaxNode } from '../../parsing/treeSitter';
import type { Handler, NameRead, Span } from '../model';
import type { DefinitionHeader } from './pythonParams';
import type { SignalModuleIndex } from './pythonImports';
import type { PythonResolver } from './pythonResolve';
import { bodyFactsOf } from './pythonBodyFacts';
import { mappingReadsOf } from './pythonMappingReads';
import { ScopeWalker } from './pythonScopes';
import { enclosingDefinitionKind, spanOf } from './pythonSyntax';

export function buildHandler(
  definition: SyntaxNode,
  resolver: PythonResolver,
  modules: SignalModuleIndex,
  implicitFirstParam?: 'self' | 'cls',
): Handler {
  const isLambda = definition.type === 'lambda';
  const header = resolver.parameters.header(definition);
  const nameSpan = isLambda ? undefined : header.nameSpan;
  const parsed = header.params;
  const definedIn = enclosingDefinitionKind(definition, resolver.nav);
  const scope = new ScopeWalker(modules, resolver.nav.text, true, resolver.parameters).functionScope(definition);
  const paramNames = new Set(parsed.map((param) => param.name));
  const isBoundOutside = resolver.boundOutside(definition);
  const freeReads: NameRead[] = [];
  const paramReads: NameRead[] = [];
  // Nested functions the handler itself refers to (calls, returns, hands on): their reads may run.
  const referenced = new Set(scope.reads.filter((read) => read.via === undefined).map((read) => read.name));
  for (const read of scope.reads) {
    const span: Span = { start: read.start, end: read.end };
    if (scope.declaredGlobal.has(read.name) || scope.declaredNonlocal.has(read.name)) continue;
    if (read.global) {
      freeReads.push({ name: read.name, span, boundOutside: resolver.isBoundInModule(read.name) });
    } else if (paramNames.has(read.name)) {
      paramReads.push({ name: read.name, span, boundOutside: false });
    } else if (!scope.bindings.has(read.name)) {
      const free: NameRead = { name: read.name, span, boundOutside: isBoundOutside(read.name) };
      if (read.via !== undefined && !referenced.has(read.via)) free.deferred = true;
      freeReads.push(free);
    }
  }
  const catchAll = parsed.find((param) => param.kind === 'var-keyword')?.name;
  const body = bodyFactsOf(definition, catchAll, paramNames);
  const named = new Set(parsed.filter((param) => param.kind !== 'var-keyword' && param.kind !== 'var-positional').map((param) => param.name));
  return {
    name: nameSpan ? resolver.nav.text.slice(nameSpan.start, nameSpan.end) : undefined,
    nameSpan: nameSpan ? { ...nameSpan } : undefined,
    kind: isLambda ? 'lambda' : definedIn === 'class' ? 'method' : 'function',
    isAsync: header.isAsync,
    definedIn,
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
    freeReads: freeReads.sort(byPosition),
    paramReads: paramReads.sort(byPosition),
    implicitFirstParam,
    yields: body.yields,
    awaits: body.awaits,
    asyncKeywordSpan: header.isAsync ? { start: definition.startIndex, end: definition.child(1)?.startIndex ?? definition.startIndex + 5 } : undefined,
    catchAllReads: body.catchAllReads,
    paramAttributeReads: body.paramAttributeReads,
    mappingReads: mappingReadsOf(definition, named),
  };
}

/** `lambda: ...` has no parameter node: an empty span right after the keyword. */
function emptyParamsSpan(header: DefinitionHeader, nameSpan: Span | undefined): Span {
  const after = nameSpan?.end ?? header.firstTokenEnd;
  return { start: after, end: after };
}

/** Module-level so that no closure is created (and named, under tsx) per handler. */
function byPosition(a: NameRead, b: NameRead): number {
  return a.span.start - b.span.start;
}
