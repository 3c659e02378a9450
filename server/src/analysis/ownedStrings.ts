/**
 * Strings that hold only themselves. A slice of a string (13 characters or more) keeps the whole
 * string it was cut from alive in V8, so a name read from one version of a document and kept for the
 * next ones (the front end's memo of per-statement facts) kept that version's entire text: a
 * 10,000-line module edited in 40 places held 23 old copies of its 321 KB text on the analysis thread.
 * What a memo keeps from one analysis to the next goes through here once, when it is first kept.
 */

/** V8 cuts a string of this length or more from its source instead of copying it. */
const SHORTEST_SLICE = 13;

/** A copy of `text` that shares no storage with the string it was cut from (if it was). */
export function copiedString(text: string): string {
  return text.length < SHORTEST_SLICE ? text : (' ' + text).slice(1);
}

/**
 * Copies made so far, by content: kept facts repeat the same names and statement texts many times
 * (a statement's dependencies quote the statements they read), and one copy serves them all. Emptied
 * once it holds this many characters, as a name typed letter by letter makes a new one each time.
 */
const copies = new Map<string, string>();
const MAX_COPIED_LENGTH = 256 * 1024;
let copiedLength = 0;

/** copiedString, made once per content for as long as the copies last. */
export function ownedString(text: string): string {
  if (text.length < SHORTEST_SLICE) return text;
  let copy = copies.get(text);
  if (copy === undefined) {
    if (copiedLength + text.length > MAX_COPIED_LENGTH) {
      copies.clear();
      copiedLength = 0;
    }
    copy = copiedString(text);
    // Keyed by the copy: a key cut from a text would keep that text.
    copies.set(copy, copy);
    copiedLength += copy.length;
  }
  return copy;
}

/**
 * Replaces, in place, every string of `value` (its own and those of the plain objects and arrays it
 * holds) with an owned copy of the same content. Returns `value`.
 */
export function withOwnedStrings<T>(value: T, seen = new Set<object>()): T {
  if (value === null || typeof value !== 'object' || seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'string') value[i] = ownedString(item);
      else withOwnedStrings(item, seen);
    }
    return value;
  }
  // Only plain data: class instances (a syntax node, a catalog) are not the memo's to change.
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const item = record[key];
    if (typeof item === 'string') record[key] = ownedString(item);
    else withOwnedStrings(item, seen);
  }
  return value;
}
