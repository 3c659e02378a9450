/**
 * Version specifiers as Python packaging (PEP 440) and Poetry write them, reduced to the one release
 * the rules judge against: the exact one when the specifier pins it, else the lowest it allows — the
 * oldest release a user of the project may really run, where a release-dependent problem shows first.
 */

export interface AssumedRelease {
  /** `major.minor.patch`. */
  version: string;
  /** False when the specifier names one release (`==5.3.4`, Poetry's bare `5.3.4`). */
  lowestOfRange: boolean;
}

/** `5.2` → `5.2.0`; pre-releases and local labels drop to their release (`5.3.0rc1` → `5.3.0`). */
export function releaseOf(text: string): string | undefined {
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/i.exec(text.trim());
  if (!match) return undefined;
  return [match[1], match[2] ?? '0', match[3] ?? '0'].map((p) => String(Number(p))).join('.');
}

function parts(version: string): number[] {
  return version.split('.').map(Number);
}

function compare(a: string, b: string): number {
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] < pb[i] ? -1 : 1;
  return 0;
}

function nextPatch(version: string): string {
  const [major, minor, patch] = parts(version);
  return `${major}.${minor}.${patch + 1}`;
}

interface Bound {
  lowest?: string;
  exact: boolean;
  excluded: string[];
}

/** One clause (`>=5.2`, `^5.3`, `==5.3.*`); an upper bound or exclusion sets no floor. */
function clause(raw: string, bound: Bound): boolean {
  const match = /^(===|==|~=|>=|<=|!=|>|<|\^|~|=)?\s*(\*|[vV]?\d[\w.*+!-]*)$/.exec(raw.trim());
  if (!match) return false;
  const operator = match[1] ?? '';
  const value = match[2];
  if (value === '*') return true;
  const release = releaseOf(value);
  if (!release) return false;
  const wildcard = value.includes('*');
  const raise = (to: string, exact = false) => {
    if (!bound.lowest || compare(to, bound.lowest) > 0) {
      bound.lowest = to;
      bound.exact = exact;
    }
  };
  switch (operator) {
    case '':
    case '=':
    case '==':
    case '===':
      // Poetry's bare `5.3.4` and PEP 440's `==` pin a release; `5.3.*` is the range of its patches.
      raise(release, !wildcard);
      break;
    case '>=':
    case '~=':
    case '^':
    case '~':
      raise(release);
      break;
    case '>':
      raise(nextPatch(release));
      break;
    case '!=':
      if (!wildcard) bound.excluded.push(release);
      break;
    default:
      break;
  }
  return true;
}

/**
 * The release a specifier makes the project judged against, or undefined when it sets no floor
 * (`celery`, `*`, `<6`) or cannot be read. Poetry's `||` alternatives take the lowest floor of all.
 */
export function assumedRelease(specifier: string): AssumedRelease | undefined {
  const alternatives = specifier.split('||');
  let best: AssumedRelease | undefined;
  for (const alternative of alternatives) {
    const bound: Bound = { exact: false, excluded: [] };
    const clauses = alternative.split(',').map((c) => c.trim()).filter(Boolean);
    // Poetry also separates clauses by spaces: `>=5.2 <6`.
    const split = clauses.flatMap((c) => c.split(/\s+(?=[<>=!~^])/));
    if (split.length === 0 || !split.every((c) => clause(c, bound)) || !bound.lowest) return undefined;
    let lowest = bound.lowest;
    // A floor that is itself excluded (`>=5.2,!=5.2.0`) moves to the next patch.
    while (bound.excluded.includes(lowest)) {
      lowest = nextPatch(lowest);
      bound.exact = false;
    }
    const candidate = { version: lowest, lowestOfRange: !bound.exact || alternatives.length > 1 };
    if (!best || compare(candidate.version, best.version) < 0) best = candidate;
  }
  return best;
}

/** A PEP 508 requirement line naming Celery: its specifier (possibly empty), or undefined for another package. */
export function celeryRequirement(requirement: string): { specifier: string } | undefined {
  const withoutMarker = requirement.split(';')[0].trim();
  // `celery[redis]>=5.2`, `Celery (>=5.2)`, `celery==5.3.4 --hash=...`; `celery @ url` pins nothing.
  const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)$/.exec(withoutMarker);
  if (!match || normalisedName(match[1]) !== 'celery') return undefined;
  let specifier = match[3].trim();
  if (specifier.startsWith('@')) return { specifier: '' };
  specifier = specifier.replace(/\s--?\S.*$/, '').replace(/^\((.*)\)$/, '$1').trim();
  return { specifier };
}

/** PEP 503 name normalisation: case and runs of `-_.` do not matter. */
export function normalisedName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}
