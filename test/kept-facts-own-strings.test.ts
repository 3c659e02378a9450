// What the Python front end keeps from one analysis of a document to the next must not keep the
// document's earlier texts alive. A slice of a string (13 characters or more) holds its whole source
// string in V8, so a name kept in a statement's facts used to hold the text of the version it was read
// in: editing a module in many places left old copies of its whole text in memory, two per place.
// Read in a heap snapshot: after edits in 20 places, the leak left 42; what may remain is the current
// text and the few the runtime still points at (the last analyses' trees, the parser's last input,
// the last regular expression's subject), which is 3 on a quiet machine and was 6 once in CI under
// load, so the bound is well below one per place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import { analyzeSource } from '../server/src/analysis/analyze';
import { getBundledCatalog } from '../server/src/catalog/catalog';
import type { Tree } from '../server/src/parsing/treeSitter';
import { ownedString, withOwnedStrings } from '../server/src/analysis/ownedStrings';
import { applied } from './support/edits';

const catalog = getBundledCatalog();
const HANDLERS = 60;

function moduleText(): string {
  const handlers = Array.from(
    { length: HANDLERS },
    (_, i) => `@task_failure.connect\ndef on_task_failure_number_${i}(sender=None, task_id=None, **kwargs):\n    logger.warning("handler number ${i} saw %s", task_id)\n`,
  );
  return `import logging\nfrom celery.signals import task_failure\n\nlogger = logging.getLogger(__name__)\n\n${handlers.join('\n')}`;
}

/** How many strings in this thread's heap are as long as `length` to `length + 1` characters (one byte each). */
async function stringsOfLength(length: number): Promise<number> {
  const chunks: string[] = [];
  for await (const chunk of v8.getHeapSnapshot()) chunks.push(String(chunk));
  const snapshot = JSON.parse(chunks.join(''));
  const { node_fields: fields, node_types: [types] } = snapshot.snapshot.meta;
  const typeAt = fields.indexOf('type');
  const sizeAt = fields.indexOf('self_size');
  let count = 0;
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const size = snapshot.nodes[i + sizeAt];
    // A sequential one-byte string: its characters and a header of a few words.
    if (types[snapshot.nodes[i + typeAt]] === 'string' && size >= length && size <= length + 1 + 32) count++;
  }
  return count;
}

test('after edits in many places, the kept facts hold no earlier text of the document', async () => {
  let text = moduleText();
  let { tree } = await analyzeSource({ text, grammar: 'python', catalog });
  try {
    for (let place = 0; place < 20; place++) {
      // Inside the string of one handler in three: each edit re-reads another statement.
      const at = text.indexOf(`"handler number ${place * 3} `) + 1;
      for (const inserted of ['x', '']) {
        const step = applied(text, inserted ? { start: at, end: at, inserted } : { start: at, end: at + 1, inserted: '' });
        text = step.text;
        const next = await analyzeSource({ text, grammar: 'python', catalog, previous: { tree: tree as Tree, edits: [step.edit] } });
        tree!.delete();
        tree = next.tree;
      }
    }
    const copies = await stringsOfLength(text.length);
    assert.ok(copies < 10, `${copies} strings as long as the text are alive (the leak left 42)`);
  } finally {
    tree?.delete();
  }
});

test('owned strings keep their content, leave class instances alone and survive cycles', () => {
  const name = 'on_task_failure_number_1'.repeat(2);
  const cyclic: Record<string, unknown> = { name, list: [name, 3, { deep: name }], map: new Map([[name, name]]) };
  cyclic.self = cyclic;
  assert.equal(withOwnedStrings(cyclic), cyclic);
  assert.equal(cyclic.name, name);
  assert.deepEqual(cyclic.list, [name, 3, { deep: name }]);
  assert.deepEqual([...(cyclic.map as Map<string, string>)], [[name, name]]);
  assert.equal(ownedString('short'), 'short');
  assert.equal(ownedString(name), name);
});
