// Property: the findings the analysis thread sends as a delta against the previous result of the same
// document (documents/findingsDelta.ts) are rebuilt on the main thread exactly as they were computed,
// whatever the edit between the two texts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import fc from 'fast-check';
import { analyzeText } from '../server/src/analysis/analyze';
import { getBundledCatalog } from '../server/src/catalog/catalog';
import { grammarFor } from '../server/src/parsing/treeSitter';
import { findingsDelta, withDelta } from '../server/src/documents/findingsDelta';
import { fixtureFiles } from './support/fixtures';

const catalog = getBundledCatalog();
const corpus = fixtureFiles()
  .filter((file) => file.endsWith('.py'))
  .map((file) => ({ grammar: grammarFor(file)!, text: fs.readFileSync(file, 'utf8') }));
const PIECES = ['x', '\n', '    ', ', **kwargs', 'sender=None, ', ')', '#', '"', 'def ', ''];

test('findings rebuilt from a delta against the previous text\'s are the findings themselves', async () => {
  let shared = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...corpus),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.nat({ max: 6 }),
      fc.constantFrom(...PIECES),
      async (fixture, where, removed, piece) => {
        const at = Math.floor(where * fixture.text.length);
        const edited = fixture.text.slice(0, at) + piece + fixture.text.slice(at + removed);
        const before = (await analyzeText(fixture.text, fixture.grammar, catalog)).findings;
        const after = (await analyzeText(edited, fixture.grammar, catalog)).findings;
        const delta = findingsDelta(before, after, edited.length - fixture.text.length);
        shared += delta.kept + delta.moved;
        // Sent as the analysis thread sends it: structured-cloned.
        assert.equal(JSON.stringify(withDelta(before, structuredClone(delta))), JSON.stringify(after));
      },
    ),
    { numRuns: 120 },
  );
  // Otherwise the property would hold trivially.
  assert.ok(shared > 0, 'some findings were not sent again');
});

test('a finding that moved by other than the length change, or changed, is sent again', () => {
  const finding = (start: number, message: string) => ({ code: 'c', severity: 'error' as const, span: { start, end: start + 3 }, message, fixes: [] });
  const before = [finding(0, 'a'), finding(10, 'b'), finding(20, 'c')];
  const after = [finding(0, 'a'), finding(12, 'b'), finding(22, 'changed')];
  const delta = findingsDelta(before, after, 2);
  assert.deepEqual([delta.kept, delta.moved, delta.fresh.length], [1, 0, 2]);
  assert.deepEqual(withDelta(before, delta), after);
});
