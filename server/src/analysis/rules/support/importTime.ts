/**
 * What runs while a Python module is imported, and where that import first fails. A failure there
 * stops the module, so every connect after it never happens.
 */
import type { HandlerSite, Span } from '../../model';
import { customReceiversWithoutKwargs } from '../customSignalNoKwargs';
import { usedBeforeDefinition } from '../receiverDefinedLater';
import { notInStarImport } from '../notInStarImport';
import { inImport, isMissingName } from './signalRefs';
import { connectTimeHandler, optionValue } from './sites';
import type { FileContext } from './types';
import { atLeast, connectOptionsFor, RELEASES } from './versions';

export function lineIndent(text: string, offset: number): number {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let i = lineStart;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i - lineStart;
}

/** True when the connect runs as the module is imported (module level or a module-level class body). */
export function connectsAtImport(text: string, site: HandlerSite): boolean {
  if (site.connection.style !== 'call' && site.handler) return site.handler.definedIn !== 'function';
  return site.connection.topLevel ?? lineIndent(text, site.connection.span.start) === 0;
}

export interface ImportFailure {
  offset: number;
  span: Span;
  reason: string;
  /** The signal whose import fails, when that is the failure. */
  importedName?: string;
}

function refusedAtConnect(context: FileContext, site: HandlerSite): string | undefined {
  const { catalog, celeryVersion } = context;
  const handler = site.handler;
  const signal = site.connection.signal.resolution === 'catalog' ? catalog.get(site.connection.signal.name) : undefined;
  const known = connectOptionsFor(celeryVersion);
  if (site.connection.arguments.some((a) => !a.positional && a.keyword !== undefined && a.keywordSpan && !known.includes(a.keyword))) {
    return 'connect() was given an unknown option';
  }
  if (!handler || !signal || site.connection.positionalReceiver || handler.paramStyle !== 'keywords') return undefined;
  const inspected = connectTimeHandler(site, celeryVersion) ?? handler;
  if (inspected.params.some((p) => p.kind === 'var-keyword')) return undefined;
  if (!atLeast(celeryVersion, RELEASES.connectChecksKwargs)) return undefined;
  const retry = optionValue(site, 'retry');
  if (retry?.kind === 'bool' && retry.value && atLeast(celeryVersion, RELEASES.retryOption)) return undefined;
  return 'a receiver without **kwargs was refused';
}

function starImportMisses(context: FileContext): Span[] {
  return notInStarImport.check(context).map((f) => f.span);
}

/** The earliest point where importing this Python module raises, if the checker can tell. */
export function firstImportFailure(context: FileContext): ImportFailure | undefined {
  const { model, text, catalog, celeryVersion } = context;
  if (model.language !== 'python') return undefined;
  let first: ImportFailure | undefined;
  const consider = (offset: number, span: Span, reason: string, importedName?: string) => {
    if (!first || offset < first.offset) first = { offset, span, reason, importedName };
  };
  for (const ref of model.signalRefs) {
    const binding = model.imports.find((b) => b.span.start <= ref.nameSpan.start && ref.nameSpan.end <= b.span.end);
    if (!binding || !inImport(model, ref) || lineIndent(text, binding.span.start) !== 0) continue;
    const spec = ref.resolution === 'catalog' ? catalog.get(ref.name) : undefined;
    const missing = isMissingName(ref, catalog, celeryVersion) || (spec?.since !== undefined && !atLeast(celeryVersion, spec.since));
    if (missing) consider(binding.span.start, ref.nameSpan, `${ref.name} cannot be imported`, ref.name);
  }
  for (const site of model.sites) {
    if (!connectsAtImport(text, site)) continue;
    const later = usedBeforeDefinition({ ...context, site, signal: undefined });
    const reason = refusedAtConnect(context, site) ?? (later && `${later.name} is used before it is defined`);
    if (reason) consider(site.connection.span.start, site.connection.signal.nameSpan, reason);
  }
  for (const { signal, receiver } of customReceiversWithoutKwargs(text)) {
    if (lineIndent(text, receiver.connectAt) === 0) consider(receiver.connectAt, receiver.nameSpan, `${signal} refused a receiver without **kwargs`);
  }
  for (const use of model.reboundSignalUses ?? []) {
    if (lineIndent(text, use.span.start) === 0) consider(use.span.start, use.span, `${use.name} no longer names the signal`);
  }
  for (const use of starImportMisses(context)) {
    if (lineIndent(text, use.start) === 0) consider(use.start, use, `${text.slice(use.start, use.end)} is not bound by the star import`);
  }
  return first;
}
