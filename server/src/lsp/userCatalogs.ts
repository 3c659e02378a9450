/** User catalogs named by `celerySignals.catalogs`, resolved against the first workspace folder. */
import * as path from 'node:path';
import type { Catalog } from '../catalog/catalog';
import { loadCatalogs, type CatalogProblem } from '../catalog/load';

export interface LoadedCatalogs {
  catalog: Catalog;
  problems: CatalogProblem[];
  files: string[];
}

export function resolveCatalogPath(file: string, roots: readonly string[]): string {
  return path.isAbsolute(file) || roots.length === 0 ? path.resolve(file) : path.resolve(roots[0], file);
}

export function loadUserCatalogs(paths: readonly string[], roots: readonly string[]): LoadedCatalogs {
  const files = paths.map((p) => resolveCatalogPath(p, roots));
  return { ...loadCatalogs(files), files };
}
