import { defaultLiteral, insertionIsKeywordOnly, insertNamedParams, positionalDefaultsPresent } from './support/paramEdits';
import { everyConnectionSends } from './support/connections';
import { dispatchFailure } from './support/params';
import { handlerContext, quote } from './support/sites';
import type { RuleFinding, SiteRule } from './support/types';

export const undeclaredKwargRead: SiteRule = {
  code: 'undeclared-kwarg-read',
  defaultSeverity: 'error',
  scope: 'site',
  summary: 'The body reads a keyword of the signal that the handler never declared.',
  rationale:
    'Keywords that a handler does not name end up inside **kwargs, not as variables. Reading one by its bare name raises NameError when that line runs; Celery logs it and the rest of the body is skipped.',
  check(siteContext) {
    const context = handlerContext(siteContext);
    if (!context) return [];
    const { handler, sent, text, model, signal } = context;
    const declared = new Set(handler.params.map((p) => p.name));
    const reported = new Set<string>();
    const findings: RuleFinding[] = [];
    for (const read of handler.freeReads) {
      if (read.boundOutside || declared.has(read.name) || reported.has(read.name)) continue;
      const spec = sent.byName.get(read.name);
      if (!spec) continue;
      reported.add(read.name);
      const needsDefault =
        model.language === 'python'
          ? spec.sometimesAbsent || (!insertionIsKeywordOnly(handler) && positionalDefaultsPresent(handler))
          : false;
      const declaration = needsDefault ? `${read.name}=${defaultLiteral(model.language)}` : read.name;
      const error = model.language === 'python' ? 'NameError' : 'ReferenceError';
      findings.push({
        span: read.span,
        message: `${quote(read.name)} is a keyword of ${signal.name}, but the handler does not declare it, so it is not a variable here: this line raises ${error}, ${dispatchFailure(context, 'so the rest of the body is skipped')}.`,
        // Declared, the keyword would be missing from the calls of a connected signal that never sends it.
        fixes: everyConnectionSends(context, read.name) ? [{ title: `Add ${quote(read.name)} as a parameter`, edits: [insertNamedParams(text, handler, [declaration])], preferred: true }] : [],
      });
    }
    return findings;
  },
};
