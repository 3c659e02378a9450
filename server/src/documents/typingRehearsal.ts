/**
 * The first keystrokes in a large document used to take twice as long as later ones: an edit takes
 * another way through the pipeline than an open does (the tree reparsed from the previous one, the
 * facts and findings of untouched statements reused), and V8 optimises that way only after it has run
 * it several times, compiling it meanwhile on its one helper thread. Rehearsing on a small built-in
 * module does not help: what V8 waits for is work done in the whole-module loops. So once a document's
 * analysis is sent and nothing else waits, the analysis thread goes the edit way over that document a
 * few times, typing a space and deleting it again, once typing has paused.
 */
import type { Catalog } from '../catalog/catalog';
import type { AnalysisCache, AnalysisSettings, DocumentAnalysis } from './analysisCache';
import type { OpenDocument } from './documentStore';

/** Passes per thread: V8's optimisations last as long as the thread. */
const PASSES = Number(process.env.CELERY_SIGNALS_REHEARSAL ?? 10);

export class TypingRehearsal {
  private left = PASSES;
  private scheduled = false;
  /** The latest analysis sent, to rehearse on. */
  private target?: { analysis: DocumentAnalysis; entry: OpenDocument; catalog: Catalog; settings: AnalysisSettings };

  /**
   * `busy` tells whether a message waits; `requestsQuiet` whether the main thread has had no request
   * to answer for a while (a pass and V8's compiling after it would compete with it for the CPU),
   * `later` calls `whenIdle` again after the thread's next pause;
   * `enqueue` runs a pass in the thread's message order;
   * `rehearsed` hears of each pass's analysis, the document's analysis from then on.
   */
  constructor(
    private readonly cache: AnalysisCache,
    private readonly busy: () => boolean,
    private readonly requestsQuiet: () => boolean,
    private readonly later: () => void,
    private readonly enqueue: (pass: () => Promise<void>) => void,
    private readonly rehearsed: (uri: string, analysis: DocumentAnalysis) => void,
  ) {}

  /** A document's analysis was sent: the next rehearsal is on it, if it is still the document's by then. */
  after(analysis: DocumentAnalysis, entry: OpenDocument, catalog: Catalog, settings: AnalysisSettings): void {
    if (this.left > 0) this.target = { analysis, entry, catalog, settings };
  }

  /** A document closed: its analysis is not kept alive for a rehearsal that cannot use it any more. */
  forget(uri: string): void {
    if (this.target?.analysis.uri === uri) this.target = undefined;
  }

  /**
   * Typing has paused (nothing came for a while): rehearse, one pass per turn of the event loop, until
   * the passes are used up or a message comes. A keystroke then waits for one pass at most, and never
   * while keystrokes follow each other closely. While the main thread answers requests it waits for
   * the thread's next pause.
   */
  whenIdle(): void {
    if (this.scheduled || this.left <= 0 || !this.target) return;
    if (!this.requestsQuiet()) return this.later();
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.busy()) return;
      this.enqueue(() => this.pass());
    });
  }

  private async pass(): Promise<void> {
    const target = this.target;
    const uri = target?.analysis.uri;
    // A newer version, settings or catalog since: the document's next analysis brings the next target.
    if (!target || uri === undefined || this.busy() || this.cache.peek(uri) !== target.analysis) return;
    if (!this.requestsQuiet()) return this.later();
    const rehearsed = await this.cache.rehearseEdit(uri, target.entry, target.catalog, target.settings);
    if (!rehearsed) return;
    this.left--;
    this.rehearsed(uri, rehearsed);
    this.target = this.left > 0 ? { ...target, analysis: rehearsed } : undefined;
    this.whenIdle();
  }
}
