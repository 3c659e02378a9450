// tree-sitter-python spends time quadratic in the length of a block of comment lines, so long blocks
// reach the parser as spaces (parsing/commentRuns.ts). What must hold: offsets and lines do not move,
// and the tree is the one the original text gives, without its comment nodes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { LONG_COMMENT_BLOCK, withoutLongCommentBlocks } from '../server/src/parsing/commentRuns';
import { ChunkedText } from '../server/src/analysis/chunkedText';
import fc from 'fast-check';
import { getParser, type Parser, type SyntaxNode } from '../server/src/parsing/treeSitter';
import { fixtureFiles } from './support/fixtures';

const block = (indent: string, lines: number, blankEvery = 0) =>
  Array.from({ length: lines }, (_, i) => (blankEvery && i % blankEvery === 0 ? '\n' : `${i % 5 === 3 ? '' : indent}# old line ${i}: x = compute(${i})\n`)).join('');

test('a text without a long comment block is handed to the parser as it is', () => {
  const text = `import os\n${block('', LONG_COMMENT_BLOCK - 1)}x = 1\n${block('    ', LONG_COMMENT_BLOCK - 1)}`;
  assert.equal(withoutLongCommentBlocks(text), text);
  // Code between comment lines ends a block, even with a # of its own.
  const split = `${block('', 100)}y = "#"  # set\n${block('', 100)}`;
  assert.equal(withoutLongCommentBlocks(split), split);
});

test('a long block becomes spaces but for its first, last and least indented comments: same length, same line breaks', () => {
  const text = `x = 1  # keep\r\n${block('\t', LONG_COMMENT_BLOCK + 40, 7).replace(/\n/g, '\r\n')}def f():\n    return "#"\n`;
  const parsed = withoutLongCommentBlocks(text);
  assert.equal(parsed.length, text.length);
  assert.deepEqual([...parsed.matchAll(/[\r\n]/g)].map((m) => m.index), [...text.matchAll(/[\r\n]/g)].map((m) => m.index));
  const kept = parsed.split(/\r?\n/).filter((line) => line.trim());
  assert.deepEqual(kept, ['x = 1  # keep', '\t# old line 1: x = compute(1)', '\t# old line 2: x = compute(2)', '# old line 3: x = compute(3)', '\t# old line 167: x = compute(167)', 'def f():', '    return "#"']);
});

/** The tree as nested node types and ranges, without comments. */
function shape(node: SyntaxNode): string {
  const children = node.children.filter((child): child is SyntaxNode => !!child && child.type !== 'comment');
  return `${node.type}@${node.startIndex}-${node.endIndex}${children.length ? `(${children.map(shape).join(' ')})` : ''}`;
}

test('every Python fixture with long blocks inserted parses to the tree of the original text, comments aside', async () => {
  const parser = await getParser('python');
  const fixtures = fixtureFiles().filter((file) => file.endsWith('.py'));
  assert.ok(fixtures.length > 20);
  let blanked = 0;
  for (const file of fixtures) {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    // After every fifteenth line, indented as it is, so inside bodies as well as between statements.
    const text = lines.map((line, i) => (i % 15 === 4 ? `${line}\n${block(/^\s*/.exec(line)![0], LONG_COMMENT_BLOCK + 20, 11)}` : line)).join('\n');
    if (withoutLongCommentBlocks(text) !== text) blanked++;
    assertSameTree(parser, text, file);
  }
  assert.ok(blanked > 20);
});

const INDENTS = ['', ' ', '  ', '    ', '      ', '        ', '\t', '    \t', '\f    '];

test('blocks of comments at any mix of indentations, anywhere, give the same tree (property)', async () => {
  const parser = await getParser('python');
  const corpus = fixtureFiles()
    .filter((file) => file.endsWith('.py'))
    .map((file) => fs.readFileSync(file, 'utf8').split('\n'));
  const line = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...INDENTS).map((indent) => `${indent}# x = 1`) },
    { weight: 1, arbitrary: fc.constantFrom('', '   ', '\t') },
  );
  fc.assert(
    fc.property(fc.nat(), fc.double({ min: 0, max: 1, noNaN: true }), fc.array(line, { minLength: LONG_COMMENT_BLOCK, maxLength: LONG_COMMENT_BLOCK + 60 }), (which, where, inserted) => {
      const lines = corpus[which % corpus.length];
      const at = Math.floor(where * lines.length);
      assertSameTree(parser, [...lines.slice(0, at), ...inserted, ...lines.slice(at)].join('\n'));
    }),
    { numRuns: 150 },
  );
});

function assertSameTree(parser: Parser, text: string, label?: string): void {
  // The analysis thread's large documents are read in pieces: the same comments are blanked.
  assert.equal(String(withoutLongCommentBlocks(ChunkedText.of(text, 61))), withoutLongCommentBlocks(text), label);
  const ours = parser.parse(withoutLongCommentBlocks(text))!;
  const original = parser.parse(text)!;
  try {
    assert.equal(shape(ours.rootNode), shape(original.rootNode), label);
  } finally {
    ours.delete();
    original.delete();
  }
}
