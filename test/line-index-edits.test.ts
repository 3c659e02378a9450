// Property: a line index updated from the previous one after an edit (LineIndex.edited, what
// applyChange hands back) equals an index built from scratch over the new text, whatever line
// breaks the edit adds, removes or splits (`\r` then `\n` on either side of an edit).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LineIndex } from '../server/src/analysis/text';
import { applyChange, treePointAt } from '../server/src/analysis/textChange';

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
