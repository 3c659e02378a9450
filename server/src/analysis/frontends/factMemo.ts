/**
 * Facts a front end read from one self-contained piece of a file (a function definition, say), kept
 * from one analysis of a document to the next. An entry's key is everything its facts were computed
 * from, and its spans are stored relative to the piece's start, so a reused entry is exactly what
 * reading the piece again would give, wherever the piece moved in the file.
 */
import type { Catalog } from '../../catalog/catalog';

interface Entry {
  value: unknown;
  /** The last analysis that used the entry. */
  run: number;
}

export class FactMemo {
  private readonly entries = new Map<string, Entry>();
  private run = 0;
  /** How many look-ups found their facts already here (for tests and benchmarks). */
  reused = 0;

  /**
   * Facts depend on the catalog (which names are signals) and on where the module sits (what its
   * relative imports name), so a memo serves one catalog and one module only.
   */
  constructor(
    readonly catalog: Catalog,
    readonly module = '',
  ) {}

  private holding = false;

  /** Starts an analysis: entries it does not use are dropped when it ends (see `sweep`). */
  begin(): void {
    this.run++;
    this.holding = false;
  }

  /** Keeps every entry past this analysis, which could not use them (the next one may). */
  hold(): void {
    this.holding = true;
  }

  /** The facts stored under `key`, or `compute()`'s, stored. The caller must not change what it gets. */
  get<T>(key: string, compute: () => T): T {
    const entry = this.entries.get(key);
    if (entry) {
      entry.run = this.run;
      this.reused++;
      return entry.value as T;
    }
    const value = compute();
    this.entries.set(key, { value, run: this.run });
    return value;
  }

  /** The facts stored under `key`, if any, kept for this analysis; the caller checks they still hold. */
  peek<T>(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    entry.run = this.run;
    return entry.value as T;
  }

  /** Stores facts the caller computed (and checked with `peek` first). */
  put(key: string, value: unknown): void {
    this.entries.set(key, { value, run: this.run });
  }

  /** Reuses the caller decided on after `peek`, by kind of fact. */
  readonly reusedByKind = new Map<string, number>();

  noteReused(kind: string, count = 1): void {
    this.reused += count;
    this.reusedByKind.set(kind, (this.reusedByKind.get(kind) ?? 0) + count);
  }

  /** Drops what the last analysis did not use: the memo holds one version of the document's pieces. */
  sweep(): void {
    if (this.holding) return;
    // forEach: no [key, entry] pair made per entry (a large file has thousands).
    this.entries.forEach((entry, key) => {
      if (entry.run !== this.run) this.entries.delete(key);
    });
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * A deep copy of plain data with every span (an object with numeric `start` and `end`) moved by
 * `delta`. Model facts hold nothing but plain data, so this is how a relative entry becomes absolute
 * (and the other way round).
 */
export function shiftedSpans<T>(value: T, delta: number): T {
  if (value === null || typeof value !== 'object') return value;
  if (delta === 0 && Array.isArray(value) && value.length === 0) return value;
  if (Array.isArray(value)) {
    const items = new Array(value.length);
    for (let i = 0; i < value.length; i++) items[i] = shiftedSpans(value[i], delta);
    return items as T;
  }
  const copy: Record<string, unknown> = {};
  // for-in over plain data (no prototype keys): cheaper than Object.entries on this hot path.
  for (const key in value) copy[key] = shiftedSpans((value as Record<string, unknown>)[key], delta);
  if (typeof copy.start === 'number' && typeof copy.end === 'number') {
    copy.start = (copy.start as number) + delta;
    copy.end = (copy.end as number) + delta;
  }
  return copy as T;
}
