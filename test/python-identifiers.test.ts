/**
 * identifierAt reads an ASCII name without its pattern, and falls back to the pattern at the first
 * character past ASCII: at every offset of texts mixing both it must read what the pattern reads.
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { identifierAt } from '../server/src/analysis/frontends/pythonParams';
import { ChunkedText } from '../server/src/analysis/chunkedText';

const PATTERN = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]+/uy;
const pieces = fc.constantFrom('a', 'Z', '_', '0', '9', 'x1', ' ', '.', '(', '\n', '$', 'é', 'ß', '٣', '\u0301', '𝑥', '\u2164', '·', '‿', '中文');

function expected(text: string, start: number): string {
  PATTERN.lastIndex = start;
  return PATTERN.exec(text)?.[0] ?? '';
}

test('identifierAt reads what the identifier pattern reads, at every offset', () => {
  fc.assert(
    fc.property(fc.array(pieces, { maxLength: 30 }), (parts) => {
      const text = parts.join('');
      for (let start = 0; start <= text.length; start++) assert.equal(identifierAt(text, start), expected(text, start), JSON.stringify([text, start]));
    }),
    { numRuns: 1500 },
  );
});

test('identifierAt reads the same from a text kept in pieces', () => {
  const text = `${'x = 1\n'.repeat(20_000)}naïve_名字 = 2\n`;
  const chunked = ChunkedText.of(text, 4096);
  const start = text.indexOf('naïve');
  assert.equal(identifierAt(chunked, start), 'naïve_名字');
  assert.equal(identifierAt(chunked, 0), 'x');
});
