/**
 * What the checker found at each handler site of a document's last analysis, reused after an edit
 * where nothing that judgement read has changed, so a keystroke re-judges only the sites it touched.
 *
 * A site's findings depend on: the site's facts (a kept site is the same object, or a copy the front
 * end noted in siteOrigins.ts: the same facts with its spans moved); the text on the lines its spans
 * and its findings cover (fixes are computed from it); the catalog and the settings; and whatever
 * else of the model its rules read, which the checker tracks per site: the sites sharing its handler's
 * definition, the module's tasks, or anything else (then it is judged again every time). Each is
 * compared with what it was at the last analysis; entries that pass every comparison are carried to
 * the next one, so by induction they equal what judging afresh would find.
 */
import type { Catalog } from '../catalog/catalog';
import type { Finding } from './diagnostics';
import type { FileModel, HandlerSite, Span, TaskDefinition } from './model';
import { keptFor, sameSite } from './siteOrigins';
import type { SourceText } from './sourceText';

/** What an edit changed: [start, oldEnd) of the previous text became [start, newEnd). */
export interface ChangedRegion {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** What of the model, besides its own site, a site's rules read. */
export const READS = { tasks: 1, siblings: 2, other: 4 } as const;

export interface SiblingRead {
  /** Where the handler definition asked about starts. */
  start: number;
  sites: readonly HandlerSite[];
}

/** Where an offset outside the changed region [start, start + delta's old end) is after the edit. */
function movedOffset(offset: number, start: number, delta: number): number {
  return offset < start ? offset : offset + delta;
}

interface SiteEntry {
  site: HandlerSite;
  findings: Finding[];
  /**
   * [first, last] offsets (both read), pair after pair in text order: the lines the judgement read.
   * Found in the judged text once an edit follows (`beforeEdit`): a document opened and never
   * edited, or a one-off analysis, never looks for them.
   */
  lines?: number[];
  connectionStart: number;
  definitionStart: number;
  reads: number;
  siblings: SiblingRead[];
}

export class FindingsMemo {
  private entries = new Map<HandlerSite, SiteEntry>();
  private next = new Map<HandlerSite, SiteEntry>();
  private catalog?: Catalog;
  private settings = '';
  /** The last judgement's tasks as they were then (a front end may move the objects' spans since). */
  private tasks: TaskSnapshot[] = [];
  /** The text of the last judgement, where entries made then find their lines, and of this one. */
  private text: SourceText = '';
  private judgedText: SourceText = '';
  private model?: FileModel;
  private changed?: ChangedRegion;
  private tasksUnchanged?: boolean;
  /** Set between begin and end: a judgement that never ended leaves nothing reusable. */
  private judging = false;
  /** Sites whose findings were reused by the last judgement (tests look at it). */
  reused = 0;

  /**
   * Starts judging `model`. `changed` is what an edit changed since the text of the last judgement
   * with this memo; without it nothing is reused.
   */
  begin(model: FileModel, catalog: Catalog, settings: string, changed: ChangedRegion | undefined, text: SourceText): void {
    const comparable = !this.judging && changed !== undefined && catalog === this.catalog && settings === this.settings;
    this.changed = comparable ? changed : undefined;
    if (!comparable) this.entries.clear();
    this.catalog = catalog;
    this.settings = settings;
    this.model = model;
    this.judgedText = text;
    this.next = new Map();
    this.tasksUnchanged = undefined;
    this.judging = true;
    this.reused = 0;
  }

  /**
   * Called before the next version is extracted: finds the lines every entry's judgement read while
   * its site's spans still describe the last judged text (the front end may move them in place).
   */
  beforeEdit(): void {
    for (const entry of this.entries.values()) if (!(entry.reads & READS.other)) entry.lines ??= linesRead([entry.site, entry.findings], this.text);
  }

  end(): void {
    this.entries = this.next;
    this.next = new Map();
    // Tasks the edit only moved keep their snapshots, moved in place (they are this memo's own).
    if (this.changed && this.model && this.sameTasks()) moveSnapshots(this.tasks, this.changed);
    else this.tasks = (this.model?.tasks ?? []).map(snapshotOf);
    this.text = this.judgedText;
    this.judgedText = '';
    this.model = undefined;
    this.judging = false;
  }

  /** The site's findings of the last judgement, moved to where they are now, when they still hold. */
  reuse(site: HandlerSite, sitesDefinedAt: (start: number) => readonly HandlerSite[]): Finding[] | undefined {
    const changed = this.changed;
    if (!changed) return undefined;
    const entry = keptFor(this.entries, site);
    if (!entry || entry.reads & READS.other) return undefined;
    const { start, oldEnd } = changed;
    const delta = changed.newEnd - oldEnd;
    let moved = false;
    const lines = (entry.lines ??= linesRead([entry.site, entry.findings], this.text));
    for (let i = 0; i < lines.length; i += 2) {
      // Lines wholly before the change are unchanged; so are lines after it, with the line break
      // before them (a line start is found by looking back at it).
      if (lines[i + 1] < start) continue;
      if (lines[i] > oldEnd) {
        moved = true;
        continue;
      }
      return undefined;
    }
    if (delta === 0) moved = false;
    if (site.connection.span.start !== movedOffset(entry.connectionStart, start, delta)) return undefined;
    if ((site.handler?.definitionSpan.start ?? -1) !== (entry.definitionStart < 0 ? -1 : movedOffset(entry.definitionStart, start, delta))) return undefined;
    if (entry.reads & READS.tasks && !this.sameTasks()) return undefined;
    if (entry.reads & READS.siblings) {
      for (const read of entry.siblings) {
        const now = sitesDefinedAt(movedOffset(read.start, start, delta));
        if (!sameSites(now, read.sites)) return undefined;
      }
      // The entry is this memo's own: it now describes this judgement (the last one's map is dropped).
      for (const read of entry.siblings) {
        read.start = movedOffset(read.start, start, delta);
        read.sites = sitesDefinedAt(read.start);
      }
    }
    this.reused++;
    entry.site = site;
    this.next.set(site, entry);
    if (!moved) return entry.findings;
    const at = (offset: number) => movedOffset(offset, start, delta);
    // Every line read lies after the change: each finding moves whole, by the edit's length change.
    const whole = lines[0] > oldEnd;
    entry.findings = entry.findings.map((finding) => {
      const copy = movedFinding(finding, at);
      if (whole) noteMoved(copy, finding, delta);
      return copy;
    });
    for (let i = 0; i < lines.length; i++) lines[i] = at(lines[i]);
    entry.connectionStart = at(entry.connectionStart);
    if (entry.definitionStart >= 0) entry.definitionStart = at(entry.definitionStart);
    return entry.findings;
  }

  /** Keeps what judging the site found, and what it read, for the next judgement. */
  keep(site: HandlerSite, findings: Finding[], reads: number, siblings: SiblingRead[]): void {
    this.next.set(site, {
      site,
      findings,
      connectionStart: site.connection.span.start,
      definitionStart: site.handler?.definitionSpan.start ?? -1,
      reads,
      siblings,
    });
  }

  /** The module's tasks are the last judgement's, moved by the edit. */
  private sameTasks(): boolean {
    if (this.tasksUnchanged !== undefined) return this.tasksUnchanged;
    const { start, oldEnd, newEnd } = this.changed!;
    const before = this.tasks;
    const now = this.model!.tasks;
    let same = before.length === now.length;
    for (let i = 0; same && i < now.length; i++) {
      const a = before[i];
      const b = now[i];
      const shift = a.span.end <= start ? 0 : a.span.start >= oldEnd ? newEnd - oldEnd : undefined;
      same = shift !== undefined && a.localName === b.localName && a.registeredName === b.registeredName && b.span.start === a.span.start + shift && b.span.end === a.span.end + shift;
    }
    return (this.tasksUnchanged = same);
  }
}

type TaskSnapshot = Pick<TaskDefinition, 'localName' | 'registeredName'> & { span: Span };

const snapshotOf = (task: TaskDefinition): TaskSnapshot => ({ localName: task.localName, registeredName: task.registeredName, span: { start: task.span.start, end: task.span.end } });

/** The snapshots of tasks that `sameTasks` found the same, moved as the edit moved them. */
function moveSnapshots(tasks: readonly TaskSnapshot[], { start, oldEnd, newEnd }: ChangedRegion): void {
  if (newEnd === oldEnd) return;
  for (const task of tasks) {
    // As sameTasks reads them: a task that ends before the change stays, one after it moves.
    if (task.span.end <= start || task.span.start < oldEnd) continue;
    task.span.start += newEnd - oldEnd;
    task.span.end += newEnd - oldEnd;
  }
}

/** Each site is the one read before, or a copy of it. */
function sameSites(now: readonly HandlerSite[], before: readonly HandlerSite[]): boolean {
  if (now.length !== before.length) return false;
  for (let i = 0; i < now.length; i++) if (!sameSite(now[i], before[i])) return false;
  return true;
}

/** Findings the memo moved whole: the finding of the previous judgement each is, and by how much. */
const movedFrom = new WeakMap<Finding, { from: Finding; delta: number }>();

function noteMoved(copy: Finding, from: Finding, delta: number): void {
  movedFrom.set(copy, { from, delta });
  // One step back only: a finding that keeps moving must not hold every earlier copy alive.
  movedFrom.delete(from);
}

/** True when the checker made `finding` by moving `before`, every span of it by `delta`. */
export function movedWhole(finding: Finding, before: Finding, delta: number): boolean {
  const moved = movedFrom.get(finding);
  return moved !== undefined && moved.from === before && moved.delta === delta;
}

function movedSpan(span: Span, at: (offset: number) => number): Span {
  return { start: at(span.start), end: at(span.end) };
}

/** A copy of the finding with its spans moved (the old one may still be held by whoever got it). */
function movedFinding(finding: Finding, at: (offset: number) => number): Finding {
  const moved: Finding = { ...finding, span: movedSpan(finding.span, at) };
  if (finding.fixes.length > 0) moved.fixes = finding.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((edit) => ({ ...edit, span: movedSpan(edit.span, at) })) }));
  if (finding.related) moved.related = finding.related.map((related) => ({ ...related, span: movedSpan(related.span, at) }));
  return moved;
}

/** Every span in plain data, as [start, end] pairs. */
function collectSpans(value: unknown, into: [number, number][]): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) collectSpans(item, into);
    return;
  }
  const record = value as Record<string, unknown>;
  if (typeof record.start === 'number' && typeof record.end === 'number') into.push([record.start, record.end]);
  for (const key in record) {
    const item = record[key];
    if (item !== null && typeof item === 'object') collectSpans(item, into);
  }
}

/** The whole lines holding every span of `value`, merged, as [first, last] offset pairs. */
function linesRead(value: unknown, text: SourceText): number[] {
  const spans: [number, number][] = [];
  collectSpans(value, spans);
  spans.sort((a, b) => a[0] - b[0]);
  const lines: number[] = [];
  let last = -2;
  for (const [start, end] of spans) {
    let opened = false;
    if (start > last) {
      const lineStart = start === 0 ? 0 : text.lastIndexOf('\n', start - 1) + 1;
      if (lineStart > last + 1) {
        lines.push(lineStart, lineStart);
        opened = true;
      }
    }
    if (opened || end > last) {
      const lineEnd = text.indexOf('\n', end);
      last = lineEnd < 0 ? text.length : lineEnd;
      lines[lines.length - 1] = last;
    }
  }
  return lines;
}
