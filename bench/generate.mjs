// Generates realistic Celery handler modules of a given size for the benchmarks: a mix of tasks,
// correct handlers and the usual mistakes, so the front ends and every rule do real work.
const SIGNALS = [
  ['task_failure', 'sender=None, task_id=None, exception=None, args=None, kwargs=None, traceback=None, einfo=None, **kw'],
  ['task_prerun', 'sender=None, task_id=None, task=None, args=None, kwargs=None, **kw'],
  ['task_postrun', 'sender=None, task_id=None, task=None, retval=None, state=None, **kw'],
  ['task_success', 'sender=None, result=None, **kwargs'],
  ['worker_ready', 'sender=None, **kwargs'],
  ['before_task_publish', 'sender=None, body=None, headers=None, **kwargs'],
];

function pythonBlock(i) {
  const [signal, params] = SIGNALS[i % SIGNALS.length];
  switch (i % 5) {
    case 0:
      return [
        `@app.task(name="proj.tasks.job_${i}")`,
        `def job_${i}(x, y):`,
        `    total = x + y`,
        `    return total * ${i}`,
        ``,
        `@${signal}.connect`,
        `def on_${signal}_${i}(${params}):`,
        `    logger.info("handled %s", sender)`,
        `    return None`,
        ``,
      ];
    case 1:
      return [
        `@${signal}.connect(sender=job_${i - 1})`,
        `def on_${signal}_${i}(sender, task_id, **kwargs):`,
        `    logger.warning("task %s", task_id)`,
        `    if einfo is not None:`,
        `        logger.error("%s", einfo)`,
        ``,
      ];
    case 2:
      return [
        `@${signal}.connect(sender="proj.tasks.job_${i}")`,
        `def broken_${i}(sender=None, exc=None):`,
        `    return exc`,
        ``,
      ];
    case 3:
      return [
        `def plain_${i}(sender=None, **kw):`,
        `    values = [v for v in kw.values() if v]`,
        `    return len(values)`,
        ``,
        `${signal}.connect(plain_${i}, weak=False, dispatch_uid="plain_${i}")`,
        ``,
      ];
    default:
      return [
        `class Monitor${i}:`,
        `    def __init__(self):`,
        `        ${signal}.connect(self.on_event)`,
        ``,
        `    def on_event(self, sender=None, **kwargs):`,
        `        self.count = getattr(self, "count", 0) + 1`,
        ``,
      ];
  }
}

function typescriptBlock(i) {
  const [signal] = SIGNALS[i % SIGNALS.length];
  switch (i % 3) {
    case 0:
      return [
        `${signal}.connect(({ sender, task_id, exception }) => {`,
        `  logger.info('handled', sender, task_id, exception);`,
        `});`,
        ``,
      ];
    case 1:
      return [
        `export function onEvent${i}({ sender, einfo, ...rest }: Record<string, unknown>): void {`,
        `  const keys = Object.keys(rest).filter((k) => k.length > ${i % 7});`,
        `  logger.warn('event', sender, einfo, keys);`,
        `}`,
        `${signal}.connect(onEvent${i}, { sender: 'proj.tasks.job_${i}' });`,
        ``,
      ];
    default:
      return [
        `signals.${signal}.connect(async ({ sender, retval }) => {`,
        `  await audit(sender, retval);`,
        `});`,
        ``,
      ];
  }
}

const PY_HEADER = [
  'import logging',
  '',
  'from celery import Celery',
  `from celery.signals import ${SIGNALS.map((s) => s[0]).join(', ')}`,
  '',
  "app = Celery('proj')",
  'logger = logging.getLogger(__name__)',
  '',
];

const TS_HEADER = [
  `import { ${SIGNALS.map((s) => s[0]).join(', ')} } from 'celery-signals';`,
  `import * as signals from 'celery-signals';`,
  `import { audit, logger } from './support';`,
  '',
];

/** A module of about `lines` lines in `language` ('python' | 'typescript'). */
export function generateModule(language, lines) {
  const out = [...(language === 'python' ? PY_HEADER : TS_HEADER)];
  const block = language === 'python' ? pythonBlock : typescriptBlock;
  for (let i = 0; out.length < lines; i++) out.push(...block(i));
  return out.join('\n') + '\n';
}
