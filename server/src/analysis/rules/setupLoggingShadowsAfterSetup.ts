import type { HandlerSite } from '../model';
import { handlerAnchor, optionArguments } from './support/sites';
import { weakLoss } from './support/weakReferences';
import type { FileRule, RuleFinding } from './support/types';
import { messageTable } from './support/messages';

const SHADOWED = new Set(['after_setup_logger', 'after_setup_task_logger']);

function hasSenderFilter(site: HandlerSite): boolean {
  const sender = optionArguments(site).find((o) => o.option === 'sender')?.argument;
  return sender !== undefined && sender.value.kind !== 'none';
}

const messages = messageTable('setup-logging-shadows-after-setup', {
  shadowed: {
    en: (name: string) =>
      `This module also connects a setup_logging handler, so Celery skips its own logging setup, and with it the only place that sends ${name}: this handler never runs. Do the logger changes in the setup_logging handler instead.`,
    'zh-cn': (name: string) =>
      `本模块还连接了 setup_logging 处理函数，因此 Celery 会跳过自己的日志配置，而那正是唯一发送 ${name} 的地方：这个处理函数永远不会执行。请改在 setup_logging 处理函数中修改日志配置。`,
  },
  takesOver: { en: () => 'the setup_logging handler that takes over logging setup', 'zh-cn': () => '接管日志配置的 setup_logging 处理函数' },
});

export const setupLoggingShadowsAfterSetup: FileRule = {
  code: 'setup-logging-shadows-after-setup',
  defaultSeverity: 'warning',
  docs: {
    summary: { en: 'A `setup_logging` handler stops Celery from configuring logging, so `after_setup_logger` handlers never run.', 'zh-cn': '`setup_logging` 处理函数会阻止 Celery 配置日志，导致 `after_setup_logger` 处理函数永远不会运行。' },
    rationale:
      'The module connects `setup_logging` as well as `after_setup_logger` or `after_setup_task_logger`. Once `setup_logging` has any receiver, Celery skips its own logging setup, and that skipped code is the only sender of the two `after_setup_*` signals, so their handlers never run. The finding sits on the `after_setup_*` handler and points to the `setup_logging` one.',
    fix: 'Do the extra logger configuration inside the `setup_logging` handler.',
  },
  scope: 'file',
  check({ model, text }) {
    const connected = (name: string) => model.sites.filter((s) => s.connection.signal.resolution === 'catalog' && s.connection.signal.name === name);
    // Only a receiver that is still connected when Celery sends setup_logging takes over: one
    // collected as a weak reference, or filtered on a sender (it is sent with None), does not.
    const setupSites = connected('setup_logging').filter((s) => !weakLoss(s) && !hasSenderFilter(s));
    if (setupSites.length === 0) return [];
    const setup = setupSites[0];
    const setupSpan = setup.handler ? handlerAnchor(text, setup.handler) : setup.connection.signal.nameSpan;
    const findings: RuleFinding[] = [];
    for (const site of model.sites) {
      const name = site.connection.signal.name;
      if (site.connection.signal.resolution !== 'catalog' || !SHADOWED.has(name)) continue;
      findings.push({
        span: site.connection.signal.nameSpan,
        message: messages.shadowed(name),
        related: [{ span: setupSpan, message: messages.takesOver() }],
      });
    }
    return findings;
  },
};
