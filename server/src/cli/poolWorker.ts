/** The worker-thread side of the CLI's pool (pool.ts): extracts the files it is sent, one at a time, in order. */
import { parentPort, workerData } from 'node:worker_threads';
import type { Catalog } from '../catalog/catalog';
import { buildCatalog } from '../catalog/load';
import type { CatalogFile } from '../catalog/types';
import { extractFile, initialProjectCatalog, type Extracted, type ExtractRequest } from '../project/extractFile';
import { ProjectCatalog, type ProjectAdditions } from '../project/projectCatalog';

export interface PoolWorkerData {
  userCatalogs: readonly CatalogFile[];
}

/** A file to extract, or the project catalog the files sent after it are extracted with (by its additions). */
export type PoolTask = { request: ExtractRequest } | { catalog: number; additions: ProjectAdditions };

/** `ready` first, once the worker has loaded: a worker that stops before it could not start at all. */
export type PoolReply = { ready: true } | { result: Extracted } | { error: { message: string; stack?: string } };

export function servePool(): void {
  const port = parentPort;
  if (!port) throw new Error('servePool runs in a worker thread');
  const { userCatalogs } = workerData as PoolWorkerData;
  const base = buildCatalog([...userCatalogs]);
  let python: Catalog = initialProjectCatalog(base);
  port.postMessage({ ready: true } satisfies PoolReply);
  let queue = Promise.resolve();
  port.on('message', (task: PoolTask) => {
    if ('catalog' in task) {
      queue = queue.then(() => void (python = new ProjectCatalog(base, task.additions)));
      return;
    }
    queue = queue.then(async () => {
      let reply: PoolReply;
      try {
        reply = { result: await extractFile(task.request, { python, base }) };
      } catch (error) {
        const e = error instanceof Error ? error : new Error(String(error));
        reply = { error: { message: e.message, stack: e.stack } };
      }
      port.postMessage(reply);
    });
  });
}
