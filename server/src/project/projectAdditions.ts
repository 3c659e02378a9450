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
import type { ExportBinding } from './pythonExports';
import { ProjectSymbols, type ProjectModule } from './projectSymbols';

export interface ProjectFacts {
  additions: ProjectAdditions;
  /** Additions by the dotted name they are reached by (`proj.signals.failure`), for fingerprints. */
  byName: Map<string, string[]>;
  /** Additions by the module that holds them (`proj.signals`), for fingerprints. */
  byParent: Map<string, string[]>;
}

/** What the modules' exports alone say: computed again only when some module's exports change. */
export interface SymbolTable {
  /** Signals by module and attribute; the project's own signals appear by key, to be filled with keywords. */
  modules: Map<string, Map<string, SignalSpec | string>>;
  custom: Map<string, { spec: SignalSpec; providingArgs?: string[] }>;
  tasks: Map<string, string>;
  moduleTasks: Map<string, string[]>;
}

/** Bindings that can lead to a signal or a task; a `def` or `class` that is no task cannot. */
const mayMatter = (bindings: { binding: ExportBinding }[]) => bindings.some(({ binding }) => binding.kind !== 'other');

export function symbolTable(base: Catalog, modules: ReadonlyMap<string, ProjectModule>): SymbolTable {
  const symbols = new ProjectSymbols(base, modules);
  const table: SymbolTable = { modules: new Map(), custom: new Map(), tasks: new Map(), moduleTasks: new Map() };
  // forEach and indexed loops: this runs once, mostly before V8 optimises it, and unoptimised
  // for-of loops make an object per step (a `--jobs 1` run over a large tree made some 10 MB here).
  modules.forEach((module, moduleName) => {
    const own: string[] = [];
    module.exports.names.forEach((bindings, name) => {
      for (let i = 0; i < bindings.length; i++) {
        const binding = bindings[i].binding;
        if (binding.kind === 'task') own.push(binding.registeredName ?? `${moduleName}.${name}`);
      }
    });
    // A module that may register tasks we cannot name gives no list: no name can be missing from it.
    if (!module.exports.tasksOpen) table.moduleTasks.set(moduleName, own);
    const consider = (name: string) => {
      const bindings = module.exports.names.get(name);
      if (bindings && !mayMatter(bindings)) return;
      const found = symbols.resolve(moduleName, name);
      let signal: SignalSpec | string | undefined;
      if (found?.kind === 'signal') signal = found.spec;
      else if (found?.kind === 'task') table.tasks.set(`${moduleName}.${name}`, found.registeredName);
      else if (found?.kind === 'custom-signal') {
        signal = found.key;
        const definer = modules.get(found.module);
        const call = definer?.exports.names.get(found.name)?.find(({ binding }) => binding.kind === 'call')?.binding;
        if (definer && call?.kind === 'call' && !table.custom.has(found.key)) {
          table.custom.set(found.key, { spec: customSignalSpec(found.key, found.module, definer.path, call.span), providingArgs: call.providingArgs });
        }
      }
      if (signal === undefined || base.fromModule(moduleName, name)) return;
      let signals = table.modules.get(moduleName);
      if (!signals) table.modules.set(moduleName, (signals = new Map()));
      signals.set(name, signal);
    };
    const stars = symbols.starNames(moduleName);
    if (stars.length === 0) module.exports.names.forEach((_, name) => consider(name));
    else new Set([...module.exports.names.keys(), ...stars]).forEach(consider);
  });
  return table;
}

/** The additions: the symbol table with the project's own signals given the keywords their sends pass. */
/**
 * `unreadFiles`: some project file could not be read, so a send of any project signal may hide there
 * and no receiver can be said to need a keyword nobody passes.
 */
export function projectAdditions(table: SymbolTable, models: readonly FileModel[], unreadFiles = false): ProjectFacts {
  const additions: ProjectAdditions = { modules: new Map(), custom: new Map(), openKeywords: new Set(), tasks: table.tasks, moduleTasks: table.moduleTasks };
  const sends = new Map<string, string[][]>();
  for (const model of models) {
    for (const send of model.sends ?? []) {
      if (!table.custom.has(send.signal.name)) continue;
      if (send.splat) additions.openKeywords.add(send.signal.name);
      sends.set(send.signal.name, [...(sends.get(send.signal.name) ?? []), send.keywords]);
    }
  }
  for (const [key, { spec, providingArgs }] of table.custom) {
    const seen = sends.get(key) ?? [];
    // A signal nothing in the project sends may be sent by code we cannot see: its keywords are open.
    if (seen.length === 0 || unreadFiles) additions.openKeywords.add(key);
    // A new object each time: the checker caches keyword sets per signal object.
    additions.custom.set(key, { ...spec, params: paramsFromSends(seen, providingArgs) });
  }
  for (const [module, names] of table.modules) {
    additions.modules.set(module, new Map([...names].map(([name, signal]) => [name, typeof signal === 'string' ? additions.custom.get(signal)! : signal])));
  }
  return { additions, ...fingerprintTables(additions) };
}

function fingerprintTables(additions: ProjectAdditions): Omit<ProjectFacts, 'additions'> {
  const byName = new Map<string, string[]>();
  const byParent = new Map<string, string[]>();
  const push = (map: Map<string, string[]>, key: string, line: string) => {
    const lines = map.get(key);
    if (lines) lines.push(line);
    else map.set(key, [line]);
  };
  const add = (qualified: string, line: string) => {
    push(byName, qualified, line);
    push(byParent, qualified.slice(0, qualified.lastIndexOf('.')), line);
  };
  // forEach: a large project has thousands of tasks, and unoptimised for-of makes objects per step.
  additions.modules.forEach((names, module) => names.forEach((spec, name) => add(`${module}.${name}`, `s ${module}.${name}=${spec.name}`)));
  additions.tasks.forEach((registered, qualified) => add(qualified, `t ${qualified}=${registered}`));
  additions.custom.forEach((_, key) => add(key, `c ${key}`));
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
    // `from M import n` reads n as a signal of M once M is a signal module, so that matters too.
    const parent = dependency.slice(0, Math.max(0, dependency.lastIndexOf('.')));
    if (facts.additions.modules.has(parent)) lines.add(`m ${parent}`);
  }
  return [...lines].sort().join('\n');
}
