// After an edit, the Python front end moves the spans of a kept statement's facts in place instead of
// copying them (pythonStatementMemo.ts). What that must never change: findings handed out by earlier
// analyses stay where they were found, two statements of the same text never share one object, and an
// edited document's analysis equals a fresh one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource, analyzeText } from '../server/src/analysis/analyze';
import { getBundledCatalog } from '../server/src/catalog/catalog';
import type { FileModel } from '../server/src/analysis/model';
import type { Finding } from '../server/src/analysis/diagnostics';
import type { Tree } from '../server/src/parsing/treeSitter';
import { applied, type Replacement } from './support/edits';

const catalog = getBundledCatalog();
const json = (value: unknown) => JSON.stringify(value);

/** Analyses each replacement incrementally after the last, checking every result against a fresh one. */
async function edited(text: string, replacements: ((text: string) => Replacement)[], each: (model: FileModel, findings: Finding[], text: string) => void): Promise<void> {
  let { tree, model, findings } = await analyzeSource({ text, grammar: 'python', catalog });
  each(model, findings, text);
  try {
    for (const [i, replacement] of replacements.entries()) {
      const step = applied(text, replacement(text));
      text = step.text;
      const next = await analyzeSource({ text, grammar: 'python', catalog, previous: { tree: tree as Tree, edits: [step.edit] } });
      tree!.delete();
      ({ tree, model, findings } = next);
      const fresh = await analyzeText(text, 'python', catalog);
      assert.equal(json(model), json(fresh.model), `model after edit ${i + 1}`);
      assert.equal(json(findings), json(fresh.findings), `findings after edit ${i + 1}`);
      each(model, findings, text);
    }
  } finally {
    tree?.delete();
  }
}

const HANDLER = '@task_failure.connect\ndef on_failure(sender=None):\n    pass\n';
const aboveHandlers = (text: string): Replacement => {
  const at = text.indexOf('@task_failure');
  return { start: at, end: at, inserted: '# moved\n' };
};

test('findings of earlier versions keep their spans while later edits move the sites they were found at', async () => {
  const text = `from celery.signals import task_failure\n\n${HANDLER}\n${HANDLER.replace('on_failure', 'on_other')}`;
  const earlier: { findings: Finding[]; json: string }[] = [];
  const models: FileModel[] = [];
  await edited(text, [aboveHandlers, aboveHandlers, aboveHandlers, (t) => ({ start: t.length, end: t.length, inserted: 'x = 1\n' })], (model, findings) => {
    for (const before of earlier) assert.equal(json(before.findings), before.json, 'an earlier version keeps its findings as they were');
    assert.ok(findings.length >= 2, 'both handlers lack **kwargs');
    earlier.push({ findings, json: json(findings) });
    models.push(model);
  });
  // The path under test was taken: a later model holds the very site objects of the one before, moved.
  assert.ok(models[3].sites.some((site) => models[2].sites.includes(site)), 'kept sites were moved in place');
});

test('two statements of the same text each get their own facts when an edit moves both', async () => {
  const text = `from celery.signals import task_failure\n\n${HANDLER}${HANDLER}${HANDLER}`;
  await edited(text, [aboveHandlers, aboveHandlers, (t) => ({ start: t.indexOf('# moved'), end: t.indexOf('# moved') + 8, inserted: '' })], (model) => {
    assert.equal(model.sites.length, 3);
    const [a, b, c] = model.sites;
    assert.ok(a !== b && b !== c && a !== c, 'three site objects');
    assert.ok(a.connection.span.start < b.connection.span.start && b.connection.span.start < c.connection.span.start, 'each at its own statement');
  });
});
