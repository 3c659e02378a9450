/**
 * When Celery sends each of its signals: the order in a task's life and in a worker's life, and the
 * process whose receivers run. The signal map and the receivers' code lenses read this one table.
 *
 * Sources: celery/app/amqp.py (publish), worker/strategy.py and worker/consumer (receipt),
 * app/trace.py (a task's outcome is sent before `task_postrun`), apps/worker.py and app/log.py, and
 * the start-up order observed with `celery worker -B` (reference: celery-runtime-semantics.md §6).
 * test/runtime/life-order.test.ts checks it against a real worker.
 * Signals on one step are alternatives or happen at the same moment.
 */
import type { LocalizedText } from './types';

export type LifeId = 'task' | 'worker' | 'app' | 'testWorker';

/** Where the receivers run. */
export type ProcessKind = 'publisher' | 'workerMain' | 'taskProcess' | 'poolChild' | 'beat' | 'anyAppProcess' | 'cli' | 'testProcess';

export interface LifeStep {
  signals: readonly string[];
  runsIn: ProcessKind;
}

export interface Life {
  id: LifeId;
  label: LocalizedText;
  steps: readonly LifeStep[];
}

const step = (runsIn: ProcessKind, ...signals: string[]): LifeStep => ({ signals, runsIn });

export const LIVES: readonly Life[] = [
  {
    id: 'task',
    label: { en: "A task's life", 'zh-cn': '任务的一生' },
    steps: [
      step('publisher', 'before_task_publish'),
      step('publisher', 'after_task_publish'),
      step('publisher', 'task_sent'),
      step('workerMain', 'task_received', 'task_unknown', 'task_rejected'),
      step('workerMain', 'task_revoked'),
      step('workerMain', 'eventlet_pool_apply'),
      step('taskProcess', 'task_prerun'),
      step('taskProcess', 'task_success', 'task_failure', 'task_retry'),
      step('taskProcess', 'task_postrun'),
      // Sent when tracing itself fails, from the handler around the whole trace: after task_postrun.
      step('taskProcess', 'task_internal_error'),
    ],
  },
  {
    id: 'worker',
    label: { en: "A worker's life", 'zh-cn': 'worker 的一生' },
    steps: [
      step('cli', 'user_preload_options'),
      step('workerMain', 'import_modules'),
      step('workerMain', 'celeryd_init'),
      step('workerMain', 'worker_init'),
      step('workerMain', 'setup_logging'),
      step('workerMain', 'after_setup_logger'),
      step('workerMain', 'after_setup_task_logger'),
      step('workerMain', 'celeryd_after_setup'),
      step('workerMain', 'eventlet_pool_started'),
      step('workerMain', 'worker_before_create_process'),
      step('poolChild', 'worker_process_init'),
      step('workerMain', 'heartbeat_sent'),
      step('workerMain', 'worker_ready'),
      step('beat', 'beat_init', 'beat_embedded_init'),
      step('workerMain', 'worker_shutting_down'),
      step('workerMain', 'eventlet_pool_preshutdown'),
      step('poolChild', 'worker_process_shutdown'),
      step('workerMain', 'eventlet_pool_postshutdown'),
      step('workerMain', 'worker_shutdown'),
    ],
  },
  {
    id: 'app',
    label: { en: "The app's life (any process)", 'zh-cn': 'app 的一生（任意进程）' },
    steps: [
      step('anyAppProcess', 'app.on_configure'),
      step('anyAppProcess', 'app.on_after_configure'),
      step('anyAppProcess', 'app.on_after_finalize'),
      step('poolChild', 'app.on_after_fork'),
    ],
  },
  {
    id: 'testWorker',
    label: { en: "A test worker's life (celery.contrib.testing)", 'zh-cn': '测试 worker 的一生（celery.contrib.testing）' },
    steps: [step('testProcess', 'test_worker_starting'), step('testProcess', 'test_worker_started'), step('testProcess', 'test_worker_stopped')],
  },
];

/** Signals no life above places: the project's own and those of users' catalogs. */
export const OTHER_SIGNALS_LABEL: LocalizedText = { en: 'Other signals', 'zh-cn': '其他信号' };

export const PROCESS_LABELS: Readonly<Record<ProcessKind, LocalizedText>> = {
  publisher: { en: 'the publishing process', 'zh-cn': '发布任务的进程' },
  workerMain: { en: "the worker's main process", 'zh-cn': 'worker 主进程' },
  taskProcess: { en: 'the process running the task', 'zh-cn': '执行任务的进程' },
  poolChild: { en: 'each pool child process', 'zh-cn': '每个进程池子进程' },
  beat: { en: 'the beat process', 'zh-cn': 'beat 进程' },
  anyAppProcess: { en: 'any process using the app', 'zh-cn': '使用该 app 的任意进程' },
  cli: { en: 'the celery command', 'zh-cn': 'celery 命令行进程' },
  testProcess: { en: 'the test process', 'zh-cn': '测试进程' },
};

export interface LifePlace {
  life: Life;
  /** Zero-based index of the step in its life. */
  step: number;
  runsIn: ProcessKind;
}

const places = new Map<string, LifePlace>();
for (const life of LIVES) {
  life.steps.forEach((s, index) => {
    for (const signal of s.signals) places.set(signal, { life, step: index, runsIn: s.runsIn });
  });
}

/** Where a catalog signal sits in Celery's lives, or undefined for a signal none of them sends. */
export function lifePlaceOf(signal: string): LifePlace | undefined {
  return places.get(signal);
}
