import {
  appendParams,
  catchAll,
  catchAllName,
  defaultLiteral,
  insertionIsKeywordOnly,
  insertNamedParams,
  positionalDefaultsPresent,
} from './support/paramEdits';
import { handlerAnchor, handlerContext, quote } from './support/sites';
import type { SiteRule } from './support/types';

export const missingSignalParams: SiteRule = {
  code: 'missing-signal-params',
  defaultSeverity: 'hint',
  scope: 'site',
  summary: 'Keywords the signal sends that the handler does not name.',
  rationale: 'Naming the keywords a signal sends documents the handler and lets the editor complete and check them; they are otherwise only reachable through **kwargs.',
  check(siteContext) {
    const context = handlerContext(siteContext);
    if (!context) return [];
    const { handler, signal, sent, text, model } = context;
    const declared = new Set(handler.params.map((p) => p.name));
    const missing = [...sent.byName.values()].filter((p) => p.name !== 'signal' && !declared.has(p.name));
    if (missing.length === 0) return [];
    const python = model.language === 'python';
    const keywordOnly = python && !insertionIsKeywordOnly(handler) && positionalDefaultsPresent(handler);
    const declarations = missing.map((p) => (python && (p.mayBeNone || p.sometimesAbsent) ? `${p.name}=${defaultLiteral(model.language)}` : p.name));
    if (keywordOnly) declarations[0] = `*, ${declarations[0]}`;
    const edit =
      catchAll(handler) || !python || handler.paramStyle !== 'keywords'
        ? insertNamedParams(text, handler, declarations)
        : appendParams(text, handler, [...declarations, `**${catchAllName((n) => sent.byName.has(n) || declared.has(n))}`]);
    return [
      {
        span: handlerAnchor(text, handler),
        message: `${signal.name} also sends ${missing.map((p) => quote(p.name)).join(', ')}.`,
        fixes: [{ title: `Add all parameters of ${signal.name}`, edits: [edit] }],
      },
    ];
  },
};
