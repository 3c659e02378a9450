import type { HandlerParam } from '../model';
import { appendParams, catchAllName } from './support/paramEdits';
import { dispatchFailureText } from './support/phrases';
import { connectTimeHandler, handlerAnchor, handlerContext, optionValue, quote } from './support/sites';
import type { HandlerContext, SiteRule } from './support/types';
import { atLeast, RELEASES } from './support/versions';
import { messageTable } from './support/messages';
import type { Translated } from '../diagnostics';

/** A keyword the handler cannot take by name (it would be an unexpected keyword argument). */
function firstUnacceptedKeyword(context: HandlerContext): string | undefined {
  const byKeyword = new Set(
    context.handler.params.filter((p: HandlerParam) => p.kind === 'positional' || p.kind === 'keyword-only').map((p) => p.name),
  );
  for (const name of context.sent.byName.keys()) if (!byKeyword.has(name)) return name;
  return undefined;
}

const messages = messageTable('missing-var-kwargs', {
  refused: {
    en: (signal: string, name: string) =>
      `${signal}.connect raises ValueError ("Signal receiver must accept keyword arguments.") for ${name}, which has no **kwargs: ` +
      'the error fires when this module is imported, so nothing after this point in the module gets connected either.',
    'zh-cn': (signal: string, name: string) =>
      `${signal}.connect 会因 ${name} 没有 **kwargs 而抛出 ValueError（"Signal receiver must accept keyword arguments."）：` +
      '错误在导入本模块时发生，因此模块中此处之后的处理函数也都不会被连接。',
  },
  retried: {
    en: (signal: string, name: string, unaccepted: string) =>
      `With retry=True, Celery connects a (*args, **kwargs) retry wrapper, so it accepts ${name} at connect time, but calling it with ${quote(unaccepted)} raises TypeError on every ${signal} dispatch, and retry=True retries it forever, blocking the sender.`,
    'zh-cn': (signal: string, name: string, unaccepted: string) =>
      `使用 retry=True 时，Celery 连接的是一个 (*args, **kwargs) 重试包装器，因此连接时会接受 ${name}；但每次派发 ${signal} 时以 ${quote(unaccepted)} 调用它都会抛出 TypeError，而 retry=True 会无限重试，阻塞发送方。`,
  },
  typeError: {
    en: (signal: string, name: string, unaccepted: string, logged: boolean) =>
      `Every ${signal} dispatch calls ${name} with ${quote(unaccepted)}, which it has no parameter for, so it raises TypeError (${logged ? 'Celery logs the error and drops it' : 'the error propagates to the code that sent the signal'}). Accept **kwargs.`,
    'zh-cn': (signal: string, name: string, unaccepted: string, logged: boolean) =>
      `每次派发 ${signal} 都会以 ${quote(unaccepted)} 调用 ${name}，而它没有对应的参数，因此抛出 TypeError（${logged ? 'Celery 记录日志后丢弃该错误' : '错误会传播到发送信号的代码'}）。请接受 **kwargs。`,
  },
  insideWrapper: {
    en: (decorator: string, signal: string, name: string, unaccepted: string, failure: Translated) =>
      `The wrapper from ${quote(`@${decorator}`)} accepts **kwargs, so ${signal}.connect takes it, but it hands Celery's keywords to ${name}, which has no **kwargs: every dispatch raises TypeError (unexpected keyword ${quote(unaccepted)}) inside the wrapper, ${failure.en}.`,
    'zh-cn': (decorator: string, signal: string, name: string, unaccepted: string, failure: Translated) =>
      `${quote(`@${decorator}`)} 返回的包装函数接受 **kwargs，因此 ${signal}.connect 会接受它；但它把 Celery 的关键字参数转交给没有 **kwargs 的 ${name}：每次派发都会在包装函数内部抛出 TypeError（意外的关键字 ${quote(unaccepted)}），${failure['zh-cn']}。`,
  },
  add: { en: (catchAll: string) => `Add **${catchAll}`, 'zh-cn': (catchAll: string) => `添加 **${catchAll}` },
});

export const missingVarKwargs: SiteRule = {
  code: 'missing-var-kwargs',
  defaultSeverity: 'error',
  docs: {
    summary: { en: 'A handler without a `**kwargs` catch-all: Celery 4.0.1 and later refuse to connect it.', 'zh-cn': '处理函数没有 `**kwargs` 兜底参数：Celery 4.0.1 及以后的版本会拒绝连接它。' },
    rationale:
      'The handler declares no `**kwargs`. Since Celery 4.0.1, `connect()` looks for a var-keyword parameter and raises `ValueError` when there is none; that happens while the module is being imported, so the import ends there and no connect below it runs. Older releases accept the receiver, but then every dispatch fails, because `signal=` and `sender=` are always passed as keywords. Python only: a TypeScript handler that takes one object has no equivalent.',
    fix: 'Add `**kwargs` as the last parameter (`**kw` when the signal itself sends a keyword called `kwargs`, as `task_prerun` does).',
  },
  scope: 'site',
  check(siteContext) {
    const context = handlerContext(siteContext);
    if (!context || context.model.language !== 'python' || context.handler.paramStyle !== 'keywords') return [];
    const { signal, text, celeryVersion, site } = context;
    // Under a wrapper, connect() may test one function while the keywords land in another.
    const inspected = connectTimeHandler(site, celeryVersion) ?? context.handler;
    const inspectedAccepts = inspected.params.some((p) => p.kind === 'var-keyword');
    const handler = inspectedAccepts ? context.handler : inspected;
    if (handler.params.some((p) => p.kind === 'var-keyword')) return [];
    const wrapperRefused = site.wrapper !== undefined && handler === site.wrapper.handler;
    const name = wrapperRefused ? `the wrapper that ${quote(`@${site.wrapper!.decorator}`)} returns` : handler.name ? quote(handler.name) : 'this receiver';
    const refusedAtConnect = atLeast(celeryVersion, RELEASES.connectChecksKwargs) && !inspectedAccepts;
    const retried = optionValue(context.site, 'retry');
    const retryWrapped = retried?.kind === 'bool' && retried.value && atLeast(celeryVersion, RELEASES.retryOption);
    const unaccepted = firstUnacceptedKeyword(context);
    let message: Translated;
    if (refusedAtConnect && !retryWrapped) {
      message = messages.refused(signal.name, name);
    } else if (!unaccepted) {
      return [];
    } else if (inspectedAccepts && site.wrapper) {
      message = messages.insideWrapper(site.wrapper.decorator, signal.name, name, unaccepted, dispatchFailureText(context));
    } else if (retryWrapped) {
      message = messages.retried(signal.name, name, unaccepted);
    } else {
      message = messages.typeError(signal.name, name, unaccepted, atLeast(celeryVersion, RELEASES.errorsLogged));
    }
    const catchAll = catchAllName((n) => context.sent.byName.has(n) || context.sent.later.has(n) || handler.params.some((p) => p.name === n));
    return [
      {
        // An instance's `__call__` is judged where the instance is connected: the class may serve several.
        span: wrapperRefused ? site.wrapper!.span : handler.name === '__call__' && site.receiverSpan ? site.receiverSpan : handlerAnchor(text, handler),
        message,
        fixes: [{ title: messages.add(catchAll), edits: [appendParams(text, handler, [`**${catchAll}`])], preferred: true }],
      },
    ];
  },
};
