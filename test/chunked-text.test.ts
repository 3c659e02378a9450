// Property: a large document's text held in pieces (ChunkedText) reads exactly like the string it
// stands for, after any series of edits, through everything the main thread reads it with: its
// characters, slices and searches, applyChange (line index, tree-sitter points) and the document store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ChunkedText } from '../server/src/analysis/chunkedText';
import { LineIndex } from '../server/src/analysis/text';
import { applyChange } from '../server/src/analysis/textChange';
import { DocumentStore } from '../server/src/documents/documentStore';
import { CHUNKED_FROM_LENGTH, ChunkedDocument, heldText } from '../server/src/documents/chunkedDocument';

const piece = fc.constantFrom('a', 'bc', '\n', '\r', '\r\n', '😀', ' ', 'def f():\n    pass\n', 'x'.repeat(40));
const textOf = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));
const chunkLength = fc.integer({ min: 1, max: 24 });

function assertReadsLike(chunked: ChunkedText, text: string): void {
  assert.equal(chunked.length, text.length);
  for (let i = -1; i <= text.length; i++) assert.ok(Object.is(chunked.charCodeAt(i), text.charCodeAt(i)), `charCodeAt(${i})`);
  for (let from = 0; from <= text.length + 1; from += 3) {
    for (const search of ['\n', '\r', 'a', '😀', '\r\n', 'def', 'xx', 'pass\n', '']) {
      assert.equal(chunked.indexOf(search, from), text.indexOf(search, from), `indexOf(${JSON.stringify(search)}, ${from})`);
      assert.equal(chunked.lastIndexOf(search, from), text.lastIndexOf(search, from), `lastIndexOf(${JSON.stringify(search)}, ${from})`);
      assert.equal(chunked.startsWith(search, from), text.startsWith(search, from), `startsWith(${JSON.stringify(search)}, ${from})`);
    }
    assert.equal(chunked.slice(from, from + 7), text.slice(from, from + 7));
    assert.equal(chunked.slice(from), text.slice(from));
  }
  for (const search of ['\n', 'def', '']) assert.equal(chunked.lastIndexOf(search), text.lastIndexOf(search));
  for (let from = 0; from <= text.length; from++) {
    const breaks = [text.indexOf('\n', from), text.indexOf('\r', from)].filter((at) => at >= 0);
    assert.equal(chunked.lineEndFrom(from), breaks.length > 0 ? Math.min(...breaks) : text.length, `lineEndFrom(${from})`);
  }
  // Every read above went through the pieces: none of them made the flat text.
  assert.equal(chunked.flattened, false);
}

test('a text in pieces reads like its string after random replacements', () => {
  fc.assert(
    fc.property(textOf, chunkLength, fc.array(fc.record({ a: fc.nat(), b: fc.nat(), inserted: textOf }), { maxLength: 8 }), (initial, size, edits) => {
      let text = initial;
      let chunked = ChunkedText.of(text, size);
      assertReadsLike(chunked, text);
      for (const { a, b, inserted } of edits) {
        const start = a % (text.length + 1);
        const end = Math.min(text.length, start + (b % 30));
        text = text.slice(0, start) + inserted + text.slice(end);
        chunked = chunked.replace(start, end, inserted);
        assertReadsLike(chunked, text);
      }
      assert.equal(chunked.toString(), text);
    }),
    { numRuns: 300 },
  );
});

test('applyChange over pieces gives the text, line index and tree-sitter edit it gives over the string', () => {
  fc.assert(
    fc.property(textOf, chunkLength, fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat(), textOf), { minLength: 1, maxLength: 5 }), (initial, size, changes) => {
      let text = initial;
      let chunked = ChunkedText.of(text, size);
      let index = new LineIndex(text);
      let chunkedIndex = new LineIndex(chunked);
      for (const [l1, c1, l2, c2, inserted] of changes) {
        const position = (line: number, character: number) => ({ line: line % (index.lineCount + 1), character: character % 6 });
        const change = { range: { start: position(l1, c1), end: position(l2, c2) }, text: inserted };
        const applied = applyChange(text, change, index);
        const appliedToPieces = applyChange(chunked, change, chunkedIndex);
        assert.equal(appliedToPieces.text.toString(), applied.text);
        assert.deepEqual(appliedToPieces.edit, applied.edit);
        for (let offset = 0; offset <= applied.text.length; offset++) assert.deepEqual(appliedToPieces.index.positionAt(offset), applied.index.positionAt(offset));
        ({ text, index } = applied);
        ({ text: chunked, index: chunkedIndex } = appliedToPieces);
      }
    }),
    { numRuns: 300 },
  );
});

test('the store holds a large document in pieces and makes its flat text only when asked', () => {
  const store = new DocumentStore();
  const line = 'def on_task_success(sender=None, **kwargs):\n    pass\n';
  const text = line.repeat(Math.ceil(CHUNKED_FROM_LENGTH / line.length) + 1);
  // As after the first analysis took the opening's parse from scratch.
  store.openDocument('file:///large.py', 'python', 1, text).pendingEdits = [];
  const changed = store.change('file:///large.py', 2, [{ range: { start: { line: 5, character: 4 }, end: { line: 5, character: 8 } }, text: 'return None' }])!;
  assert.ok(changed.document instanceof ChunkedDocument);
  const offset = new LineIndex(text).offsetAt({ line: 5, character: 4 });
  const want = text.slice(0, offset) + 'return None' + text.slice(offset + 4);
  assert.equal(heldText(changed.document).toString(), want);
  assert.equal(changed.document.getText(), want);
  assert.equal(changed.document.version, 2);
  assert.deepEqual(changed.pendingEdits, [{ startIndex: offset, oldEndIndex: offset + 4, newEndIndex: offset + 11, startPosition: { row: 5, column: 4 }, oldEndPosition: { row: 5, column: 8 }, newEndPosition: { row: 5, column: 15 } }]);
  store.openDocument('file:///small.py', 'python', 1, line);
  assert.equal(typeof heldText(store.get('file:///small.py')!.document), 'string');
});

test('a line index edited many times on many lines without adding any equals a fresh one', () => {
  const lines = fc.array(fc.constantFrom('a', 'bc', '😀', ' ', 'def f():'), { maxLength: 4 }).map((parts) => parts.join(''));
  const breaks = fc.constantFrom('\n', '\r\n', '\r');
  const textOfLines = fc.array(fc.tuple(lines, breaks), { minLength: 1, maxLength: 12 }).map((pairs) => pairs.map(([line, lineBreak]) => line + lineBreak).join(''));
  // Edits that neither add nor remove a line break: characters typed or deleted within lines.
  const edit = fc.record({ at: fc.nat(), deleting: fc.boolean(), typed: fc.constantFrom('x', 'yz', '😀') });
  fc.assert(
    fc.property(textOfLines, fc.array(edit, { minLength: 1, maxLength: 30 }), (initial, edits) => {
      let text = initial;
      let index = new LineIndex(text);
      for (const { at, deleting, typed } of edits) {
        const start = at % (text.length + 1);
        const removable = deleting && start < text.length && !'\r\n'.includes(text[start]) && !(start > 0 && text[start - 1] === '\r');
        const end = removable ? start + 1 : start;
        // Typing between a \r and its \n would split the break in two lines.
        if (!removable && start > 0 && text[start - 1] === '\r' && text[start] === '\n') continue;
        const inserted = removable ? '' : typed;
        const next = text.slice(0, start) + inserted + text.slice(end);
        index = index.edited(next, start, end, start + inserted.length);
        text = next;
        const fresh = new LineIndex(text);
        assert.equal(index.lineCount, fresh.lineCount);
        for (let offset = 0; offset <= text.length; offset++) assert.deepEqual(index.positionAt(offset), fresh.positionAt(offset));
        for (let line = 0; line <= fresh.lineCount; line++) assert.equal(index.offsetAt({ line, character: 2 }), fresh.offsetAt({ line, character: 2 }));
      }
    }),
    { numRuns: 300 },
  );
});
