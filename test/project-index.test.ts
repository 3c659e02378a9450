// The project index on multi-file fixture projects: findings that need several modules (re-exported
// signals, imported tasks, the project's own signals, cross-module rules) match the annotations, and an
// index brought up to date file by file equals one built fresh.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { ProjectIndex } from '../server/src/project/projectIndex';
import { compareFindings, describeComparison, locate } from './support/fixtures';
import { fixtureProjects, memorySetup, snapshotOf } from './support/projectFixtures';

const projects = fixtureProjects();

describe('fixture projects', () => {
  for (const project of projects) {
    test(project.name, async () => {
      const index = await ProjectIndex.build(memorySetup(project.root, project.texts), [...project.texts.keys()]);
      const failures: string[] = [];
      for (const [file, text] of project.texts) {
        const indexed = index.file(file);
        assert.ok(indexed, `${file} was not indexed`);
        const actual = locate(text, indexed.findings);
        const comparison = compareFindings(project.expected.get(file) ?? [], actual);
        if (comparison.missing.length > 0 || comparison.unexpected.length > 0) {
          const testCase = { name: path.relative(project.root, file), text, expected: project.expected.get(file) ?? [], includeHints: false, hangs: false, fileLine: 1 };
          failures.push(`${path.relative(project.root, file)}: ${describeComparison(testCase, comparison, actual, '#')}`);
        }
      }
      assert.equal(failures.join('\n\n'), '');
    });
  }
});

describe('an updated index equals a fresh one', () => {
  for (const project of projects) {
    test(project.name, async () => {
      const fresh = await ProjectIndex.build(memorySetup(project.root, project.texts), [...project.texts.keys()]);
      const files = [...project.texts.keys()];
      // Start from every other file, each of them emptied, then bring files in and back one at a time.
      const texts = new Map(files.filter((_, i) => i % 2 === 0).map((file) => [file, '']));
      const index = await ProjectIndex.build(memorySetup(project.root, texts), [...texts.keys()]);
      for (const file of [...files].reverse()) {
        texts.set(file, project.texts.get(file)!);
        await index.update([{ path: file, text: project.texts.get(file)! }]);
      }
      assert.deepEqual(snapshotOf(index), snapshotOf(fresh));
      // Deleting a module and adding it back leaves the same index too.
      const [first] = files.filter((file) => project.texts.get(file)!.length > 0);
      await index.update([{ path: first, deleted: true }]);
      assert.notDeepEqual(snapshotOf(index), snapshotOf(fresh));
      await index.update([{ path: first, text: project.texts.get(first)! }]);
      assert.deepEqual(snapshotOf(index), snapshotOf(fresh));
    });
  }
});

test('a task name no project task is registered under is fixed to the closest registered name', async () => {
  const project = projects.find((p) => p.name === 'tasks-as-senders')!;
  const index = await ProjectIndex.build(memorySetup(project.root, project.texts), [...project.texts.keys()]);
  const hooks = [...index.files()].find((file) => file.path.endsWith('hooks.py'))!;
  const finding = hooks.findings.find((f) => f.message.includes("'billing.tasks.chrage'"))!;
  assert.deepEqual(finding.fixes[0].edits.map((edit) => edit.newText), ["'billing.tasks.charge'"]);
});

test('random sequences of edits, deletions and additions leave the index equal to a fresh build', async () => {
  const fc = await import('fast-check');
  const variants = (text: string) => [text, '', text.replace(/total=total/g, 'total=total, extra=1'), text.replace(/^from .*$/m, '')];
  for (const project of projects) {
    const all = [...project.texts];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(all.length - 1), fc.nat(4)), { minLength: 1, maxLength: 10 }), async (steps) => {
        const texts = new Map(all);
        const index = await ProjectIndex.build(memorySetup(project.root, texts), [...texts.keys()]);
        for (const [which, how] of steps) {
          const [file, text] = all[which];
          if (how === 4) {
            texts.delete(file);
            await index.update([{ path: file, deleted: true }]);
          } else {
            texts.set(file, variants(text)[how]);
            await index.update([{ path: file, text: texts.get(file)! }]);
          }
        }
        const fresh = await ProjectIndex.build(memorySetup(project.root, texts), [...texts.keys()]);
        assert.deepEqual(snapshotOf(index), snapshotOf(fresh));
      }),
      { numRuns: 8, seed: 20261203 },
    );
  }
});

test('a Python file that cannot be read may send the project signals: their receivers are then not judged on keywords', async () => {
  const project = projects.find((p) => p.name === 'custom-signals')!;
  const files = [...project.texts.keys()];
  const unreadable = path.join(path.dirname(files[0]), 'bulk_orders.py');
  // checkout.py's sends are known, but bulk_orders.py (too large, say) may send with other keywords.
  const index = await ProjectIndex.build(memorySetup(project.root, project.texts), [...files, unreadable]);
  const listeners = index.file(files.find((file) => file.endsWith('listeners.py'))!)!;
  assert.deepEqual(listeners.findings.filter((f) => f.code.startsWith('param-')).map((f) => f.code), []);
  // Once it is gone, what checkout.py sends is all there is: the keyword findings come back.
  await index.update([{ path: unreadable, deleted: true }]);
  assert.ok(index.file(listeners.path)!.findings.some((f) => f.code === 'param-not-provided'));
});

test('a module read before its package\'s __init__.py is named as Python imports it, in any order of files', async () => {
  const root = '/work/naming';
  const texts = new Map([
    [`${root}/tests/pkg/A_first.py`, 'from .sub.Deep import failed\n\n@failed.connect\ndef on_failed(sender, **kwargs):\n    pass\n'],
    [`${root}/tests/pkg/__init__.py`, ''],
    [`${root}/tests/pkg/sub/Deep.py`, 'from celery.signals import task_failure as failed\n'],
    [`${root}/tests/pkg/sub/__init__.py`, ''],
  ]);
  const orders = [[...texts.keys()], [...texts.keys()].reverse(), [...texts.keys()].sort((a, b) => Number(b.endsWith('__init__.py')) - Number(a.endsWith('__init__.py')))];
  const built = await Promise.all(orders.map((files) => ProjectIndex.build(memorySetup(root, texts), files)));
  for (const index of built) {
    // The second name, counted from above the outermost package (tests/ is none), is the one its own code uses.
    assert.equal(index.fileOfModule('pkg.A_first'), `${root}/tests/pkg/A_first.py`);
    assert.equal(index.fileOfModule('pkg.sub.Deep'), `${root}/tests/pkg/sub/Deep.py`);
    assert.deepEqual(snapshotOf(index), snapshotOf(built[2]));
  }
  // An __init__.py that cannot be read makes no package: the files below it get no second name.
  const unreadable = new Map([...texts].filter(([file]) => file !== `${root}/tests/pkg/__init__.py`));
  const without = await ProjectIndex.build(memorySetup(root, unreadable), [...texts.keys()]);
  assert.equal(without.fileOfModule('pkg.A_first'), undefined);
  assert.equal(without.fileOfModule('tests.pkg.A_first'), `${root}/tests/pkg/A_first.py`);
});
