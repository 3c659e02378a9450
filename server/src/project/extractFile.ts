/**
 * The per-file step of a project index build (parse, extract the model, read the module's exports),
 * apart from the index so that a worker thread can run it: requests and results are plain data that
 * survive structured cloning. The first extraction of every file sees the catalog the index starts
 * from (no project additions yet); the index re-extracts in its own thread whatever the project
 * turns out to change.
 */
import { extractSource } from '../analysis/analyze';
import type { ModuleIdentity } from '../analysis/frontends/frontend';
import type { FileModel } from '../analysis/model';
import type { Catalog } from '../catalog/catalog';
import type { Grammar, Tree } from '../parsing/treeSitter';
import { projectAdditions, symbolTable } from './projectAdditions';
import { ProjectCatalog } from './projectCatalog';
import { moduleExportsOf, type ModuleExports } from './pythonExports';

export interface ExtractRequest {
  path: string;
  text: string;
  grammar: Grammar;
  module?: ModuleIdentity;
  /** The module's exports are known already (the file is extracted again under a grown catalog). */
  withoutExports?: boolean;
}

export interface Extracted {
  model: FileModel;
  /** Why the file could not be analysed (an Error survives cloning with its message). */
  failure?: unknown;
  /** A Python module's exports. */
  exports?: ModuleExports;
}

/** The catalog Python files are first extracted with: `base` plus a project that adds nothing yet. */
export function initialProjectCatalog(base: Catalog): ProjectCatalog {
  return new ProjectCatalog(base, projectAdditions(symbolTable(base, new Map()), []).additions);
}

/** `python`: the catalog Python files see; TypeScript and JavaScript see `base` (no project module). */
export async function extractFile(request: ExtractRequest, catalogs: { python: Catalog; base: Catalog }): Promise<Extracted> {
  const { text, grammar, module } = request;
  let exports: ModuleExports | undefined;
  const catalog = grammar === 'python' ? catalogs.python : catalogs.base;
  const readExports = grammar === 'python' && !request.withoutExports ? (tree: Tree) => (exports = moduleExportsOf(tree.rootNode, text, module)) : undefined;
  const extracted = await extractSource(text, grammar, catalog, module, readExports);
  return { ...extracted, exports };
}
