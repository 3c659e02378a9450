import type { Fix } from '../diagnostics';
import { everyConnectionSends } from './support/connections';
import { addDefault, renameParam } from './support/paramEdits';
import { dispatchFailure, namedParams, neverSentReason, suggestion } from './support/params';
import { handlerContext, quote } from './support/sites';
import type { RuleFinding, SiteRule } from './support/types';

export const paramNotProvided: SiteRule = {
  code: 'param-not-provided',
  defaultSeverity: 'error',
  scope: 'site',
  summary: 'A required parameter that the signal never sends.',
  rationale:
    'Celery calls receivers with keyword arguments only. A parameter without a default that no keyword fills makes every call raise TypeError; Celery logs the error and carries on, so the handler silently never does its work.',
  check(siteContext) {
    const context = handlerContext(siteContext);
    if (!context || context.handler.paramStyle !== 'keywords') return [];
    const { handler, text, model } = context;
    const findings: RuleFinding[] = [];
    for (const entry of namedParams(context)) {
      const { param } = entry;
      if (entry.sent || param.hasDefault || param.kind === 'positional-only') continue;
      const unboundSelf = (param.name === 'self' || param.name === 'cls') && handler.definedIn === 'class' && handler.params[0] === param;
      const through = context.site.connection.style === 'call' ? 'through the class, not an instance' : 'as a plain function from the class body';
      const reason = unboundSelf
        ? `${quote(handler.name ?? 'this function')} is connected ${through}, so nothing fills ${quote(param.name)}`
        : neverSentReason(context, entry);
      const fixes: Fix[] = [];
      // `task` is not a keyword of most task signals: the task object arrives as `sender`.
      const senderIsTask = param.name === 'task' && context.signal.sender.kind === 'task';
      const rename = unboundSelf || senderIsTask ? undefined : suggestion(context, param.name);
      // A rename must suit every signal the function is connected to, not only this one.
      if (rename && everyConnectionSends(context, rename)) fixes.push({ title: `Rename ${quote(param.name)} to ${quote(rename)}`, edits: renameParam(handler, param, rename), preferred: true });
      fixes.push({ title: `Give ${quote(param.name)} a default`, edits: addDefault(text, handler, param, model.language) });
      findings.push({
        span: param.nameSpan,
        message: `${reason}: every ${context.signal.name} dispatch raises TypeError (missing argument ${quote(param.name)}), ${dispatchFailure(context)}.${rename ? ` Did you mean ${quote(rename)}?` : ''}${senderIsTask ? ' The task object arrives as `sender`.' : ''}`,
        fixes,
      });
    }
    return findings;
  },
};
