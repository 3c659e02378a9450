/**
 * Starting the analysis thread (analysisWorker.ts). Booting a thread and loading its bundle takes
 * 100 ms or more, and so does loading the rest of the server: server.ts's first import calls
 * `prestartAnalysisThread` (prestartAnalysisThread.ts), so that both happen at once and a large
 * document opened right after `initialize` no longer waits for the thread. BackgroundAnalysis takes
 * that thread the first time it wants one. Only Node built-ins are imported here, so that nothing
 * else loads before the thread starts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import { SERVER_V8_FLAGS } from '../../../shared/serverNodeOptions';
import { CONTROL, type WorkerData } from './workerProtocol';

export interface AnalysisThread {
  worker: Worker;
  /** The slots both threads read without a message (CONTROL). */
  control: Int32Array;
}

/** Loaded only when the server runs from its TypeScript sources (tests); the bundles never need it. */
const TYPESCRIPT_LOADER = 'tsx/cjs/api';

/** Slots for a new thread to share with this one. */
export function newControl(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(CONTROL.size * Int32Array.BYTES_PER_ELEMENT));
}

/** Starts a thread on the bundle next to the running server (server/out/analysisWorker.js), or on the source through tsx. */
export function startAnalysisThread(control: Int32Array = newControl()): AnalysisThread {
  const workerData: WorkerData = { control, holdMarker: process.env.CELERY_SIGNALS_TEST_HOLD || undefined };
  // No resourceLimits for the young generation: V8's --max-semi-space-size wins over them, and
  // SERVER_V8_FLAGS sets it before the thread starts (see shared/serverNodeOptions.ts).
  const options = { workerData };
  const built = path.join(__dirname, 'analysisWorker.js');
  let worker: Worker;
  if (fs.existsSync(built)) worker = new Worker(built, options);
  else {
    const source = path.join(__dirname, 'analysisWorker.ts');
    const code = `require(${JSON.stringify(require.resolve(TYPESCRIPT_LOADER))}).register(); require(${JSON.stringify(source)});`;
    worker = new Worker(code, { ...options, eval: true });
  }
  // The thread never keeps the process alive: the connection does.
  worker.unref();
  return { worker, control };
}

let prestarted: AnalysisThread | undefined;

/** Sets the server's V8 flags (before any thread's heap exists) and starts the analysis thread. */
export function prestartAnalysisThread(): void {
  for (const flag of SERVER_V8_FLAGS) v8.setFlagsFromString(flag);
  const thread = startAnalysisThread();
  prestarted = thread;
  // Until it is taken, a thread that fails is forgotten, and the next one wanted is started anew.
  thread.worker.on('error', () => undefined);
  thread.worker.once('exit', () => {
    if (prestarted === thread) prestarted = undefined;
  });
}

/** The thread started with the process, if it is still running and nobody has taken it yet. */
export function takePrestartedThread(): AnalysisThread | undefined {
  const thread = prestarted;
  prestarted = undefined;
  thread?.worker.removeAllListeners();
  return thread;
}
