// Trees: an incremental reparse through the pipeline gives the tree a fresh parse gives, whatever the
// edits (multi-line, CRLF and lone `\r`, non-ASCII, reversed or out-of-range ranges, several per
// change); the tree cache keeps its LRU bound.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyChange, treePointAt } from '../../server/src/analysis/textChange';
import { DocumentStore } from '../../server/src/documents/documentStore';
import { TreeCache } from '../../server/src/documents/trees';
import { parseText, type Tree } from '../../server/src/parsing/treeSitter';
import { applyLspChange, lspPositionAt } from '../support/lspText';

const START = 'from celery.signals import task_failure\r\n\n@task_failure.connect\ndef on_failure(sender, task_id, **kwargs):\r    print("échec 😀", task_id)\n';
const INSERTS = ['x', '\n', '\r', '\r\n', '\n    pass\n', 'é', '😀', '', '(', '"', 'def h(a):\n    return a\n'];

/** Every node with its extent in UTF-16 offsets and rows/columns, in document order. */
function outline(tree: Tree): string[] {
  const lines: string[] = [];
  const cursor = tree.walk();
  let depth = 0;
  for (;;) {
    const n = cursor.currentNode;
    lines.push(`${' '.repeat(depth)}${n.type} ${n.startIndex}-${n.endIndex} ${n.startPosition.row}:${n.startPosition.column}-${n.endPosition.row}:${n.endPosition.column}`);
    if (cursor.gotoFirstChild()) depth++;
    else {
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) {
          cursor.delete();
          return lines;
        }
        depth--;
      }
    }
  }
}

function random(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

test('incremental reparses match a fresh parse after 200 random edits', async () => {
  const store = new DocumentStore();
  const uri = 'file:///project/tree.py';
  let text = START;
  store.openDocument(uri, 'python', 1, text);
  let tree = await parseText('python', text);
  store.get(uri)!.pendingEdits = [];
  const next = random(11);
  for (let version = 2; version < 202; version++) {
    // One to three changes per notification, each against the text the previous one left.
    const changes = [];
    for (let c = 0; c < 1 + Math.floor(next() * 3); c++) {
      const start = Math.floor(next() * (text.length + 1));
      const end = Math.min(text.length, start + (next() < 0.5 ? Math.floor(next() * 8) : 0));
      const range = { start: lspPositionAt(text, start), end: lspPositionAt(text, end) };
      if (next() < 0.1) range.end = { line: range.end.line, character: range.end.character + 30 };
      const change = { range: next() < 0.1 ? { start: range.end, end: range.start } : range, text: INSERTS[Math.floor(next() * INSERTS.length)] };
      changes.push(change);
      text = applyLspChange(text, change);
    }
    store.change(uri, version, changes);
    const entry = store.get(uri)!;
    assert.equal(entry.document.getText(), text);
    assert.ok(entry.pendingEdits !== 'full' && entry.pendingEdits.length === changes.length);
    for (const edit of entry.pendingEdits) tree.edit(edit);
    entry.pendingEdits = [];
    const reparsed = await parseText('python', text, tree);
    tree.delete();
    tree = reparsed;
    const fresh = await parseText('python', text);
    assert.deepEqual(outline(tree), outline(fresh), `after version ${version}: ${JSON.stringify(changes)}`);
    fresh.delete();
  }
  tree.delete();
});

test('tree-sitter points split rows at \\n only and count columns in UTF-16 units', () => {
  assert.deepEqual(treePointAt('a\rb\r\nc😀d', 8), { row: 1, column: 3 });
  const { edit } = applyChange('ab\r\ncd', { range: { start: { line: 0, character: 9 }, end: { line: 0, character: 1 } }, text: '\r' });
  assert.deepEqual(edit, {
    startIndex: 1,
    oldEndIndex: 2,
    newEndIndex: 2,
    startPosition: { row: 0, column: 1 },
    oldEndPosition: { row: 0, column: 2 },
    newEndPosition: { row: 0, column: 2 },
  });
});

test('the cache keeps at most its capacity and deletes what it drops', async () => {
  const trees = new TreeCache(2);
  for (const name of ['a', 'b', 'c']) trees.put(`file:///project/${name}.py`, 'python', await parseText('python', 'x = 1\n'));
  assert.equal(trees.size, 2);
  assert.equal(trees.take('file:///project/a.py', 'python'), undefined, 'the oldest tree was evicted');
  assert.equal(trees.take('file:///project/b.py', 'typescript'), undefined, 'a tree of another grammar is not reused');
  const c = trees.take('file:///project/c.py', 'python');
  assert.ok(c);
  c.delete();
  assert.equal(trees.size, 0);
  trees.put('file:///project/d.py', 'python', await parseText('python', 'x = 1\n'));
  trees.dispose();
  assert.equal(trees.size, 0);
});
