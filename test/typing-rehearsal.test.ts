// The analysis thread's typing rehearsal (AnalysisCache.rehearseEdit, documents/typingRehearsal.ts)
// types a space into a document and deletes it again, through the same incremental path as keystrokes.
// It must leave no trace: its result equals a fresh analysis of the document's text, the analysis the
// main thread holds (whose findings the next result is told against) is not changed in place, and the
// keystrokes that follow are analysed exactly as if it had never run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeText } from '../server/src/analysis/analyze';
import { editorDefaultSeverities } from '../server/src/analysis/rules/index';
import { getBundledCatalog } from '../server/src/catalog/catalog';
import { AnalysisCache } from '../server/src/documents/analysisCache';
import { DocumentStore } from '../server/src/documents/documentStore';
import { fixtureFiles } from './support/fixtures';

const catalog = getBundledCatalog();
const settings = { enable: true, celeryVersion: catalog.latestCeleryVersion, severities: editorDefaultSeverities };
const json = (value: unknown) => JSON.stringify(value);
const fixtures = fixtureFiles()
  .filter((file) => file.endsWith('.py'))
  .map((file) => ({ name: path.basename(file), text: fs.readFileSync(file, 'utf8') }));

async function generated(lines: number): Promise<string> {
  const { generateModule } = await import('../bench/generate.mjs');
  return generateModule('python', lines, 'realistic');
}

/** Offsets where keystrokes go after the rehearsal: inside the text's middle, start and end. */
function keystrokesFor(text: string): number[] {
  return [Math.floor(text.length / 2), Math.floor(text.length / 3), text.length];
}

test('a rehearsed edit leaves the analysis as it was and the next keystrokes as a fresh analysis has them', async () => {
  let rehearsed = 0;
  const corpus = [...fixtures, { name: 'generated', text: await generated(1500) }];
  for (const { name, text } of corpus) {
    const store = new DocumentStore();
    const cache = new AnalysisCache(2, null);
    const uri = `file:///rehearsal/${name}`;
    let entry = store.openDocument(uri, 'python', 1, text);
    const opened = await cache.analyse(uri, entry, catalog, settings);
    const before = { model: json(opened.model), findings: json(opened.findings) };
    for (let pass = 0; pass < 3; pass++) {
      const analysis = await cache.rehearseEdit(uri, entry, catalog, settings);
      if (!analysis) break;
      rehearsed++;
      assert.equal(analysis.text, text, `${name}: the rehearsal ends on the document's own text`);
      assert.equal(json(analysis.model), before.model, `${name}: the rehearsed model is the document's`);
      assert.equal(json(analysis.findings), before.findings, `${name}: the rehearsed findings are the document's`);
      assert.equal(entry.document.getText(), text, `${name}: the document is left as it was`);
    }
    // The next result's findings are told against these (documents/findingsDelta.ts). The model is
    // another matter: like every edit, the rehearsal moves the previous model's spans in place, and
    // the analysis thread hands out the rehearsal's model from then on.
    assert.equal(json(opened.findings), before.findings, `${name}: the sent findings were changed in place`);
    let current = text;
    for (const [i, at] of keystrokesFor(text).entries()) {
      const position = entry.index!.positionAt(at);
      entry = store.change(uri, i + 2, [{ range: { start: position, end: position }, text: 'x' }])!;
      current = entry.document.getText();
      const edited = await cache.analyse(uri, entry, catalog, settings);
      const fresh = await analyzeText(current, 'python', catalog, { celeryVersion: settings.celeryVersion, severities: settings.severities });
      assert.ok(edited.incremental, `${name}: keystroke ${i + 1} reparsed the previous tree`);
      assert.ok(json(edited.model) === json(fresh.model), `${name}: models differ after keystroke ${i + 1}`);
      assert.ok(json(edited.findings) === json(fresh.findings), `${name}: findings differ after keystroke ${i + 1}`);
    }
    cache.forget(uri);
  }
  // Otherwise nothing above would have been tested.
  assert.ok(rehearsed >= corpus.length, `rehearsed ${rehearsed} times over ${corpus.length} texts`);
});

test('no rehearsal while edits wait or before the document is analysed', async () => {
  const store = new DocumentStore();
  const cache = new AnalysisCache(2, null);
  const uri = 'file:///rehearsal/waiting.py';
  const text = await generated(200);
  let entry = store.openDocument(uri, 'python', 1, text);
  assert.equal(await cache.rehearseEdit(uri, entry, catalog, settings), undefined, 'nothing analysed yet');
  await cache.analyse(uri, entry, catalog, settings);
  entry = store.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '#' }])!;
  assert.equal(await cache.rehearseEdit(uri, entry, catalog, settings), undefined, 'an edit waits');
  assert.equal(entry.pendingEdits === 'full' ? -1 : entry.pendingEdits.length, 1, 'the waiting edit is kept');
});
