/**
 * `npm run fuzz`: the long fuzz run against the real server. Prints how many documents, requests and
 * edits it made, every property failure (with the seed that reproduces the case), and the server's
 * resident memory over 10,000 edits and 1,000 open/close cycles, which must stay within 10%.
 *
 *   npm run fuzz -- [--documents N] [--seed S] [--edits N] [--cycles N]
 */
import fc from 'fast-check';
import { LspClient } from '../protocol/lspClient';
import { documentArb, seeds } from './documents';
import { operationArb, PropertyFailure, rssOf, ServerFuzzer } from './serverSession';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

const DOCUMENTS = option('documents', 5000);
const SEED = option('seed', Date.now() % 1_000_000);
const EDITS = option('edits', 10_000);
const CYCLES = option('cycles', 1_000);
const MAX_GROWTH = 0.1;
const limits = { maxMutations: 6, maxLineLength: 1024 * 1024, maxDepth: 10_000 };

const mb = (bytes: number | undefined) => (bytes === undefined ? 'n/a' : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** Cases come in batches: fast-check grows sizes across a sample, so one-case samples would stay small. */
const BATCH = 25;
const HUGE = 200_000;

async function generatedDocuments(fuzzer: ServerFuzzer, failures: string[]): Promise<void> {
  const started = Date.now();
  const cases = fc.tuple(documentArb(limits), fc.array(operationArb, { minLength: 5, maxLength: 30 }));
  for (let batch = 0; batch * BATCH < DOCUMENTS; batch++) {
    const sample = fc.sample(cases, { numRuns: Math.min(BATCH, DOCUMENTS - batch * BATCH), seed: SEED + batch });
    for (const [index, [generated, allOperations]] of sample.entries()) {
      // Every edit of a huge document is a full analysis of it: a few are enough to cover the case.
      const operations = generated.text.length > HUGE ? allOperations.slice(0, 4) : allOperations;
      const caseStarted = Date.now();
      if (process.env.FUZZ_VERBOSE) console.log(`  case ${index}: ${generated.text.length} chars, ${operations.length} operations, ${generated.mutations.map((m) => m.kind).join('+')}`);
      try {
        await fuzzer.run(generated, operations);
        if (process.env.FUZZ_VERBOSE) console.log(`    passed in ${Date.now() - caseStarted} ms`);
      } catch (error) {
        if (!(error instanceof PropertyFailure)) throw error;
        const where = `batch seed ${SEED + batch}, case ${index}`;
        failures.push(`${where} (${generated.seed.name}; ${generated.mutations.map((m) => m.kind).join('+') || 'unmutated'}): ${error.message.slice(0, 1500)}`);
        console.log(`  FAILED: ${failures[failures.length - 1].slice(0, 600)}`);
      }
    }
    const done = Math.min(DOCUMENTS, (batch + 1) * BATCH);
    if (done % 200 === 0 || done === DOCUMENTS) console.log(`  ${done} cases, ${fuzzer.counts.requests} requests, ${fuzzer.counts.edits} edits, ${failures.length} failures, ${Math.round((Date.now() - started) / 1000)} s`);
  }
}

/** Typing into one module: small random edits, diagnostics pulled after each, as an editor does. */
async function editsMemory(fuzzer: ServerFuzzer, failures: string[]): Promise<{ baseline?: number; final?: number; samples: string[] }> {
  const module = seeds.filter((s) => s.languageId === 'python').slice(0, 12).map((s) => s.text).join('\n\n');
  const uri = fuzzer.nextUri('python');
  let document = fuzzer.open(uri, 'python', module);
  const random = fc.sample(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 3 }), fc.constantFrom('x', '(', ')', ', ', '\n', 'kw', '**kwargs', '@', ':', ' ')), { numRuns: EDITS, seed: SEED });
  let baseline: number | undefined;
  const samples: string[] = [];
  for (let i = 0; i < EDITS; i++) {
    const [at, deleted, inserted] = random[i];
    // Keep the module near its size: grow while small, shrink while large.
    const text = document.getText();
    const grow = text.length < module.length * 0.9 || (text.length < module.length * 1.1 && deleted === 0);
    const from = Math.floor(at * text.length);
    document = fuzzer.edit(document, { kind: 'edit', from: from / Math.max(1, text.length), to: Math.min(text.length, from + (grow ? 0 : deleted + 1)) / Math.max(1, text.length), text: grow ? inserted : '' });
    try {
      await fuzzer.request(document, { kind: 'request', method: i % 10 === 0 ? 'completion' : 'diagnostic', line: at, character: at });
    } catch (error) {
      if (!(error instanceof PropertyFailure)) throw error;
      failures.push(`edit ${i}: ${error.message.slice(0, 1500)}`);
    }
    if ((i + 1) % 1000 === 0) {
      const rss = rssOf(fuzzer.client.process.pid!);
      samples.push(mb(rss));
      if (i + 1 === 1000) baseline = rss;
    }
  }
  fuzzer.close(uri);
  return { baseline, final: rssOf(fuzzer.client.process.pid!), samples };
}

async function openCloseMemory(fuzzer: ServerFuzzer, failures: string[]): Promise<{ baseline?: number; final?: number; samples: string[] }> {
  let baseline: number | undefined;
  const samples: string[] = [];
  for (let i = 0; i < CYCLES; i++) {
    const seed = seeds[i % seeds.length];
    const uri = fuzzer.nextUri(seed.languageId);
    const document = fuzzer.open(uri, seed.languageId, seed.text);
    try {
      await fuzzer.request(document, { kind: 'request', method: 'diagnostic', line: 0, character: 0 });
      await fuzzer.request(document, { kind: 'request', method: 'hover', line: 0.5, character: 0.5 });
    } catch (error) {
      if (!(error instanceof PropertyFailure)) throw error;
      failures.push(`open/close cycle ${i}: ${error.message.slice(0, 1500)}`);
    }
    fuzzer.close(uri);
    if ((i + 1) % 100 === 0) {
      const rss = rssOf(fuzzer.client.process.pid!);
      samples.push(mb(rss));
      if (i + 1 === 100) baseline = rss;
    }
  }
  return { baseline, final: rssOf(fuzzer.client.process.pid!), samples };
}

function growth(label: string, figures: { baseline?: number; final?: number; samples: string[] }): boolean {
  const { baseline, final } = figures;
  const change = baseline && final ? (final - baseline) / baseline : undefined;
  const ok = change === undefined || change <= MAX_GROWTH;
  console.log(`${label}: RSS ${mb(baseline)} after warm-up -> ${mb(final)} at the end (${change === undefined ? 'n/a' : `${(change * 100).toFixed(1)}%`}; limit ${MAX_GROWTH * 100}%) ${ok ? 'ok' : 'FAILED'}`);
  console.log(`  samples: ${figures.samples.join(', ')}`);
  return ok;
}

async function main(): Promise<void> {
  console.log(`celery-signals fuzz: ${DOCUMENTS} generated documents, ${EDITS} edits, ${CYCLES} open/close cycles; seed ${SEED}`);
  const client = await LspClient.start({ pullDiagnostics: true });
  const failures: string[] = [];
  const fuzzer = new ServerFuzzer(client, 20_000);
  const started = Date.now();
  await generatedDocuments(fuzzer, failures);
  const [typing, cycling] = [new ServerFuzzer(client, 20_000, 'off'), new ServerFuzzer(client, 20_000, 'off')];
  const edits = await editsMemory(typing, failures);
  const cycles = await openCloseMemory(cycling, failures);
  const loggedErrors = fuzzer.loggedErrors().length;
  if (loggedErrors) failures.push(`the server logged ${loggedErrors} errors`);
  const exit = await client.shutdown();
  if (exit !== 0) failures.push(`the server exited with ${exit} after shutdown`);
  const totals = { documents: 0, requests: 0, edits: 0 };
  for (const f of [fuzzer, typing, cycling]) for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += f.counts[key];
  console.log(`\ntotal: ${totals.documents} documents opened, ${totals.requests} requests, ${totals.edits} edits (generated-document phase: ${JSON.stringify(fuzzer.counts)})`);
  console.log(`memory phases: ${EDITS} edits with a request after each, ${CYCLES} open/close cycles with 2 requests each`);
  const memoryOk = [growth(`${EDITS} edits`, edits), growth(`${CYCLES} open/close cycles`, cycles)].every(Boolean);
  console.log(`\n${failures.length} failure(s)${failures.length ? ':' : ''}`);
  for (const failure of failures.slice(0, 20)) console.log(`- ${failure}`);
  console.log(`took ${Math.round((Date.now() - started) / 1000)} s; reproduce with: npm run fuzz -- --documents ${DOCUMENTS} --seed ${SEED} --edits ${EDITS} --cycles ${CYCLES}`);
  process.exitCode = failures.length === 0 && memoryOk ? 0 : 1;
  client.kill();
}

void main();
