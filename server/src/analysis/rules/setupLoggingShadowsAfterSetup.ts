import { handlerAnchor } from './support/sites';
import type { FileRule, RuleFinding } from './support/types';

const SHADOWED = new Set(['after_setup_logger', 'after_setup_task_logger']);

export const setupLoggingShadowsAfterSetup: FileRule = {
  code: 'setup-logging-shadows-after-setup',
  defaultSeverity: 'warning',
  scope: 'file',
  summary: 'after_setup_logger handlers next to a setup_logging handler never fire.',
  rationale:
    'When setup_logging has any receiver, Celery leaves logging alone, and the code it skips is the only place that sends after_setup_logger and after_setup_task_logger. Their handlers then never run.',
  check({ model, text }) {
    const connected = (name: string) => model.sites.filter((s) => s.connection.signal.resolution === 'catalog' && s.connection.signal.name === name);
    const setupSites = connected('setup_logging');
    if (setupSites.length === 0) return [];
    const setup = setupSites[0];
    const setupSpan = setup.handler ? handlerAnchor(text, setup.handler) : setup.connection.signal.nameSpan;
    const findings: RuleFinding[] = [];
    for (const site of model.sites) {
      const name = site.connection.signal.name;
      if (site.connection.signal.resolution !== 'catalog' || !SHADOWED.has(name)) continue;
      findings.push({
        span: site.connection.signal.nameSpan,
        message: `This module also connects a setup_logging handler, so Celery skips its own logging setup, and with it the only place that sends ${name}: this handler never runs. Do the logger changes in the setup_logging handler instead.`,
        related: [{ span: setupSpan, message: 'the setup_logging handler that takes over logging setup' }],
      });
    }
    return findings;
  },
};
