import { handlerContext, quote } from './support/sites';
import type { RuleFinding, SiteRule } from './support/types';
import { messageTable } from './support/messages';

const messages = messageTable('finalize-reads-tasks', {
  hangs: {
    en: (read: string) =>
      `${quote(read)} finalizes the app, but on_after_finalize is sent while finalize still holds its non-reentrant lock: this read waits for itself and the process hangs. Read the tasks later, in a worker_ready handler for instance.`,
    'zh-cn': (read: string) =>
      `${quote(read)} 会先完成应用的 finalize，但 on_after_finalize 是在 finalize 仍持有其不可重入锁时发送的：这次读取会等待它自己，进程随之挂起。请稍后再读取任务，例如在 worker_ready 处理函数中。`,
  },
});

/** App attributes that finalize the app when read (`app.tasks` finalizes it first). */
const FINALIZING_ATTRIBUTES = new Set(['tasks']);

export const finalizeReadsTasks: SiteRule = {
  code: 'finalize-reads-tasks',
  defaultSeverity: 'error',
  docs: {
    summary: {
      en: 'An `on_after_finalize` receiver reads `sender.tasks`, which waits for the very finalize that is sending the signal: the process hangs.',
      'zh-cn': '`on_after_finalize` 接收者读取了 `sender.tasks`，而它要等待正在发送该信号的 finalize 结束：进程会挂起。',
    },
    rationale:
      'Celery sends `on_after_finalize` from inside `app.finalize()`, while it still holds the app\'s finalize lock, and that lock is not reentrant. Reading `app.tasks` finalizes the app first, so the receiver blocks on the lock its own caller holds: the worker, beat or script that touched the app never gets further. Confirmed on Celery 5.2.6.',
    fix: 'Read the tasks later, for example in a `worker_ready` receiver, or use the `tasks` argument-free hooks that run after finalize.',
  },
  scope: 'site',
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
        message: messages.hangs(`sender.${read.attribute}`),
      });
    }
    return findings;
  },
};
