import type { Fix } from '../diagnostics';
import { handlerAnchor, handlerContext, quote } from './support/sites';
import type { SiteRule } from './support/types';

export const asyncHandler: SiteRule = {
  code: 'async-handler',
  defaultSeverity: 'error',
  scope: 'site',
  summary: 'An async handler: Celery calls it but never awaits it.',
  rationale:
    'Signal dispatch calls receivers synchronously. Calling a coroutine function only creates a coroutine object, which is then dropped ("coroutine was never awaited"), so the body never runs.',
  check(siteContext) {
    const context = handlerContext(siteContext);
    if (!context || !context.handler.isAsync) return [];
    const { handler, text, signal } = context;
    const fixes: Fix[] = [];
    // Without await in it, the body means the same synchronously.
    if (handler.asyncKeywordSpan && handler.awaits === false) {
      fixes.push({ title: 'Make the handler synchronous', edits: [{ span: handler.asyncKeywordSpan, newText: '' }], preferred: true });
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
