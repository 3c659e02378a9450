import type { Translated } from '../diagnostics';
import { messageTable } from './support/messages';
import { dispatchFailureText } from './support/phrases';
import { quote } from './support/sites';
import type { RuleFinding, SiteRule } from './support/types';

const messages = messageTable('partial-binds-keyword', {
  twice: {
    en: (param: string, signal: string, failure: Translated) =>
      `The partial fills ${quote(param)} by position, and ${signal} also passes ${quote(param)} by keyword: every dispatch raises TypeError (multiple values for ${quote(param)}), ${failure.en}. Bind that argument by keyword instead.`,
    'zh-cn': (param: string, signal: string, failure: Translated) =>
      `partial 按位置填入了 ${quote(param)}，而 ${signal} 还会按关键字传入 ${quote(param)}：每次派发都会抛出 TypeError（${quote(param)} 得到多个值），${failure['zh-cn']}。请改为按关键字绑定该参数。`,
  },
});

export const partialBindsKeyword: SiteRule = {
  code: 'partial-binds-keyword',
  defaultSeverity: 'error',
  docs: {
    summary: {
      en: 'A `functools.partial` receiver fills by position a parameter that Celery also passes by keyword.',
      'zh-cn': '`functools.partial` 接收者按位置填入了一个 Celery 也会按关键字传入的参数。',
    },
    rationale:
      'Celery calls every receiver with `signal=`, `sender=` and the signal\'s keywords. When `functools.partial` has already filled one of those parameters by position (most often the first one, `sender`), the call raises TypeError ("got multiple values for argument"), so the handler never runs; Celery logs the error and carries on. Arguments bound by keyword are fine: they only become defaults.',
    fix: 'Bind the argument by keyword (`partial(handler, queue="x")`), or put the bound parameter after the keywords Celery sends.',
  },
  scope: 'site',
  check(context) {
    const { site, signal } = context;
    if (!site.partial || !signal || site.connection.signal.resolution !== 'catalog') return [];
    const sent = context.sentKeywords(signal);
    const findings: RuleFinding[] = [];
    for (const param of site.partial.positionallyBound) {
      if (!sent.byName.has(param.name)) continue;
      findings.push({
        span: site.receiverSpan ?? site.partial.span,
        message: messages.twice(param.name, signal.name, dispatchFailureText(context)),
      });
    }
    return findings;
  },
};
