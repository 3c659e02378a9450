import { removePositionalOnlyMarker } from './support/paramEdits';
import { dispatchFailure, namedParams } from './support/params';
import { handlerContext, quote } from './support/sites';
import type { RuleFinding, SiteRule } from './support/types';

export const positionalOnlyParam: SiteRule = {
  code: 'positional-only-param',
  defaultSeverity: 'error',
  docs: {
    summary: { en: 'A parameter before `/` can only be passed by position, but Celery passes every value by keyword.', 'zh-cn': '`/` 之前的参数只能按位置传入，而 Celery 总是按关键字传参。' },
    rationale:
      'A parameter declared before `/` is positional-only. Celery calls receivers with keyword arguments alone, so nothing ever fills it: without a default every dispatch raises `TypeError`, with a default it never holds anything else.',
    fix: 'Remove the `/`.',
  },
  scope: 'site',
  summary: 'A parameter before `/` can never be filled.',
  rationale:
    'Celery passes every value by keyword, so a positional-only parameter never receives one: without a default every dispatch raises TypeError, with a default it always keeps the default.',
  check(siteContext) {
    const context = handlerContext(siteContext);
    if (!context || context.model.language !== 'python') return [];
    const { handler, text, signal } = context;
    const marker = removePositionalOnlyMarker(text, handler);
    const fixes = marker ? [{ title: 'Remove the `/` so Celery can pass these by keyword', edits: [marker], preferred: true }] : [];
    const findings: RuleFinding[] = [];
    for (const { param, sent } of namedParams(context)) {
      if (param.kind !== 'positional-only') continue;
      const what = sent ? `every argument by keyword (${quote(param.name)} included)` : 'every argument by keyword';
      findings.push(
        param.hasDefault
          ? {
              span: param.nameSpan,
              severity: 'warning',
              message: `${quote(param.name)} is positional-only, but Celery passes ${what}, so ${quote(param.name)} always keeps its default.`,
              fixes,
            }
          : {
              span: param.nameSpan,
              message: `${quote(param.name)} is positional-only, but Celery passes ${what}, so it is never filled: every ${signal.name} dispatch raises TypeError (missing argument ${quote(param.name)}), ${dispatchFailure(context)}.`,
              fixes,
            },
      );
    }
    return findings;
  },
};
