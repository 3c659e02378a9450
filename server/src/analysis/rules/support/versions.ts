/** Version comparisons rules make on every site, memoised: the same few pairs come up again and again. */
import { compareVersions } from '../../../catalog/versions';

/** By version, then by minimum: looked up without building a key string on every call. */
const memo = new Map<string, Map<string, boolean>>();

/** True when `version` is `minimum` or later. */
export function atLeast(version: string, minimum: string): boolean {
  let byMinimum = memo.get(version);
  if (!byMinimum) {
    if (memo.size > 100) memo.clear();
    memo.set(version, (byMinimum = new Map()));
  }
  let result = byMinimum.get(minimum);
  if (result === undefined) {
    result = compareVersions(version, minimum) >= 0;
    byMinimum.set(minimum, result);
  }
  return result;
}

/** Releases where Celery's handling of receivers changed. */
export const RELEASES = {
  /** send() catches receiver errors and logs them instead of propagating. */
  errorsLogged: '4.0.0',
  /** connect() refuses receivers without **kwargs. */
  connectChecksKwargs: '4.0.1',
  /** connect(retry=True) exists (and wraps the receiver in a plain (*args, **kwargs) function). */
  retryOption: '4.2.0',
  /**
   * connect()'s **kwargs test reads a function's own code flags instead of `inspect.signature`, so it
   * no longer follows `functools.wraps`' `__wrapped__` to the inner function.
   */
  kwargsFromCode: '5.6.3',
} as const;

const connectOptionsByVersion = new Map<string, readonly string[]>();

/** The options connect() accepts on a release. */
export function connectOptionsFor(version: string): readonly string[] {
  let options = connectOptionsByVersion.get(version);
  if (!options) {
    options = atLeast(version, RELEASES.retryOption) ? ['sender', 'weak', 'dispatch_uid', 'retry'] : ['sender', 'weak', 'dispatch_uid'];
    connectOptionsByVersion.set(version, options);
  }
  return options;
}
