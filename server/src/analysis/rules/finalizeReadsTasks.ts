import { handlerContext, quote } from './support/sites';
import type { RuleFinding, SiteRule } from './support/types';

/** App attributes that finalize the app when read (`app.tasks` finalizes it first). */
const FINALIZING_ATTRIBUTES = new Set(['tasks']);

export const finalizeReadsTasks: SiteRule = {
  code: 'finalize-reads-tasks',
  defaultSeverity: 'error',
  scope: 'site',
  summary: 'An on_after_finalize receiver reads `sender.tasks`, which waits for the finalize that is sending the signal.',
  rationale:
    'Celery sends on_after_finalize while `app.finalize()` still holds the app\'s finalize lock, which is not reentrant. Reading `app.tasks` finalizes the app first, so the receiver waits for that lock forever: the worker, beat or the script that touched the app hangs.',
  check(siteContext) {
    const context = handlerContext(siteContext);
    if (!context || context.signal.name !== 'app.on_after_finalize') return [];
    const { handler } = context;
    const senderParam = handler.params.find((p) => p.name === 'sender' && p.kind !== 'positional-only' && p.kind !== 'var-keyword');
    if (!senderParam) return [];
    const findings: RuleFinding[] = [];
    for (const read of handler.paramAttributeReads ?? []) {
      if (read.param !== senderParam.name || !FINALIZING_ATTRIBUTES.has(read.attribute)) continue;
      findings.push({
        span: read.span,
        message: `${quote(`sender.${read.attribute}`)} finalizes the app, but on_after_finalize is sent while finalize still holds its non-reentrant lock: this read waits for itself and the process hangs. Read the tasks later, in a worker_ready handler for instance.`,
      });
    }
    return findings;
  },
};
