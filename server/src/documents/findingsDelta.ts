/**
 * A result's findings as sent between the threads: what is new against the previous result of the
 * same document. After an edit, the findings before it are the same and those after it are the same
 * moved by the edit's length change, so only the few in between cross (structured cloning all of
 * them costs more than the rest of the way to the published diagnostics).
 */
import type { Finding } from '../analysis/diagnostics';
import { shiftedSpans } from '../analysis/frontends/factMemo';
import { movedWhole } from '../analysis/findingsMemo';

export interface FindingsDelta {
  /** How many findings at the start are the previous result's own. */
  kept: number;
  /** How many at the end are the previous result's last ones, every span moved by `delta`. */
  moved: number;
  delta: number;
  /** The findings in between. */
  fresh: Finding[];
}

/** `after` against `before`, whose text was `delta` units shorter. */
export function findingsDelta(before: readonly Finding[], after: Finding[], delta: number): FindingsDelta {
  const most = Math.min(before.length, after.length);
  let kept = 0;
  while (kept < most && sameShifted(after[kept], before[kept], 0)) kept++;
  let moved = 0;
  while (kept + moved < most && isMoved(after[after.length - 1 - moved], before[before.length - 1 - moved], delta)) moved++;
  return { kept, moved, delta, fresh: after.slice(kept, after.length - moved) };
}

/** Each moved finding `withDelta` made, to the finding it was moved from (whose diagnostic may still do). */
export const movedFrom = new WeakMap<Finding, Finding>();

/** The findings `delta` describes, given those of the previous result it was made against. */
export function withDelta(before: readonly Finding[], delta: FindingsDelta): Finding[] {
  const moved = before.slice(before.length - delta.moved).map((finding) => {
    const shifted = shiftedSpans(finding, delta.delta);
    movedFrom.set(shifted, finding);
    // One step back only: versions whose diagnostics nobody asked for must not chain up.
    movedFrom.delete(finding);
    return shifted;
  });
  return [...before.slice(0, delta.kept), ...delta.fresh, ...moved];
}

/** `a` is `b` moved by `delta`: known at once when the checker's memo moved `b` itself, else compared. */
function isMoved(a: Finding, b: Finding, delta: number): boolean {
  return movedWhole(a, b, delta) || sameShifted(a, b, delta);
}

/** True when `a` is `b` with every span (an object with numeric `start` and `end`) moved by `delta`. */
function sameShifted(a: unknown, b: unknown, delta: number): boolean {
  if (a === b && delta === 0) return true;
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return a === b;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameShifted(a[i], b[i], delta)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const span = typeof x.start === 'number' && typeof x.end === 'number';
  let keys = 0;
  for (const key in x) {
    keys++;
    if (span && (key === 'start' || key === 'end')) {
      if (x[key] !== (y[key] as number) + delta) return false;
    } else if (!sameShifted(x[key], y[key], delta)) return false;
  }
  for (const _ in y) keys--;
  return keys === 0;
}
