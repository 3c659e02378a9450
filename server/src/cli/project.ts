/** The CLI's project: the files it was given, judged together through the project index. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CheckOptions } from '../analysis/checker';
import type { Catalog } from '../catalog/catalog';
import { ProjectIndex, type ProjectIndexSetup } from '../project/projectIndex';

/** Module names count from the one folder given (`check src/`), else from the working folder. */
export function projectRoot(paths: readonly string[], cwd: string): string {
  const given = paths.map((p) => path.resolve(cwd, p));
  const folders = given.filter((p) => isFolder(p));
  if (given.length === 1 && folders.length === 1) return folders[0];
  return cwd;
}

function isFolder(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

export function indexProject(
  texts: ReadonlyMap<string, string>,
  root: string,
  catalog: Catalog,
  options: CheckOptions,
  optionsOf?: (file: string) => CheckOptions,
  how: {
    /** Parse every file, even one that cannot change a finding (project/factlessFiles.ts): for checking the skip. */
    parseAll?: boolean;
    /** Extracts and judges files elsewhere (in worker threads: pool.ts). */
    extractElsewhere?: ProjectIndexSetup['extractElsewhere'];
    judgeElsewhere?: ProjectIndexSetup['judgeElsewhere'];
  } = {},
): Promise<ProjectIndex> {
  const setup: ProjectIndexSetup = { root, catalog, options, optionsOf, read: async (file) => texts.get(file), keepText: true, skipFactless: !how.parseAll, extractElsewhere: how.extractElsewhere, judgeElsewhere: how.judgeElsewhere };
  return ProjectIndex.build(setup, [...texts.keys()]);
}
