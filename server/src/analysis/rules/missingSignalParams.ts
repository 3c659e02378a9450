import { addAllParamsFix, undeclaredSentKeywords } from './support/addAllParams';
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
    const missing = undeclaredSentKeywords(context);
    if (missing.length === 0) return [];
    const addAll = addAllParamsFix(context);
    return [
      {
        span: handlerAnchor(context.text, context.handler),
        message: `${context.signal.name} also sends ${missing.map(quote).join(', ')}.`,
        fixes: addAll?.complete ? [addAll.fix] : [],
      },
    ];
  },
};
