// The language server's index extracts files on its analysis thread (the catalog travels there as
// parts, the models come back cloned): what it builds and how it updates must equal the index that
// extracts in its own thread.
import * as assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { BackgroundAnalysis } from '../server/src/documents/backgroundAnalysis';
import { ProjectIndex } from '../server/src/project/projectIndex';
import { fixtureProjects, memorySetup, snapshotOf } from './support/projectFixtures';

const background = new BackgroundAnalysis();
after(() => background.dispose());

test('an index extracted on the analysis thread equals one extracted in place, built and updated', async () => {
  for (const project of fixtureProjects()) {
    const onThread = { extractElsewhere: (request: Parameters<BackgroundAnalysis['extract']>[0], python: Parameters<BackgroundAnalysis['extract']>[1]) => background.extract(request, python) };
    const files = [...project.texts.keys()];
    const inPlace = await ProjectIndex.build(memorySetup(project.root, project.texts), files);
    const threaded = await ProjectIndex.build(memorySetup(project.root, project.texts, onThread), files);
    assert.deepEqual(snapshotOf(threaded), snapshotOf(inPlace), project.name);

    // An edit that changes what the project adds re-extracts other files with the new catalog.
    const [first] = files.filter((file) => project.texts.get(file)!.length > 0);
    const edited = `${project.texts.get(first)!}\nfrom celery.signals import task_failure as failure_alias\n`;
    await inPlace.update([{ path: first, text: edited }]);
    await threaded.update([{ path: first, text: edited }]);
    assert.deepEqual(snapshotOf(threaded), snapshotOf(inPlace), `${project.name} after an edit`);
  }
});
