/** "Did you mean" suggestions for misspelt parameter, option and signal names. */

/** Names people write for a keyword that Celery spells differently. */
const KNOWN_CONFUSIONS: Record<string, string[]> = {
  exc: ['exception'],
  error: ['exception'],
  err: ['exception'],
  tb: ['traceback'],
  exc_info: ['einfo'],
  exception_info: ['einfo'],
  retval: ['result'],
  result: ['retval'],
  return_value: ['retval', 'result'],
  task_name: ['task', 'sender'],
  message: ['body'],
  req: ['request'],
  hostname: ['sender'],
  senders: ['sender'],
  dispatchuid: ['dispatch_uid'],
  uid: ['dispatch_uid'],
};

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[(i - 1) * cols + j] + 1, d[i * cols + j - 1] + 1, d[(i - 1) * cols + j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[(i - 2) * cols + j - 2] + 1);
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1];
}

/**
 * The candidate closest to `name`, or undefined when none is close enough to be a plausible slip.
 * Known confusions win, then edit distance, then a shared prefix (`exc` → `exception`).
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const pool = [...candidates].filter((c) => c !== name);
  if (pool.length === 0) return undefined;
  const lower = name.toLowerCase();
  for (const known of KNOWN_CONFUSIONS[lower] ?? []) if (pool.includes(known)) return known;
  const allowed = Math.max(1, Math.floor(Math.max(name.length, 3) / 3));
  // The first candidate at the least distance, if that is close enough. A distance is at least the
  // difference in length, so a candidate that differs by as much as the best so far (or by more than
  // is allowed) is not measured: most of a handler's keywords are far longer or shorter than a slip.
  let best: string | undefined;
  let bestDistance = allowed + 1;
  for (const candidate of pool) {
    const other = candidate.toLowerCase();
    if (Math.abs(other.length - lower.length) >= bestDistance) continue;
    const distance = editDistance(lower, other);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best !== undefined) return best;
  if (lower.length >= 3) {
    const prefixed = pool.filter((c) => c.toLowerCase().startsWith(lower) || lower.startsWith(c.toLowerCase()));
    if (prefixed.length === 1) return prefixed[0];
  }
  return undefined;
}
