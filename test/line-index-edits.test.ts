// Property: a line index updated from the previous one after an edit (LineIndex.edited, what
// applyChange hands back) equals an index built from scratch over the new text, whatever line
// breaks the edit adds, removes or splits (`\r` then `\n` on either side of an edit).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineIndex } from '../server/src/analysis/text';
import { applyChange, treePointAt } from '../server/src/analysis/textChange';
import { ChunkedText } from '../server/src/analysis/chunkedText';

const piece = fc.constantFrom('a', 'bc', '\n', '\r', '\r\n', '\n\r', '😀', ' ', 'def f():\n    pass\n');
const textOf = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''));

/** Every offset's position and every line's first offset, read through the public interface. */
function observed(index: LineIndex, text: string) {
  const positions = Array.from({ length: text.length + 1 }, (_, offset) => index.positionAt(offset));
  const offsets = Array.from({ length: index.lineCount + 1 }, (_, line) => index.offsetAt({ line, character: 0 }));
  return { lineCount: index.lineCount, positions, offsets };
}

test('an edited line index equals a fresh one over random edits of texts full of line breaks', () => {
  fc.assert(
    fc.property(textOf, fc.array(fc.record({ a: fc.nat(), b: fc.nat(), inserted: textOf }), { minLength: 1, maxLength: 6 }), (initial, edits) => {
      let text = initial;
      let index = new LineIndex(text);
      for (const { a, b, inserted } of edits) {
        const start = a % (text.length + 1);
        const end = Math.min(text.length, start + (b % 5));
        const next = text.slice(0, start) + inserted + text.slice(end);
        index = index.edited(next, start, end, start + inserted.length);
        text = next;
        assert.deepEqual(observed(index, text), observed(new LineIndex(text), text));
      }
    }),
    { numRuns: 400 },
  );
});

test('applyChange hands back the new text\'s line index', () => {
  const text = 'a\r\nb\rc\n';
  const index = new LineIndex(text);
  const applied = applyChange(text, { range: { start: { line: 0, character: 1 }, end: { line: 1, character: 0 } }, text: '\r' }, index);
  assert.equal(applied.text, 'a\rb\rc\n');
  assert.deepEqual(observed(applied.index, applied.text), observed(new LineIndex(applied.text), applied.text));
  assert.equal(applied.index.lineCount, 4);
});

test("applyChange's tree-sitter points equal counting line feeds, with and without carriage returns", () => {
  fc.assert(
    fc.property(textOf, fc.nat(), fc.nat(), fc.nat(), fc.nat(), textOf, (text, l1, c1, l2, c2, inserted) => {
      const index = new LineIndex(text);
      const position = (line: number, character: number) => ({ line: line % (index.lineCount + 1), character: character % 6 });
      const applied = applyChange(text, { range: { start: position(l1, c1), end: position(l2, c2) }, text: inserted }, index);
      const edit = applied.edit!;
      assert.deepEqual(edit.startPosition, treePointAt(text, edit.startIndex));
      assert.deepEqual(edit.oldEndPosition, treePointAt(text, edit.oldEndIndex));
      assert.deepEqual(edit.newEndPosition, treePointAt(applied.text, edit.newEndIndex));
    }),
    { numRuns: 1000 },
  );
});

test('line starts are the same whether a long text is read by searching or character by character, whole or in pieces', () => {
  // Long enough (and often free of `\r`) for the search to be taken; each line's start counted here by hand.
  const longText = fc.array(fc.constantFrom('x = 1', '\n', '\n', '    pass', '😀', '\r\n', '\r'), { minLength: 50, maxLength: 400 }).map((parts) => parts.join(''));
  fc.assert(
    fc.property(longText, fc.boolean(), fc.integer({ min: 3, max: 64 }), (raw, withoutCarriageReturns, pieceLength) => {
      const text = withoutCarriageReturns ? raw.replace(/\r/g, '') : raw;
      const expected = [0];
      for (let i = 0; i < text.length; i++) {
        if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) expected.push(i + 1);
      }
      for (const index of [new LineIndex(text), new LineIndex(ChunkedText.of(text, pieceLength))]) {
        assert.equal(index.lineCount, expected.length);
        assert.deepEqual(Array.from({ length: expected.length }, (_, line) => index.offsetAt({ line, character: 0 })), expected);
      }
    }),
    { numRuns: 300 },
  );
});
