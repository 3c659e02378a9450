// The language server's quick path after an edit (re-analysing one statement) must agree with a full
// analysis of the same text, edit after edit, wherever the edits land.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../server/src/analysis/analyze';
import type { Finding } from '../../server/src/analysis/diagnostics';
import { getBundledCatalog } from '../../server/src/catalog/catalog';
import { AnalysisCache } from '../../server/src/documents/analysisCache';
import { combineEdits } from '../../server/src/documents/incremental';
import { DocumentStore } from '../../server/src/documents/documentStore';
// @ts-expect-error plain ES module without types
import { generateModule } from '../../bench/generate.mjs';
import { positionAt } from './fixtureText';

const catalog = getBundledCatalog();
const settings = { enable: true, celeryVersion: catalog.latestCeleryVersion, severities: {} };
const key = (f: Finding) => `${f.code} ${f.span.start}-${f.span.end} ${f.severity} ${f.message}`;

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

const TYPING = ['x', 'einfo', ' ', '_', 'task_id', '1'];
const BREAKING = [', **kwargs', '\n    pass', '', 'task_id, ', '(', ')', ':', '@', 'sender='];

test('several changes combine into one edit equivalent to applying them in order', () => {
  const apply = (text: string, e: { startIndex: number; oldEndIndex: number; newEndIndex: number }, inserted: string) => text.slice(0, e.startIndex) + inserted + text.slice(e.oldEndIndex);
  const next = random(3);
  for (let round = 0; round < 300; round++) {
    const original = 'abcdefghijklmnopqrstuvwxyz0123456789';
    let text = original;
    const edits = [];
    for (let i = 0; i < 1 + Math.floor(next() * 4); i++) {
      const start = Math.floor(next() * (text.length + 1));
      const end = Math.min(text.length, start + Math.floor(next() * 5));
      const inserted = 'XYZ'.slice(0, Math.floor(next() * 4));
      edits.push({ startIndex: start, oldEndIndex: end, newEndIndex: start + inserted.length });
      text = text.slice(0, start) + inserted + text.slice(end);
    }
    const combined = combineEdits(edits)!;
    assert.equal(apply(original, combined, text.slice(combined.startIndex, combined.newEndIndex)), text, JSON.stringify(edits));
    assert.equal(original.slice(0, combined.startIndex), text.slice(0, combined.startIndex));
    assert.equal(original.slice(combined.oldEndIndex), text.slice(combined.newEndIndex));
  }
});

async function agreeAfterRandomEdits(language: 'python' | 'typescript'): Promise<void> {
  const store = new DocumentStore();
  const cache = new AnalysisCache();
  const uri = `file:///project/generated.${language === 'python' ? 'py' : 'ts'}`;
  let text: string = generateModule(language, 400);
  store.openDocument(uri, language, 1, text);
  await cache.analyse(uri, store.get(uri)!, catalog, settings);
  const next = random(7);
  let quick = 0;
  for (let version = 2; version < 152; version++) {
    // Mostly what typing does (a word at the end of a word), sometimes anything anywhere.
    const typing = next() < 0.8;
    let start = Math.floor(next() * text.length);
    if (typing) while (start < text.length && /\w/.test(text[start])) start++;
    const removed = !typing && next() < 0.4 ? Math.floor(next() * 6) : 0;
    const pool = typing ? TYPING : BREAKING;
    const inserted = pool[Math.floor(next() * pool.length)];
    const range = { start: positionAt(text, start), end: positionAt(text, Math.min(text.length, start + removed)) };
    text = text.slice(0, start) + inserted + text.slice(start + removed);
    const changes = [{ range, text: inserted }];
    if (typing && next() < 0.3) {
      // A second keystroke in the same notification, as a busy client batches them.
      const at = positionAt(text, start + inserted.length);
      changes.push({ range: { start: at, end: at }, text: 'y' });
      text = text.slice(0, start + inserted.length) + 'y' + text.slice(start + inserted.length);
    }
    store.change(uri, version, changes);
    const analysis = await cache.analyse(uri, store.get(uri)!, catalog, settings);
    if (analysis.incremental) quick++;
    const full = await analyzeText(text, language, catalog, { celeryVersion: settings.celeryVersion });
    assert.deepEqual(analysis.findings.map(key), full.findings.map(key), `after edit #${version - 1} (${JSON.stringify(inserted)} at ${start})`);
    assert.equal(analysis.model?.sites.length, full.model.sites.length);
  }
  assert.ok(quick > 60, `the quick path should serve most edits (served ${quick})`);
  cache.trees.dispose();
}

test('quick re-analysis agrees with full analysis over 150 random edits (Python)', () => agreeAfterRandomEdits('python'));
test('quick re-analysis agrees with full analysis over 150 random edits (TypeScript)', () => agreeAfterRandomEdits('typescript'));
