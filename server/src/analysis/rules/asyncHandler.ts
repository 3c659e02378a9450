import type { Fix } from '../diagnostics';
import { handlerAnchor, handlerContext, quote } from './support/sites';
import type { SiteRule } from './support/types';

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
  summary: 'An async handler: Celery calls it but never awaits it.',
  rationale:
    'Signal dispatch calls receivers synchronously. Calling a coroutine function only creates a coroutine object, which is then dropped ("coroutine was never awaited"), so the body never runs.',
  check(siteContext) {
    const context = handlerContext(siteContext);
    if (!context || !context.handler.isAsync) return [];
    const { handler, text, signal } = context;
    const definition = text.slice(handler.definitionSpan.start, handler.definitionSpan.end);
    const asyncKeyword = /^async\s+/.exec(definition) ?? /\basync\s+/.exec(definition);
    const fixes: Fix[] = [];
    if (asyncKeyword && !/\bawait\b/.test(definition)) {
      const start = handler.definitionSpan.start + asyncKeyword.index;
      fixes.push({ title: 'Make the handler synchronous', edits: [{ span: { start, end: start + asyncKeyword[0].length }, newText: '' }], preferred: true });
    }
    const name = handler.name ? quote(handler.name) : 'this handler';
    // A JavaScript async function does start running when called, unlike a Python coroutine.
    const consequence =
      context.model.language === 'python'
        ? `calling ${name} only creates a coroutine that is discarded, so its body never runs`
        : `${name} runs only up to its first await while the signal is handled; the rest runs after the sender has moved on, and an error thrown there becomes an unhandled promise rejection that Celery never logs`;
    return [
      {
        span: handlerAnchor(text, handler),
        message: `Celery calls ${signal.name} receivers synchronously and never awaits them: ${consequence}.`,
        fixes,
      },
    ];
  },
};
