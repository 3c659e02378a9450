import { everyConnectionSends } from './support/connections';
import { renameParam } from './support/paramEdits';
import { namedParams, neverSentReason, suggestion } from './support/params';
import { handlerContext, quote } from './support/sites';
import type { RuleFinding, SiteRule } from './support/types';

export const unknownParam: SiteRule = {
  code: 'unknown-param',
  defaultSeverity: 'warning',
  scope: 'site',
  summary: 'A parameter the signal never sends, so it always holds its default.',
  rationale:
    'Celery fills parameters only from the keywords the signal sends. A defaulted parameter with another name (often a typo, or a keyword of a different signal) silently keeps its default forever.',
  check(siteContext) {
    const context = handlerContext(siteContext);
    if (!context) return [];
    const { handler } = context;
    const objectStyle = handler.paramStyle === 'object';
    const findings: RuleFinding[] = [];
    for (const entry of namedParams(context)) {
      const { param } = entry;
      if (entry.sent || param.kind === 'positional-only') continue;
      if (!objectStyle && !param.hasDefault) continue;
      const rename = suggestion(context, param.name);
      const outcome = objectStyle && !param.hasDefault ? 'it is always undefined' : 'it always keeps its default';
      findings.push({
        span: param.nameSpan,
        message: `${neverSentReason(context, entry)}, so ${outcome}.${rename ? ` Did you mean ${quote(rename)}?` : ''}`,
        fixes: rename && everyConnectionSends(context, rename) ? [{ title: `Rename ${quote(param.name)} to ${quote(rename)}`, edits: renameParam(handler, param, rename), preferred: true }] : [],
      });
    }
    return findings;
  },
};
