import type { HandlerParam } from '../model';
import { appendParams, catchAllName } from './support/paramEdits';
import { dispatchFailure } from './support/params';
import { connectTimeHandler, handlerAnchor, handlerContext, optionValue, quote } from './support/sites';
import type { HandlerContext, SiteRule } from './support/types';
import { atLeast, RELEASES } from './support/versions';

/** A keyword the handler cannot take by name (it would be an unexpected keyword argument). */
function firstUnacceptedKeyword(context: HandlerContext): string | undefined {
  const byKeyword = new Set(
    context.handler.params.filter((p: HandlerParam) => p.kind === 'positional' || p.kind === 'keyword-only').map((p) => p.name),
  );
  for (const name of context.sent.byName.keys()) if (!byKeyword.has(name)) return name;
  return undefined;
}

export const missingVarKwargs: SiteRule = {
  code: 'missing-var-kwargs',
  defaultSeverity: 'error',
  scope: 'site',
  summary: 'The handler has no **kwargs catch-all.',
  rationale:
    'Since Celery 4.0.1, connect() refuses a receiver without a **kwargs parameter with ValueError, which usually aborts the import of the module. Older releases connect it and every dispatch then fails with an unexpected keyword argument.',
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
    let message: string;
    if (refusedAtConnect && !retryWrapped) {
      message =
        `${signal.name}.connect raises ValueError ("Signal receiver must accept keyword arguments.") for ${name}, which has no **kwargs: ` +
        'the error fires when this module is imported, so nothing after this point in the module gets connected either.';
    } else if (!unaccepted) {
      return [];
    } else if (inspectedAccepts && site.wrapper) {
      message = `The wrapper from ${quote(`@${site.wrapper.decorator}`)} accepts **kwargs, so ${signal.name}.connect takes it, but it hands Celery's keywords to ${name}, which has no **kwargs: every dispatch raises TypeError (unexpected keyword ${quote(unaccepted)}) inside the wrapper, ${dispatchFailure(context)}.`;
    } else if (retryWrapped) {
      message =
        `With retry=True, Celery connects a (*args, **kwargs) retry wrapper, so it accepts ${name} at connect time, but calling it with ${quote(unaccepted)} raises TypeError on every ${signal.name} dispatch, and retry=True retries it forever, blocking the sender.`;
    } else {
      const consequence = atLeast(celeryVersion, RELEASES.errorsLogged) ? 'Celery logs the error and drops it' : 'the error propagates to the code that sent the signal';
      message = `Every ${signal.name} dispatch calls ${name} with ${quote(unaccepted)}, which it has no parameter for, so it raises TypeError (${consequence}). Accept **kwargs.`;
    }
    const catchAll = catchAllName((n) => context.sent.byName.has(n) || context.sent.later.has(n) || handler.params.some((p) => p.name === n));
    return [
      {
        // An instance's `__call__` is judged where the instance is connected: the class may serve several.
        span: wrapperRefused ? site.wrapper!.span : handler.name === '__call__' && site.receiverSpan ? site.receiverSpan : handlerAnchor(text, handler),
        message,
        fixes: [{ title: `Add **${catchAll}`, edits: [appendParams(text, handler, [`**${catchAll}`])], preferred: true }],
      },
    ];
  },
};
