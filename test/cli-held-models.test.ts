// A CLI worker sends the main thread its models without the handlers' body reads (cli/heldModels.ts)
// and judges the files itself. That is sound only while nothing on the main thread reads those facts:
// here the index gets models whose body reads throw when read, and must still say what an index of
// whole models says.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { checkExtracted } from '../server/src/analysis/analyze';
import type { FileModel, Handler } from '../server/src/analysis/model';
import { getBundledCatalog } from '../server/src/catalog/catalog';
import { BODY_READS, withoutBodyReads } from '../server/src/cli/heldModels';
import { extractFile } from '../server/src/project/extractFile';
import { ProjectIndex, type ProjectIndexSetup } from '../server/src/project/projectIndex';
import { generatedProject } from './support/projectCorpus';
import { fixtureProjects, memorySetup } from './support/projectFixtures';

/** `withoutBodyReads(model)`, whose handlers throw when a body read is asked for. */
function guarded(model: FileModel): FileModel {
  const kept = withoutBodyReads(model);
  const guard = (handler: Handler) => {
    for (const field of BODY_READS) {
      delete handler[field];
      Object.defineProperty(handler, field, {
        get: () => assert.fail(`${field} was read outside the thread that judges the file`),
        enumerable: false,
      });
    }
  };
  for (const site of kept.sites) {
    if (site.handler) guard(site.handler);
    if (site.wrapper) guard(site.wrapper.handler);
  }
  return kept;
}

/** Extracts as a worker does (memorySetup's catalog is the bundled one): the index gets the guarded model, and the file is judged with the whole one. */
function likeAWorker(): Partial<ProjectIndexSetup> {
  const whole = new Map<FileModel, FileModel>();
  return {
    extractElsewhere: async (request, python) => {
      const extracted = await extractFile(request, { python, base: getBundledCatalog() });
      if (extracted.failure !== undefined) return extracted;
      const sent = guarded(extracted.model);
      whole.set(sent, extracted.model);
      return { ...extracted, model: sent };
    },
    judgeElsewhere: async (_file, extracted, catalog, options, text) => checkExtracted({ ...extracted, model: whole.get(extracted.model) ?? extracted.model }, catalog, options, text),
  };
}

function findingsOf(index: ProjectIndex): unknown[] {
  return [...index.files()].sort((a, b) => (a.path < b.path ? -1 : 1)).map((file) => [file.path, file.findings]);
}

test('the index and the cross-module rules read no handler body: models without body reads give the same findings', async () => {
  const projects = fixtureProjects().map(({ name, root, texts }) => ({ name, root, texts }));
  for (let seed = 1; seed <= 12; seed++) {
    const root = `/generated-${seed}`;
    const texts = new Map(Object.entries(generatedProject(seed)).map(([file, text]) => [path.join(root, file), text]));
    projects.push({ name: `generated ${seed}`, root, texts });
  }
  let bodyReads = 0;
  for (const { name, root, texts } of projects) {
    const files = [...texts.keys()];
    const whole = await ProjectIndex.build(memorySetup(root, texts), files);
    const split = await ProjectIndex.build(memorySetup(root, texts, likeAWorker()), files);
    assert.deepEqual(findingsOf(split), findingsOf(whole), name);
    for (const file of whole.files()) for (const site of file.model.sites) bodyReads += site.handler?.freeReads.length ?? 0;
  }
  // The projects' handlers do read names in their bodies: leaving those out is what is tested.
  assert.ok(bodyReads > 50, `free reads in the projects' handlers: ${bodyReads}`);
});

test('a model without body reads is a copy: the model the worker keeps to judge is left whole', async () => {
  const text = 'from celery.signals import task_failure\n\n@task_failure.connect\ndef on_failure(sender=None, einfo=None, **kwargs):\n    print(einfo, kwargs["task_id"], missing)\n';
  const catalog = getBundledCatalog();
  const { model } = await extractFile({ path: '/p/m.py', text, grammar: 'python' }, { python: catalog, base: catalog });
  const before = JSON.stringify(model);
  const kept = withoutBodyReads(model);
  assert.equal(JSON.stringify(model), before);
  const handler = model.sites[0].handler!;
  assert.ok(handler.freeReads.length > 0 && (handler.paramReads?.length ?? 0) > 0 && (handler.catchAllReads?.length ?? 0) > 0);
  const keptHandler = kept.sites[0].handler!;
  assert.deepEqual(keptHandler.freeReads, []);
  for (const field of BODY_READS.filter((f) => f !== 'freeReads')) assert.equal(keptHandler[field], undefined, field);
  // The rest is what the index and the cross-module rules read, as it was.
  const { freeReads: _a, paramReads: _b, paramAttributeReads: _c, catchAllReads: _d, mappingReads: _e, ...rest } = handler;
  const { freeReads: _f, ...keptRest } = keptHandler;
  assert.deepEqual(keptRest, rest);
  assert.equal(kept.sites[0].connection, model.sites[0].connection);
});
