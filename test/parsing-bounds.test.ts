// Parsing has a time bound: a parse that runs past its deadline is cancelled, and the parser is
// reset so the next document is parsed from its own start rather than resuming the abandoned one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
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
