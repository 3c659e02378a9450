// Property: whatever edits a client sends (CRLF and lone `\r`, surrogate pairs, reversed or
// out-of-range ranges, several changes per notification), the server's cached, incrementally
// reparsed analysis of every fixture file equals a fresh analysis of the same text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { analyzeText } from '../../server/src/analysis/analyze';
import { getBundledCatalog } from '../../server/src/catalog/catalog';
import { AnalysisCache } from '../../server/src/documents/analysisCache';
import { DocumentStore } from '../../server/src/documents/documentStore';
import { grammarFor } from '../../server/src/parsing/treeSitter';
import { languageFor } from '../../shared/languages';
import { applyLspChange, lspPositionAt, type LspPosition } from '../support/lspText';

const catalog = getBundledCatalog();
const settings = { enable: true, celeryVersion: catalog.latestCeleryVersion, severities: {} };
const fixturesRoot = path.join(__dirname, '..', 'fixtures');

function fixtureFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? fixtureFiles(path.join(dir, e.name)) : grammarFor(e.name) ? [path.join(dir, e.name)] : []))
    .sort();
}

const corpus = fixtureFiles(fixturesRoot).map((file) => ({ file: path.relative(fixturesRoot, file), text: fs.readFileSync(file, 'utf8') }));

/** Pieces a user (or a buggy client) types: code fragments, every kind of line break, astral characters. */
const PIECES = ['x', 'einfo', ', **kwargs', 'sender=None, ', '(', ')', ':', '@', '\n', '\r', '\r\n', '\n    pass\n', '😀', '"', '#', 'def h(', 'keep(', ' ', ''];

interface EditSpec {
  start: number;
  length: number;
  inserted: string;
  reversed: boolean;
  pastTheEnd: boolean;
}

const editSpec = fc.record({
  start: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.nat({ max: 12 }),
  inserted: fc.oneof(fc.constantFrom(...PIECES), fc.array(fc.constantFrom(...PIECES), { maxLength: 4 }).map((p) => p.join(''))),
  reversed: fc.boolean(),
  pastTheEnd: fc.boolean(),
});

/** An LSP change from a spec, located on the current text (positions counted the LSP way). */
function lspChange(text: string, spec: { start: number; length: number; inserted: string; reversed: boolean; pastTheEnd: boolean }) {
  const startOffset = Math.floor(spec.start * (text.length + 1));
  let start: LspPosition = lspPositionAt(text, startOffset);
  let end: LspPosition = lspPositionAt(text, Math.min(text.length, startOffset + spec.length));
  if (spec.pastTheEnd) end = spec.length % 2 ? { line: end.line, character: end.character + 40 } : { line: end.line + 1000, character: 3 };
  if (spec.reversed) [start, end] = [end, start];
  return { range: { start, end }, text: spec.inserted };
}

const key = (value: unknown) => JSON.stringify(value);

test('incremental analysis equals a fresh analysis over random edit sequences of the fixture corpus', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...corpus),
      fc.boolean(),
      fc.array(fc.array(editSpec, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 10 }),
      async (fixture, crlf, notifications: EditSpec[][]) => {
        const grammar = grammarFor(fixture.file)!;
        const uri = `file:///project/${fixture.file}`;
        const store = new DocumentStore();
        const cache = new AnalysisCache();
        let text = crlf ? fixture.text.replace(/\n/g, '\r\n') : fixture.text;
        store.openDocument(uri, languageFor(fixture.file)!.id, 1, text);
        await cache.analyse(uri, store.get(uri)!, catalog, settings);
        try {
          for (const [i, specs] of notifications.entries()) {
            const changes = [];
            for (const spec of specs) {
              const change = lspChange(text, spec);
              changes.push(change);
              text = applyLspChange(text, change);
            }
            store.change(uri, i + 2, changes);
            assert.equal(store.get(uri)!.document.getText(), text, 'the server applied the changes as the protocol says');
            const incremental = await cache.analyse(uri, store.get(uri)!, catalog, settings);
            assert.ok(incremental.incremental, 'the cached tree was reused');
            const fresh = await analyzeText(text, grammar, catalog, { celeryVersion: settings.celeryVersion, severities: {} });
            // Compared as JSON and reported briefly: a model diff is pages long.
            assert.ok(key(incremental.findings) === key(fresh.findings), `findings differ after notification ${i + 1}`);
            assert.ok(key(incremental.model) === key(fresh.model), `models differ after notification ${i + 1}`);
          }
        } finally {
          cache.trees.dispose();
        }
      },
    ),
    { numRuns: 60 },
  );
});
