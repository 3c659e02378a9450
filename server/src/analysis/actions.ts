/**
 * Refactors offered on any connected handler, independent of findings: declare every keyword the
 * signal sends, and make the parameters keyword-only (Celery passes everything by keyword).
 */
import type { Catalog } from '../catalog/catalog';
import type { Fix, TextEdit, Translated } from './diagnostics';
import { signalOfSite } from './hover';
import type { FileModel, HandlerSite, Span } from './model';
import { addAllParamsFix } from './rules/support/addAllParams';
import { messageTable } from './rules/support/messages';
import { handlerContext } from './rules/support/sites';
import type { HandlerContext } from './rules/support/types';
import type { SignalSpec } from '../catalog/types';
import { sentKeywordsOf } from './checker';

const refactorTitles = messageTable('refactors', {
  keywordOnly: { en: () => 'Convert to keyword-only signature', 'zh-cn': () => '改为仅限关键字参数的签名' },
});

const titled = (title: Translated) => ({ title: title.en, titles: title });

export interface Refactor extends Fix {
  kind: 'refactor.rewrite';
}

const overlaps = (a: Span, b: Span): boolean => a.start <= b.end && b.start <= a.end;

/** Sites whose handler definition or connection the range touches. */
export function sitesAt(model: FileModel, range: Span): HandlerSite[] {
  return model.sites.filter((s) => s.handler && (overlaps(s.handler.definitionSpan, range) || overlaps(s.connection.span, range)));
}

/** The rules' view of one site, so refactors write the same edits as the quick-fixes. */
function handlerContextAt(model: FileModel, text: string, catalog: Catalog, celeryVersion: string, site: HandlerSite): HandlerContext | undefined {
  const signal = signalOfSite(catalog, site);
  const sentKeywords = (s: SignalSpec) => sentKeywordsOf(catalog, s, celeryVersion);
  return handlerContext({ text, model, catalog, celeryVersion, sentKeywords, site, signal });
}

/** Inserts `*, ` before the first parameter Celery could fill by position, after `self`/`cls`. */
export function keywordOnlyEdit(site: HandlerSite): TextEdit | undefined {
  const handler = site.handler;
  if (!handler || handler.paramStyle !== 'keywords') return undefined;
  if (handler.params.some((p) => p.kind === 'keyword-only' || p.kind === 'var-positional' || p.kind === 'positional-only')) return undefined;
  const positional = handler.params.filter((p) => p.kind === 'positional');
  const skip = (handler.definedIn === 'class' || handler.implicitFirstParam) && positional[0] && /^(self|cls)$/.test(positional[0].name) ? 1 : 0;
  const first = positional[skip];
  if (!first) return undefined;
  return { span: { start: first.span.start, end: first.span.start }, newText: '*, ' };
}

export function refactorsAt(model: FileModel, text: string, range: Span, catalog: Catalog, celeryVersion = catalog.latestCeleryVersion): Refactor[] {
  const refactors: Refactor[] = [];
  for (const site of sitesAt(model, range)) {
    const context = handlerContextAt(model, text, catalog, celeryVersion, site);
    if (!context) continue;
    const addAll = addAllParamsFix(context);
    if (addAll) refactors.push({ ...addAll.fix, kind: 'refactor.rewrite' });
    if (model.language === 'python') {
      const keywordOnly = keywordOnlyEdit(site);
      if (keywordOnly) refactors.push({ ...titled(refactorTitles.keywordOnly()), edits: [keywordOnly], kind: 'refactor.rewrite' });
    }
  }
  return refactors;
}
