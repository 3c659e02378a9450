/**
 * Analyses documents on a worker thread (analysisWorker.ts) so the main thread keeps answering
 * requests on other documents meanwhile. One job runs at a time; at most one more waits per document,
 * and a newer version replaces it (its edits are carried over). A running job that nobody wants any
 * more (a newer version came, its requests were cancelled, the document closed) is told to stop at
 * its next check; a result for an older version is kept only for `peek`.
 *
 * The thread costs about 20 MB before it holds any document (its own V8 heap, its copy of the
 * parser's memory): once it holds none and has had nothing to do for a while, it is stopped, and the
 * next large document starts it again.
 */
import type { Worker } from 'node:worker_threads';
import { LineIndex } from '../analysis/text';
import type { EditableText } from '../analysis/textChange';
import { heldText } from './chunkedDocument';
import type { FileModel } from '../analysis/model';
import type { Catalog } from '../catalog/catalog';
import { ProjectCatalog } from '../project/projectCatalog';
import type { AnalysisSettings, DocumentAnalysis } from './analysisCache';
import type { OpenDocument } from './documentStore';
import type { Edit } from '../parsing/treeSitter';
import { CONTROL, type FromWorker, type TextReplacement, type ThreadHeap, type ToWorker } from './workerProtocol';
import type { Extracted, ExtractRequest } from '../project/extractFile';
import { changedRegion, emptyModel, languageOf } from '../analysis/analyze';
import type { Finding } from '../analysis/diagnostics';
import { withDelta } from './findingsDelta';
import { ModelReader } from './modelParts';
import { newControl, startAnalysisThread, takePrestartedThread } from './analysisThread';

/** A request that stops waiting when its client cancels it (`$/cancelRequest`). */
export interface Cancellable {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

export class AnalysisCancelled extends Error {
  constructor() {
    super('the request was cancelled');
  }
}

interface Waiter {
  version: number;
  resolve: (analysis: DocumentAnalysis | undefined) => void;
  reject: (error: Error) => void;
  /** Waiters without a token (pushed diagnostics) keep a job wanted until it is done. */
  cancellable: boolean;
}

interface Job {
  id: number;
  uri: string;
  entry: OpenDocument;
  version: number;
  text: EditableText;
  edits: Edit[] | 'full';
  settings: AnalysisSettings;
  catalog: Catalog;
  generation: number;
  /** Told to stop: its result, if it still comes, is not waited for. */
  cancelled?: boolean;
}

/** A file the project index wants extracted: done when no document waits for an analysis. */
interface Extraction {
  id: number;
  request: ExtractRequest;
  catalog: Catalog;
  resolve: (result: Extracted) => void;
}

/** How long the thread may hold no document and have nothing to do before it is stopped (tests shorten it). */
export const IDLE_STOP_MS = numberFromEnvironment('CELERY_SIGNALS_WORKER_IDLE_MS', 30_000);

function numberFromEnvironment(name: string, fallback: number): number {
  const value = process.env[name];
  return value !== undefined && value !== '' && Number.isFinite(Number(value)) ? Number(value) : fallback;
}

/**
 * Where a result's model is: on the analysis thread until a request fetches it, then here, as bytes,
 * then read part by part (modelParts.ts), then read.
 */
interface ModelSource {
  id: number;
  uri: string;
  buffer?: ArrayBuffer;
  reader?: ModelReader;
  model?: FileModel;
  fetching?: Promise<boolean>;
  reading?: Promise<FileModel>;
}

const hasModel = (source: ModelSource) => source.buffer !== undefined || source.reader !== undefined || source.model !== undefined;

function readerOf(source: ModelSource): ModelReader {
  if (!source.reader) {
    source.reader = new ModelReader(source.buffer!);
    source.buffer = undefined;
  }
  return source.reader;
}

/** Once read, the bytes go (the reader holds them): the analysis is kept until the next version's arrives. */
function read(source: ModelSource, model: FileModel): void {
  source.model ??= model;
  source.reader = undefined;
}

/**
 * The model of a fetched result, read the first time something asks for it. `withModel` reads it a
 * part per turn of the event loop; a synchronous reader in the meantime reads the rest at once.
 */
function withLazyModel(analysis: Omit<DocumentAnalysis, 'model'>, source: ModelSource | undefined): DocumentAnalysis {
  if (!source) return analysis;
  return Object.defineProperty(analysis, 'model', {
    enumerable: true,
    get: () => {
      if (!source.model && hasModel(source)) read(source, readerOf(source).readAll());
      return source.model;
    },
  }) as DocumentAnalysis;
}

/** A large document's flat text is made only when the analysis is read for it (not to publish its diagnostics). */
function withHeldText(analysis: Omit<DocumentAnalysis, 'model' | 'text'>, text: EditableText): Omit<DocumentAnalysis, 'model'> {
  if (typeof text === 'string') return { ...analysis, text };
  return Object.defineProperty(analysis, 'text', { enumerable: true, get: () => text.toString() }) as Omit<DocumentAnalysis, 'model'>;
}

export interface BackgroundHooks {
  onQueued?: (uri: string, version: number) => void;
  onHeld?: (uri: string, version: number) => void;
  /** A model the analysis thread sent unasked, once it had nothing else to do, has come (tests only). */
  onModelPushed?: (uri: string) => void;
  onFailure?: (message: string) => void;
  /** The thread was stopped for holding no document (tests only). */
  onStopped?: () => void;
}

export class BackgroundAnalysis {
  private worker?: Worker;
  private control = newControl();
  private readonly results = new Map<string, DocumentAnalysis>();
  /** The settings generation each result was computed under: an older one is kept for `peek` only. */
  private readonly resultGenerations = new Map<string, number>();
  private readonly waiting = new Map<string, Job>();
  private readonly waiters = new Map<string, Set<Waiter>>();
  private readonly modelSources = new WeakMap<DocumentAnalysis, ModelSource>();
  /** The findings of each document's last result from the current thread: the next result's are told against them. */
  private readonly received = new Map<string, Finding[]>();
  private readonly modelRequests = new Map<number, { source: ModelSource; resolve: (found: boolean) => void; reject: (error: Error) => void }>();
  private readonly heapRequests = new Map<number, (heap: ThreadHeap | undefined) => void>();
  /** Documents the current worker has a copy of: the others are sent whole. */
  private readonly known = new Set<string>();
  private running?: Job;
  private readonly extractions: Extraction[] = [];
  private extracting?: Extraction;
  private catalogSent?: Catalog;
  private indexCatalogSent?: Catalog;
  private idleTimer?: ReturnType<typeof setTimeout>;
  private nextId = 1;
  private generation = 0;

  /** `onQueued`/`onHeld`/`onModelPushed` hear of queued and held analyses and pushed models (tests only); `onFailure` of a worker that died. */
  constructor(private readonly hooks: BackgroundHooks = {}) {}

  /** The latest analysis of a document, whatever its version, without computing anything. */
  peek(uri: string): DocumentAnalysis | undefined {
    return this.results.get(uri);
  }

  has(uri: string): boolean {
    return this.results.has(uri) || this.waiting.has(uri) || this.running?.uri === uri;
  }

  /** Takes over a document analysed elsewhere: requests on the version at hand are answered from it meanwhile. */
  adopt(analysis: DocumentAnalysis): void {
    this.results.set(analysis.uri, analysis);
    this.resultGenerations.set(analysis.uri, this.generation);
  }

  /** Starts the worker ahead of the first large document, so it is warm by then. */
  start(): void {
    this.ensureWorker();
  }

  analyse(uri: string, entry: OpenDocument, catalog: Catalog, settings: AnalysisSettings, token?: Cancellable): Promise<DocumentAnalysis | undefined> {
    const version = entry.document.version;
    const cached = this.results.get(uri);
    if (cached && cached.version === version && this.resultGenerations.get(uri) === this.generation) return Promise.resolve(cached);
    if (token?.isCancellationRequested) return Promise.reject(new AnalysisCancelled());
    const promise = new Promise<DocumentAnalysis | undefined>((resolve, reject) => {
      const waiter: Waiter = { version, resolve, reject, cancellable: !!token };
      this.waitersOf(uri).add(waiter);
      const subscription = token?.onCancellationRequested(() => {
        subscription?.dispose();
        if (!this.waitersOf(uri).delete(waiter)) return;
        reject(new AnalysisCancelled());
        this.dropIfUnwanted(uri);
      });
    });
    this.want(uri, entry, catalog, settings);
    this.pump();
    return promise;
  }

  /**
   * The project index's per-file step, on this thread so that the one answering requests never waits
   * for it. Documents' analyses go first; a failure comes back as the file's failure, never as a throw.
   */
  extract(request: ExtractRequest, catalog: Catalog): Promise<Extracted> {
    return new Promise((resolve) => {
      this.extractions.push({ id: this.nextId++, request, catalog, resolve });
      this.pump();
    });
  }

  /**
   * The analysis with its model at hand: results come without one (findings are all most of them are
   * for), and the model is fetched from the analysis thread when a request needs it.
   */
  async withModel(analysis: DocumentAnalysis): Promise<DocumentAnalysis> {
    const source = this.modelSources.get(analysis);
    if (!source || source.model) return analysis;
    if (!hasModel(source)) {
      source.fetching ??= this.fetchModel(source);
      if (!(await source.fetching)) {
        // A newer analysis of the document replaced the model on the thread: that one answers.
        const latest = this.results.get(analysis.uri);
        return latest && latest !== analysis && latest.version >= analysis.version ? this.withModel(latest) : analysis;
      }
    }
    // A large module's model takes tens of milliseconds to read at once: in parts, requests on
    // other documents are answered in between.
    source.reading ??= readerOf(source).readInTurns();
    read(source, await source.reading);
    return analysis;
  }

  private latestSource(id: number): ModelSource | undefined {
    for (const analysis of this.results.values()) {
      const source = this.modelSources.get(analysis);
      if (source?.id === id) return source;
    }
    return undefined;
  }

  private fetchModel(source: ModelSource): Promise<boolean> {
    if (!this.worker) return Promise.resolve(false);
    return new Promise((resolve, reject) => {
      this.modelRequests.set(source.id, { source, resolve, reject });
      this.post({ kind: 'model', id: source.id, uri: source.uri });
    });
  }

  /** The analysis thread's V8 heap, or nothing when the thread is not running (the memory report). */
  heap(): Promise<ThreadHeap | undefined> {
    if (!this.worker) return Promise.resolve(undefined);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.heapRequests.set(id, resolve);
      this.post({ kind: 'heap', id });
    });
  }

  /** A document closed or reopened: its result, its jobs and the worker's copy go. */
  forget(uri: string): void {
    this.results.delete(uri);
    this.resultGenerations.delete(uri);
    this.waiting.delete(uri);
    if (this.running?.uri === uri) this.cancelRunning();
    // A result on its way was told against these findings: they go when it has come (onMessage).
    else this.received.delete(uri);
    if (this.known.delete(uri)) this.post({ kind: 'forget', uri });
    const waiters = this.waiters.get(uri);
    this.waiters.delete(uri);
    for (const waiter of waiters ?? []) waiter.resolve(undefined);
    this.stopWhenIdle();
  }

  /** Settings or catalog changed: no result computed before counts as current (`peek` still sees them). */
  invalidateAll(): void {
    this.generation++;
  }

  dispose(): void {
    clearTimeout(this.idleTimer);
    void this.worker?.terminate();
    this.worker = undefined;
  }

  /** Stops the thread after IDLE_STOP_MS if it holds no document and nothing is running or waiting by then. */
  private stopWhenIdle(): void {
    clearTimeout(this.idleTimer);
    if (!this.worker || !this.isIdle()) return;
    this.idleTimer = setTimeout(() => {
      if (!this.worker || !this.isIdle()) return;
      const worker = this.worker;
      // Cleared first, so that its exit is not taken for a failure.
      this.worker = undefined;
      void worker.terminate();
      this.hooks.onStopped?.();
    }, IDLE_STOP_MS);
    this.idleTimer.unref();
  }

  private isIdle(): boolean {
    return this.known.size === 0 && !this.running && this.waiting.size === 0 && !this.extracting && this.extractions.length === 0;
  }

  private waitersOf(uri: string): Set<Waiter> {
    let set = this.waiters.get(uri);
    if (!set) this.waiters.set(uri, (set = new Set()));
    return set;
  }

  /** Queues the document's current version, replacing a queued older one; an older running one is told to stop. */
  private want(uri: string, entry: OpenDocument, catalog: Catalog, settings: AnalysisSettings): void {
    const version = entry.document.version;
    const running = this.running?.uri === uri ? this.running : undefined;
    if (running && running.version === version && running.generation === this.generation && !running.cancelled) return;
    if (running) this.cancelRunning();
    const queued = this.waiting.get(uri);
    const edits = takeEdits(entry);
    const text = heldText(entry.document);
    if (queued) Object.assign(queued, { version, text, settings, catalog, generation: this.generation, edits: joinEdits(queued.edits, edits) });
    else this.waiting.set(uri, { id: this.nextId++, uri, entry, version, text, edits, settings, catalog, generation: this.generation });
    this.hooks.onQueued?.(uri, version);
  }

  /** Nobody waits for the document any more (all its requests were cancelled): its pending work goes. */
  private dropIfUnwanted(uri: string): void {
    if (this.waitersOf(uri).size > 0) return;
    const queued = this.waiting.get(uri);
    if (queued) {
      // The edits are not lost: the next analysis of the document starts from them.
      queued.entry.pendingEdits = joinEdits(queued.edits, queued.entry.pendingEdits);
      this.waiting.delete(uri);
    }
    if (this.running?.uri === uri) this.cancelRunning();
  }

  private cancelRunning(): void {
    if (!this.running) return;
    this.running.cancelled = true;
    Atomics.store(this.control, CONTROL.cancelledJob, this.running.id);
  }

  /** The main thread is answering a request: the analysis thread leaves it the CPU (typingRehearsal.ts). */
  requestAnswered(): void {
    Atomics.add(this.control, CONTROL.requests, 1);
  }

  /** Test builds only: lets a held analysis go on. */
  releaseHeld(): void {
    Atomics.add(this.control, CONTROL.releases, 1);
    Atomics.notify(this.control, CONTROL.releases);
  }

  private ensureWorker(): Worker {
    clearTimeout(this.idleTimer);
    if (this.worker) return this.worker;
    // The first one wanted is usually the thread started with the process (analysisThread.ts).
    const thread = takePrestartedThread() ?? startAnalysisThread(this.control);
    this.control = thread.control;
    const worker = thread.worker;
    worker.on('message', (message: FromWorker) => this.onMessage(message));
    worker.on('error', (error) => this.onWorkerLost(error.message));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.onWorkerLost(`the analysis thread exited with code ${code}`);
    });
    this.worker = worker;
    this.catalogSent = undefined;
    this.indexCatalogSent = undefined;
    this.known.clear();
    this.stopWhenIdle();
    this.received.clear();
    return worker;
  }

  private post(message: ToWorker): void {
    this.worker?.postMessage(message);
  }

  private pump(): void {
    if (this.running || this.extracting) return;
    const next = this.waiting.values().next().value as Job | undefined;
    if (!next) return this.pumpExtraction();
    this.waiting.delete(next.uri);
    this.ensureWorker();
    if (this.catalogSent !== next.catalog) {
      const catalog = next.catalog;
      // A project's catalog travels as its parts; the analysis thread puts it together again.
      if (catalog instanceof ProjectCatalog) this.post({ kind: 'catalog', files: catalog.base.files, additions: catalog.additions });
      else this.post({ kind: 'catalog', files: catalog.files });
      this.catalogSent = next.catalog;
    }
    const edits = this.known.has(next.uri) ? next.edits : 'full';
    this.known.add(next.uri);
    this.running = next;
    const text = edits === 'full' ? next.text.toString() : replacement(edits, next.text);
    this.post({ kind: 'analyse', id: next.id, uri: next.uri, languageId: next.entry.document.languageId, version: next.version, text, edits, settings: next.settings });
  }

  private pumpExtraction(): void {
    const next = this.extractions.shift();
    if (!next) return;
    this.ensureWorker();
    if (this.indexCatalogSent !== next.catalog) {
      const catalog = next.catalog;
      if (catalog instanceof ProjectCatalog) this.post({ kind: 'catalog', files: catalog.base.files, additions: catalog.additions, forIndex: true });
      else this.post({ kind: 'catalog', files: catalog.files, forIndex: true });
      this.indexCatalogSent = catalog;
    }
    this.extracting = next;
    this.post({ kind: 'extract', id: next.id, request: next.request });
  }

  private extractionDone(result: Extracted | string): void {
    const done = this.extracting!;
    this.extracting = undefined;
    done.resolve(typeof result === 'string' ? { model: emptyModel(languageOf(done.request.grammar)), failure: new Error(result) } : result);
  }

  private onMessage(message: FromWorker): void {
    if (message.kind === 'holding') {
      this.hooks.onHeld?.(message.uri, message.version);
      return;
    }
    if (message.kind === 'heap') {
      this.heapRequests.get(message.id)?.(message.heap);
      this.heapRequests.delete(message.id);
      return;
    }
    if (this.extracting?.id === message.id) {
      this.extractionDone(message.kind === 'extracted' ? message.result : message.kind === 'failed' ? message.message : 'the extraction was cancelled');
      this.pump();
      this.stopWhenIdle();
      return;
    }
    if (message.kind === 'model') {
      const request = this.modelRequests.get(message.id);
      this.modelRequests.delete(message.id);
      // Unasked, it is the model of a document's latest result, sent while the thread was idle.
      const source = request?.source ?? this.latestSource(message.id);
      if (source && message.model && !hasModel(source)) {
        source.buffer = message.model;
        if (!request) this.hooks.onModelPushed?.(source.uri);
      }
      request?.resolve(!!message.model);
      return;
    }
    const job = this.running;
    if (!job || job.id !== message.id) return;
    this.running = undefined;
    const findings = message.kind === 'result' ? withDelta(this.received.get(job.uri) ?? [], message.findings) : undefined;
    if (findings && this.known.has(job.uri)) this.received.set(job.uri, findings);
    else if (!this.known.has(job.uri)) this.received.delete(job.uri);
    if (message.kind === 'failed') {
      // The thread's copy of the text may not be the job's: the next job sends it whole.
      this.known.delete(job.uri);
      this.hooks.onFailure?.(message.message);
      this.settle(job.uri, (waiter) => waiter.reject(new Error(message.message)));
    } else if (message.kind === 'result') {
      const { text } = job;
      const index = job.entry.index?.describes(text) ? job.entry.index : new LineIndex(text);
      const source = message.modelKept ? { id: job.id, uri: job.uri, buffer: message.model } : undefined;
      const analysis = withLazyModel(withHeldText({ uri: job.uri, version: message.version, index, findings: findings!, skipped: message.skipped, incremental: message.incremental }, text), source);
      if (source) this.modelSources.set(analysis, source);
      // Computed under settings since changed: it answers those who asked, and is kept for `peek` only.
      const kept = this.resultGenerations.get(job.uri);
      if (kept === undefined || kept <= job.generation) {
        this.results.set(job.uri, analysis);
        this.resultGenerations.set(job.uri, job.generation);
      }
      this.settle(job.uri, (waiter) => waiter.version <= analysis.version && (waiter.resolve(analysis), true));
    }
    this.pump();
    // A document closed while its analysis ran leaves the thread idle only now.
    this.stopWhenIdle();
  }

  /** Applies `finish` to the document's waiters; those it returns true (or nothing) for stop waiting. */
  private settle(uri: string, finish: (waiter: Waiter) => boolean | void): void {
    const waiters = this.waiters.get(uri);
    for (const waiter of waiters ?? []) if (finish(waiter) !== false) waiters!.delete(waiter);
  }

  private onWorkerLost(message: string): void {
    const lost = this.running;
    this.worker = undefined;
    this.running = undefined;
    if (this.extracting) this.extractionDone(message);
    this.known.clear();
    this.hooks.onFailure?.(message);
    if (lost) this.settle(lost.uri, (waiter) => waiter.reject(new Error(message)));
    for (const request of this.modelRequests.values()) request.reject(new Error(message));
    this.modelRequests.clear();
    for (const resolve of this.heapRequests.values()) resolve(undefined);
    this.heapRequests.clear();
    this.pump();
  }
}

/** What `edits` replaced in the text the thread has, to make `text` of it. */
function replacement(edits: readonly Edit[], text: EditableText): TextReplacement {
  const region = changedRegion(edits);
  return { start: region.start, oldEnd: region.oldEnd, inserted: text.slice(region.start, region.newEnd), length: text.length };
}

function takeEdits(entry: OpenDocument): Job['edits'] {
  const edits = entry.pendingEdits;
  entry.pendingEdits = [];
  return edits;
}

function joinEdits(first: Job['edits'], then: Job['edits']): Job['edits'] {
  return first === 'full' || then === 'full' ? 'full' : [...first, ...then];
}
