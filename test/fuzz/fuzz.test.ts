// Property-based fuzzing with a bounded budget (the long run is `npm run fuzz`): generated and
// mutated modules through the analysis in process, then through the real server over JSON-RPC with
// random requests and incremental edits. A failure prints fast-check's seed and shrunk counterexample;
// FUZZ_SEED=<seed> reproduces it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeText } from '../../server/src/analysis/analyze';
import { getBundledCatalog } from '../../server/src/catalog/catalog';
import { grammarFor } from '../../server/src/parsing/treeSitter';
import { LspClient } from '../protocol/lspClient';
import { documentArb } from './documents';
import { operationArb, ServerFuzzer } from './serverSession';

const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
// FUZZ_SCALE=10 runs ten times as many cases (for a quick look between long runs).
const scale = Number(process.env.FUZZ_SCALE ?? 1);
const limits = { maxMutations: 4, maxLineLength: 50_000, maxDepth: 3000 };

test('analysis: no exception, no internal error, every span and fix edit inside the text', async () => {
  const catalog = getBundledCatalog();
  await fc.assert(
    fc.asyncProperty(documentArb(limits), async ({ seed: origin, text }) => {
      const { findings } = await analyzeText(text, grammarFor(origin.languageId)!, catalog);
      for (const f of findings) {
        assert.notEqual(f.code, 'internal-error', f.message);
        assert.ok(0 <= f.span.start && f.span.start <= f.span.end && f.span.end <= text.length, `${f.code} span outside the text`);
        for (const fix of f.fixes) {
          const edits = [...fix.edits].sort((a, b) => a.span.start - b.span.start);
          edits.forEach((e, i) => {
            assert.ok(0 <= e.span.start && e.span.start <= e.span.end && e.span.end <= text.length, `${f.code} fix edit outside the text`);
            assert.ok(i === 0 || edits[i - 1].span.end <= e.span.start, `${f.code} fix edits overlap`);
          });
        }
      }
    }),
    { numRuns: 150 * scale, seed },
  );
});

let client: LspClient | undefined;
before(async () => {
  client = await LspClient.start({ pullDiagnostics: true });
});
after(async () => {
  assert.equal(await client?.shutdown(), 0);
});

test('server: answers in time, ranges inside documents, code actions apply (incremental == fresh: reported only)', async (t) => {
  // KNOWN ISSUE (incremental analysis, being rebuilt): about 3 documents in 20,000 of the long run end
  // with diagnostics after edits that differ from a fresh analysis of the same text (e.g. `npm run fuzz
  // -- --documents 25 --seed 424513 --edits 0 --cycles 0`). The long run fails on it; here a mismatch
  // is printed, so that this suite's random cases do not fail now and then for a known bug.
  const fuzzer = new ServerFuzzer(client!, 20_000, 'report');
  await fc.assert(
    fc.asyncProperty(documentArb(limits), fc.array(operationArb, { maxLength: 12 }), (generated, operations) => fuzzer.run(generated, operations)),
    { numRuns: 30 * scale, seed },
  );
  for (const mismatch of fuzzer.freshMismatches) t.diagnostic(`known issue, incremental != fresh: ${mismatch.slice(0, 1500)}`);
  assert.ok(fuzzer.counts.requests > 30 && fuzzer.counts.documents >= 30, JSON.stringify(fuzzer.counts));
});
