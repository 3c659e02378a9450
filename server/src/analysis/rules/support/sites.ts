/** Helpers rules share to read a site: its handler, its options and where to point a finding. */
import type { Handler, HandlerSite, Span, ConnectArgument, ConnectValue } from '../../model';
import type { HandlerContext, SiteContext } from './types';
import { once } from './once';
import { atLeast, RELEASES } from './versions';
import type { SourceText } from '../../sourceText';

/** The site's handler with its signal, or undefined when signature rules cannot judge it. */
export function handlerContext(context: SiteContext): HandlerContext | undefined {
  // Every signature rule asks for the same site's context: build it once per site context.
  return once(context, HANDLER_CONTEXT, buildHandlerContext);
}

const HANDLER_CONTEXT = Symbol('handler context');

function buildHandlerContext(context: SiteContext): HandlerContext | undefined {
  const { site, signal } = context;
  let result: HandlerContext | undefined;
  // `@sig.connect(task)`: Celery connects the positional argument, not the decorated function.
  // Above @classmethod, connect gets a classmethod object that cannot be called at all.
  if (site.handler && signal && site.connection.signal.resolution === 'catalog' && context.catalog.knowsKeywordsOf(signal) && !site.connection.positionalReceiver && descriptorBelow(site)?.kind !== 'classmethod') {
    result = {
      text: context.text,
      model: context.model,
      catalog: context.catalog,
      celeryVersion: context.celeryVersion,
      celeryVersionOrigin: context.celeryVersionOrigin,
      sentKeywords: context.sentKeywords,
      sitesDefinedAt: context.sitesDefinedAt,
      site,
      signal,
      handler: dispatchHandler(site) ?? site.handler,
      sent: context.sentKeywords(signal),
    };
  }
  return result;
}

/**
 * The function whose signature connect() tests for **kwargs. Under a user decorator that is the
 * wrapper, unless `functools.wraps` left a `__wrapped__` that `inspect.signature` follows: always for
 * a wrapper instance, and for a wrapper function until Celery reads the code flags itself.
 */
export function connectTimeHandler(site: HandlerSite, celeryVersion: string): Handler | undefined {
  const wrapper = site.wrapper;
  if (!wrapper) return site.handler;
  const followed = wrapper.followsWrapped && (wrapper.isInstance || !atLeast(celeryVersion, RELEASES.kwargsFromCode));
  return followed ? site.handler : wrapper.handler;
}

/** The function Celery's keywords land in: the inner function when the wrapper forwards them, else the wrapper. */
export function dispatchHandler(site: HandlerSite): Handler | undefined {
  return site.wrapper && !site.wrapper.forwardsKeywords ? site.wrapper.handler : site.handler;
}

/** `@staticmethod` or `@classmethod` right below the connect decorator: connect receives that object. */
export function descriptorBelow(site: HandlerSite): { kind: 'staticmethod' | 'classmethod'; decorator: Span } | undefined {
  const below = site.decoratorBelow;
  if (site.connection.style === 'call' || !site.handler || site.handler.definedIn !== 'class' || !below) return undefined;
  const kind = below.name.split('.').pop();
  return kind === 'staticmethod' || kind === 'classmethod' ? { kind, decorator: below.span } : undefined;
}

/** Where to point a finding about the handler as a whole: its name, else the `lambda`/`async`/`function` keyword. */
export function handlerAnchor(_text: SourceText, handler: Handler): Span {
  if (handler.nameSpan) return handler.nameSpan;
  const start = handler.definitionSpan.start;
  const keyword = handler.asyncKeywordSpan ? 'async' : handler.kind === 'lambda' ? 'lambda' : handler.kind === 'function-expression' ? 'function' : undefined;
  if (keyword) return { start, end: start + keyword.length };
  return handler.paramsSpan.end > handler.paramsSpan.start ? handler.paramsSpan : handler.definitionSpan;
}

/** Names Celery's `connect` accepts after the receiver, in positional order. */
export const CONNECT_OPTIONS = ['sender', 'weak', 'dispatch_uid', 'retry'] as const;
export type ConnectOption = (typeof CONNECT_OPTIONS)[number];

/**
 * The option each argument fills. Front ends name positional options by their place; an argument
 * without a keyword (a splat, or a fifth positional) fills no known option.
 */
export function optionArguments(site: HandlerSite): { option: string; argument: ConnectArgument }[] {
  return site.connection.arguments.map((argument) => ({ option: argument.keyword ?? '', argument }));
}

export function optionValue(site: HandlerSite, option: ConnectOption): ConnectValue | undefined {
  return optionArguments(site).find((o) => o.option === option)?.argument.value;
}

export function quote(name: string): string {
  return `\`${name}\``;
}
