/** The worker-thread side of the CLI's pool (pool.ts): extracts the files it is sent, one at a time, in order. */
import { parentPort, workerData } from 'node:worker_threads';
import { checkExtracted, type CheckOptions } from '../analysis/analyze';
import type { Finding } from '../analysis/diagnostics';
import type { Catalog } from '../catalog/catalog';
import { buildCatalog } from '../catalog/load';
import type { CatalogFile } from '../catalog/types';
import { extractFile, initialProjectCatalog, type Extracted, type ExtractRequest } from '../project/extractFile';
import { ProjectCatalog, type ProjectAdditions } from '../project/projectCatalog';
import { withoutBodyReads } from './heldModels';

export interface PoolWorkerData {
  userCatalogs: readonly CatalogFile[];
}

/**
 * A file to extract; the project catalog the tasks sent after it use (by its additions); or a file this
 * worker extracted last, to judge its own findings.
 */
export type PoolTask = { request: ExtractRequest } | { catalog: number; additions: ProjectAdditions } | { judge: string; options: CheckOptions };

/** `ready` first, once the worker has loaded: a worker that stops before it could not start at all. */
export type PoolReply = { ready: true } | { result: Extracted } | { findings: Finding[] } | { error: { message: string; stack?: string } };

export function servePool(): void {
  const port = parentPort;
  if (!port) throw new Error('servePool runs in a worker thread');
  const { userCatalogs } = workerData as PoolWorkerData;
  const base = buildCatalog([...userCatalogs]);
  let python: Catalog = initialProjectCatalog(base);
  port.postMessage({ ready: true } satisfies PoolReply);
  let queue = Promise.resolve();
  /** Each file's latest extraction here, with its text, for judging it later. */
  const held = new Map<string, { extracted: Extracted; text: string }>();
  port.on('message', (task: PoolTask) => {
    if ('catalog' in task) {
      queue = queue.then(() => void (python = new ProjectCatalog(base, task.additions)));
      return;
    }
    queue = queue.then(async () => {
      let reply: PoolReply;
      try {
        if ('judge' in task) {
          const { extracted, text } = held.get(task.judge)!;
          reply = { findings: checkExtracted(extracted, python, task.options, text) };
        } else {
          const extracted = await extractFile(task.request, { python, base });
          held.set(task.request.path, { extracted, text: task.request.text });
          // Judged here, where the whole model stays: the main thread gets what it reads (heldModels.ts).
          reply = { result: extracted.failure === undefined ? { ...extracted, model: withoutBodyReads(extracted.model) } : extracted };
        }
      } catch (error) {
        const e = error instanceof Error ? error : new Error(String(error));
        reply = { error: { message: e.message, stack: e.stack } };
      }
      port.postMessage(reply);
    });
  });
}
