/**
 * closestName skips the candidates whose length alone puts them too far away. It must pick what
 * measuring every candidate picks: the first one at the least distance, if that is close enough,
 * else the one candidate sharing a prefix.
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { closestName, editDistance } from '../server/src/analysis/rules/support/didYouMean';

/** Every candidate measured, as closestName did before it skipped any. */
function measuringAll(name: string, candidates: string[]): string | undefined {
  const pool = candidates.filter((c) => c !== name);
  if (pool.length === 0) return undefined;
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of pool) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const allowed = Math.max(1, Math.floor(Math.max(name.length, 3) / 3));
  if (best !== undefined && bestDistance <= allowed) return best;
  if (lower.length >= 3) {
    const prefixed = pool.filter((c) => c.toLowerCase().startsWith(lower) || lower.startsWith(c.toLowerCase()));
    if (prefixed.length === 1) return prefixed[0];
  }
  return undefined;
}

test('closestName picks what measuring every candidate picks', () => {
  // A small alphabet (with a letter whose lower case is longer) makes near misses and ties common.
  const word = fc.array(fc.constantFrom('a', 'b', 'c', 'A', '_', 'İ'), { minLength: 0, maxLength: 9 }).map((letters) => letters.join(''));
  let suggested = 0;
  fc.assert(
    fc.property(word, fc.array(word, { maxLength: 8 }), (name, candidates) => {
      // Known confusions come first in both; these words are none of them.
      const expected = measuringAll(name, candidates);
      if (expected !== undefined) suggested++;
      assert.equal(closestName(name, candidates), expected);
    }),
    { numRuns: 3000 },
  );
  assert.ok(suggested > 500, `${suggested} suggestions`);
});

test('closestName on the slips it is for', () => {
  assert.equal(closestName('exc', ['exception', 'traceback']), 'exception');
  assert.equal(closestName('task_idd', ['task_id', 'task', 'args']), 'task_id');
  assert.equal(closestName('sedner', ['sender', 'signal']), 'sender');
  assert.equal(closestName('einfo', ['einfo']), undefined);
  assert.equal(closestName('retries', ['request', 'reason']), undefined);
});
