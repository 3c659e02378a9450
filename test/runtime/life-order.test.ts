// The signal map's order (server/src/catalog/lifeOrder.ts) against real Celery: the runtime harness
// runs a recorder connected to every signal through a worker's whole life (tasks that succeed, fail,
// retry, expire and are cancelled, and an eager task that fails), and every order Celery showed must
// be the table's order. Run twice: once with a setup_logging receiver, once without (a receiver there
// stops Celery sending after_setup_logger).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { lifePlaceOf } from '../../server/src/catalog/lifeOrder';
import { haveExecutable, requireTool } from '../support/system';
import { runHarness, SYSTEM_PYTHON } from './agreement';

type Dispatch = [signal: string, taskId: string | null];

/** Signals the publishing process sends; the rest of a task's life happens in the worker. */
const PUBLISHER_SIDE = new Set(['before_task_publish', 'after_task_publish', 'task_sent']);

const recorder = fs.readFileSync(path.join(__dirname, 'lifeOrder', 'recorder.py'), 'utf8');

function stepIn(life: string, signal: string): number | undefined {
  const place = lifePlaceOf(signal);
  return place?.life.id === life ? place.step : undefined;
}

/** `signals` in the order given never go back to an earlier step of the life. */
function assertInOrder(life: string, signals: string[], context: string): void {
  for (let i = 1; i < signals.length; i++) {
    assert.ok(stepIn(life, signals[i - 1])! <= stepIn(life, signals[i])!, `${context}: Celery sent ${signals[i - 1]} before ${signals[i]}, the table says otherwise (${signals.join(' → ')})`);
  }
}

test("Celery sends the signals of a task's and a worker's life in the order of the signal map", async (t) => {
  const celeryInstalled = haveExecutable(SYSTEM_PYTHON, ['-c', 'import celery, kombu']);
  if (!requireTool(t, "Debian's python3-celery", celeryInstalled, 'bash scripts/install/python-celery.sh')) return;
  const logs = fs.mkdtempSync(path.join(os.tmpdir(), 'celery-signals-order-'));
  process.env.CELERY_SIGNALS_ORDER_LOG = logs;
  try {
    const report = await runHarness([
      { id: 'every signal', text: recorder },
      { id: 'all but setup_logging', text: recorder.replace('RECORDER_SKIPS = set()', "RECORDER_SKIPS = {'setup_logging'}") },
    ]);
    assert.equal(report.celery, '5.2.6', 'observed with Debian 12 Celery');
    const runs = fs.readdirSync(logs).map((f) => fs.readFileSync(path.join(logs, f), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Dispatch));
    assert.equal(runs.length, 2, 'one log per run');
    const seenTask = new Set<string>();
    const seenWorker = new Set<string>();
    for (const run of runs) {
      // One life per task id: a retried task is published again under the same id, so ids that
      // saw a signal twice are left out.
      const byTask = new Map<string, string[]>();
      for (const [signal, id] of run) if (id && stepIn('task', signal) !== undefined) byTask.set(id, [...(byTask.get(id) ?? []), signal]);
      for (const [id, signals] of byTask) {
        if (new Set(signals).size !== signals.length) continue;
        // The publisher and the worker are different processes: after_task_publish can come after the
        // worker has already run the task. Each side keeps the table's order, and nothing is received
        // before it was about to be published.
        const sent = signals.filter((s) => PUBLISHER_SIDE.has(s));
        const ran = signals.filter((s) => !PUBLISHER_SIDE.has(s));
        assertInOrder('task', sent, `task ${id} (publisher)`);
        assertInOrder('task', ran, `task ${id} (worker)`);
        if (sent[0] === 'before_task_publish' && ran.length > 0) {
          assert.ok(signals.indexOf('before_task_publish') < signals.indexOf(ran[0]), `task ${id}: ${ran[0]} came before before_task_publish`);
        }
        signals.forEach((s) => seenTask.add(s));
      }
      // The worker's own life ends at worker_shutdown; after it the harness sends by hand what a solo
      // worker never sends. Solo also sends worker_process_init from its pool's constructor, earlier
      // than a prefork child does; the table follows prefork.
      const end = run.findIndex(([signal]) => signal === 'worker_shutdown');
      assert.ok(end > 0, 'the worker shut down');
      const worker = [...new Set(run.slice(0, end + 1).map(([signal]) => signal))].filter((s) => stepIn('worker', s) !== undefined && s !== 'worker_process_init');
      assertInOrder('worker', worker, 'worker');
      worker.forEach((s) => seenWorker.add(s));
    }
    // What was compared, so the test cannot pass on an empty run.
    for (const signal of ['before_task_publish', 'after_task_publish', 'task_sent', 'task_received', 'task_prerun', 'task_success', 'task_failure', 'task_retry', 'task_postrun', 'task_internal_error']) {
      assert.ok(seenTask.has(signal), `no single-life task showed ${signal}`);
    }
    for (const signal of ['import_modules', 'celeryd_init', 'worker_init', 'setup_logging', 'after_setup_logger', 'after_setup_task_logger', 'celeryd_after_setup', 'heartbeat_sent', 'worker_ready', 'worker_shutting_down', 'worker_shutdown']) {
      assert.ok(seenWorker.has(signal), `the worker's life did not show ${signal}`);
    }
  } finally {
    delete process.env.CELERY_SIGNALS_ORDER_LOG;
    fs.rmSync(logs, { recursive: true, force: true });
  }
});
