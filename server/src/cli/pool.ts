/**
 * Spreads the CLI's files over worker threads (`--jobs N`). Each worker rebuilds the catalog and runs
 * the same per-file check as the main thread (checkFile.ts); outcomes are put back in the order of the
 * files, so what is printed does not depend on N or on which thread finished first.
 *
 * A worker that stops while checking a file (it ran out of memory, say) costs that file alone: the
 * file gets the `internal-error` finding an in-process failure would give, and the files queued
 * behind it go to a fresh worker. When no worker can start at all, the main thread checks the files.
 * Small runs stay in the main thread: a worker is only worth starting for a good amount of code.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { internalError, type CheckOptions } from '../analysis/analyze';
import type { Catalog } from '../catalog/catalog';
import type { CatalogFile } from '../catalog/types';
import { checkFile, type CheckRequest, type FileOutcome } from './checkFile';
import type { PoolReply, PoolTask, PoolWorkerData } from './poolWorker';

export interface FilesRun {
  files: readonly string[];
  catalog: Catalog;
  /** The user catalogs `catalog` was built from, for the workers to build the same one. */
  userCatalogs: readonly CatalogFile[];
  request: CheckRequest;
  /** Options per file (the Celery release of each file's project), in the order of `files`; else `request.options`. */
  fileOptions?: readonly CheckOptions[];
  jobs: number;
  /** Called once per file, in the order of `files`, as soon as it and every file before it are done. */
  onOutcome?(index: number, outcome: FileOutcome): void;
}

/** Starting a worker costs about as much as checking this much code; smaller runs take fewer threads. */
const BYTES_PER_WORKER = 128 * 1024;
/** Files handed to a worker ahead, so it never waits for the main thread between two files. */
const AHEAD = 2;

export function defaultJobs(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

export async function checkFiles(run: FilesRun): Promise<FileOutcome[]> {
  const outcomes: (FileOutcome | undefined)[] = new Array(run.files.length).fill(undefined);
  let reported = 0;
  const settle = (index: number, outcome: FileOutcome): void => {
    outcomes[index] = outcome;
    for (; reported < outcomes.length && outcomes[reported] !== undefined; reported++) run.onOutcome?.(reported, outcomes[reported]!);
  };
  const sizes = run.jobs > 1 && run.files.length > 1 ? run.files.map(sizeOf) : [];
  const threads = Math.min(run.jobs, run.files.length, Math.floor(sizes.reduce((sum, size) => sum + size, 0) / BYTES_PER_WORKER));
  if (threads <= 1) {
    for (let i = 0; i < run.files.length; i++) settle(i, await checkFile(run.files[i], run.catalog, run.request, run.fileOptions?.[i]));
  } else {
    await inWorkers(run, threads, largestFirst(sizes), settle);
  }
  return outcomes as FileOutcome[];
}

function inWorkers(run: FilesRun, threads: number, order: readonly number[], settle: (index: number, outcome: FileOutcome) => void): Promise<void> {
  const data: PoolWorkerData = { userCatalogs: run.userCatalogs, request: run.request };
  const retry: number[] = [];
  let next = 0;
  let done = 0;
  let finished = false;
  let checkingHere = false;
  const workers = new Set<Worker>();
  const take = (): number | undefined => retry.shift() ?? (next < order.length ? order[next++] : undefined);
  const workLeft = (): boolean => retry.length > 0 || next < order.length;

  return new Promise((resolve, reject) => {
    const finish = (error?: Error): void => {
      if (finished) return;
      finished = true;
      for (const worker of workers) void worker.terminate();
      if (error) reject(error);
      else resolve();
    };
    const completed = (index: number, outcome: FileOutcome): boolean => {
      settle(index, outcome);
      if (++done === run.files.length) finish();
      return finished;
    };
    // When no worker thread can start at all (too little memory, say), the files are checked here.
    const checkHere = async (): Promise<void> => {
      if (checkingHere) return;
      checkingHere = true;
      for (let index = take(); index !== undefined && !finished; index = take()) {
        completed(index, await checkFile(run.files[index], run.catalog, run.request, run.fileOptions?.[index]));
      }
    };
    const start = (): void => {
      const worker = spawnWorker(data);
      workers.add(worker);
      const inFlight: number[] = [];
      let ready = false;
      let failure: Error | undefined;
      const feed = (): void => {
        for (let index = inFlight.length < AHEAD ? take() : undefined; index !== undefined; index = inFlight.length < AHEAD ? take() : undefined) {
          inFlight.push(index);
          worker.postMessage({ index, file: run.files[index], options: run.fileOptions?.[index] } satisfies PoolTask);
        }
        if (inFlight.length === 0) void worker.terminate();
      };
      worker.on('message', (reply: PoolReply) => {
        if (finished) return;
        if ('ready' in reply) return void (ready = true);
        // An exception outside the analysis (which turns its own into findings) ends the run, as in-process.
        if ('error' in reply) return finish(Object.assign(new Error(reply.error.message), { stack: reply.error.stack }));
        inFlight.splice(inFlight.indexOf(reply.index), 1);
        if (!completed(reply.index, reply.outcome)) feed();
      });
      worker.on('error', (error) => (failure = error));
      worker.on('exit', (code) => {
        workers.delete(worker);
        if (finished || inFlight.length === 0) return;
        if (!ready) {
          retry.unshift(...inFlight);
          if (workers.size === 0) checkHere().catch(finish);
          return;
        }
        // Files are checked in the order given, so the first one in flight is the one that was running.
        const [stopped, ...queued] = inFlight;
        retry.unshift(...queued);
        const cause = new Error(`the worker thread checking it stopped: ${failure?.message ?? `exit code ${code}`}`);
        if (!completed(stopped, { findings: internalError('analyse', cause, run.fileOptions?.[stopped] ?? run.request.options), text: '' }) && workLeft()) start();
      });
      feed();
    };
    for (let i = 0; i < threads; i++) start();
  });
}

function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

/** File indices, largest file first: a large file started last would keep one thread busy alone. */
function largestFirst(sizes: readonly number[]): number[] {
  return sizes.map((_, index) => index).sort((a, b) => sizes[b] - sizes[a] || a - b);
}

/**
 * Workers run this very bundle (server/out/cli.js exports `servePool`); from source (tests, the bench)
 * they first register tsx, which does not reach worker threads by itself.
 */
function spawnWorker(workerData: PoolWorkerData): Worker {
  const fromSource = __filename.endsWith('.ts');
  const load = fromSource
    ? `const { createRequire } = require('node:module');
       require(createRequire(${JSON.stringify(__filename)}).resolve('tsx/cjs/api')).register();
       require(${JSON.stringify(path.join(__dirname, 'poolWorker.ts'))}).servePool();`
    : `require(${JSON.stringify(__filename)}).servePool();`;
  return new Worker(load, { eval: true, workerData });
}
