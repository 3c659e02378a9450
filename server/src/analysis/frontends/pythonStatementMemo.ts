/**
 * The document's kept facts, module statement by module statement (the Python front end's side of
 * FactMemo). A statement's record is found by its text, or, after an edit, by its position when the
 * edit did not touch it; each kind of fact in it is reused only while what it read still holds
 * (pythonStatementDeps), with its spans moved to where its statements are now.
 */
import type { FactMemo } from './factMemo';
import type { PythonResolver } from './pythonResolve';
import { ModuleAnswers, replay, StatementRecorder, type AskedAnswer, type AskedAnswers, type QuestionKind, type StatementDependencies } from './pythonStatementDeps';
import type { Navigator } from './pythonSyntax';
import { noteCopiedSites } from '../siteOrigins';
import { movedSpans, moveInPlace, spanPlaces, type SpanPlaces } from './keptSpans';
import { ownedString, withOwnedStrings } from '../ownedStrings';
import { flatText, type SourceText } from '../sourceText';

interface Kept<T> {
  facts: T;
  dependencies: StatementDependencies;
  /** Where the anchors (pythonStatementDeps) were when the facts were read. */
  anchorStarts: number[];
  anchorEnds: number[];
  /**
   * What else the facts were read from, beyond the statement text and the dependencies: what is
   * particular to the statement, and what all statements share (one string object, see `interned`).
   */
  inputs: string;
  shared: string;
  /** The last analysis that found the facts hold, and the anchors' statement indices there. */
  heldIn?: number;
  anchorIndices?: number[];
  /** The last analysis that handed these very facts out (its model holds them). */
  handedOutIn?: number;
  /** Where the facts' spans are, to move them in place (found the first time they move). */
  places?: SpanPlaces | null;
}

/** Words found in one statement: [offset from `base`, length]; made absolute only when the statement is read. */
export class StatementWords {
  constructor(
    /** The statement's index; below 0 for words outside every statement (each then a group of its own). */
    readonly statement: number,
    readonly base: number,
    readonly found: readonly (readonly [number, number])[],
  ) {}

  /** [start, length] of each word in the document. */
  absolute(): [number, number][] {
    // No destructuring: unoptimised, it takes each pair apart through an iterator.
    return this.found.map((word) => [this.base + word[0], word[1]]);
  }
}

/** Words found in the text, grouped by the module statement holding them, in text order. */
export type Words = StatementWords[];

/** The kept facts of one statement text, one slot per kind of fact, and its key in the memo. */
type StatementRecord = Partial<Record<Slot, Kept<unknown>>> & {
  key: string;
  /** Per pattern: the words found in the statement ([offset from its start, length]) and the pattern's key. */
  words?: Record<string, { pattern: string; found: [number, number][] } | undefined>;
  /** Per kind: facts read from the statement's text alone, offsets relative to the statement's start. */
  own?: Record<string, unknown>;
};
type Slot = 'scan' | 'sites' | 'refs' | 'tasks';

/**
 * Where the statements of the last analysis were, with their records: after an edit, a statement
 * outside the changed region is found by position instead of by hashing its text.
 */
interface StatementTable {
  /** The tree the table describes (compared by identity with the tree an edit starts from). */
  tree: unknown;
  /** Which analysis it was (see Kept.heldIn). */
  analysis: number;
  /** By statement index. */
  lineStarts: readonly number[];
  starts: readonly number[];
  ends: readonly number[];
  records: readonly (StatementRecord | undefined)[];
  /** The questions the analysis answered, with its answers. */
  answers: AskedAnswers;
  /** Per kind of per-statement text fact (see `statementsWith`): what it was read under, and where it was not empty. */
  nonEmpty: Map<string, { source: string; indices: number[] }>;
}

/**
 * How this analysis's statements line up with the previous one's: those before `first` are the same
 * statements at the same index, those after `last` the same statements `countDelta` indices further.
 */
interface EditedStatements {
  first: number;
  last: number;
  countDelta: number;
}

/** How many questions an analysis may carry over to the next without asking them for facts. */
const MAX_CARRIED_QUESTIONS = 4096;

/** Numbers the analyses, for Kept.heldIn. */
let analyses = 0;

/** What an edit changed: [start, oldEnd) of the previous text became [start, newEnd). */
export interface ChangedRegion {
  start: number;
  oldEnd: number;
  newEnd: number;
}

const tables = new WeakMap<FactMemo, StatementTable>();

/**
 * Finds where the kept facts of the analysis of `tree` hold their spans, as the first edit that moves
 * them would (the positions are still those of that analysis).
 */
export function prepareKeptFacts(memo: FactMemo, tree: unknown): void {
  const table = tables.get(memo);
  if (!table || table.tree !== tree) return;
  for (const record of table.records) {
    for (const slot of MOVED_SLOTS) {
      const kept = record?.[slot];
      if (kept && kept.places === undefined) kept.places = spanPlaces(kept.facts, kept.anchorStarts, kept.anchorEnds);
    }
  }
}

/** The kinds of facts whose spans are moved in place (the others are shifted by their readers). */
const MOVED_SLOTS = ['sites', 'refs'] as const;

/** Where the statements of the analysis of `tree` (the one an edit started from) were, if the memo kept them. */
export function previousExtents(memo: FactMemo, tree: unknown): { starts: readonly number[]; ends: readonly number[] } | undefined {
  const table = tables.get(memo);
  return table && table.tree === tree ? table : undefined;
}

/**
 * One analysis's view of the memo: each statement's record looked up once (a look-up hashes the
 * statement's text), and the module's answers to compare recorded questions with.
 */
export class StatementMemo {
  private readonly records: (StatementRecord | undefined)[] = [];
  /** Reuses per kind of fact, handed to the memo's counts once the analysis ends. */
  private readonly reusedCounts: Partial<Record<Slot, number>> = {};
  resolver?: PythonResolver;

  private readonly previous?: StatementTable;
  private readonly analysis = ++analyses;
  /**
   * Per statement, the index of the previous analysis's statement it was found at by position
   * (the edit left it and everything before it on its line unchanged); -1 when it was not.
   */
  private readonly previousIndex: number[] = [];
  /**
   * Whether every question the previous analysis asked gets its answer again (found out when first
   * needed): then facts that held there hold here wherever their statement and anchors were found by
   * position, at no cost per question.
   */
  private allAsBefore?: boolean;
  /** Per kind and name of question: whether its answer is the previous analysis's (found out once). */
  private readonly answeredAsBefore = new Map<QuestionKind, Map<string, boolean>>();
  /** Found out when first needed; null: the statements do not line up (no previous table, say). */
  private editedStatements?: EditedStatements | null;
  /** Where each kind of per-statement text fact was not empty in this analysis, for the next one. */
  private readonly nonEmpty = new Map<string, { source: string; indices: number[] }>();

  constructor(
    /** Undefined: nothing is kept or reused, every statement is read afresh. */
    private readonly memo: FactMemo | undefined,
    readonly answers: ModuleAnswers,
    /** The tree this analysis's text was edited from, and what the edits changed. */
    private readonly edited?: { tree: unknown; changed: ChangedRegion },
  ) {
    const table = memo && tables.get(memo);
    if (table && edited && table.tree === edited.tree) this.previous = table;
    // A record stands for one statement text (records are found by text, or by a position the edit
    // left with the same text), so recorded answers compare records instead of texts.
    if (memo) answers.textOf = (statement) => this.recordOf(statement);
  }

  /**
   * The words `pattern` finds, grouped by statement. Kept per statement (they depend on its text
   * alone), so an edit searches only the statements it changed; `key` names the pattern's kind and
   * `source` its exact words.
   */
  words(pattern: RegExp, key: string, inside: (start: number) => boolean): Words {
    const nav = this.answers.nav;
    if (!this.memo) return wordsByStatement(flatText(nav.text), pattern, inside, nav);
    const words: Words = [];
    // One compiled pattern per source: a caller may build its pattern afresh for every analysis.
    const { source, compiled } = internedPattern(pattern);
    const foundIn = (statement: number): [number, number][] => {
      const record = this.recordOf(statement);
      record.words ??= {};
      let kept = record.words[key];
      if (!kept || kept.pattern !== source) {
        const found = wordsIn(nav.statementText(statement), nav.statementEnd(statement) - nav.statementStart(statement), compiled);
        kept = found === NO_WORDS ? nothingFoundBy(source) : { pattern: source, found };
        record.words[key] = kept;
      }
      return kept.found;
    };
    for (const statement of this.statementsWith(`words:${key}`, source, (statement) => foundIn(statement).length > 0)) {
      words.push(new StatementWords(statement, nav.statementStart(statement), foundIn(statement)));
    }
    return words;
  }

  /**
   * The statements (in order) for which `holds` is true, where `holds` depends on the statement's
   * text alone (and on `source`, what it reads that text for). After an edit only the statements the
   * edit touched are asked: the others are the previous analysis's, found where the edit moved them.
   */
  statementsWith(kind: string, source: string, holds: (statement: number) => boolean): number[] {
    const count = this.answers.nav.statementCount;
    const indices: number[] = [];
    const carried = this.previous?.nonEmpty.get(kind);
    const lined = carried?.source === source ? this.linedUp() : undefined;
    if (!carried || !lined) {
      for (let statement = 0; statement < count; statement++) if (holds(statement)) indices.push(statement);
    } else {
      const before = carried.indices;
      let at = 0;
      for (; at < before.length && before[at] < lined.first; at++) indices.push(before[at]);
      for (let statement = lined.first; statement <= lined.last; statement++) if (holds(statement)) indices.push(statement);
      for (; at < before.length; at++) if (before[at] + lined.countDelta > lined.last) indices.push(before[at] + lined.countDelta);
    }
    if (this.memo) this.nonEmpty.set(kind, { source, indices });
    return indices;
  }

  /**
   * Which statements the edit may have touched, as a range: every statement outside it is one the
   * previous analysis had, with the same text, found by position (as `unchangedRecord` finds it).
   */
  private linedUp(): EditedStatements | undefined {
    if (this.editedStatements !== undefined) return this.editedStatements ?? undefined;
    this.editedStatements = null;
    const table = this.previous;
    if (!table || !this.memo) return undefined;
    const { changed } = this.edited!;
    const nav = this.answers.nav;
    const count = nav.statementCount;
    const countDelta = count - table.starts.length;
    const delta = changed.newEnd - changed.oldEnd;
    let first = 0;
    for (; first < count && first < table.starts.length; first++) {
      const start = nav.statementStart(first);
      const end = nav.statementEnd(first);
      if (end > changed.start || start !== table.starts[first] || end !== table.ends[first] || lineStartOf(nav.text, start) !== table.lineStarts[first]) break;
    }
    let last = count - 1;
    for (; last >= first && last - countDelta >= first; last--) {
      const start = nav.statementStart(last);
      const end = nav.statementEnd(last);
      const lineStart = lineStartOf(nav.text, start);
      const was = last - countDelta;
      if (lineStart < changed.newEnd || end <= changed.start || start - delta !== table.starts[was] || end - delta !== table.ends[was] || lineStart - delta !== table.lineStarts[was]) break;
    }
    return (this.editedStatements = { first, last, countDelta });
  }

  /**
   * Facts read from the statement's text alone (`read` sees nothing else), with offsets relative to
   * its start: kept with the statement's record, so an unchanged statement is not read again.
   */
  textFacts<T>(kind: string, statement: number, read: () => T): T {
    if (!this.memo) return read();
    const record = this.recordOf(statement);
    record.own ??= {};
    if (kind in record.own) return record.own[kind] as T;
    const facts = this.owned(read());
    record.own[kind] = facts;
    return facts;
  }

  /** Whether facts are kept from one analysis to the next. */
  get remembers(): boolean {
    return this.memo !== undefined;
  }

  /** Leaves this analysis's statement positions for the next one, which starts from `tree`. */
  keepTable(tree: unknown): void {
    if (!this.memo) return;
    for (const slot in this.reusedCounts) this.memo.noteReused(slot, this.reusedCounts[slot as Slot]);
    const nav = this.answers.nav;
    // The navigator's extents and this analysis's records are not changed once read: shared, not copied.
    const { starts, ends } = nav.extents;
    const lineStarts = new Array<number>(starts.length);
    for (let index = 0; index < starts.length; index++) lineStarts[index] = lineStartOf(nav.text, starts[index]);
    tables.set(this.memo, { tree, analysis: this.analysis, lineStarts, starts, ends, records: this.records, answers: this.answers.asked(), nonEmpty: this.nonEmpty });
  }

  /** The facts of one statement: kept ones when they still hold there, else read (and kept). */
  facts<T>(slot: Slot, statement: number, inputs: string, read: () => T, shared = ''): T {
    if (!this.memo || statement < 0) return read();
    const nav = this.answers.nav;
    const record = this.recordOf(statement);
    const before = record[slot] as Kept<T> | undefined;
    if (before && before.shared === shared && before.inputs === inputs) {
      const anchors = this.stillHeld(before, statement) ?? replay(before.dependencies, this.answers, statement);
      const reused = anchors && this.moved(before, anchors);
      if (reused) {
        reused.heldIn = this.analysis;
        reused.handedOutIn = this.analysis;
        reused.anchorIndices = anchors;
        record[slot] = reused;
        this.reusedCounts[slot] = (this.reusedCounts[slot] ?? 0) + 1;
        return reused.facts;
      }
    }
    const recorder = new StatementRecorder(this.answers, statement);
    const resolver = this.resolver;
    nav.questions = recorder;
    if (resolver) resolver.questions = recorder;
    let facts: T;
    try {
      // Owned before they are kept: the model's facts stay tied to their kept copy (siteOrigins).
      facts = this.owned(read());
    } finally {
      nav.questions = undefined;
      if (resolver) resolver.questions = undefined;
    }
    record[slot] = undefined;
    if (!recorder.spoiled) {
      const anchorStarts = recorder.anchors.map((index) => nav.statementStart(index));
      const anchorEnds = recorder.anchors.map((index) => nav.statementEnd(index));
      // A copy: the model the facts go into is the caller's. A span outside every anchor (nothing
      // should make one) leaves the facts unkept.
      const copy = movedSpans(facts, anchorStarts, anchorEnds, anchorStarts);
      if (copy) {
        const dependencies = this.owned(recorder.dependencies());
        record[slot] = { facts: copy, dependencies, anchorStarts, anchorEnds, inputs: this.owned(inputs), shared, heldIn: this.analysis, anchorIndices: recorder.anchors } satisfies Kept<T>;
      }
    }
    // The next analysis may hand out the kept copy: the checker traces it to what it judged.
    if (record[slot]) noteCopiedSites(facts, (record[slot] as Kept<T>).facts);
    return facts;
  }

  /** How far the statement of the last `ownFacts` moved since its facts were read. */
  shift = 0;

  /**
   * Facts that depend on the statement's text alone; `shift` says how far the statement moved since
   * they were read: the caller adds it to their offsets (a cheaper way than copying them all).
   */
  ownFacts<T>(slot: Slot, statement: number, read: (statement: number) => T): T {
    this.shift = 0;
    if (!this.memo || statement < 0) return read(statement);
    const nav = this.answers.nav;
    const record = this.recordOf(statement);
    const start = nav.statementStart(statement);
    const before = record[slot] as Kept<T> | undefined;
    if (before) {
      this.reusedCounts[slot] = (this.reusedCounts[slot] ?? 0) + 1;
      this.shift = start - before.anchorStarts[0];
      return before.facts;
    }
    const facts = this.owned(read(statement));
    const end = nav.statementEnd(statement);
    const copy = movedSpans(facts, [start], [end], [start]);
    record[slot] = copy && { facts: copy, dependencies: OWN_TEXT_ONLY, anchorStarts: [start], anchorEnds: [end], inputs: '', shared: '' };
    return facts;
  }

  /**
   * What is kept, holding its own strings rather than slices of this version's text (ownedStrings.ts).
   * Only after an edit: what the first analysis keeps holds that one text at most, and an analysis
   * that is never followed by another (the checker's) does not pay for copies.
   */
  private owned<T>(value: T): T {
    if (!this.previous) return value;
    return typeof value === 'string' ? (ownedString(value) as T) : withOwnedStrings(value);
  }

  private recordOf(statement: number): StatementRecord {
    let record = this.records[statement];
    if (!record) {
      const unchanged = this.unchangedRecord(statement);
      // The record's own key is hashed already: marking it used costs no hashing of the text.
      if (unchanged && this.memo!.peek<StatementRecord>(unchanged.key) === unchanged) record = unchanged;
      else {
        const key = this.owned(`statement\u0000${this.answers.nav.statementText(statement)}`);
        record = this.memo!.peek<StatementRecord>(key);
        if (!record) this.memo!.put(key, (record = { key }));
      }
      this.records[statement] = record;
    }
    return record;
  }

  /** The last analysis's record of a statement the edit did not touch (same text, found by position). */
  private unchangedRecord(statement: number): StatementRecord | undefined {
    const table = this.previous;
    if (!table) return undefined;
    const { changed } = this.edited!;
    const nav = this.answers.nav;
    const start = nav.statementStart(statement);
    const end = nav.statementEnd(statement);
    const lineStart = lineStartOf(nav.text, start);
    let delta: number;
    if (end <= changed.start) delta = 0;
    else if (lineStart >= changed.newEnd) delta = changed.newEnd - changed.oldEnd;
    else return undefined;
    // Usually at the same index, or moved by as many statements as the edit added; else searched.
    const guess = delta === 0 ? statement : statement - nav.statementCount + table.starts.length;
    const at = table.starts[guess] === start - delta ? guess : indexOfStart(table.starts, start - delta);
    if (at < 0 || table.ends[at] !== end - delta || table.lineStarts[at] !== lineStart - delta) return undefined;
    this.previousIndex[statement] = at;
    return table.records[at];
  }

  /**
   * The anchors of facts that held in the previous analysis, when they surely hold again without
   * asking their questions one by one: the statement and every anchor were found by position (so
   * their texts and their order are unchanged), and none of the facts' questions got a different
   * answer (asked once per analysis, not once per statement). Undefined: ask them (`replay`).
   */
  private stillHeld(kept: Kept<unknown>, statement: number): number[] | undefined {
    const table = this.previous;
    const anchors = kept.anchorIndices;
    if (!table || kept.heldIn !== table.analysis || !anchors || this.previousIndex[statement] !== anchors[0]) return undefined;
    if (!(this.allAsBefore ??= this.everyAnswerAsBefore(table))) {
      for (const { kind, name } of kept.dependencies.questions) if (!this.asBefore(table, kind, name)) return undefined;
    }
    // Usually every anchor kept its index: the kept list is handed back rather than a copy.
    let now: number[] | undefined = statement === anchors[0] ? undefined : [statement];
    for (let i = 1; i < anchors.length; i++) {
      const index = this.currentIndex(anchors[i]);
      if (index < 0) return undefined;
      if (!now && index !== anchors[i]) now = anchors.slice(0, i);
      now?.push(index);
    }
    return now ?? anchors;
  }

  /** Where a statement of the previous analysis found by position is now; -1 if none is. */
  private currentIndex(previous: number): number {
    const table = this.previous!;
    // Statements found by position before the edit kept their index; those after it moved by as many
    // statements as the edit added.
    const index = table.ends[previous] <= this.edited!.changed.start ? previous : previous + this.answers.nav.statementCount - table.starts.length;
    return this.previousIndex[index] === previous ? index : -1;
  }

  /**
   * Whether every question of the previous analysis is answered as before. The questions are then
   * the ones this analysis asks as well (the facts that asked them may hold again); past a bound the
   * check is not made, so that questions of facts long gone do not pile up.
   */
  private everyAnswerAsBefore(table: StatementTable): boolean {
    let count = 0;
    for (const byName of table.answers.values()) count += byName.size;
    if (count > MAX_CARRIED_QUESTIONS) return false;
    for (const [kind, byName] of table.answers) for (const [name, before] of byName) if (!this.sameAnswer(before, this.answers.answerQuietly(kind, name))) return false;
    for (const [kind, byName] of table.answers) for (const name of byName.keys()) this.answers.markAsked(kind, name);
    return true;
  }

  /**
   * Whether the question gets the same answer as in the previous analysis: the same strings, and
   * places at the same offsets in statements found by position at the previous places.
   */
  private asBefore(table: StatementTable, kind: QuestionKind, name: string): boolean {
    let byName = this.answeredAsBefore.get(kind);
    if (!byName) this.answeredAsBefore.set(kind, (byName = new Map()));
    let same = byName.get(name);
    if (same !== undefined) return same;
    const before = table.answers.get(kind)?.get(name);
    same = before !== undefined && this.sameAnswer(before, this.answers.answer(kind, name));
    byName.set(name, same);
    return same;
  }

  /** The same strings, and places at the same offsets in statements found by position at the previous places. */
  private sameAnswer(before: AskedAnswer, now: AskedAnswer): boolean {
    if (now.length !== before.length) return false;
    for (let i = 0; i < now.length; i++) {
      const was = before[i];
      const is = now[i];
      if (typeof was === 'string' || typeof is === 'string') {
        if (was !== is) return false;
      } else if (is.statement < 0 || was.statement < 0 || is.offset !== was.offset || this.previousIndex[is.statement] !== was.statement) return false;
    }
    return true;
  }

  /**
   * Kept facts where their anchors are now. Facts whose anchors did not move are handed out as they
   * are (facts are plain data nobody changes once made). Moved ones have their spans moved in place:
   * the previous model, which held them, is replaced by this analysis's, and findings own their
   * spans (checker.ts). Facts this analysis already handed out (two statements of the same text) are
   * copied instead.
   */
  private moved<T>(kept: Kept<T>, anchors: number[]): Kept<T> | undefined {
    const nav = this.answers.nav;
    let still = true;
    for (let i = 0; i < anchors.length && still; i++) still = nav.statementStart(anchors[i]) === kept.anchorStarts[i];
    if (still) return kept;
    if (kept.handedOutIn !== this.analysis) {
      kept.places ??= spanPlaces(kept.facts, kept.anchorStarts, kept.anchorEnds);
      if (kept.places) {
        // The anchor lists are the kept facts' own: updated where they are, no new lists per keystroke.
        const shifts = anchors.length === 1 ? ONE_SHIFT : new Array<number>(anchors.length);
        for (let i = 0; i < anchors.length; i++) {
          shifts[i] = nav.statementStart(anchors[i]) - kept.anchorStarts[i];
          kept.anchorStarts[i] = nav.statementStart(anchors[i]);
          kept.anchorEnds[i] = nav.statementEnd(anchors[i]);
        }
        moveInPlace(kept.places, shifts);
        return kept;
      }
    }
    const starts = anchors.map((index) => nav.statementStart(index));
    const ends = anchors.map((index) => nav.statementEnd(index));
    const facts = movedSpans(kept.facts, kept.anchorStarts, kept.anchorEnds, starts);
    noteCopiedSites(kept.facts, facts);
    return facts && { ...kept, facts, anchorStarts: starts, anchorEnds: ends, handedOutIn: undefined, places: undefined };
  }
}


/**
 * What facts read from a statement's own text depend on beyond it: nothing. One object for all of them
 * (nothing reads or changes it): a module of thousands of statements kept four of its own per statement.
 */
const OWN_TEXT_ONLY: StatementDependencies = { questions: [], answers: [], order: [0] };

function lineStartOf(text: SourceText, start: number): number {
  // Most module statements start a line: one character read instead of a search.
  if (start === 0 || text.charCodeAt(start - 1) === 10) return start;
  return text.lastIndexOf('\n', start - 1) + 1;
}

function indexOfStart(sorted: readonly number[], start: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (sorted[mid] === start) return mid;
    if (sorted[mid] < start) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

const strings = new Map<string, string>();
/**
 * Interning only makes comparisons cheap (strings compare by content anyway), so the tables are
 * emptied when they grow this large (a name typed letter by letter makes a new key each time).
 */
const MAX_INTERNED = 256;

/** One string object per content, so kept facts compare what they were read under by identity. */
export function interned(value: string): string {
  let known = strings.get(value);
  if (known === undefined) {
    if (strings.size >= MAX_INTERNED) strings.clear();
    strings.set(value, (known = value));
  }
  return known;
}

const patterns = new Map<string, { source: string; compiled: RegExp }>();

/** The first pattern seen with these flags and source, and its source interned. */
function internedPattern(pattern: RegExp): { source: string; compiled: RegExp } {
  const key = `${pattern.flags}/${pattern.source}`;
  let known = patterns.get(key);
  if (!known) {
    if (patterns.size >= MAX_INTERNED) patterns.clear();
    patterns.set(key, (known = { source: interned(pattern.source), compiled: pattern }));
  }
  return known;
}

/** The words `pattern` (global) finds in the last `length` characters of `text` (a statement after its line's start). */
function wordsIn(text: string, length: number, pattern: RegExp): [number, number][] {
  const found: [number, number][] = [];
  const from = text.length - length;
  pattern.lastIndex = from;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    found.push([match.index - from, match[0].length]);
    if (match[0].length === 0) pattern.lastIndex++;
  }
  pattern.lastIndex = 0;
  // Most statements hold none of a pattern's words: they all share one empty list (never changed).
  return found.length > 0 ? found : NO_WORDS;
}

const NO_WORDS: [number, number][] = [];

const nothingFound = new Map<string, { pattern: string; found: [number, number][] }>();

/**
 * The one record of `source` finding nothing, shared by every statement where it found nothing (most
 * of them, for each of the seven searches); records are replaced, never changed.
 */
function nothingFoundBy(source: string): { pattern: string; found: [number, number][] } {
  let record = nothingFound.get(source);
  if (!record) {
    if (nothingFound.size >= MAX_INTERNED) nothingFound.clear();
    nothingFound.set(source, (record = { pattern: source, found: NO_WORDS }));
  }
  return record;
}


/** The words `pattern` finds, each with the index of the module statement holding it (-1: none), grouped in text order. */
function wordsByStatement(text: string, pattern: RegExp, inside: (start: number) => boolean, nav: Navigator): Words {
  const words: Words = [];
  let last = -2;
  let group: [number, number][] = [];
  // An exec loop, as in wordsIn: matchAll's iterator makes an object per match until V8 optimises it.
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match[0].length === 0) pattern.lastIndex++;
    const start = match.index;
    if (!inside(start)) continue;
    const statement = nav.statementIndex(start, start + match[0].length);
    // Words outside every statement each form a group of their own (keyed below every index).
    if (statement !== last || statement < 0) {
      group = [];
      words.push(new StatementWords(statement < 0 ? -1 - start : statement, 0, group));
      last = statement;
    }
    group.push([start, match[0].length]);
  }
  pattern.lastIndex = 0;
  return words;
}

/** The shift of facts with one anchor (most of them), reused rather than made per statement. */
const ONE_SHIFT: number[] = [0];
