import { renameParam } from './support/paramEdits';
import { filledByOtherConnection, renameKeepsOtherConnections } from './support/connections';
import { namedParams, suggestion } from './support/params';
import { handlerContext, quote } from './support/sites';
import type { RuleFinding, SiteRule } from './support/types';
import { messageTable } from './support/messages';
import { neverSentText } from './support/phrases';
import type { Translated } from '../diagnostics';

const messages = messageTable('unknown-param', {
  neverSent: {
    en: (reason: Translated, alwaysUndefined: boolean, rename: string | undefined) =>
      `${reason.en}, so ${alwaysUndefined ? 'it is always undefined' : 'it always keeps its default'}.${rename ? ` Did you mean ${quote(rename)}?` : ''}`,
    'zh-cn': (reason: Translated, alwaysUndefined: boolean, rename: string | undefined) =>
      `${reason['zh-cn']}，因此它${alwaysUndefined ? '永远是 undefined' : '永远保持默认值'}。${rename ? `你是不是想写 ${quote(rename)}？` : ''}`,
  },
  rename: {
    en: (from: string, to: string) => `Rename ${quote(from)} to ${quote(to)}`,
    'zh-cn': (from: string, to: string) => `将 ${quote(from)} 重命名为 ${quote(to)}`,
  },
});

export const unknownParam: SiteRule = {
  code: 'unknown-param',
  defaultSeverity: 'warning',
  docs: {
    summary: { en: 'A parameter with a default names a keyword the signal never sends, so it always keeps its default.', 'zh-cn': '带默认值的参数对应的关键字该信号从不发送，因此它始终是默认值。' },
    rationale:
      'A defaulted parameter whose name the signal never sends, for example `exc=None` on `task_failure` (which sends `exception`) or `retval=None` on `task_success` (which sends `result`). No call fails, but the parameter only ever holds its default.',
    fix: 'Rename it to the keyword that was meant.',
  },
  scope: 'site',
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
      // Another signal the same function is connected to fills it: the default is only this signal's share.
      if (filledByOtherConnection(context, param.name)) continue;
      const suggested = suggestion(context, param.name);
      const rename = suggested && renameKeepsOtherConnections(context, param.name, suggested) ? suggested : undefined;
      findings.push({
        span: param.nameSpan,
        message: messages.neverSent(neverSentText(context, entry), objectStyle && !param.hasDefault, rename),
        fixes: rename ? [{ title: messages.rename(param.name, rename), edits: renameParam(handler, param, rename), preferred: true }] : [],
      });
    }
    return findings;
  },
};
