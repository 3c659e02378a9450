// A fresh project index extracts each module under the view its own exports make (its own tasks and
// signals) and extracts again only the modules whose view of the whole project differs. Whatever it
// skips must not show: every model equals the one the module gives under the project's final catalog.
import * as assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { extractSource } from '../server/src/analysis/analyze';
import { getBundledCatalog, type Catalog } from '../server/src/catalog/catalog';
import { indexProject } from '../server/src/cli/project';
import { extractFile, type ExtractRequest } from '../server/src/project/extractFile';
import { project } from './support/cliProject';
import { generatedProject } from './support/projectCorpus';

const bundled = getBundledCatalog();
const options = { celeryVersion: bundled.latestCeleryVersion };

/** Indexes `files` in a folder, counting the extractions of each file. */
async function indexCounting(files: Record<string, string>, how: { parseAll?: boolean } = {}) {
  const dir = project(files);
  const texts = new Map(Object.entries(files).map(([name, text]) => [`${dir}/${name}`, text]));
  const extractions = new Map<string, number>();
  const extractElsewhere = (request: ExtractRequest, python: Catalog) => {
    extractions.set(request.path, (extractions.get(request.path) ?? 0) + 1);
    return extractFile(request, { python, base: bundled });
  };
  const index = await indexProject(texts, dir, bundled, options, undefined, { ...how, extractElsewhere });
  return { dir, texts, index, extractions };
}

describe('a fresh project index', () => {
  test('extracts a module that defines its own tasks once', async () => {
    const { generateModule } = await import('../bench/generate.mjs');
    const handlers = generateModule('python', 300, 'realistic');
    const files: Record<string, string> = { 'shop/__init__.py': '' };
    for (let i = 0; i < 3; i++) files[`shop/handlers_${i}.py`] = handlers.replace(/_(\d+)\b/g, `_m${i}_$1`);
    const { index, extractions, dir } = await indexCounting(files);
    assert.ok(index.catalog.additions.tasks.size > 0, 'the modules define tasks of their own');
    for (let i = 0; i < 3; i++) assert.equal(extractions.get(`${dir}/shop/handlers_${i}.py`), 1, `handlers_${i}`);
  });

  test('gives every module the model it has under the final catalog, with and without skipping', async () => {
    let reextracted = 0;
    for (let seed = 1; seed <= 8; seed++) {
      for (const parseAll of [false, true]) {
        const { texts, index, extractions } = await indexCounting(generatedProject(seed), { parseAll });
        for (const file of index.files()) {
          if (index.unparsedFiles().includes(file.path)) continue;
          const text = texts.get(file.path)!;
          const fresh = await extractSource(text, 'python', index.catalog, index.moduleOf(file.path));
          assert.deepEqual(file.model, fresh.model, `seed ${seed}${parseAll ? ' --parse-all' : ''}: ${file.path}`);
        }
        reextracted += [...extractions.values()].filter((count) => count > 1).length;
      }
    }
    // Modules that import another module's signal or task see more than their own view: those are extracted again.
    assert.ok(reextracted > 0, 'some module needed the whole project');
  });
});
