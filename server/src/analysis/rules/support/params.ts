/** How Celery fills each parameter of a handler: it passes every keyword by name and nothing else. */
import type { ParamSpec } from '../../../catalog/types';
import type { HandlerParam } from '../../model';
import { closestName } from './didYouMean';
import { dispatchFailureText, neverSentText } from './phrases';
import { once } from './once';
import type { HandlerContext } from './types';

export interface NamedParam {
  param: HandlerParam;
  /** The keyword that fills it at the configured version. */
  sent?: ParamSpec;
  /** The keyword exists, but only from a later release than the configured one. */
  later?: ParamSpec;
}

/** Parameters a keyword could fill, leaving out catch-alls and a bound `self`/`cls`. Callers must not change the list. */
export function namedParams(context: HandlerContext): NamedParam[] {
  return once(context, NAMED, findNamed);
}

/** Most signature rules ask for them. */
const NAMED = Symbol('named parameters');

function findNamed(context: HandlerContext): NamedParam[] {
  const { handler, sent } = context;
  const params = handler.params.filter((p) => p.kind !== 'var-keyword' && p.kind !== 'var-positional' && p.kind !== 'object-rest');
  const first = handler.params[0];
  const boundFirst = handler.implicitFirstParam && first && (first.kind === 'positional' || first.kind === 'positional-only') ? first : undefined;
  return params
    .filter((param) => param !== boundFirst)
    .map((param) => ({ param, sent: sent.byName.get(param.name), later: sent.later.get(param.name) }));
}

/** English only; messages use dispatchFailureText (support/phrases.ts), which also speaks Chinese. */
export function dispatchFailure(context: Pick<HandlerContext, 'site' | 'celeryVersion'>, skipped: 'body' | 'rest' = 'body'): string {
  return dispatchFailureText(context, skipped).en;
}

/** Keywords the signal sends that no parameter takes yet: the candidates for a rename. */
export function undeclaredKeywords(context: HandlerContext): string[] {
  const declared = new Set(context.handler.params.map((p) => p.name));
  return [...context.sent.byName.keys()].filter((name) => !declared.has(name));
}

export function suggestion(context: HandlerContext, name: string): string | undefined {
  return closestName(name, undeclaredKeywords(context));
}

/** English only; messages use neverSentText (support/phrases.ts). */
export function neverSentReason(context: HandlerContext, entry: NamedParam): string {
  return neverSentText(context, entry).en;
}
