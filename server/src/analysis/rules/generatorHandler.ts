import { handlerAnchor, handlerContext, quote } from './support/sites';
import type { SiteRule } from './support/types';

export const generatorHandler: SiteRule = {
  code: 'generator-handler',
  defaultSeverity: 'error',
  scope: 'site',
  summary: 'A handler whose body contains `yield`: calling it only creates a generator.',
  rationale:
    'Celery calls receivers and keeps what they return without iterating it. A function containing `yield` is a generator function, so the call returns a generator and none of the body runs.',
  check(siteContext) {
    const context = handlerContext(siteContext);
    if (!context || context.model.language !== 'python' || context.handler.isAsync) return [];
    const { handler, text, signal } = context;
    if (handler.kind === 'lambda' || !handler.yields) return [];
    const name = handler.name ? quote(handler.name) : 'this handler';
    return [
      {
        span: handlerAnchor(text, handler),
        message: `${name} contains yield, so each ${signal.name} dispatch only creates a generator that Celery never iterates: its body never runs.`,
      },
    ];
  },
};
