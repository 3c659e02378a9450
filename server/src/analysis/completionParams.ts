/** Completion of the keywords a connected handler has not declared yet, inside its parameter list. */
import type { CompletionEntry, CompletionInput } from './completion';
import { label, localize } from './hoverLocale';
import { signalOfSite } from './hover';
import type { HandlerSite, Span } from './model';
import { pythonParamText, receiverParams, varKeywordName } from './snippets';

function siteAround(input: CompletionInput): HandlerSite | undefined {
  return input.model.sites.find((s) => s.handler && s.handler.paramsSpan.start < input.offset && input.offset < s.handler.paramsSpan.end);
}

const previousChar = (text: string, from: number): string => text.slice(0, from).trimEnd().slice(-1);
const nextChar = (text: string, from: number): string => text.slice(from).trimStart().charAt(0);

export function completeHandlerParams(input: CompletionInput, replaceSpan: Span): CompletionEntry[] | undefined {
  const site = siteAround(input);
  const handler = site?.handler;
  if (!site || !handler) return undefined;
  const signal = signalOfSite(input.catalog, site);
  if (!signal) return [];
  const { text, offset } = input;
  // Only where a parameter name can go: not in an annotation or a default value.
  const segmentStart = Math.max(text.lastIndexOf(',', replaceSpan.start - 1), handler.paramsSpan.start);
  if (!/^[\s(,{]*$/.test(text.slice(segmentStart, replaceSpan.start).replace(/^[(,{]/, ''))) return [];
  const objectStyle = handler.paramStyle === 'object';
  const varKeyword = handler.params.find((p) => p.kind === 'var-keyword' || p.kind === 'object-rest');
  if (varKeyword && varKeyword.span.end <= replaceSpan.start) return [];

  const typed = handler.params.find((p) => p.nameSpan.start === replaceSpan.start);
  const declared = new Set(handler.params.filter((p) => p !== typed).map((p) => p.name));
  const missing = receiverParams(input.catalog, signal, input.celeryVersion).filter((p) => !declared.has(p.name));
  if (missing.length === 0) return [];

  // After a defaulted positional parameter, Python only accepts more defaulted ones (unless keyword-only).
  const before = handler.params.filter((p) => p.span.end <= replaceSpan.start);
  const keywordOnly = before.some((p) => p.kind === 'keyword-only' || p.kind === 'var-positional') || /\*\s*,/.test(text.slice(handler.paramsSpan.start, replaceSpan.start));
  const defaultsForced = !objectStyle && !keywordOnly && before.some((p) => p.hasDefault);
  const declare = (p: (typeof missing)[number]): string => (objectStyle ? p.name : defaultsForced && !p.needsDefault ? `${p.name}=None` : pythonParamText(p));

  // An object-form handler with no pattern yet (`(|)`) gets one: a bare name would receive the whole object.
  const wrap = objectStyle && text[handler.paramsSpan.start] === '(' ? (names: string) => `{ ${names} }` : (names: string) => names;
  const lead = /[(,{*]/.test(previousChar(text, replaceSpan.start)) || previousChar(text, replaceSpan.start) === '' ? '' : ', ';
  const follow = /[)},]/.test(nextChar(text, replaceSpan.end)) ? '' : ', ';
  const lang = input.docsLanguage;

  const items: CompletionEntry[] = missing.map((p, i) => ({
    label: p.name,
    kind: 'parameter',
    detail: p.spec.type,
    documentation: [localize(p.spec.description, lang), p.spec.mayBeNone ? `_${label('mayBeNone', lang)}_` : ''].filter(Boolean).join('\n\n'),
    insertText: `${lead}${wrap(declare(p))}${follow}`,
    replaceSpan,
    filterText: p.name,
    sortText: `a${String(i).padStart(3, '0')}`,
  }));

  const all = missing.map(declare);
  if (!varKeyword) all.push(objectStyle ? '' : `**${varKeywordName(input.catalog, signal)}`);
  const allText = all.filter(Boolean).join(', ');
  items.push({
    label: `${allText.length > 60 ? allText.slice(0, 57) + '...' : allText}`,
    kind: 'parameter',
    detail: `${signal.name}: ${label('allParams', lang)}`,
    documentation: `${label('insertsAll', lang)} (\`${signal.name}\`).`,
    insertText: `${lead}${wrap(allText)}${follow}`,
    replaceSpan,
    filterText: `${typed?.name ?? ''}${missing.map((p) => p.name).join(' ')}`,
    sortText: 'a',
  });
  return items;
}
