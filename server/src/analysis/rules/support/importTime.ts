/**
 * What runs while a Python module is imported, and where that import first fails. A failure there
 * stops the module, so every connect after it never happens.
 */
import type { Catalog } from '../../../catalog/catalog';
import type { HandlerSite, Span } from '../../model';
import { keptFor } from '../../siteOrigins';
import { customReceiversWithoutKwargs } from '../customSignalNoKwargs';
import { usedBeforeDefinition } from '../receiverDefinedLater';
import { starImportMisses } from '../notInStarImport';
import { isMissingName } from './signalRefs';
import { connectTimeHandler, optionValue } from './sites';
import type { FileContext } from './types';
import { atLeast, connectOptionsFor, RELEASES } from './versions';

/** True when the connect runs as the module is imported (module level or a module-level class body). */
export function connectsAtImport(site: HandlerSite): boolean {
  if (site.connection.style !== 'call' && site.handler) return site.handler.definedIn !== 'function';
  return site.connection.topLevel === true;
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


/** Why a connect that runs at import makes the import fail, per site object (or the site it was copied from). */
const siteFailures = new WeakMap<HandlerSite, { catalog: Catalog; celeryVersion: string; reason: string | undefined }>();

/**
 * Why the site's connect fails, if it does. Kept per site: it reads nothing but the site's facts
 * (the order of its own spans aside, which an edit elsewhere keeps), the catalog, the release and
 * the model's language, which a site never changes.
 */
function siteFailure(context: FileContext, site: HandlerSite): string | undefined {
  const { model, catalog, celeryVersion } = context;
  const found = siteFailures.get(site);
  if (found && found.catalog === catalog && found.celeryVersion === celeryVersion) return found.reason;
  let kept = found ?? keptFor(siteFailures, site);
  if (!kept || kept.catalog !== catalog || kept.celeryVersion !== celeryVersion) {
    const later = usedBeforeDefinition({ model, site });
    kept = { catalog, celeryVersion, reason: refusedAtConnect(context, site) ?? (later && `${later.name} is used before it is defined`) };
  }
  siteFailures.set(site, kept);
  return kept.reason;
}

/** The earliest point where importing this Python module raises, if the checker can tell. */
export function firstImportFailure(context: FileContext): ImportFailure | undefined {
  const { model, catalog, celeryVersion } = context;
  if (model.language !== 'python') return undefined;
  let first: ImportFailure | undefined;
  const consider = (offset: number, span: Span, reason: string, importedName?: string) => {
    if (!first || offset < first.offset) first = { offset, span, reason, importedName };
  };
  const imports = model.imports;
  const refs = imports.length > 0 ? model.signalRefs : [];
  // Indexed loops: every reference is compared with every import, and an unoptimised for-of makes
  // objects per step.
  for (let r = 0; r < refs.length; r++) {
    const ref = refs[r];
    // The import binding the reference sits in (then it is in an import statement: see inImport).
    let binding: (typeof imports)[number] | undefined;
    for (let i = 0; i < imports.length; i++) {
      const b = imports[i];
      if (b.span.start <= ref.nameSpan.start && ref.nameSpan.end <= b.span.end) {
        binding = b;
        break;
      }
    }
    if (!binding?.topLevel) continue;
    const spec = ref.resolution === 'catalog' ? catalog.get(ref.name) : undefined;
    const missing = isMissingName(ref, catalog, celeryVersion) || (spec?.since !== undefined && !atLeast(celeryVersion, spec.since));
    if (missing) consider(binding.span.start, ref.nameSpan, `${ref.name} cannot be imported`, ref.name);
  }
  for (let s = 0; s < model.sites.length; s++) {
    const site = model.sites[s];
    if (!connectsAtImport(site)) continue;
    const reason = siteFailure(context, site);
    if (reason) consider(site.connection.span.start, site.connection.signal.nameSpan, reason);
  }
  for (const receiver of customReceiversWithoutKwargs(model)) {
    if (receiver.topLevel) consider(receiver.connectSpan.start, receiver.nameSpan, `${receiver.signal} refused a receiver without **kwargs`);
  }
  for (const use of model.reboundSignalUses ?? []) {
    if (use.topLevel) consider(use.span.start, use.span, `${use.name} no longer names the signal`);
  }
  for (const use of starImportMisses(model, catalog)) {
    if (use.topLevel) consider(use.span.start, use.span, `${use.name} is not bound by the star import`);
  }
  return first;
}
