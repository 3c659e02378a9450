/** Builds the model's Handler for a Python function or lambda: parameters, free reads, where it lives. */
import type { SyntaxNode } from '../../parsing/treeSitter';
import type { Handler, NameRead } from '../model';
import type { SignalModuleIndex } from './pythonImports';
import type { PythonResolver } from './pythonResolve';
import { ScopeWalker } from './pythonScopes';
import { enclosingDefinitionKind, spanOf } from './pythonSyntax';

export function buildHandler(
  definition: SyntaxNode,
  resolver: PythonResolver,
  modules: SignalModuleIndex,
  implicitFirstParam?: 'self' | 'cls',
): Handler {
  const isLambda = definition.type === 'lambda';
  const nameNode = isLambda ? null : definition.childForFieldName('name');
  const paramsNode = definition.childForFieldName('parameters');
  const parsed = resolver.parameters.of(definition);
  const definedIn = enclosingDefinitionKind(definition, resolver.nav);
  const scope = new ScopeWalker(modules, resolver.nav.text, true, resolver.parameters).functionScope(definition);
  const paramNames = new Set(parsed.map((param) => param.name));
  const isBoundOutside = resolver.boundOutside(definition);
  const freeReads: NameRead[] = [];
  const paramReads: NameRead[] = [];
  for (const read of scope.reads) {
    const span = { start: read.start, end: read.end };
    if (scope.declaredGlobal.has(read.name) || scope.declaredNonlocal.has(read.name)) continue;
    if (read.global) {
      freeReads.push({ name: read.name, span, boundOutside: resolver.isBoundInModule(read.name) });
    } else if (paramNames.has(read.name)) {
      paramReads.push({ name: read.name, span, boundOutside: false });
    } else if (!scope.bindings.has(read.name)) {
      freeReads.push({ name: read.name, span, boundOutside: isBoundOutside(read.name) });
    }
  }
  const byPosition = (a: NameRead, b: NameRead): number => a.span.start - b.span.start;
  return {
    name: nameNode?.text,
    nameSpan: nameNode ? spanOf(nameNode) : undefined,
    kind: isLambda ? 'lambda' : definedIn === 'class' ? 'method' : 'function',
    isAsync: definition.firstChild?.type === 'async',
    definedIn,
    paramStyle: 'keywords',
    params: parsed.map((param) => ({
      name: param.name,
      kind: param.kind,
      hasDefault: !!param.defaultNode,
      span: spanOf(param.node),
      nameSpan: spanOf(param.nameNode),
      annotation: param.typeNode?.text,
    })),
    paramsSpan: paramsNode ? spanOf(paramsNode) : emptyParamsSpan(definition, nameNode),
    definitionSpan: spanOf(definition),
    freeReads: freeReads.sort(byPosition),
    paramReads: paramReads.sort(byPosition),
    implicitFirstParam,
  };
}

/** `lambda: ...` has no parameter node: an empty span right after the keyword. */
function emptyParamsSpan(definition: SyntaxNode, nameNode: SyntaxNode | null): { start: number; end: number } {
  const after = nameNode?.endIndex ?? definition.firstChild?.endIndex ?? definition.startIndex;
  return { start: after, end: after };
}
