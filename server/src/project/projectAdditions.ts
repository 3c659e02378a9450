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
  /** Additions by module and by every package above it (`proj` for `proj.signals`), for fingerprints. */
  byPrefix: Map<string, string[]>;
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
  return { additions, byPrefix: prefixTable(additions) };
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

function prefixTable(additions: ProjectAdditions): Map<string, string[]> {
  const table = new Map<string, string[]>();
  const add = (module: string, line: string) => {
    const parts = module.split('.');
    for (let i = 1; i <= parts.length; i++) {
      const prefix = parts.slice(0, i).join('.');
      const list = table.get(prefix) ?? [];
      list.push(line);
      table.set(prefix, list);
    }
  };
  for (const [module, names] of additions.modules) for (const [name, spec] of names) add(module, `s ${module}.${name}=${spec.name}`);
  for (const [qualified, registered] of additions.tasks) add(qualified.slice(0, qualified.lastIndexOf('.')), `t ${qualified}=${registered}`);
  for (const key of additions.custom.keys()) add(key.slice(0, key.lastIndexOf('.')), `c ${key}`);
  for (const list of table.values()) list.sort();
  return table;
}

/** Everything the additions say about the modules one file imports (and its own module). */
export function fingerprintOf(facts: ProjectFacts, ownModule: string | undefined, imports: readonly string[]): string {
  const lines = new Set<string>();
  for (const module of ownModule === undefined ? imports : [ownModule, ...imports]) for (const line of facts.byPrefix.get(module) ?? []) lines.add(line);
  return [...lines].sort().join('\n');
}
