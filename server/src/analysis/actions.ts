/**
 * Refactors offered on any connected handler, independent of findings: declare every keyword the
 * signal sends, and make the parameters keyword-only (Celery passes everything by keyword).
 */
import type { Catalog } from '../catalog/catalog';
import type { Fix, TextEdit, Translated } from './diagnostics';
import { signalOfSite } from './hover';
import type { FileModel, Handler, HandlerSite, Span } from './model';
import { messageTable } from './rules/support/messages';
import { pythonParamText, receiverParams, varKeywordName } from './snippets';

const refactorTitles = messageTable('refactors', {
  addAll: { en: (signal: string) => `Add all parameters of ${signal}`, 'zh-cn': (signal: string) => `添加 ${signal} 的全部参数` },
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

/** Inserts every missing keyword (before `**kwargs`, or followed by a new `**kwargs`). */
export function addAllParamsEdits(catalog: Catalog, site: HandlerSite, celeryVersion?: string): TextEdit[] {
  const handler = site.handler;
  const signal = signalOfSite(catalog, site);
  if (!handler || !signal) return [];
  const declared = new Set(handler.params.map((p) => p.name));
  const missing = receiverParams(catalog, signal, celeryVersion).filter((p) => !declared.has(p.name));
  const objectStyle = handler.paramStyle === 'object';
  const varKeyword = handler.params.find((p) => p.kind === 'var-keyword' || p.kind === 'object-rest');
  if (missing.length === 0 && (varKeyword || objectStyle)) return [];
  const keywordOnly = handler.params.some((p) => p.kind === 'keyword-only' || p.kind === 'var-positional');
  const defaultsBefore = handler.params.some((p) => p.hasDefault && p.kind !== 'keyword-only');
  const names = missing.map((p) => (objectStyle ? p.name : defaultsBefore && !keywordOnly ? `${p.name}=None` : pythonParamText(p)));
  if (varKeyword) {
    return names.length ? [{ span: { start: varKeyword.span.start, end: varKeyword.span.start }, newText: `${names.join(', ')}, ` }] : [];
  }
  if (!objectStyle) names.push(`**${varKeywordName(catalog, signal)}`);
  return [insertAtListEnd(handler, names.join(', '))];
}

/** Appends parameters after the last one, keeping a trailing comma or the closing bracket in place. */
function insertAtListEnd(handler: Handler, newText: string): TextEdit {
  const last = handler.params[handler.params.length - 1];
  if (!last) {
    const at = handler.paramsSpan.start + 1;
    return { span: { start: at, end: at }, newText: handler.paramStyle === 'object' ? ` ${newText} ` : newText };
  }
  return { span: { start: last.span.end, end: last.span.end }, newText: `, ${newText}` };
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

export function refactorsAt(model: FileModel, range: Span, catalog: Catalog, celeryVersion?: string): Refactor[] {
  const refactors: Refactor[] = [];
  for (const site of sitesAt(model, range)) {
    const signal = signalOfSite(catalog, site);
    if (!signal) continue;
    const addAll = addAllParamsEdits(catalog, site, celeryVersion);
    if (addAll.length) refactors.push({ ...titled(refactorTitles.addAll(signal.name)), edits: addAll, kind: 'refactor.rewrite' });
    if (model.language === 'python') {
      const keywordOnly = keywordOnlyEdit(site);
      if (keywordOnly) refactors.push({ ...titled(refactorTitles.keywordOnly()), edits: [keywordOnly], kind: 'refactor.rewrite' });
    }
  }
  return refactors;
}
