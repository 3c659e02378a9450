/**
 * What a project adds to the catalog, computed from every module's exports and every file's sends:
 * signal modules of its own (re-exports and aliases), its own signals with the keywords their sends
 * pass, and its tasks under each dotted name that reaches them. Also the fingerprint of what one
 * file's extraction read from these additions, so the index knows when to extract it again.
 */
import type { FileModel } from '../analysis/model';
import type { Catalog } from '../catalog/catalog';
import type { SignalSpec } from '../catalog/types';
import { customSignalSpec, paramsFromSends, type ProjectAdditions } from './projectCatalog';
import { ProjectSymbols, type ProjectModule } from './projectSymbols';

export interface ProjectFacts {
  additions: ProjectAdditions;
  /** Additions by the dotted name they are reached by (`proj.signals.failure`), for fingerprints. */
  byName: Map<string, string[]>;
  /** Additions by the module that holds them (`proj.signals`), for fingerprints. */
  byParent: Map<string, string[]>;
}

export function projectAdditions(base: Catalog, modules: ReadonlyMap<string, ProjectModule>, models: readonly FileModel[]): ProjectFacts {
  const symbols = new ProjectSymbols(base, modules);
  const additions: ProjectAdditions = { modules: new Map(), custom: new Map(), openKeywords: new Set(), tasks: new Map() };
  const providing = new Map<string, string[] | undefined>();
  // First the signals the project creates, so re-exports can point at their entries.
  for (const [moduleName, module] of modules) {
    if (module.name !== moduleName) continue;
    for (const [name, bindings] of module.exports.names) {
      const found = symbols.resolve(moduleName, name);
      if (found?.kind !== 'custom-signal' || found.module !== moduleName || additions.custom.has(found.key)) continue;
      const call = bindings.map((b) => b.binding).find((b) => b.kind === 'call');
      if (call?.kind !== 'call') continue;
      additions.custom.set(found.key, customSignalSpec(found.key, moduleName, module.path, call.span));
      providing.set(found.key, call.providingArgs);
    }
  }
  fillKeywords(additions, providing, models);
  for (const moduleName of modules.keys()) {
    const names = modules.get(moduleName)!.exports.names;
    for (const name of names.keys()) {
      const found = symbols.resolve(moduleName, name);
      let spec: SignalSpec | undefined;
      if (found?.kind === 'signal') spec = found.spec;
      else if (found?.kind === 'custom-signal') spec = additions.custom.get(found.key);
      else if (found?.kind === 'task') additions.tasks.set(`${moduleName}.${name}`, found.registeredName);
      if (!spec || base.fromModule(moduleName, name)) continue;
      let table = additions.modules.get(moduleName);
      if (!table) additions.modules.set(moduleName, (table = new Map()));
      table.set(name, spec);
    }
  }
  return { additions, ...fingerprintTables(additions) };
}

/** Keywords of the project's own signals, from every send the project makes of them. */
function fillKeywords(additions: ProjectAdditions, providing: Map<string, string[] | undefined>, models: readonly FileModel[]): void {
  const sends = new Map<string, string[][]>();
  for (const model of models) {
    for (const send of model.sends ?? []) {
      if (!additions.custom.has(send.signal.name)) continue;
      if (send.splat) additions.openKeywords.add(send.signal.name);
      const list = sends.get(send.signal.name) ?? [];
      list.push(send.keywords);
      sends.set(send.signal.name, list);
    }
  }
  for (const [key, spec] of additions.custom) {
    const seen = sends.get(key) ?? [];
    // A signal nothing in the project sends may be sent by code we cannot see: its keywords are open.
    if (seen.length === 0) additions.openKeywords.add(key);
    spec.params = paramsFromSends(seen, providing.get(key));
  }
}

function fingerprintTables(additions: ProjectAdditions): Omit<ProjectFacts, 'additions'> {
  const byName = new Map<string, string[]>();
  const byParent = new Map<string, string[]>();
  const add = (qualified: string, line: string) => {
    byName.set(qualified, [...(byName.get(qualified) ?? []), line]);
    const parent = qualified.slice(0, qualified.lastIndexOf('.'));
    byParent.set(parent, [...(byParent.get(parent) ?? []), line]);
  };
  for (const [module, names] of additions.modules) for (const [name, spec] of names) add(`${module}.${name}`, `s ${module}.${name}=${spec.name}`);
  for (const [qualified, registered] of additions.tasks) add(qualified, `t ${qualified}=${registered}`);
  for (const key of additions.custom.keys()) add(key, `c ${key}`);
  return { byName, byParent };
}

/** Everything the additions say that one file's extraction can read: about the names it reaches, and its own module. */
export function fingerprintOf(facts: ProjectFacts, ownModule: string | undefined, dependencies: readonly string[]): string {
  const lines = new Set<string>();
  const addAll = (list: string[] | undefined) => {
    for (const line of list ?? []) lines.add(line);
  };
  if (ownModule !== undefined) addAll(facts.byParent.get(ownModule));
  for (const dependency of dependencies) {
    if (dependency.endsWith('.*')) {
      addAll(facts.byParent.get(dependency.slice(0, -2)));
      continue;
    }
    // Whether a name leads toward a signal module only matters for the dotted names written below
    // it, and those are dependencies of their own; whether it is one matters here.
    addAll(facts.byName.get(dependency));
    if (facts.additions.modules.has(dependency)) lines.add(`m ${dependency}`);
  }
  return [...lines].sort().join('\n');
}
