/**
 * The per-file step of a project index build (parse, extract the model, read the module's exports),
 * apart from the index so that a worker thread can run it: requests and results are plain data that
 * survive structured cloning. While the index knows no module yet (a fresh build), a Python module is
 * extracted under the project it makes on its own (its own tasks and signals), which is most often
 * what the whole project says about it too: the index re-extracts, in its own thread, only the files
 * whose view of the project turns out to differ (their fingerprint, returned with the model).
 */
import { extractSource } from '../analysis/analyze';
import { lineStartsOf } from '../analysis/navigation/projectFiles';
import type { ModuleIdentity } from '../analysis/frontends/frontend';
import type { FileModel } from '../analysis/model';
import type { Catalog } from '../catalog/catalog';
import type { Grammar, Tree } from '../parsing/treeSitter';
import { fingerprintOf, projectAdditions, symbolTable } from './projectAdditions';
import { ProjectCatalog } from './projectCatalog';
import type { ProjectModule } from './projectSymbols';
import { moduleExportsOf, type ModuleExports } from './pythonExports';

export interface ExtractRequest {
  path: string;
  text: string;
  grammar: Grammar;
  module?: ModuleIdentity;
  /** The second dotted name the module is importable by (moduleNames.ts). */
  alias?: string;
  /** The module's exports are known already (the file is extracted again under a grown catalog). */
  withoutExports?: boolean;
  /** Extract a Python module under the project its own exports make, not under `python` (see above). */
  ownView?: boolean;
  /**
   * Also say where the text's lines start: an index that keeps texts (the CLI's) needs them for every
   * file with findings, and the thread that extracts a file has its text at hand while the others work.
   */
  lineStarts?: boolean;
}

export interface Extracted {
  model: FileModel;
  /** Why the file could not be analysed (an Error survives cloning with its message). */
  failure?: unknown;
  /** A Python module's exports. */
  exports?: ModuleExports;
  /** What the extraction read from the project (fingerprintOf), when it saw the module's own view. */
  fingerprint?: string;
  /** Where the lines start (UTF-16 offsets), when the request asked. */
  lineStarts?: number[];
}

/** The catalog Python files are first extracted with: `base` plus a project that adds nothing yet. */
export function initialProjectCatalog(base: Catalog): ProjectCatalog {
  return new ProjectCatalog(base, projectAdditions(symbolTable(base, new Map()), []).additions);
}

/** `python`: the catalog Python files see; TypeScript and JavaScript see `base` (no project module). */
export async function extractFile(request: ExtractRequest, catalogs: { python: Catalog; base: Catalog }): Promise<Extracted> {
  const { text, grammar, module } = request;
  let exports: ModuleExports | undefined;
  let fingerprint: string | undefined;
  const catalog = grammar === 'python' ? catalogs.python : catalogs.base;
  const readExports =
    grammar === 'python' && !request.withoutExports
      ? (tree: Tree) => {
          exports = moduleExportsOf(tree.rootNode, text, module);
          if (!request.ownView) return undefined;
          const own = ownView(catalogs.base, request, exports);
          fingerprint = own.fingerprint;
          return own.catalog;
        }
      : undefined;
  const extracted = await extractSource(text, grammar, catalog, module, readExports);
  return {
    ...extracted,
    exports,
    ...(fingerprint !== undefined && extracted.failure === undefined && { fingerprint }),
    ...(request.lineStarts && { lineStarts: lineStartsOf(text) }),
  };
}

/** The project as one module makes it alone, as the index would compute it (projectModules, settle). */
function ownView(base: Catalog, request: ExtractRequest, exports: ModuleExports): { catalog: ProjectCatalog; fingerprint: string } {
  const modules = new Map<string, ProjectModule>();
  for (const name of [request.module?.name, request.alias]) if (name && !modules.has(name)) modules.set(name, { name, path: request.path, exports });
  const facts = projectAdditions(symbolTable(base, modules), []);
  return { catalog: new ProjectCatalog(base, facts.additions), fingerprint: fingerprintOf(facts, request.module?.name, exports.dependencies) };
}
