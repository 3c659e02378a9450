/**
 * Moving the spans of kept statement facts with the statements they lie in (pythonStatementMemo):
 * in place, where the facts are the memo's own, or as a moved copy.
 */

/**
 * The objects of kept facts that hold a span (or an `importCallAt`), each with the anchor statement
 * it lies in. Kept facts are a deep copy (movedSpans), so no object is listed twice.
 */
export interface SpanPlaces {
  spans: { start: number; end: number }[];
  spanAnchors: number[];
  calls: { importCallAt: number }[];
  callAnchors: number[];
}

/** Where the spans of `facts` are; null when one lies in no anchor (the facts are then never moved in place). */
export function spanPlaces(facts: unknown, starts: readonly number[], ends: readonly number[]): SpanPlaces | null {
  const places: SpanPlaces = { spans: [], spanAnchors: [], calls: [], callAnchors: [] };
  const anchorOf = (start: number, end: number) => {
    for (let i = 0; i < starts.length; i++) if (starts[i] <= start && end <= ends[i]) return i;
    return -1;
  };
  let lost = false;
  const visit = (item: unknown): void => {
    if (item === null || typeof item !== 'object') return;
    if (Array.isArray(item)) {
      for (const value of item) visit(value);
      return;
    }
    const record = item as Record<string, unknown>;
    for (const key in record) if (typeof record[key] === 'object') visit(record[key]);
    if (typeof record.start === 'number' && typeof record.end === 'number') {
      const anchor = anchorOf(record.start, record.end);
      lost ||= anchor < 0;
      places.spans.push(record as { start: number; end: number });
      places.spanAnchors.push(anchor);
    }
    if (typeof record.importCallAt === 'number') {
      const anchor = anchorOf(record.importCallAt, record.importCallAt);
      lost ||= anchor < 0;
      places.calls.push(record as { importCallAt: number });
      places.callAnchors.push(anchor);
    }
  };
  visit(facts);
  return lost ? null : places;
}

/** Moves every listed span with its anchor, by how far that anchor moved. */
export function moveInPlace(places: SpanPlaces, shifts: readonly number[]): void {
  const { spans, spanAnchors, calls, callAnchors } = places;
  for (let i = 0; i < spans.length; i++) {
    const shift = shifts[spanAnchors[i]];
    spans[i].start += shift;
    spans[i].end += shift;
  }
  for (let i = 0; i < calls.length; i++) calls[i].importCallAt += shifts[callAnchors[i]];
}


/**
 * A deep copy of plain facts with every span (and `importCallAt`) moved with the anchor statement it
 * lies in; undefined when one lies in none.
 */
export function movedSpans<T>(value: T, oldStarts: readonly number[], oldEnds: readonly number[], newStarts: readonly number[]): T | undefined {
  const mover = new SpanMover(oldStarts, oldEnds, newStarts);
  const moved = mover.copy(value) as T;
  return mover.lost ? undefined : moved;
}

/** The copy behind movedSpans, without closures: it runs for every kept statement an edit moved. */
class SpanMover {
  lost = false;
  /** Where every anchor moved by the same amount, that amount (facts lie in their anchors once kept). */
  private readonly uniform: number | undefined;

  constructor(
    private readonly oldStarts: readonly number[],
    private readonly oldEnds: readonly number[],
    private readonly newStarts: readonly number[],
  ) {
    const delta = newStarts[0] - oldStarts[0];
    let uniform = true;
    for (let i = 1; i < newStarts.length && uniform; i++) uniform = newStarts[i] - oldStarts[i] === delta;
    this.uniform = uniform && delta !== 0 ? delta : undefined;
  }

  private shiftOf(start: number, end: number): number {
    if (this.uniform !== undefined) return this.uniform;
    const { oldStarts, oldEnds, newStarts } = this;
    for (let i = 0; i < oldStarts.length; i++) if (oldStarts[i] <= start && end <= oldEnds[i]) return newStarts[i] - oldStarts[i];
    this.lost = true;
    return 0;
  }

  copy(item: unknown): unknown {
    if (item === null || typeof item !== 'object') return item;
    if (Array.isArray(item)) {
      const items = new Array(item.length);
      for (let i = 0; i < item.length; i++) items[i] = this.copy(item[i]);
      return items;
    }
    const result: Record<string, unknown> = {};
    for (const key in item) {
      const value = (item as Record<string, unknown>)[key];
      result[key] = typeof value === 'object' ? this.copy(value) : value;
    }
    if (typeof result.start === 'number' && typeof result.end === 'number') {
      const shift = this.shiftOf(result.start, result.end);
      result.start += shift;
      result.end += shift;
    }
    if (typeof result.importCallAt === 'number') result.importCallAt += this.shiftOf(result.importCallAt, result.importCallAt);
    return result;
  }
}
