import { handlerAnchor, handlerContext, quote } from './support/sites';
import type { SiteRule } from './support/types';
import { messageTable, spaced } from './support/messages';

const messages = messageTable('generator-handler', {
  generator: {
    en: (name: string | undefined, signal: string) =>
      `${name ? quote(name) : 'this handler'} contains yield, so each ${signal} dispatch only creates a generator that Celery never iterates: its body never runs.`,
    'zh-cn': (name: string | undefined, signal: string) =>
      `${name ? spaced(quote(name)) : '这个处理函数'}包含 yield，因此每次派发 ${signal} 只会创建一个 Celery 从不迭代的生成器：函数体永远不会执行。`,
  },
});

export const generatorHandler: SiteRule = {
  code: 'generator-handler',
  defaultSeverity: 'error',
  docs: {
    summary: { en: 'A handler contains `yield`, so calling it only creates a generator and its body never runs.', 'zh-cn': '处理函数中含有 `yield`，调用它只会得到一个生成器，函数体永远不会执行。' },
    rationale:
      'The handler\'s body contains `yield`, which makes it a generator function. Calling it returns a generator that Celery never iterates, so not one line of the body runs.',
    fix: 'Do the work directly in the handler instead of yielding it.',
  },
  scope: 'site',
  check(siteContext) {
    const context = handlerContext(siteContext);
    if (!context || context.model.language !== 'python' || context.handler.isAsync) return [];
    const { handler, text, signal } = context;
    if (handler.kind === 'lambda' || !handler.yields) return [];
    return [
      {
        span: handlerAnchor(text, handler),
        message: messages.generator(handler.name, signal.name),
      },
    ];
  },
};
