// The tree cache: incremental reparses must give the same tree as parsing the text afresh, whatever
// the edits (multi-line, non-ASCII, deletions, several per change), and the LRU bound must hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentStore } from '../../server/src/documents/documentStore';
import { TreeCache } from '../../server/src/documents/trees';
import { parseText, type Tree } from '../../server/src/parsing/treeSitter';
import { positionAt } from './fixtureText';

const START = 'from celery.signals import task_failure\n\n@task_failure.connect\ndef on_failure(sender, task_id, **kwargs):\n    print("échec 😀", task_id)\n';
const INSERTS = ['x', '\n', '\n    pass\n', 'é', '😀', '', '(', '"', 'def h(a):\n    return a\n'];

/** Every node with its extent in UTF-16 offsets and rows/columns, in document order. */
function outline(tree: Tree): string[] {
  const lines: string[] = [];
  const cursor = tree.walk();
  let depth = 0;
  for (;;) {
    const n = cursor.currentNode;
    lines.push(`${' '.repeat(depth)}${n.type} ${n.startIndex}-${n.endIndex} ${n.startPosition.row}:${n.startPosition.column}`);
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
  const trees = new TreeCache();
  const uri = 'file:///project/tree.py';
  let text = START;
  store.openDocument(uri, 'python', 1, text);
  assert.equal((await trees.treeFor(uri, store.get(uri)!, 'python')).edits, undefined, 'the first parse is a full one');
  const next = random(11);
  for (let version = 2; version < 202; version++) {
    // One to three changes per notification, each against the text the previous one left.
    const changes = [];
    for (let c = 0; c < 1 + Math.floor(next() * 3); c++) {
      let start = Math.floor(next() * (text.length + 1));
      // Never split a surrogate pair: editors do not either.
      if (start > 0 && /[\uDC00-\uDFFF]/.test(text[start] ?? '')) start--;
      let end = Math.min(text.length, start + (next() < 0.5 ? Math.floor(next() * 8) : 0));
      if (end < text.length && /[\uDC00-\uDFFF]/.test(text[end])) end++;
      const inserted = INSERTS[Math.floor(next() * INSERTS.length)];
      changes.push({ range: { start: positionAt(text, start), end: positionAt(text, end) }, text: inserted });
      text = text.slice(0, start) + inserted + text.slice(end);
    }
    store.change(uri, version, changes);
    const update = await trees.treeFor(uri, store.get(uri)!, 'python');
    assert.equal(update.edits?.length, changes.length);
    assert.equal(store.get(uri)!.document.getText(), text);
    const fresh = await parseText('python', text);
    assert.deepEqual(outline(update.tree), outline(fresh), `after version ${version}`);
    fresh.delete();
  }
  trees.dispose();
});

test('the cache keeps at most its capacity and reparses an evicted document in full', async () => {
  const store = new DocumentStore();
  const trees = new TreeCache(2);
  for (const name of ['a', 'b', 'c']) {
    store.openDocument(`file:///project/${name}.py`, 'python', 1, START);
    await trees.treeFor(`file:///project/${name}.py`, store.get(`file:///project/${name}.py`)!, 'python');
  }
  assert.equal(trees.size, 2);
  store.change('file:///project/a.py', 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '#\n' }]);
  const evicted = await trees.treeFor('file:///project/a.py', store.get('file:///project/a.py')!, 'python');
  assert.equal(evicted.edits, undefined, 'no old tree to edit, so a full parse');
  store.change('file:///project/c.py', 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '#\n' }]);
  assert.equal((await trees.treeFor('file:///project/c.py', store.get('file:///project/c.py')!, 'python')).edits?.length, 1);
  trees.drop('file:///project/c.py');
  assert.equal(trees.size, 1);
  trees.dispose();
  assert.equal(trees.size, 0);
});
