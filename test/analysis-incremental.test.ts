// Property: the facts an analysis reuses from the previous version of a document (analysis/frontends/
// factMemo) never change its result. Random edit sequences on the fixture modules (typing, deleting,
// moving and copying whole blocks, re-indenting, adding module names that handlers read) are analysed
// incrementally, as the server does, and each result must equal a fresh analysis of the same text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { analyzeSource, analyzeText, factMemoOf, prepareForEdit } from '../server/src/analysis/analyze';
import { getBundledCatalog } from '../server/src/catalog/catalog';
import { grammarFor, type Edit, type Tree } from '../server/src/parsing/treeSitter';
import { fixtureFiles } from './support/fixtures';
import { applied, type Replacement } from './support/edits';
import { ChunkedText } from '../server/src/analysis/chunkedText';

const catalog = getBundledCatalog();
const fixturesRoot = path.join(__dirname, 'fixtures');
const corpus = fixtureFiles()
  .filter((file) => file.endsWith('.py'))
  .map((file) => ({ file: path.relative(fixturesRoot, file), text: fs.readFileSync(file, 'utf8') }));

/** What a user types, including names that change what a handler's free reads are bound to. */
const PIECES = ['x', '\n', '    ', 'einfo', ', **kwargs', 'sender=None, ', ')', ':', '#', '"', 'global logger\n', 'logger = None\n', 'import time\n', 'def ', 'del exc\n', ''];

type Operation =
  | { kind: 'type'; at: number; piece: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'move' | 'copy'; from: number; lines: number; to: number }
  | { kind: 'indent'; from: number; lines: number };

const fraction = fc.double({ min: 0, max: 1, noNaN: true });
const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ kind: fc.constant('type' as const), at: fraction, piece: fc.constantFrom(...PIECES) }),
  fc.record({ kind: fc.constant('delete' as const), at: fraction, length: fc.nat({ max: 12 }) }),
  fc.record({ kind: fc.constantFrom('move' as const, 'copy' as const), from: fraction, lines: fc.integer({ min: 1, max: 12 }), to: fraction }),
  fc.record({ kind: fc.constant('indent' as const), from: fraction, lines: fc.integer({ min: 1, max: 6 }) }),
) as fc.Arbitrary<Operation>;

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The replacements an operation makes, in the order they apply (each on the text the previous left). */
function replacementsOf(text: string, op: Operation): Replacement[] {
  // Any offset from the start to the end of the text; never past it (fast-check's doubles reach 1
  // exactly): an editor's change is clamped to the document before it reaches the analysis.
  const at = (f: number) => Math.min(text.length, Math.floor(f * (text.length + 1)));
  if (op.kind === 'type') return [{ start: at(op.at), end: at(op.at), inserted: op.piece }];
  if (op.kind === 'delete') return [{ start: at(op.at), end: Math.min(text.length, at(op.at) + op.length), inserted: '' }];
  const starts = lineStartsOf(text);
  const line = (f: number) => Math.min(starts.length - 1, Math.floor(f * starts.length));
  const first = line(op.from);
  const blockStart = starts[first];
  const blockEnd = starts[Math.min(starts.length - 1, first + op.lines)] ?? text.length;
  const block = text.slice(blockStart, blockEnd);
  if (op.kind === 'indent') {
    // Re-indenting from the last line up keeps the earlier offsets valid.
    return starts.slice(first, first + op.lines).reverse().map((start) => ({ start, end: start, inserted: '    ' }));
  }
  const target = starts[line(op.to)];
  if (op.kind === 'copy') return [{ start: target, end: target, inserted: block }];
  if (target >= blockStart && target <= blockEnd) return [];
  // Cut first, then paste where the target line is now.
  const pasteAt = target > blockEnd ? target - block.length : target;
  return [
    { start: blockStart, end: blockEnd, inserted: '' },
    { start: pasteAt, end: pasteAt, inserted: block },
  ];
}


const json = (value: unknown) => JSON.stringify(value);

test('an analysis that reuses the previous version\'s facts equals a fresh analysis, over random edits of the fixture modules', async () => {
  let reused = 0;
  await fc.assert(
    // `prepared`: the analysis thread's idle-time preparation (prepareForEdit) ran before each edit.
    // `pieceLength`: the edited versions are read from pieces of that length (the analysis thread's
    // large documents, here with pieces small enough that words and nodes straddle them), or, at 0,
    // from a flat string.
    fc.asyncProperty(fc.constantFrom(...corpus), fc.array(operation, { minLength: 1, maxLength: 8 }), fc.boolean(), fc.constantFrom(0, 7, 300), async (fixture, operations, prepared, pieceLength) => {
      const grammar = grammarFor(fixture.file)!;
      let text = fixture.text;
      let { tree } = await analyzeSource({ text, grammar, catalog });
      try {
        for (const [i, op] of operations.entries()) {
          if (prepared && tree) prepareForEdit(tree);
          const edits: Edit[] = [];
          for (const replacement of replacementsOf(text, op)) {
            const step = applied(text, replacement);
            text = step.text;
            edits.push(step.edit);
          }
          const source = pieceLength > 0 ? ChunkedText.of(text, pieceLength) : text;
          const incremental = await analyzeSource({ text: source, grammar, catalog, previous: { tree: tree!, edits } });
          // Pieces are read as pieces: only a text with syntax errors is scanned whole, as one string.
          if (source instanceof ChunkedText) assert.ok(!source.flattened || incremental.tree?.rootNode.hasError, `the flat text was made after operation ${i + 1} (${op.kind})`);
          tree!.delete();
          tree = incremental.tree;
          reused += (tree && factMemoOf(tree)?.reused) ?? 0;
          const fresh = await analyzeText(text, grammar, catalog);
          // Compared as JSON and reported briefly: a model diff is pages long.
          assert.ok(json(incremental.model) === json(fresh.model), `models differ after operation ${i + 1} (${op.kind})`);
          assert.ok(json(incremental.findings) === json(fresh.findings), `findings differ after operation ${i + 1} (${op.kind})`);
        }
      } finally {
        tree?.delete();
      }
    }),
    { numRuns: 80 },
  );
  // Otherwise the property would hold trivially.
  assert.ok(reused > 0, 'the incremental analyses reused facts from their previous versions');
});

test('handler facts survive an edit elsewhere and move with their definition', async () => {
  const text = ['from celery.signals import task_failure', '', '@task_failure.connect', 'def on_failure(sender=None, einfo=None, **kwargs):', '    print(einfo)', ''].join('\n');
  const first = await analyzeSource({ text, grammar: 'python', catalog });
  const edit = applied(text, { start: 0, end: 0, inserted: 'import os\n' });
  const second = await analyzeSource({ text: edit.text, grammar: 'python', catalog, previous: { tree: first.tree as Tree, edits: [edit.edit] } });
  first.tree!.delete();
  try {
    assert.equal(factMemoOf(second.tree!)?.reusedByKind.get('sites'), 1, 'the unchanged connect statement was not read again');
    const handler = second.model.sites[0].handler!;
    assert.equal(edit.text.slice(handler.nameSpan!.start, handler.nameSpan!.end), 'on_failure');
    assert.equal(edit.text.slice(handler.freeReads[0]?.span.start ?? 0, handler.freeReads[0]?.span.end ?? 0), 'print');
    assert.equal(json(second.model), json((await analyzeText(edit.text, 'python', catalog)).model));
  } finally {
    second.tree!.delete();
  }
});
