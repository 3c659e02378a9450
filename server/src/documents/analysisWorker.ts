/**
 * The analysis thread: large documents are analysed here, through the same cache and pipeline
 * (AnalysisCache → analysis/analyze.ts) as on the main thread, so the thread that answers requests
 * never waits for them. It keeps its own copy of each document and its one live tree.
 *
 * The findings go back as objects, since every analysis publishes them. The model stays here until a
 * request on the main thread asks for it: serialising it (hundreds of KB) on every keystroke would
 * cost more than the rest of the way to the published diagnostics.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as fs from 'node:fs';
import * as os from 'node:os';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Catalog } from '../catalog/catalog';
import { ProjectCatalog } from '../project/projectCatalog';
import { extractFile } from '../project/extractFile';
import { AnalysisCache } from './analysisCache';
import type { OpenDocument } from './documentStore';
import { documentOf, heldText } from './chunkedDocument';
import type { EditableText } from '../analysis/textChange';
import type { FileModel } from '../analysis/model';
import type { Finding } from '../analysis/diagnostics';
import { findingsDelta } from './findingsDelta';
import { serialisedInParts } from './modelParts';
import { warmUpAnalysis } from './warmUp';
import { TypingRehearsal } from './typingRehearsal';
import { threadHeap } from './threadHeap';
import { CONTROL, type FromWorker, type ToWorker, type WorkerData } from './workerProtocol';

const { control, holdMarker } = workerData as WorkerData;
/** Niceness of the analysis thread (0 is the process's own, 19 the lowest priority). */
const BACKGROUND_NICENESS = 5;
const port = parentPort!;
const cache = new AnalysisCache(50, null);
const documents = new Map<string, OpenDocument>();
let catalog: Catalog | undefined;
let indexCatalog: Catalog | undefined;
/** The settings each document was last analysed under. */
const settingsSeen = new Map<string, string>();
/** The findings of each document's last result, as the main thread has them, and the length of their text. */
const sent = new Map<string, { findings: Finding[]; length: number }>();
/** Each document's latest model, with the job that computed it. */
const models = new Map<string, { id: number; model: FileModel }>();
/** Results whose model the main thread has. */
const pushed = new Set<number>();
/** Below this many characters a model is sent with its result (~1 ms to serialise). */
const MODEL_WITH_RESULT_BELOW = 64 * 1024;
const MODEL_PUSH_IDLE_MS = 150;
let idleTimer: ReturnType<typeof setTimeout> | undefined;
/** Messages received and not yet handled. */
let pending = 0;

function reply(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

/**
 * The job's text: sent whole, or this thread's copy of the document with one region replaced. A large
 * document is kept in pieces (analysis/chunkedText.ts): an edit replaces the piece it falls in, and the
 * analysis reads the pieces, so no version of it is ever copied whole.
 */
function textOf(job: Extract<ToWorker, { kind: 'analyse' }>, known: OpenDocument | undefined): EditableText {
  if (typeof job.text === 'string') return job.text;
  const { start, oldEnd, inserted, length } = job.text;
  const before = known && heldText(known.document);
  const text = before === undefined ? undefined : typeof before === 'string' ? before.slice(0, start) + inserted + before.slice(oldEnd) : before.replace(start, oldEnd, inserted);
  // The main thread sends a replacement only for a document it sent here before; anything else is a fault.
  if (text === undefined || text.length !== length) throw new Error(`the analysis thread's copy of ${job.uri} is out of step`);
  return text;
}

/** Brings this thread's copy of a document to the job's version, with the edits that lead there. */
function mirror(job: Extract<ToWorker, { kind: 'analyse' }>): OpenDocument {
  const known = documents.get(job.uri);
  const document = documentOf(job.uri, job.languageId, job.version, textOf(job, known), true);
  if (!known) {
    const entry: OpenDocument = { document, pendingEdits: 'full' };
    documents.set(job.uri, entry);
    return entry;
  }
  known.document = document;
  if (job.edits === 'full') known.pendingEdits = 'full';
  else if (known.pendingEdits !== 'full') known.pendingEdits.push(...job.edits);
  return known;
}

/** Test builds only (CELERY_SIGNALS_TEST_HOLD): waits, mid-analysis, until the main thread lets go. */
function holdIfMarked(job: Extract<ToWorker, { kind: 'analyse' }>, document: TextDocument): void {
  if (!holdMarker || !document.getText().includes(holdMarker)) return;
  const releases = Atomics.load(control, CONTROL.releases);
  reply({ kind: 'holding', id: job.id, uri: job.uri, version: job.version });
  Atomics.wait(control, CONTROL.releases, releases);
}

async function analyse(job: Extract<ToWorker, { kind: 'analyse' }>): Promise<void> {
  const entry = mirror(job);
  holdIfMarked(job, entry.document);
  // Superseded or no longer wanted while it was on its way or held: the edits are kept, the work is not done.
  if (Atomics.load(control, CONTROL.cancelledJob) === job.id || !catalog) {
    reply({ kind: 'cancelled', id: job.id });
    return;
  }
  // Settings that changed under an unchanged catalog (a severity, the Celery release) make every result old.
  const settings = JSON.stringify(job.settings);
  if (settingsSeen.has(job.uri) && settingsSeen.get(job.uri) !== settings) cache.invalidateAll();
  settingsSeen.set(job.uri, settings);
  const analysis = await cache.analyse(job.uri, entry, catalog, job.settings);
  const replaced = models.get(job.uri);
  if (replaced) pushed.delete(replaced.id);
  if (analysis.model) models.set(job.uri, { id: job.id, model: analysis.model });
  else models.delete(job.uri);
  const modelKept = !!analysis.model;
  // Read from the pieces: `analysis.text` of a large document would be its flat copy.
  const { length } = heldText(entry.document);
  const before = sent.get(job.uri);
  const findings = findingsDelta(before?.findings ?? [], analysis.findings, length - (before?.length ?? 0));
  // A small document's model costs little to send: it comes along, so that a request on the document
  // never waits for this thread, which may be busy with a large one by then.
  const model = analysis.model && length < MODEL_WITH_RESULT_BELOW ? serialisedInParts(analysis.model) : undefined;
  if (model) pushed.add(job.id);
  reply({ kind: 'result', id: job.id, uri: job.uri, version: analysis.version, findings, modelKept, model, skipped: analysis.skipped, incremental: analysis.incremental }, model ? [model] : []);
  sent.set(job.uri, { findings: analysis.findings, length });
  if (analysis.model && catalog) {
    rehearsal.after(analysis, entry, catalog, job.settings);
    // A document just opened is read before it is typed in: no need to wait for a pause.
    if (!analysis.incremental) rehearsal.whenIdle();
  }
}

function sendModel(id: number, uri: string): void {
  const kept = models.get(uri);
  if (kept?.id !== id) return reply({ kind: 'model', id });
  const buffer = serialisedInParts(kept.model);
  pushed.add(id);
  reply({ kind: 'model', id, model: buffer }, [buffer]);
}

/**
 * Once nothing has come for a while (typing paused), the latest models not yet sent go to the main
 * thread, so that the next hover reads one at hand; while edits keep coming, none is serialised.
 */
function pushModelsWhenIdle(): void {
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    if (pending > 0) return;
    for (const [uri, { id }] of models) if (!pushed.has(id)) sendModel(id, uri);
    rehearsal.whenIdle();
  }, MODEL_PUSH_IDLE_MS);
  idleTimer.unref?.();
}

/**
 * Once nothing waits, each document's next edit gets its preparation done now rather than on the
 * typing path (after an open, that is most of the first keystroke's extra work).
 */
function prepareWhenIdle(): void {
  setImmediate(() => {
    if (pending > 0) return;
    for (const uri of documents.keys()) cache.prepareForEdit(uri);
  });
}

async function handle(message: ToWorker): Promise<void> {
  switch (message.kind) {
    case 'catalog': {
      const received = message.additions ? new ProjectCatalog(new Catalog(message.files), message.additions) : new Catalog(message.files);
      if (message.forIndex) {
        indexCatalog = received;
        return;
      }
      catalog = received;
      cache.invalidateAll();
      return;
    }
    case 'extract':
      try {
        const python = indexCatalog ?? catalog!;
        const result = await extractFile(message.request, { python, base: python instanceof ProjectCatalog ? python.base : python });
        // An Error does not survive the trip whole: its message does.
        if (result.failure instanceof Error) result.failure = new Error(result.failure.message);
        reply({ kind: 'extracted', id: message.id, result });
      } catch (error) {
        reply({ kind: 'failed', id: message.id, message: error instanceof Error ? error.message : String(error) });
      }
      return;
    case 'forget':
      documents.delete(message.uri);
      settingsSeen.delete(message.uri);
      pushed.delete(models.get(message.uri)?.id ?? -1);
      models.delete(message.uri);
      sent.delete(message.uri);
      cache.forget(message.uri);
      rehearsal.forget(message.uri);
      return;
    case 'analyse':
      try {
        await analyse(message);
      } catch (error) {
        reply({ kind: 'failed', id: message.id, message: error instanceof Error ? error.message : String(error) });
      }
      return;
  }
}

/**
 * On Linux a thread has its own scheduling priority: this one yields the CPU to the main thread (and
 * to the user's other work), since a request waits on the main thread and only diagnostics wait here.
 */
function lowerPriority(): void {
  try {
    const thread = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(thread)) os.setPriority(thread, BACKGROUND_NICENESS);
  } catch {
    // Not Linux, or not allowed: the thread runs at the process's priority.
  }
}
lowerPriority();

// Messages are handled one after another: an analysis holds the thread until it is done.
let queue: Promise<void> = warmUpAnalysis().catch(() => undefined);
/** The main thread's request count when it last changed, and when that was. */
let requestsSeen = { count: -1, at: 0 };
/** No request reached the main thread for this long: the rehearsal would not take the CPU from one. */
const REQUESTS_QUIET_MS = 200;

function requestsQuiet(): boolean {
  const count = Atomics.load(control, CONTROL.requests);
  if (count !== requestsSeen.count) requestsSeen = { count, at: performance.now() };
  return performance.now() - requestsSeen.at >= REQUESTS_QUIET_MS;
}

const rehearsal = new TypingRehearsal(
  cache,
  () => pending > 0,
  requestsQuiet,
  () => pushModelsWhenIdle(),
  (pass) => {
    queue = queue.then(pass).catch(() => undefined);
  },
  // The same text's analysis: the model a request fetches is the newest one, the older one can go.
  (uri, analysis) => {
    const kept = models.get(uri);
    if (kept && analysis.model) models.set(uri, { id: kept.id, model: analysis.model });
  },
);
port.on('message', (message: ToWorker) => {
  // A model is at hand as soon as its analysis is done: it does not wait behind queued analyses.
  if (message.kind === 'model') return sendModel(message.id, message.uri);
  if (message.kind === 'heap') return reply({ kind: 'heap', id: message.id, heap: threadHeap() });
  pending++;
  clearTimeout(idleTimer);
  queue = queue
    .then(() => handle(message))
    // One message that fails (a catalog that cannot be built) must not stop every later one.
    .catch((error: unknown) => {
      process.stderr.write(`celery-signals analysis thread: ${error instanceof Error ? error.message : String(error)}\n`);
    })
    .finally(() => {
      if (--pending > 0) return;
      pushModelsWhenIdle();
      prepareWhenIdle();
    });
});
