import { removePositionalOnlyMarker } from './support/paramEdits';
import { namedParams } from './support/params';
import { handlerContext, quote } from './support/sites';
import type { RuleFinding, SiteRule } from './support/types';
import { messageTable } from './support/messages';
import { dispatchFailureText } from './support/phrases';
import type { Translated } from '../diagnostics';

const messages = messageTable('positional-only-param', {
  removeSlash: { en: () => 'Remove the `/` so Celery can pass these by keyword', 'zh-cn': () => '删除 `/`，让 Celery 可以按关键字传入这些参数' },
  keepsDefault: {
    en: (param: string, sent: boolean) => `${quote(param)} is positional-only, but Celery passes every argument by keyword${sent ? ` (${quote(param)} included)` : ''}, so ${quote(param)} always keeps its default.`,
    'zh-cn': (param: string, sent: boolean) => `${quote(param)} 是仅限位置参数，但 Celery 全部按关键字传参${sent ? `（包括 ${quote(param)}）` : ''}，因此 ${quote(param)} 永远保持默认值。`,
  },
  neverFilled: {
    en: (param: string, sent: boolean, signal: string, failure: Translated) =>
      `${quote(param)} is positional-only, but Celery passes every argument by keyword${sent ? ` (${quote(param)} included)` : ''}, so it is never filled: every ${signal} dispatch raises TypeError (missing argument ${quote(param)}), ${failure.en}.`,
    'zh-cn': (param: string, sent: boolean, signal: string, failure: Translated) =>
      `${quote(param)} 是仅限位置参数，但 Celery 全部按关键字传参${sent ? `（包括 ${quote(param)}）` : ''}，因此它永远不会被填入：每次派发 ${signal} 都会抛出 TypeError（缺少参数 ${quote(param)}），${failure['zh-cn']}。`,
  },
});

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
  check(siteContext) {
    const context = handlerContext(siteContext);
    if (!context || context.model.language !== 'python') return [];
    const { handler, text, signal } = context;
    const marker = removePositionalOnlyMarker(text, handler);
    const fixes = marker ? [{ title: messages.removeSlash(), edits: [marker], preferred: true }] : [];
    const findings: RuleFinding[] = [];
    for (const { param, sent } of namedParams(context)) {
      if (param.kind !== 'positional-only') continue;
      findings.push(
        param.hasDefault
          ? {
              span: param.nameSpan,
              severity: 'warning',
              message: messages.keepsDefault(param.name, Boolean(sent)),
              fixes,
            }
          : {
              span: param.nameSpan,
              message: messages.neverFilled(param.name, Boolean(sent), signal.name, dispatchFailureText(context)),
              fixes,
            },
      );
    }
    return findings;
  },
};
