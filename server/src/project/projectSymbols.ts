/**
 * What a name exported by a project module really is, following imports, aliases and star imports
 * across modules the way Python would: a Celery signal, a signal the project creates, a task (with
 * the name Celery registers it under), a module, or something outside the project.
 */
import type { Catalog } from '../catalog/catalog';
import type { SignalSpec } from '../catalog/types';
import type { ExportBinding, ModuleExports } from './pythonExports';

export type Symbol =
  | { kind: 'signal'; spec: SignalSpec }
  /** A `Signal(...)` the project creates, keyed `<defining module>.<name>`. */
  | { kind: 'custom-signal'; key: string; module: string; name: string }
  | { kind: 'task'; registeredName: string }
  | { kind: 'module'; module: string }
  | { kind: 'app' }
  /** A name from outside the project (`celery.Celery`), as Python would spell it. */
  | { kind: 'external'; qualified: string };

/** Celery's Signal class under the names its modules export it by. */
const SIGNAL_CLASSES = new Set(['celery.utils.dispatch.Signal', 'celery.utils.dispatch.signal.Signal', 'celery.signals.Signal']);
const APP_CLASSES = new Set(['celery.Celery', 'celery.app.Celery', 'celery.app.base.Celery']);
/** How many modules deep one name is followed: a bound on import cycles. */
const MAX_DEPTH = 24;

export interface ProjectModule {
  name: string;
  path: string;
  exports: ModuleExports;
}

export class ProjectSymbols {
  /** What each module's names resolved to, by module, then name: no key string per look-up. */
  private readonly cache = new Map<string, Map<string, Symbol | undefined>>();

  constructor(
    private readonly base: Catalog,
    private readonly modules: ReadonlyMap<string, ProjectModule>,
  ) {}

  /** What `module.name` is; undefined when the project cannot tell. */
  resolve(module: string, name: string, depth = 0): Symbol | undefined {
    let names = this.cache.get(module);
    if (!names) this.cache.set(module, (names = new Map()));
    if (names.has(name)) return names.get(name);
    if (depth > MAX_DEPTH) return undefined;
    names.set(name, undefined);
    const found = this.compute(module, name, depth);
    names.set(name, found);
    return found;
  }

  private compute(module: string, name: string, depth: number): Symbol | undefined {
    const qualified = `${module}.${name}`;
    if (SIGNAL_CLASSES.has(qualified) || APP_CLASSES.has(qualified)) return { kind: 'external', qualified };
    // Celery's own modules are described by the catalog, even when the project is Celery itself.
    const spec = this.base.isSignalModule(module) ? this.base.fromModule(module, name) : undefined;
    if (spec) return { kind: 'signal', spec };
    const own = this.modules.get(module);
    if (!own) return this.modules.has(qualified) ? { kind: 'module', module: qualified } : { kind: 'external', qualified };
    const bindings = own.exports.names.get(name);
    if (!bindings) {
      if (this.modules.has(qualified)) return { kind: 'module', module: qualified };
      if (name.startsWith('_')) return undefined;
      for (const star of own.exports.starImports) {
        const found = this.resolve(star, name, depth + 1);
        if (found && found.kind !== 'external') return found;
      }
      return undefined;
    }
    // Several bindings (try/except, if/else): a signal among them wins, as in the front end; else the last.
    let last: Symbol | undefined;
    // Indexed: every exported name of every module comes here, and an unoptimised for-of makes objects per step.
    for (let i = 0; i < bindings.length; i++) {
      const found = this.ofBinding(module, name, bindings[i].binding, depth);
      if (found?.kind === 'signal' || found?.kind === 'custom-signal') return found;
      last = found;
    }
    return last;
  }

  private ofBinding(module: string, name: string, binding: ExportBinding, depth: number): Symbol | undefined {
    switch (binding.kind) {
      case 'import':
        return this.resolve(binding.module, binding.name, depth + 1);
      case 'module':
        return { kind: 'module', module: binding.module };
      case 'alias':
        return this.ofPath(module, binding.path, depth);
      case 'call': {
        const callee = this.ofPath(module, binding.callee, depth);
        if (callee?.kind !== 'external') return undefined;
        if (SIGNAL_CLASSES.has(callee.qualified) && !this.base.isSignalModule(module)) return { kind: 'custom-signal', key: `${module}.${name}`, module, name };
        return APP_CLASSES.has(callee.qualified) ? { kind: 'app' } : undefined;
      }
      case 'task':
        return { kind: 'task', registeredName: binding.registeredName ?? `${module}.${name}` };
      default:
        return undefined;
    }
  }

  /**
   * The public names `module` binds through its `from x import *` lines, followed through the star
   * imports of x in turn: a project module's own names, a Celery signal module's signals. (A module's
   * `__all__` is not read, so this may list a name Python would not bind; importing it would fail.)
   */
  starNames(module: string, seen = new Set<string>()): string[] {
    const own = this.modules.get(module);
    if (!own || seen.has(module)) return [];
    seen.add(module);
    const names: string[] = [];
    for (const star of own.exports.starImports) {
      const starred = this.modules.get(star);
      if (starred) names.push(...[...starred.exports.names.keys()].filter((name) => !name.startsWith('_')), ...this.starNames(star, seen));
      else names.push(...this.base.signalAttributesOf(star));
    }
    return names.filter((name) => !own.exports.names.has(name));
  }

  /** `a.b.c` in `module`: the first name there, then attributes of modules. */
  private ofPath(module: string, path: string[], depth: number): Symbol | undefined {
    let found = this.resolve(module, path[0], depth + 1);
    for (const attribute of path.slice(1)) {
      if (found?.kind === 'module') found = this.resolve(found.module, attribute, depth + 1);
      // `from celery import signals` then `signals.task_failure`: Celery's signal module, from the catalog.
      else if (found?.kind === 'external' && this.base.isSignalModule(found.qualified)) found = this.resolve(found.qualified, attribute, depth + 1);
      else if (found?.kind === 'external') found = { kind: 'external', qualified: `${found.qualified}.${attribute}` };
      else return undefined;
    }
    return found;
  }
}
