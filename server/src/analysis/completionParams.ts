/** Completion of the keywords a connected handler has not declared yet, inside its parameter list. */
import type { CompletionEntry, CompletionInput } from './completion';
import { label, localize } from './hoverLocale';
import { signalOfSite } from './hover';
import type { HandlerSite, Span } from './model';
import { pythonParamText, receiverParams, varKeywordName } from './snippets';

/** The connected handler whose parameter list holds the cursor. */
export function siteAround(input: CompletionInput): HandlerSite | undefined {
  const { text, offset } = input;
  return input.model.sites.find((s) => {
    const span = s.handler?.paramsSpan;
    if (!span) return false;
    // A bracketed list holds the cursor strictly inside; a lambda's bare list also at its edges.
    const bracketed = text[span.start] === '(' || text[span.start] === '{';
    return bracketed ? span.start < offset && offset < span.end : span.start <= offset && /^\s*$/.test(text.slice(span.end, offset));
  });
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
  const python = input.model.language === 'python';
  // `(kw, |)`: one plain parameter took the whole object; a second one turns the list into names.
  const first = handler.params[0];
  const secondPlain = !python && handler.params.length === 1 && first.kind === 'object-rest' && text[handler.paramsSpan.start] === '(' && first.span.end <= replaceSpan.start;
  const objectStyle = handler.paramStyle === 'object' && !secondPlain;
  const varKeyword = secondPlain ? undefined : handler.params.find((p) => p.kind === 'var-keyword' || p.kind === 'object-rest');
  if (varKeyword && varKeyword.span.end <= replaceSpan.start) return [];

  const typed = handler.params.find((p) => p.nameSpan.start === replaceSpan.start);
  const declared = new Set(handler.params.filter((p) => p !== typed).map((p) => p.name));
  const missing = receiverParams(input.catalog, signal, input.celeryVersion).filter((p) => !declared.has(p.name));
  if (missing.length === 0) return [];

  // After a defaulted positional parameter, Python only accepts more defaulted ones (unless keyword-only).
  const before = handler.params.filter((p) => p.span.end <= replaceSpan.start);
  const keywordOnly = before.some((p) => p.kind === 'keyword-only' || p.kind === 'var-positional') || /\*\s*,/.test(text.slice(handler.paramsSpan.start, replaceSpan.start));
  const defaultsForced = !objectStyle && !keywordOnly && before.some((p) => p.hasDefault);
  const declare = (p: (typeof missing)[number]): string => {
    if (objectStyle) return p.name;
    if (!python) return p.needsDefault ? `${p.name} = undefined` : p.name;
    return defaultsForced && !p.needsDefault ? `${p.name}=None` : pythonParamText(p);
  };

  // An object-form handler with no pattern yet (`(|)`) gets one: a bare name would receive the whole object.
  const wrap = objectStyle && text[handler.paramsSpan.start] === '(' ? (names: string) => `{ ${names} }` : (names: string) => names;
  const startsList = /[(,{*]/.test(previousChar(text, replaceSpan.start)) || previousChar(text, replaceSpan.start) === '' || /\blambda\s*$/.test(text.slice(0, replaceSpan.start));
  const lead = startsList ? '' : ', ';
  // `)`, `}` or a lambda's `:` ends the list; a comma means more parameters follow.
  const follow = /[)},:]/.test(nextChar(text, replaceSpan.end)) ? '' : ', ';
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
  if (!varKeyword && python) all.push(`**${varKeywordName(input.catalog, signal)}`);
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
