// Property: the findings the analysis thread sends as a delta against the previous result of the same
// document (documents/findingsDelta.ts) are rebuilt on the main thread exactly as they were computed,
// whatever the edit between the two texts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import fc from 'fast-check';
import { analyzeSource, analyzeText } from '../server/src/analysis/analyze';
import { movedWhole } from '../server/src/analysis/findingsMemo';
import { applied } from './support/edits';
import type { Tree } from '../server/src/parsing/treeSitter';
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

test('a finding is known to be moved whole only when every span of it moved by the length change', async () => {
  const text = [
    'from celery.signals import task_failure, task_success',
    'def early(sender=None):',
    '    pass',
    '# edited here',
    'task_failure.connect(early)',
    '@task_success.connect',
    'def late(sender=None):',
    '    pass',
    '',
  ].join('\n');
  const first = await analyzeSource({ text, grammar: 'python', catalog });
  const at = text.indexOf('# edited here');
  const step = applied(text, { start: at, end: at, inserted: '#\n' });
  const second = await analyzeSource({ text: step.text, grammar: 'python', catalog, previous: { tree: first.tree as Tree, edits: [step.edit] } });
  first.tree?.delete();
  second.tree?.delete();
  const pairs = (name: string) => {
    const matching = (findings: typeof first.findings) => findings.filter((finding) => finding.code === 'missing-var-kwargs' && finding.message.includes(name));
    return [matching(second.findings)[0], matching(first.findings)[0]] as const;
  };
  const [late, lateBefore] = pairs('`late`');
  const [early, earlyBefore] = pairs('`early`');
  assert.ok(late && lateBefore && early && earlyBefore, 'both handlers lack **kwargs');
  assert.equal(movedWhole(late, lateBefore, 2), true, 'the late handler lies wholly after the edit');
  assert.equal(movedWhole(late, lateBefore, 3), false, 'by the length change only');
  assert.equal(movedWhole(early, earlyBefore, 2), false, 'the early handler is connected after the edit but defined before it');
  assert.equal(early.span.start, earlyBefore.span.start);
});

test('findings the checker moved whole after an edit are told apart at once, and rebuilt exactly', async () => {
  let known = 0;
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...corpus), fc.array(fc.record({ where: fc.double({ min: 0, max: 1, noNaN: true }), removed: fc.nat({ max: 6 }), piece: fc.constantFrom(...PIECES) }), { minLength: 1, maxLength: 4 }), async (fixture, edits) => {
      let text = fixture.text;
      let previous = await analyzeSource({ text, grammar: fixture.grammar, catalog });
      for (const { where, removed, piece } of edits) {
        const at = Math.floor(where * text.length);
        const step = applied(text, { start: at, end: Math.min(text.length, at + removed), inserted: piece });
        const next = await analyzeSource({ text: step.text, grammar: fixture.grammar, catalog, previous: { tree: previous.tree as Tree, edits: [step.edit] } });
        previous.tree?.delete();
        const lengthChange = step.text.length - text.length;
        const delta = findingsDelta(previous.findings, next.findings, lengthChange);
        const offset = previous.findings.length - next.findings.length;
        known += next.findings.filter((finding, i) => movedWhole(finding, previous.findings[i + offset], lengthChange)).length;
        // Rebuilt from a structured clone, as the main thread gets it.
        assert.equal(JSON.stringify(withDelta(previous.findings, structuredClone(delta))), JSON.stringify(next.findings));
        [text, previous] = [step.text, next];
      }
      previous.tree?.delete();
    }),
    { numRuns: 80 },
  );
  assert.ok(known > 0, 'some findings were known to be moved without comparing them');
});
