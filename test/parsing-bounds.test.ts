// Bounds on what reaches the editor. Parsing has a time bound: a parse past its deadline is cancelled
// and the parser reset, so the next document is parsed from its own start rather than resuming the
// abandoned one. Positions never fall inside a CRLF line break.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../server/src/analysis/text';
import { getParser, parseWithin, ParseTimeout } from '../server/src/parsing/treeSitter';

test('a parse past its deadline throws ParseTimeout and leaves the parser usable', async () => {
  const parser = await getParser('python');
  const big = 'def handler(sender, **kwargs):\n    return [sender, kwargs]\n'.repeat(40_000);
  assert.throws(() => parseWithin(parser, big, undefined, 0), (e: unknown) => e instanceof ParseTimeout && /longer than 0 s/.test(e.message));
  const small = parseWithin(parser, 'x = 1\n', undefined, 2000);
  assert.ok(small);
  assert.equal(small.rootNode.text, 'x = 1\n');
  assert.equal(small.rootNode.hasError, false);
  small.delete();
});

test('an offset between \\r and \\n maps to the end of its line, never inside the line break', () => {
  const index = new LineIndex('ab\r\ncd\rx\n');
  assert.deepEqual(index.positionAt(2), { line: 0, character: 2 });
  assert.deepEqual(index.positionAt(3), { line: 0, character: 2 });
  assert.deepEqual(index.positionAt(4), { line: 1, character: 0 });
  assert.deepEqual(index.positionAt(7), { line: 2, character: 0 });
});
