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

// The realistic profile: handlers with bodies of the size real ones have (logging, a payload, a
// guard, a try/except), tasks with bodies, and one mistake in every seventh handler.
function realisticPythonBlock(i) {
  const [signal, params] = SIGNALS[i % SIGNALS.length];
  const handler =
    i % 7 === 3
      ? [`@${signal}.connect(sender="proj.tasks.job_${i}")`, `def on_${signal}_${i}(sender=None, exc=None, **kwargs):`]
      : [`@${signal}.connect`, `def on_${signal}_${i}(${params}):`];
  return [
    `@app.task(bind=True, name="proj.tasks.job_${i}", max_retries=3)`,
    `def job_${i}(self, order_id, amount):`,
    `    order = Order.objects.get(pk=order_id)`,
    `    if order.amount != amount:`,
    `        raise self.retry(countdown=${(i % 30) + 5})`,
    `    order.mark_paid()`,
    `    return {"order": order_id, "amount": amount}`,
    ``,
    ``,
    ...handler,
    `    # Record ${signal} for the dashboard (block ${i}).`,
    `    payload = {`,
    `        "signal": "${signal}",`,
    `        "sender": getattr(sender, "name", sender),`,
    `        "seen_at": time.time(),`,
    `    }`,
    `    if payload["sender"] is None:`,
    `        payload["sender"] = "unknown"`,
    `    try:`,
    `        metrics.push(payload)`,
    `    except ConnectionError:`,
    `        logger.warning("metrics unavailable for %s", payload["signal"])`,
    ``,
    ``,
  ];
}

function realisticTypeScriptBlock(i) {
  const [signal] = SIGNALS[i % SIGNALS.length];
  const pattern = i % 7 === 3 ? '{ sender, exc, ...rest }' : '{ sender, ...rest }';
  return [
    `export async function job${i}(orderId: string, amount: number): Promise<Record<string, unknown>> {`,
    `  const order = await orders.get(orderId);`,
    `  if (order.amount !== amount) {`,
    '    throw new Error(`amount mismatch for ${orderId}`);',
    `  }`,
    `  return { order: orderId, amount };`,
    `}`,
    ``,
    `${signal}.connect((${pattern}) => {`,
    `  // Record ${signal} for the dashboard (block ${i}).`,
    `  const payload = {`,
    `    signal: '${signal}',`,
    `    sender: typeof sender === 'string' ? sender : String(sender),`,
    `    seenAt: Date.now(),`,
    `    extra: Object.keys(rest).length,`,
    `  };`,
    `  try {`,
    `    metrics.push(payload);`,
    `  } catch (error) {`,
    `    logger.warn('metrics unavailable', payload.signal, error);`,
    `  }`,
    `}, { weak: false });`,
    ``,
  ];
}

const BLOCKS = {
  dense: { python: pythonBlock, typescript: typescriptBlock },
  realistic: { python: realisticPythonBlock, typescript: realisticTypeScriptBlock },
};

const REALISTIC_IMPORTS = {
  python: ['import time', '', 'from shop import metrics', 'from shop.models import Order', ''],
  typescript: [`import { metrics, orders } from './services';`, ''],
};

/**
 * A module of about `lines` lines in `language` ('python' | 'typescript'). `dense` packs a handler
 * into every few lines, most of them wrong (a stress case); `realistic` gives handlers and tasks
 * bodies of ordinary size and gets one handler in seven wrong.
 */
export function generateModule(language, lines, profile = 'dense') {
  const out = [...(language === 'python' ? PY_HEADER : TS_HEADER)];
  if (profile === 'realistic') out.push(...REALISTIC_IMPORTS[language]);
  const block = BLOCKS[profile][language];
  for (let i = 0; out.length < lines; i++) out.push(...block(i));
  return out.join('\n') + '\n';
}
