// A model crosses from the analysis thread in parts (documents/modelParts.ts) and is read a part per
// turn of the event loop. Property: whatever the model, what is read is the model that was written,
// as the same graph: equal values, and an object reached twice in one is one object in the other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { analyzeText } from '../server/src/analysis/analyze';
import { getBundledCatalog } from '../server/src/catalog/catalog';
import { grammarFor } from '../server/src/parsing/treeSitter';
import { ModelReader, serialisedInParts } from '../server/src/documents/modelParts';
import type { FileModel } from '../server/src/analysis/model';
import { fixtureFiles } from './support/fixtures';

const catalog = getBundledCatalog();

async function modelOf(text: string, grammar: NonNullable<ReturnType<typeof grammarFor>>): Promise<FileModel> {
  const { model } = await analyzeText(text, grammar, catalog);
  assert.ok(model, 'the analysis gave a model');
  return model;
}

/** Walks both graphs side by side: same keys and values, and the same objects shared. */
function assertSameGraph(read: unknown, written: unknown, where: string): void {
  const pairs = new Map<object, object>();
  const backwards = new Map<object, object>();
  const visit = (a: unknown, b: unknown, path: string): void => {
    if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return assert.equal(a, b, `${where}: ${path}`);
    if (pairs.has(a) || backwards.has(b)) return assert.ok(pairs.get(a) === b && backwards.get(b) === a, `${where}: ${path} is shared in one graph only`);
    pairs.set(a, b);
    backwards.set(b, a);
    assert.equal(Array.isArray(a), Array.isArray(b), `${where}: ${path}`);
    assert.deepEqual(Object.keys(a), Object.keys(b), `${where}: ${path}`);
    for (const key of Object.keys(a)) visit((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
  };
  visit(read, written, 'model');
}

/** A module with many receivers, each connected twice and named in a dispatch table (shared references). */
function manyReceivers(count: number): string {
  const lines = ['from celery.signals import task_failure, task_success, worker_ready', ''];
  for (let i = 0; i < count; i++) {
    lines.push(`@task_failure.connect`, `def on_failure_${i}(sender=None, task_id=None, einfo=None, **kwargs):`, `    print(task_id, einfo)`, '');
    lines.push(`task_success.connect(on_failure_${i}, sender="proj.tasks.add_${i}")`, '');
  }
  lines.push('@worker_ready.connect', 'def ready(sender, **kwargs):', '    pass', '');
  return lines.join('\n');
}

test('every fixture model is read back from its parts as it was written', async () => {
  for (const file of fixtureFiles()) {
    const grammar = grammarFor(file);
    if (!grammar) continue;
    const model = await modelOf(fs.readFileSync(file, 'utf8'), grammar);
    const read = await new ModelReader(serialisedInParts(model)).readInTurns();
    assertSameGraph(read, model, file);
  }
});

test('a large model is read over several turns, and a reader that cannot wait gets the same object', async () => {
  const model = await modelOf(manyReceivers(150), 'python');
  assert.ok(model.sites.length > 200, `${model.sites.length} sites`);
  const reader = new ModelReader(serialisedInParts(model));
  const reading = reader.readInTurns();
  // Part way through, a synchronous reader (the analysis's `model` getter) finishes the read.
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(reader.done, false, 'one turn did not read every part');
  const atOnce = reader.readAll();
  const inTurns = await reading;
  assert.equal(inTurns, atOnce);
  assertSameGraph(inTurns, model, 'many receivers');
  // A connection's signal is one of the module's signal references (hover and find-references rely on it).
  const shared = (m: FileModel) => m.sites.filter((site) => m.signalRefs.includes(site.connection.signal as (typeof m.signalRefs)[number])).length;
  assert.ok(shared(model) > 200);
  assert.equal(shared(inTurns), shared(model));
});

test('an empty model and one with fewer sites than a part', async () => {
  for (const text of ['', manyReceivers(3)]) {
    const model = await modelOf(text, 'python');
    const reader = new ModelReader(serialisedInParts(model));
    assertSameGraph(reader.readAll(), model, `${text.length} characters`);
    assert.equal(reader.done, true);
  }
});
