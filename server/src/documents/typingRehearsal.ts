/**
 * The first keystrokes in a large document used to take twice as long as later ones: an edit takes
 * another way through the pipeline than an open does (the tree reparsed from the previous one, the
 * facts and findings of untouched statements reused), and V8 optimises that way only after it has run
 * it several times, compiling it meanwhile on its one helper thread. Rehearsing on a small built-in
 * module does not help: what V8 waits for is work done in the whole-module loops. So once a document's
 * analysis is sent and nothing else waits, the analysis thread goes the edit way over that document a
 * few times, each time with an edit that changes nothing, one pass per turn of its event loop.
 */
import type { Catalog } from '../catalog/catalog';
import type { AnalysisCache, AnalysisSettings, DocumentAnalysis } from './analysisCache';
import type { OpenDocument } from './documentStore';

/** Passes per thread: V8's optimisations last as long as the thread. */
const PASSES = Number(process.env.CELERY_SIGNALS_REHEARSAL ?? 12);

export class TypingRehearsal {
  private left = PASSES;
  private scheduled = false;

  /**
   * `busy` tells whether a message waits; `enqueue` runs a pass in the thread's message order;
   * `rehearsed` hears of each pass's analysis, the document's analysis from then on.
   */
  constructor(
    private readonly cache: AnalysisCache,
    private readonly busy: () => boolean,
    private readonly enqueue: (pass: () => Promise<void>) => void,
    private readonly rehearsed: (uri: string, analysis: DocumentAnalysis) => void,
  ) {}

  /**
   * After a document's analysis was sent: rehearse on it while the thread has nothing else to do, as
   * long as that analysis is still the document's (no newer version, settings or catalog since).
   */
  after(analysis: DocumentAnalysis, entry: OpenDocument, catalog: Catalog, settings: AnalysisSettings): void {
    if (this.left <= 0 || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.busy() || this.left <= 0) return;
      this.enqueue(async () => {
        if (this.busy() || this.cache.peek(analysis.uri) !== analysis) return;
        const rehearsed = await this.cache.rehearseEdit(analysis.uri, entry, catalog, settings);
        if (!rehearsed) return;
        this.left--;
        this.rehearsed(analysis.uri, rehearsed);
        this.after(rehearsed, entry, catalog, settings);
      });
    });
  }
}
