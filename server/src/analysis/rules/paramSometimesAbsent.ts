import { addDefault } from './support/paramEdits';
import { namedParams } from './support/params';
import { handlerContext, quote } from './support/sites';
import type { RuleFinding, SiteRule } from './support/types';
import { messageTable } from './support/messages';
import { dispatchFailureText } from './support/phrases';
import type { Translated } from '../diagnostics';

const messages = messageTable('param-sometimes-absent', {
  leftOut: {
    en: (signal: string, param: string, failure: Translated) =>
      `Some places that send ${signal} leave out ${quote(param)}; those dispatches raise TypeError (missing argument ${quote(param)}), ${failure.en}. Give it a default.`,
    'zh-cn': (signal: string, param: string, failure: Translated) =>
      `有些发送 ${signal} 的地方不传 ${quote(param)}；这些派发会抛出 TypeError（缺少参数 ${quote(param)}），${failure['zh-cn']}。请为它设置默认值。`,
  },
  giveDefault: { en: (param: string) => `Give ${quote(param)} a default`, 'zh-cn': (param: string) => `为 ${quote(param)} 设置默认值` },
});

export const paramSometimesAbsent: SiteRule = {
  code: 'param-sometimes-absent',
  defaultSeverity: 'warning',
  docs: {
    summary: { en: 'A required parameter names a keyword that only some of the signal\'s send sites pass.', 'zh-cn': '必需参数对应的关键字只在该信号的部分发送点传入。' },
    rationale:
      'The signal is sent from several places that do not pass the same keywords, and some of them leave this required parameter out. `task_retry` is the known case: when the worker cancels a task it sends the signal without `reason`, and those dispatches raise `TypeError`.',
    fix: 'Give the parameter a default.',
  },
  scope: 'site',
  check(siteContext) {
    const context = handlerContext(siteContext);
    if (!context || context.handler.paramStyle !== 'keywords') return [];
    const { handler, text, model, signal } = context;
    const findings: RuleFinding[] = [];
    for (const { param, sent } of namedParams(context)) {
      if (!sent?.sometimesAbsent || param.hasDefault || param.kind === 'positional-only') continue;
      findings.push({
        span: param.nameSpan,
        message: messages.leftOut(signal.name, param.name, dispatchFailureText(context)),
        fixes: [{ title: messages.giveDefault(param.name), edits: addDefault(text, handler, param, model.language), preferred: true }],
      });
    }
    return findings;
  },
};
