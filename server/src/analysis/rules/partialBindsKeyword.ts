import { dispatchFailure } from './support/params';
import { quote } from './support/sites';
import type { RuleFinding, SiteRule } from './support/types';

export const partialBindsKeyword: SiteRule = {
  code: 'partial-binds-keyword',
  defaultSeverity: 'error',
  scope: 'site',
  summary: 'A functools.partial receiver fills by position a parameter Celery also passes by keyword.',
  rationale:
    'Celery calls every receiver with `signal=`, `sender=` and the signal\'s keywords. When `functools.partial` already filled that parameter by position, the call raises TypeError ("got multiple values for argument"), so the handler never runs; Celery logs the error and carries on.',
  check(context) {
    const { site, signal } = context;
    if (!site.partial || !signal || site.connection.signal.resolution !== 'catalog') return [];
    const sent = context.sentKeywords(signal);
    const findings: RuleFinding[] = [];
    for (const param of site.partial.positionallyBound) {
      if (!sent.byName.has(param.name)) continue;
      findings.push({
        span: site.receiverSpan ?? site.partial.span,
        message: `The partial fills ${quote(param.name)} by position, and ${signal.name} also passes ${quote(param.name)} by keyword: every dispatch raises TypeError (multiple values for ${quote(param.name)}), ${dispatchFailure(context)}. Bind that argument by keyword instead.`,
      });
    }
    return findings;
  },
};
