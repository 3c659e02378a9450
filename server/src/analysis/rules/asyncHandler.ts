import { handlerAnchor, handlerContext, quote } from './support/sites';
import type { RuleFinding, SiteRule } from './support/types';
import { messageTable, spaced } from './support/messages';

const messages = messageTable('async-handler', {
  makeSync: { en: () => 'Make the handler synchronous', 'zh-cn': () => '把处理函数改为同步函数' },
  neverAwaited: {
    en: (signal: string, name: string | undefined, python: boolean) =>
      `Celery calls ${signal} receivers synchronously and never awaits them: ${
        python
          ? `calling ${name ? quote(name) : 'this handler'} only creates a coroutine that is discarded, so its body never runs`
          : `${name ? quote(name) : 'this handler'} runs only up to its first await while the signal is handled; the rest runs after the sender has moved on, and an error thrown there becomes an unhandled promise rejection that Celery never logs`
      }.`,
    'zh-cn': (signal: string, name: string | undefined, python: boolean) =>
      `Celery 同步调用 ${signal} 的接收者，从不 await 它们：${
        python
          ? `调用${name ? ` ${quote(name)} ` : '这个处理函数'}只会创建一个随即被丢弃的协程，函数体永远不会执行`
          : `${name ? spaced(quote(name)) : '这个处理函数'}在处理信号时只运行到第一个 await；其余部分在发送方继续往下执行之后才运行，其中抛出的错误会变成 Celery 永远不会记录的未处理 Promise 拒绝`
      }。`,
  },
});

export const asyncHandler: SiteRule = {
  code: 'async-handler',
  defaultSeverity: 'error',
  docs: {
    summary: { en: 'An `async` handler: Celery calls it without awaiting it, so its body never runs.', 'zh-cn': '`async` 处理函数：Celery 调用它但不会 await，函数体永远不会执行。' },
    rationale:
      'The handler is declared `async`. Signals dispatch synchronously: calling the handler only creates a coroutine, nothing awaits it, and none of the body runs.',
    fix: 'Make it a plain function (offered as a quick fix when the body contains no `await`).',
  },
  scope: 'site',
  check(siteContext) {
    const context = handlerContext(siteContext);
    if (!context || !context.handler.isAsync) return [];
    const { handler, text, signal } = context;
    const fixes: NonNullable<RuleFinding['fixes']> = [];
    // Without await in it, the body means the same synchronously.
    if (handler.asyncKeywordSpan && handler.awaits === false) {
      fixes.push({ title: messages.makeSync(), edits: [{ span: handler.asyncKeywordSpan, newText: '' }], preferred: true });
    }
    // A JavaScript async function does start running when called, unlike a Python coroutine.
    return [
      {
        span: handlerAnchor(text, handler),
        message: messages.neverAwaited(signal.name, handler.name, context.model.language === 'python'),
        fixes,
      },
    ];
  },
};
