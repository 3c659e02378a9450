/**
 * Generated multi-module projects for the project index's skip of files without a fact word: each
 * fact other modules need (a re-exported signal, a task, a project signal and the keywords its sends
 * pass, an import chain toward a module whose import fails or that takes over logging) passes through
 * modules that hold no fact word of their own, in the ways Python lets an import be written. The
 * choices come from a seeded generator, so a failing project can be written out again.
 */

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Module names that are no fact word of any catalog in use. */
const NAMES = ['hub', 'relay', 'bridge', 'plumbing', 'wiring', 'exports', 'common', 'shared', 'glue', 'proxy', 'facade', 'lobby'];

export function generatedProject(seed: number): Record<string, string> {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const used = new Set<string>();
  const fresh = (): string => {
    for (;;) {
      const name = `${pick(NAMES)}${Math.floor(next() * 100)}`;
      if (!used.has(name)) return (used.add(name), name);
    }
  };
  const pkg = `app${seed}`;
  const files: Record<string, string> = { [`${pkg}/__init__.py`]: '' };
  const put = (module: string, text: string) => (files[`${pkg}/${module}.py`] = text);
  /** A chain of modules without a fact word, each importing the next one in a way picked at random. */
  const chain = (target: string, name: string, length: number): { module: string; name: string } => {
    let module = target;
    let exported = name;
    for (let i = 0; i < length; i++) {
      const relay = fresh();
      const alias = next() < 0.5 ? exported : `${exported}_${i}`;
      const way = pick(['absolute', 'relative', 'star', 'module-alias']);
      if (way === 'absolute') put(relay, `from ${pkg}.${module} import ${exported}${alias !== exported ? ` as ${alias}` : ''}\n\nVERSION = 1\n`);
      else if (way === 'relative') put(relay, `from .${module} import ${exported}${alias !== exported ? ` as ${alias}` : ''}\n`);
      else if (way === 'star') {
        put(relay, `from .${module} import *  # noqa: F401,F403\n`);
        module = relay;
        continue;
      } else put(relay, `from . import ${module} as inner\n\n${alias} = inner.${exported}\n`);
      module = relay;
      exported = alias;
    }
    return { module, name: exported };
  };

  // A Celery signal re-exported under a name of the project, reached through relays.
  put('names', 'from celery.signals import task_failure as failure, task_prerun as prerun\n');
  const failure = chain('names', 'failure', 1 + Math.floor(next() * 3));
  const prerun = chain('names', 'prerun', Math.floor(next() * 3));
  put(
    'listeners',
    `from ${pkg}.${failure.module} import ${failure.name}\nfrom .${prerun.module} import ${prerun.name}\n\n\n` +
      `@${failure.name}.connect\ndef on_failure(sender, task_idd, **kwargs):\n    print(task_idd)\n\n\n` +
      `@${prerun.name}.connect\ndef before(sender, task_id, taks, **kwargs):\n    print(task_id, taks)\n`,
  );

  // A task, re-exported by relays and used as a sender filter.
  put('jobs', `from celery import shared_task\n\n\n@shared_task(name="${pkg}.charge")\ndef charge(order):\n    return order\n`);
  const job = chain('jobs', 'charge', 1 + Math.floor(next() * 2));
  put(
    'publishing',
    `from celery.signals import after_task_publish, worker_ready\n\nfrom .${job.module} import ${job.name}\n\n\n` +
      `@after_task_publish.connect(sender=${job.name})\ndef published(sender, headers, **kwargs):\n    print(headers)\n\n\n` +
      `@worker_ready.connect(sender=${job.name})\ndef ready(sender, **kwargs):\n    print(sender)\n\n\n` +
      `@after_task_publish.connect(sender="${pkg}.chrage")\ndef by_name(sender, headers, **kwargs):\n    print(headers)\n`,
  );

  // A project signal; its sends sit in modules without a fact word, some behind relays.
  put('events', 'from celery.utils.dispatch import Signal\n\norder_placed = Signal()\nrefunded = Signal()\n');
  const placed = chain('events', 'order_placed', Math.floor(next() * 3));
  put(fresh(), `from .${placed.module} import ${placed.name}\n\n\ndef place(order, total):\n    ${placed.name}.send(sender=None, order=order, total=total)\n`);
  put(fresh(), `from ${pkg} import events\n\n\ndef place_quietly(order):\n    events.order_placed.send(sender=None, order=order)\n`);
  if (next() < 0.5) put(fresh(), `from .events import refunded\n\n\ndef refund(order, **details):\n    refunded.send(sender=None, order=order, **details)\n`);
  put(
    'receivers',
    `from .events import order_placed, refunded\n\n\n@order_placed.connect\ndef receipt(sender, order, total, coupon, **kwargs):\n    print(order, total, coupon)\n\n\n` +
      `@refunded.connect\ndef on_refund(sender, order, reason, **kwargs):\n    print(order, reason)\n`,
  );

  // An import that fails, reached through modules without a fact word.
  put('broken', 'from celery.signals import task_faliure\n\n\n@task_faliure.connect\ndef on_failure(sender=None, **kwargs):\n    print(sender)\n');
  let failing = 'broken';
  for (let i = Math.floor(next() * 3); i > 0; i--) {
    const relay = fresh();
    put(relay, next() < 0.5 ? `import ${pkg}.${failing}  # noqa: F401\n` : `from . import ${failing}  # noqa: F401\n`);
    failing = relay;
  }
  put('aborted', `from celery.signals import task_success\n\nimport ${pkg}.${failing}  # noqa: F401\n\n\n@task_success.connect\ndef on_success(sender=None, result=None, **kwargs):\n    print(result)\n`);

  // A logging take-over and a dispatch_uid used twice, linked through modules without a fact word.
  put('logconf', 'import logging.config\n\nfrom celery.signals import setup_logging, worker_ready\n\n\n@setup_logging.connect\ndef configure(**kwargs):\n    logging.config.dictConfig({"version": 1})\n\n\n@worker_ready.connect(dispatch_uid="ready")\ndef ready(sender, **kwargs):\n    print(sender)\n');
  let linked = 'logconf';
  for (let i = 1 + Math.floor(next() * 2); i > 0; i--) {
    const relay = fresh();
    put(relay, pick([`from . import ${linked}  # noqa: F401\n`, `import ${pkg}.${linked}\n`, `from .${linked} import *  # noqa: F401,F403\n`]));
    linked = relay;
  }
  put('workerlog', `from celery.signals import after_setup_logger, worker_ready\n\nfrom . import ${linked}  # noqa: F401\n\n\n@after_setup_logger.connect\ndef add_handler(logger, **kwargs):\n    logger.addHandler(None)\n\n\n@worker_ready.connect(dispatch_uid="ready")\ndef also_ready(sender, **kwargs):\n    print(sender)\n`);

  // The package re-exports a signal, and a module takes it by a bare relative import.
  if (next() < 0.5) {
    files[`${pkg}/__init__.py`] = `from .${failure.module} import ${failure.name} as package_failure  # noqa: F401\n`;
    put(fresh(), 'from . import package_failure\n\nFAILURE = package_failure\n');
    put('package_listener', `from . import package_failure\n\n\n@package_failure.connect\ndef on_failure(sender, task_idd, **kwargs):\n    print(task_idd)\n`);
  }
  // Plain modules without a fact word, which stay unparsed.
  for (let i = 0; i < 3; i++) put(fresh(), `import os\n\n\ndef path_of(name):\n    return os.path.join("data", name)\n`);
  return files;
}
