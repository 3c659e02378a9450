/**
 * Extracts the CLI's files in worker threads (`--jobs N`) while the project index goes on loading:
 * each worker rebuilds the catalog and runs the same per-file step as the main thread (the model and
 * the module's exports: project/extractFile.ts), so what it sends back is what the main thread would
 * have made, less what the handlers' bodies read (heldModels.ts): the worker keeps the whole model and
 * judges the file's own findings itself. The index asks for files one by one, as it reads them, and
 * again whenever the project changes what a file sees (then under the project's catalog, which the
 * workers rebuild from its additions); every answer goes to the file it belongs to, so nothing depends
 * on N or on which thread finished first.
 *
 * N threads share the work: the main thread extracts from the same queue as N - 1 workers (it would
 * otherwise only wait for them). Workers start once enough code has been asked for, or is likely to
 * be, to be worth it (starting one costs about as much as extracting BYTES_PER_WORKER), and stay until
 * the run ends. A worker that stops while extracting a file (it ran out of memory, say) costs that file
 * alone: the file gets the `internal-error` finding an in-process failure would give, and the files
 * queued behind it go to a fresh worker or to the main thread; the files it held are extracted again
 * on the main thread before they are judged there.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { checkExtracted, emptyModel, languageOf, type CheckOptions } from '../analysis/analyze';
import type { Finding } from '../analysis/diagnostics';
import type { FileModel } from '../analysis/model';
import type { Catalog } from '../catalog/catalog';
import type { CatalogFile } from '../catalog/types';
import { extractFile, initialProjectCatalog, type Extracted, type ExtractRequest } from '../project/extractFile';
import { ProjectCatalog } from '../project/projectCatalog';
import type { PoolReply, PoolTask, PoolWorkerData } from './poolWorker';

export interface PoolSetup {
  /** The catalog in force, and the user catalogs it was built from, for the workers to build the same one. */
  catalog: Catalog;
  userCatalogs: readonly CatalogFile[];
  jobs: number;
}

/** Starting a worker costs about as much as extracting this much code. */
const BYTES_PER_WORKER = 128 * 1024;
/** About this share of a tree's source holds a fact word and is extracted (the standard library: a sixth). */
const EXTRACTED_SHARE = 1 / 8;
/** Code handed to a worker ahead, so it does not wait for the main thread (busy loading) between files. */
const BYTES_AHEAD = 256 * 1024;

export function defaultJobs(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

interface ExtractJob {
  kind: 'extract';
  request: ExtractRequest;
  /** The catalog Python files are extracted with, by its number in this pool. */
  catalog: number;
  size: number;
  resolve(result: Extracted): void;
  reject(error: Error): void;
}

/** A file's own findings, judged by the worker that holds its model and text, or here (where every model is). */
interface JudgeJob {
  kind: 'judge';
  file: string;
  /** The worker that holds the file (none: judged here), the model it holds, and the catalog and options to judge it with there. */
  holder?: Thread;
  model: FileModel;
  catalog?: number;
  options: CheckOptions;
  /** What to judge here instead: when no worker holds the model (it stopped, say). */
  here: () => Finding[] | Promise<Finding[]>;
  resolve(findings: Finding[] | Promise<Finding[]>): void;
  reject(error: Error): void;
}

type Job = ExtractJob | JudgeJob;

interface Holder {
  thread: Thread;
  model: FileModel;
  request: ExtractRequest;
  catalog: number;
}

interface Thread {
  worker: Worker;
  ready: boolean;
  /** Jobs sent, in the order the worker extracts them. */
  inFlight: Job[];
  /** The catalog the worker holds. */
  catalog: number;
  failure?: Error;
}

export class ExtractionPool {
  private readonly queue: ExtractJob[] = [];
  /** Files waiting to be judged in the worker that holds them, or here when none does. */
  private readonly judgeQueue: JudgeJob[] = [];
  private queuedBytes = 0;
  /**
   * The worker that made each file's latest model, that model as received here (without its body
   * reads: heldModels.ts), and what made it, to make it again here should the file have to be judged
   * here after all.
   */
  private readonly holders = new Map<string, Holder>();
  private readonly threads = new Set<Thread>();
  /** Catalogs by number (0: the one the workers start with), and the numbers of catalog objects met. */
  private readonly catalogs: Catalog[];
  private readonly numbers = new WeakMap<Catalog, number>();
  private readonly here: { python: Catalog; base: Catalog };
  private asked = 0;
  private expected = 0;
  private started = 0;
  /** No worker could start: the main thread extracts everything. */
  private workersFailed = false;
  private extractingHere = false;
  private closed = false;

  constructor(private readonly setup: PoolSetup) {
    this.here = { python: initialProjectCatalog(setup.catalog), base: setup.catalog };
    this.catalogs = [this.here.python];
  }

  /** Extracts one file; `python` is the catalog Python files see (TypeScript and JavaScript see the catalog in force). */
  extract(request: ExtractRequest, python: Catalog): Promise<Extracted> {
    return new Promise((resolve, reject) => {
      const catalog = this.numberOf(python);
      // A catalog the workers cannot rebuild is used here.
      if (catalog === undefined) {
        extractFile(request, { python, base: this.setup.catalog }).then(resolve, reject);
        return;
      }
      this.queue.push({ kind: 'extract', request, catalog, size: request.text.length, resolve, reject });
      this.asked += request.text.length;
      this.queuedBytes += request.text.length;
      this.startWorkers();
      for (const thread of this.threads) this.feed(thread);
      // Once the caller has asked for all it wanted now, the main thread takes its share.
      setImmediate(() => void this.extractHere());
    });
  }

  /**
   * A file's own findings (checkExtracted), judged in the worker that extracted `extracted` while it
   * still holds it, else here. A model received from a worker lacks its body reads, so judging it here
   * means extracting the file again first (only when its worker stopped, or for a catalog the workers
   * cannot rebuild).
   */
  judge(file: string, extracted: { model: FileModel; failure?: unknown }, catalog: Catalog, options: CheckOptions, text: string | undefined): Promise<Finding[]> {
    const holder = this.holders.get(file);
    const held = holder !== undefined && holder.model === extracted.model && extracted.failure === undefined ? holder : undefined;
    const here = held ? () => this.extractAgain(held).then((whole) => checkExtracted(whole, catalog, options, text)) : () => checkExtracted(extracted, catalog, options, text);
    if (this.closed) return Promise.resolve().then(here);
    const number = this.numberOf(catalog);
    const worker = held && this.threads.has(held.thread) && number !== undefined ? held.thread : undefined;
    return new Promise((resolve, reject) => {
      this.judgeQueue.push({ kind: 'judge', file, holder: worker, model: extracted.model, catalog: number, options, here, resolve, reject });
      if (worker) this.feed(worker);
      setImmediate(() => void this.extractHere());
    });
  }

  /**
   * How much source the caller has read so far: enough of it, and workers start warming up (loading
   * the grammar and the catalog) before the first file is asked for.
   */
  expect(sourceBytes: number): void {
    this.expected = sourceBytes * EXTRACTED_SHARE;
    this.startWorkers();
  }

  /** Ends the workers; the run is over. */
  close(): void {
    this.closed = true;
    for (const thread of this.threads) void thread.worker.terminate();
    this.threads.clear();
  }

  private numberOf(python: Catalog): number | undefined {
    const known = this.numbers.get(python);
    if (known !== undefined) return known;
    if (python === this.here.python) return 0;
    if (!(python instanceof ProjectCatalog) || python.base !== this.setup.catalog) return undefined;
    this.catalogs.push(python);
    this.numbers.set(python, this.catalogs.length - 1);
    return this.catalogs.length - 1;
  }

  private startWorkers(): void {
    if (this.workersFailed || this.closed) return;
    // The main thread is one of the `jobs` threads.
    const worthIt = Math.min(this.setup.jobs - 1, Math.floor(Math.max(this.asked, this.expected) / BYTES_PER_WORKER) - 1);
    while (this.started < worthIt) this.start();
  }

  private take(): ExtractJob | undefined {
    if (this.queue.length === 0) return undefined;
    // Largest first: a large file started last would keep one thread busy alone.
    let best = 0;
    for (let i = 1; i < this.queue.length; i++) if (this.queue[i].size > this.queue[best].size) best = i;
    const [job] = this.queue.splice(best, 1);
    this.queuedBytes -= job.size;
    return job;
  }

  /**
   * Sends the worker files ahead, so it does not wait for the main thread between them; never more
   * code than is left in the queue, so that near the end no thread waits while another works off a
   * backlog. Then every file it holds to judge, at once: the main thread runs the cross-module rules
   * meanwhile and would not answer between files (it judges only the files no live worker holds).
   */
  private feed(thread: Thread): void {
    const ahead = () => thread.inFlight.reduce((sum, job) => sum + (job.kind === 'extract' ? job.size : 0), 0);
    while (this.queue.length > 0 && (thread.inFlight.length === 0 || ahead() < Math.min(BYTES_AHEAD, this.queuedBytes))) {
      const job = this.take()!;
      this.useCatalog(thread, job.catalog);
      thread.inFlight.push(job);
      thread.worker.postMessage({ request: job.request } satisfies PoolTask);
    }
    if (!this.judgeQueue.some((job) => job.holder === thread)) return;
    // The model the worker holds must still be the one judged (no newer extraction of the file on its way).
    const extracting = new Set(thread.inFlight.flatMap((job) => (job.kind === 'extract' ? [job.request.path] : [])));
    const holds = (job: JudgeJob) => job.holder === thread && this.holders.get(job.file)?.model === job.model && !extracting.has(job.file);
    const sent = this.judgeQueue.filter(holds);
    const kept = this.judgeQueue.filter((job) => !holds(job));
    this.judgeQueue.length = 0;
    kept.forEach((job) => this.judgeQueue.push(job));
    for (const job of sent) {
      this.useCatalog(thread, job.catalog!);
      thread.inFlight.push(job);
      thread.worker.postMessage({ judge: job.file, options: job.options } satisfies PoolTask);
    }
  }

  /**
   * A file for the main thread to judge: one no worker can judge (extracted here, or by a worker that
   * has stopped or has since extracted the file again). A worker's files are left to it: here they
   * would have to be extracted again.
   */
  private takeJudgement(): JudgeJob | undefined {
    for (let i = this.judgeQueue.length - 1; i >= 0; i--) {
      const { holder, file, model } = this.judgeQueue[i];
      if (!holder || !this.threads.has(holder) || this.holders.get(file)?.model !== model) return this.judgeQueue.splice(i, 1)[0];
    }
    return undefined;
  }

  /** The whole model of a file a worker extracted, made again here (extraction is pure: the same model). */
  private extractAgain(holder: Holder): Promise<Extracted> {
    return extractFile(holder.request, { python: this.catalogs[holder.catalog], base: this.setup.catalog });
  }

  /** Sends the worker the catalog the tasks after it need, unless it holds it already. */
  private useCatalog(thread: Thread, number: number): void {
    if (thread.catalog === number) return;
    const catalog = this.catalogs[number] as ProjectCatalog;
    thread.worker.postMessage({ catalog: number, additions: catalog.additions } satisfies PoolTask);
    thread.catalog = number;
  }

  /** The main thread takes its share of the queue, letting the workers' replies in between files. */
  private async extractHere(): Promise<void> {
    if (this.extractingHere || this.closed) return;
    this.extractingHere = true;
    try {
      for (let job = this.take() ?? this.takeJudgement(); job && !this.closed; job = this.take() ?? this.takeJudgement()) {
        try {
          if (job.kind === 'judge') job.resolve(job.here());
          else job.resolve(await extractFile(job.request, { python: this.catalogs[job.catalog], base: this.setup.catalog }));
        } catch (error) {
          job.reject(error instanceof Error ? error : new Error(String(error)));
        }
        await new Promise((resume) => setImmediate(resume));
      }
    } finally {
      this.extractingHere = false;
    }
  }

  private start(): void {
    this.started++;
    const thread: Thread = { worker: spawnWorker({ userCatalogs: this.setup.userCatalogs }), ready: false, inFlight: [], catalog: 0 };
    this.threads.add(thread);
    const { worker } = thread;
    worker.on('message', (reply: PoolReply) => {
      if (this.closed) return;
      if ('ready' in reply) return void (thread.ready = true);
      // Tasks are done in the order sent.
      const job = thread.inFlight.shift()!;
      // An exception outside the analysis (which turns its own into a failure) ends the run, as in-process.
      if ('error' in reply) job.reject(Object.assign(new Error(reply.error.message), { stack: reply.error.stack }));
      else if (job.kind === 'judge') job.resolve((reply as { findings: Finding[] }).findings);
      else {
        const { result } = reply as { result: Extracted };
        this.holders.set(job.request.path, { thread, model: result.model, request: job.request, catalog: job.catalog });
        job.resolve(result);
      }
      this.feed(thread);
      // A file it held may be one the main thread must judge now (it was extracted again since).
      void this.extractHere();
    });
    worker.on('error', (error) => (thread.failure = error));
    worker.on('exit', (code) => {
      this.threads.delete(thread);
      if (this.closed) return;
      // What it held is judged here.
      for (const job of thread.inFlight) if (job.kind === 'judge') job.resolve(job.here());
      const extracting = thread.inFlight.filter((job): job is ExtractJob => job.kind === 'extract');
      if (!thread.ready) {
        // It could not start: its files wait for another worker, or for the main thread.
        this.queue.unshift(...extracting);
        if (this.threads.size === 0) this.workersFailed = true;
      } else {
        // Tasks are done in the order sent: the first one was under way.
        const stopped = thread.inFlight[0]?.kind === 'extract' ? extracting[0] : undefined;
        this.queue.unshift(...(stopped ? extracting.slice(1) : extracting));
        if (stopped) {
          const cause = new Error(`the worker thread checking it stopped: ${thread.failure?.message ?? `exit code ${code}`}`);
          stopped.resolve({ model: emptyModel(languageOf(stopped.request.grammar)), failure: cause });
          if (this.queue.length > 0) this.start();
        }
      }
      for (const other of this.threads) this.feed(other);
      void this.extractHere();
    });
    this.feed(thread);
  }
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
