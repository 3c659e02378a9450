/**
 * Spreads the first extraction of the CLI's project index over worker threads (`--jobs N`): each
 * worker rebuilds the catalog and runs the same per-file step as the main thread (read the model
 * and the module's exports: project/extractFile.ts); results are put back in the order of the files,
 * so the index, and so what is printed, does not depend on N or on which thread finished first. The
 * main thread then builds the project's symbol table and catalog and re-extracts, itself, the few
 * files whose view of the project differs, and judges every file.
 *
 * A worker that stops while extracting a file (it ran out of memory, say) costs that file alone: the
 * file gets the `internal-error` finding an in-process failure would give, and the files queued
 * behind it go to a fresh worker. When no worker can start at all, the main thread extracts the
 * files. Small runs stay in the main thread: a worker is only worth starting for a good amount of code.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { emptyModel, languageOf } from '../analysis/analyze';
import type { Catalog } from '../catalog/catalog';
import type { CatalogFile } from '../catalog/types';
import { extractFile, initialProjectCatalog, type Extracted, type ExtractRequest } from '../project/extractFile';
import type { PoolReply, PoolTask, PoolWorkerData } from './poolWorker';

export interface ExtractRun {
  requests: readonly ExtractRequest[];
  /** The catalog in force, and the user catalogs it was built from, for the workers to build the same one. */
  catalog: Catalog;
  userCatalogs: readonly CatalogFile[];
  jobs: number;
}

/** Starting a worker costs about as much as extracting this much code; smaller runs take fewer threads. */
const BYTES_PER_WORKER = 128 * 1024;
/** Files handed to a worker ahead, so it never waits for the main thread between two files. */
const AHEAD = 2;

export function defaultJobs(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

export async function extractFiles(run: ExtractRun): Promise<Extracted[]> {
  const results: (Extracted | undefined)[] = new Array(run.requests.length).fill(undefined);
  const sizes = run.requests.map((request) => request.text.length);
  const threads = Math.min(run.jobs, run.requests.length, Math.floor(sizes.reduce((sum, size) => sum + size, 0) / BYTES_PER_WORKER));
  const catalogs = { python: initialProjectCatalog(run.catalog), base: run.catalog };
  const here = (index: number) => extractFile(run.requests[index], catalogs);
  if (threads <= 1) {
    for (let i = 0; i < run.requests.length; i++) results[i] = await here(i);
  } else {
    await inWorkers(run, threads, largestFirst(sizes), here, (index, result) => (results[index] = result));
  }
  return results as Extracted[];
}

function inWorkers(run: ExtractRun, threads: number, order: readonly number[], here: (index: number) => Promise<Extracted>, settle: (index: number, result: Extracted) => void): Promise<void> {
  const data: PoolWorkerData = { userCatalogs: run.userCatalogs };
  const retry: number[] = [];
  let next = 0;
  let done = 0;
  let finished = false;
  let extractingHere = false;
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
    const completed = (index: number, result: Extracted): boolean => {
      settle(index, result);
      if (++done === run.requests.length) finish();
      return finished;
    };
    // When no worker thread can start at all (too little memory, say), the files are extracted here.
    const extractHere = async (): Promise<void> => {
      if (extractingHere) return;
      extractingHere = true;
      for (let index = take(); index !== undefined && !finished; index = take()) completed(index, await here(index));
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
          worker.postMessage({ index, request: run.requests[index] } satisfies PoolTask);
        }
        if (inFlight.length === 0) void worker.terminate();
      };
      worker.on('message', (reply: PoolReply) => {
        if (finished) return;
        if ('ready' in reply) return void (ready = true);
        // An exception outside the analysis (which turns its own into a failure) ends the run, as in-process.
        if ('error' in reply) return finish(Object.assign(new Error(reply.error.message), { stack: reply.error.stack }));
        inFlight.splice(inFlight.indexOf(reply.index), 1);
        if (!completed(reply.index, reply.result)) feed();
      });
      worker.on('error', (error) => (failure = error));
      worker.on('exit', (code) => {
        workers.delete(worker);
        if (finished || inFlight.length === 0) return;
        if (!ready) {
          retry.unshift(...inFlight);
          if (workers.size === 0) extractHere().catch(finish);
          return;
        }
        // Files are extracted in the order given, so the first one in flight is the one that was running.
        const [stopped, ...queued] = inFlight;
        retry.unshift(...queued);
        const cause = new Error(`the worker thread checking it stopped: ${failure?.message ?? `exit code ${code}`}`);
        if (!completed(stopped, { model: emptyModel(languageOf(run.requests[stopped].grammar)), failure: cause }) && workLeft()) start();
      });
      feed();
    };
    for (let i = 0; i < threads; i++) start();
  });
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
