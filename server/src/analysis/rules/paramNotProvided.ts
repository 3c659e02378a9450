import { addDefault, renameParam } from './support/paramEdits';
import { renameKeepsOtherConnections } from './support/connections';
import { namedParams, suggestion } from './support/params';
import { handlerContext, quote } from './support/sites';
import type { RuleFinding, SiteRule } from './support/types';
import { messageTable, spaced } from './support/messages';
import { dispatchFailureText, neverSentText } from './support/phrases';
import type { Translated } from '../diagnostics';

const messages = messageTable('param-not-provided', {
  unboundSelf: {
    en: (handler: string | undefined, throughClass: boolean, param: string) =>
      `${quote(handler ?? 'this function')} is connected ${throughClass ? 'through the class, not an instance' : 'as a plain function from the class body'}, so nothing fills ${quote(param)}`,
    'zh-cn': (handler: string | undefined, throughClass: boolean, param: string) =>
      `${handler ? spaced(quote(handler)) : '这个函数'}是${throughClass ? '通过类（而不是实例）' : '在类体中作为普通函数'}连接的，因此没有任何值会填入 ${quote(param)}`,
  },
  missing: {
    en: (reason: Translated, signal: string, param: string, failure: Translated, rename: string | undefined, senderIsTask: boolean) =>
      `${reason.en}: every ${signal} dispatch raises TypeError (missing argument ${quote(param)}), ${failure.en}.${rename ? ` Did you mean ${quote(rename)}?` : ''}${senderIsTask ? ' The task object arrives as `sender`.' : ''}`,
    'zh-cn': (reason: Translated, signal: string, param: string, failure: Translated, rename: string | undefined, senderIsTask: boolean) =>
      `${reason['zh-cn']}：每次派发 ${signal} 都会抛出 TypeError（缺少参数 ${quote(param)}），${failure['zh-cn']}。${rename ? `你是不是想写 ${quote(rename)}？` : ''}${senderIsTask ? '任务对象是通过 `sender` 传入的。' : ''}`,
  },
  rename: {
    en: (from: string, to: string) => `Rename ${quote(from)} to ${quote(to)}`,
    'zh-cn': (from: string, to: string) => `将 ${quote(from)} 重命名为 ${quote(to)}`,
  },
  giveDefault: { en: (param: string) => `Give ${quote(param)} a default`, 'zh-cn': (param: string) => `为 ${quote(param)} 设置默认值` },
});

export const paramNotProvided: SiteRule = {
  code: 'param-not-provided',
  defaultSeverity: 'error',
  docs: {
    summary: { en: 'A required parameter names a keyword the signal never sends, so every dispatch fails.', 'zh-cn': '必需参数对应的关键字该信号从不发送，因此每次派发都会失败。' },
    rationale:
      'A parameter without a default that the signal does not send: a misspelling, a keyword that belongs to another signal, or `self` on a function decorated inside a class body. Celery fills receivers by keyword only, so each dispatch raises `TypeError`; `Signal.send` logs the error and carries on, and the handler never does its work. A keyword that only appears in a newer Celery than the configured release counts as not sent.',
    fix: 'Rename the parameter to the nearest keyword the signal does send (its uses in the body follow), or give it a default.',
  },
  scope: 'site',
  check(siteContext) {
    const context = handlerContext(siteContext);
    if (!context || context.handler.paramStyle !== 'keywords') return [];
    const { handler, text, model } = context;
    const findings: RuleFinding[] = [];
    for (const entry of namedParams(context)) {
      const { param } = entry;
      if (entry.sent || param.hasDefault || param.kind === 'positional-only') continue;
      const unboundSelf = (param.name === 'self' || param.name === 'cls') && handler.definedIn === 'class' && handler.params[0] === param;
      const reason = unboundSelf
        ? messages.unboundSelf(handler.name, context.site.connection.style === 'call', param.name)
        : neverSentText(context, entry);
      const fixes: NonNullable<RuleFinding['fixes']> = [];
      // `task` is not a keyword of most task signals: the task object arrives as `sender`.
      const senderIsTask = param.name === 'task' && context.signal.sender.kind === 'task';
      const suggested = unboundSelf || senderIsTask ? undefined : suggestion(context, param.name);
      // A rename that fixes this connection must not break another connection of the same function.
      const rename = suggested && renameKeepsOtherConnections(context, param.name, suggested) ? suggested : undefined;
      if (rename) fixes.push({ title: messages.rename(param.name, rename), edits: renameParam(handler, param, rename), preferred: true });
      fixes.push({ title: messages.giveDefault(param.name), edits: addDefault(text, handler, param, model.language) });
      findings.push({
        span: param.nameSpan,
        message: messages.missing(reason, context.signal.name, param.name, dispatchFailureText(context), rename, senderIsTask),
        fixes,
      });
    }
    return findings;
  },
};
