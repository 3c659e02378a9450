/**
 * User catalogs named by `celerySignals.catalogs`. A workspace can set this, so the server treats the
 * paths as untrusted: a relative path is resolved against the first workspace folder, and a file is
 * read only when its real path (symbolic links followed) lies inside a workspace folder, or when the
 * path comes from the user's own settings (the VS Code extension passes those as `userCatalogs`).
 * Reads are bounded and asynchronous (see io/boundedRead); refused paths are reported without
 * touching their content, and only files actually read as catalogs get diagnostics.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Catalog } from '../catalog/catalog';
import { loadCatalogs, readCatalogFileAsync, type CatalogProblem, type CatalogSource } from '../catalog/load';
import { isInside } from '../io/paths';

export interface LoadedCatalogs {
  catalog: Catalog;
  problems: CatalogProblem[];
  /** Files that were read as catalogs: the only ones that may carry catalog diagnostics. */
  files: string[];
}

export function resolveCatalogPath(file: string, roots: readonly string[]): string {
  return path.isAbsolute(file) || roots.length === 0 ? path.resolve(file) : path.resolve(roots[0], file);
}

async function realPath(file: string): Promise<string | undefined> {
  try {
    return await fs.promises.realpath(file);
  } catch {
    return undefined;
  }
}

/** Why a catalog path may not be read, or undefined when it may. */
async function refusal(file: string, roots: readonly string[], trusted: ReadonlySet<string>): Promise<string | undefined> {
  const real = await realPath(file);
  if (real === undefined) return 'the catalog file does not exist or cannot be reached';
  if (trusted.has(file)) return undefined;
  const realRoots = await Promise.all(roots.map(async (root) => (await realPath(root)) ?? path.resolve(root)));
  if (realRoots.some((root) => isInside(real, root))) return undefined;
  return roots.length === 0
    ? 'catalog paths from workspace settings are read only inside a workspace folder, and no folder is open; set the path in your user settings instead'
    : 'the path leads outside the workspace folders; catalogs outside them are read only when set in your user settings';
}

/**
 * `paths`: the effective setting; `userPaths`: the part that came from the user's own settings, which
 * may point anywhere (the user chose it, not the workspace).
 */
export async function loadUserCatalogs(paths: readonly string[], roots: readonly string[], userPaths: readonly string[] = []): Promise<LoadedCatalogs> {
  const trusted = new Set(userPaths.map((p) => resolveCatalogPath(p, roots)));
  const sources: CatalogSource[] = [];
  const files: string[] = [];
  const refused: CatalogProblem[] = [];
  for (const file of new Set(paths.map((p) => resolveCatalogPath(p, roots)))) {
    const why = await refusal(file, roots, trusted);
    if (why) {
      refused.push({ file, pointer: '', message: why });
      continue;
    }
    const text = await readCatalogFileAsync(file);
    if (typeof text !== 'string') {
      refused.push({ file, pointer: '', message: text.error });
      continue;
    }
    sources.push({ text, file });
    files.push(file);
  }
  const loaded = loadCatalogs(sources);
  return { catalog: loaded.catalog, problems: [...refused, ...loaded.problems], files };
}
