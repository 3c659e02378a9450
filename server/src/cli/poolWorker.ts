/** The worker-thread side of the CLI's pool (pool.ts): extracts the files it is sent, one at a time, in order. */
import { parentPort, workerData } from 'node:worker_threads';
import { buildCatalog } from '../catalog/load';
import type { CatalogFile } from '../catalog/types';
import { extractFile, initialProjectCatalog, type Extracted, type ExtractRequest } from '../project/extractFile';

export interface PoolWorkerData {
  userCatalogs: readonly CatalogFile[];
}

export interface PoolTask {
  index: number;
  request: ExtractRequest;
}

/** `ready` first, once the worker has loaded: a worker that stops before it could not start at all. */
export type PoolReply = { ready: true } | { index: number; result: Extracted } | { index: number; error: { message: string; stack?: string } };

export function servePool(): void {
  const port = parentPort;
  if (!port) throw new Error('servePool runs in a worker thread');
  const { userCatalogs } = workerData as PoolWorkerData;
  const base = buildCatalog([...userCatalogs]);
  const catalogs = { python: initialProjectCatalog(base), base };
  port.postMessage({ ready: true } satisfies PoolReply);
  let queue = Promise.resolve();
  port.on('message', (task: PoolTask) => {
    queue = queue.then(async () => {
      let reply: PoolReply;
      try {
        reply = { index: task.index, result: await extractFile(task.request, catalogs) };
      } catch (error) {
        const e = error instanceof Error ? error : new Error(String(error));
        reply = { index: task.index, error: { message: e.message, stack: e.stack } };
      }
      port.postMessage(reply);
    });
  });
}
