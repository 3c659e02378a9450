// A document's analysis is not kept alive once the document is forgotten: neither by the cache's
// queue of analyses (which waits for the last one, and must not hold on to its result) nor by
// anything else the cache keeps. A large document's model and memos are megabytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { getBundledCatalog } from '../server/src/catalog/catalog';
import { AnalysisCache, type DocumentAnalysis } from '../server/src/documents/analysisCache';
import { documentOf } from '../server/src/documents/chunkedDocument';
import { ChunkedText } from '../server/src/analysis/chunkedText';

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

const catalog = getBundledCatalog();
const settings = { enable: true, celeryVersion: catalog.latestCeleryVersion, severities: {} };
const HANDLER = 'from celery.signals import task_failure\n\n@task_failure.connect\ndef on_failure(sender, task_id):\n    pass\n';

async function analysedThenForgotten(text: string | ChunkedText): Promise<WeakRef<object>> {
  const cache = new AnalysisCache(50, null);
  const uri = 'file:///project/large.py';
  const entry = { document: documentOf(uri, 'python', 1, text), pendingEdits: 'full' as const };
  let analysis: DocumentAnalysis | undefined = await cache.analyse(uri, entry, catalog, settings);
  assert.ok(analysis.model && analysis.findings.length > 0);
  const model = new WeakRef(analysis.model);
  analysis = undefined;
  cache.forget(uri);
  // The cache itself stays (as the analysis thread's does): only what it holds for the document goes.
  (globalThis as { keptCache?: AnalysisCache }).keptCache = cache;
  return model;
}

test('a forgotten document leaves no analysis behind in the cache', async () => {
  for (const text of [HANDLER.repeat(50), ChunkedText.of(HANDLER.repeat(50), 256)]) {
    const model = await analysedThenForgotten(text);
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    assert.equal(model.deref(), undefined, 'the model of the forgotten document was collected');
  }
});
