/**
 * Multi-file fixture projects (test/fixtures/projects/<case>/): every file is real source with caret
 * annotations, as in single-file fixtures, but what it expects is judged with the whole project in view.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getBundledCatalog } from '../../server/src/catalog/catalog';
import { ProjectIndex, type ProjectIndexSetup } from '../../server/src/project/projectIndex';
import { commentTokenFor, parseFixture, type ExpectedFinding } from './fixtures';

export const projectsRoot = path.join(__dirname, '..', 'fixtures', 'projects');

export interface FixtureProject {
  name: string;
  root: string;
  /** Cleaned texts (annotations removed) by absolute path. */
  texts: Map<string, string>;
  expected: Map<string, ExpectedFinding[]>;
}

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

export function fixtureProjects(): FixtureProject[] {
  return fs
    .readdirSync(projectsRoot)
    .sort()
    .map((name) => {
      const root = path.join(projectsRoot, name);
      const texts = new Map<string, string>();
      const expected = new Map<string, ExpectedFinding[]>();
      for (const file of listFiles(root).sort()) {
        const [whole] = parseFixture(fs.readFileSync(file, 'utf8'), commentTokenFor(file));
        texts.set(file, whole?.text ?? '');
        expected.set(file, whole?.expected ?? []);
      }
      return { name, root, texts, expected };
    });
}

/** An index setup that reads from memory: `texts` can change between updates. */
export function memorySetup(root: string, texts: Map<string, string>, extra: Partial<ProjectIndexSetup> = {}): ProjectIndexSetup {
  const catalog = getBundledCatalog();
  return { root, catalog, options: { celeryVersion: catalog.latestCeleryVersion, includeHints: false }, read: async (file) => texts.get(file), keepText: true, ...extra };
}

/** Everything an index knows per file, in a stable order, for comparing two indexes. */
export function snapshotOf(index: ProjectIndex): unknown[] {
  return [...index.files()]
    .sort((a, b) => (a.path < b.path ? -1 : 1))
    .map((file) => ({ path: file.path, module: file.module, model: file.model, lineStarts: file.lineStarts, findings: file.findings }));
}
