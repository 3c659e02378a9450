/** The worker-thread side of the CLI's pool (pool.ts): checks the files it is sent, one at a time, in order. */
import { parentPort, workerData } from 'node:worker_threads';
import type { CheckOptions } from '../analysis/analyze';
import { buildCatalog } from '../catalog/load';
import type { CatalogFile } from '../catalog/types';
import { checkFile, type CheckRequest, type FileOutcome } from './checkFile';

export interface PoolWorkerData {
  userCatalogs: readonly CatalogFile[];
  request: CheckRequest;
}

export interface PoolTask {
  index: number;
  file: string;
  options?: CheckOptions;
}

/** `ready` first, once the worker has loaded: a worker that stops before it could not start at all. */
export type PoolReply = { ready: true } | { index: number; outcome: FileOutcome } | { index: number; error: { message: string; stack?: string } };

export function servePool(): void {
  const port = parentPort;
  if (!port) throw new Error('servePool runs in a worker thread');
  const { userCatalogs, request } = workerData as PoolWorkerData;
  const catalog = buildCatalog(userCatalogs);
  port.postMessage({ ready: true } satisfies PoolReply);
  let queue = Promise.resolve();
  port.on('message', (task: PoolTask) => {
    queue = queue.then(async () => {
      let reply: PoolReply;
      try {
        reply = { index: task.index, outcome: await checkFile(task.file, catalog, request, task.options) };
      } catch (error) {
        const e = error instanceof Error ? error : new Error(String(error));
        reply = { index: task.index, error: { message: e.message, stack: e.stack } };
      }
      port.postMessage(reply);
    });
  });
}
