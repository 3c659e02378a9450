/**
 * The signal catalog in memory: the bundled Celery catalog plus any user catalogs, indexed for the
 * look-ups front ends and rules make on every handler.
 */
import bundled from '../../../schemas/celery-signals.json';
import type { CatalogFile, ModuleSpec, ParamSpec, SignalSpec } from './types';
import { compareVersions } from './versions';

export class Catalog {
  readonly signals: readonly SignalSpec[];
  readonly commonParams: readonly ParamSpec[];
  readonly latestCeleryVersion: string;
  private readonly byName = new Map<string, SignalSpec>();
  private readonly byModule = new Map<string, Map<string, SignalSpec>>();
  private readonly byAppAttribute = new Map<string, SignalSpec>();
  private readonly namespaces = new Map<string, { spec: ModuleSpec; otherNames: ReadonlySet<string> }>();

  /** `files` are kept so another thread can build the same catalog (the server's analysis worker). */
  constructor(readonly files: readonly CatalogFile[]) {
    const signals: SignalSpec[] = [];
    let latest = '0';
    const common = new Map<string, ParamSpec>();
    for (const file of files) {
      if (file.latestCeleryVersion && latest === '0') latest = file.latestCeleryVersion;
      for (const p of file.commonParams ?? []) if (!common.has(p.name)) common.set(p.name, p);
      for (const module of file.modules ?? []) this.namespaces.set(module.name, { spec: module, otherNames: new Set(module.otherNames) });
      for (const signal of file.signals) {
        // A later catalog may redefine a signal: the user's word wins over the bundled one.
        const previous = this.byName.get(signal.name);
        if (previous) signals.splice(signals.indexOf(previous), 1);
        signals.push(signal);
        this.byName.set(signal.name, signal);
      }
    }
    for (const signal of signals) {
      if (signal.access.kind === 'module') {
        const attribute = signal.name.split('.').pop()!;
        for (const module of signal.access.modules) {
          let names = this.byModule.get(module);
          if (!names) this.byModule.set(module, (names = new Map()));
          names.set(attribute, signal);
        }
      } else {
        this.byAppAttribute.set(signal.access.attribute, signal);
      }
    }
    this.signals = signals;
    this.commonParams = [...common.values()];
    this.latestCeleryVersion = latest;
  }

  get(name: string): SignalSpec | undefined {
    return this.byName.get(name);
  }

  /** Modules that export signals (`celery.signals`, `celery.contrib.testing.worker`, users' modules). */
  get signalModules(): string[] {
    return [...this.byModule.keys()];
  }

  isSignalModule(module: string): boolean {
    return this.byModule.has(module);
  }

  /** The signal `module.attribute`, or undefined when the module has no such signal. */
  fromModule(module: string, attribute: string): SignalSpec | undefined {
    return this.byModule.get(module)?.get(attribute);
  }

  /**
   * True when the catalog describes everything `module` binds and `name` is neither a signal of it nor
   * one of its other names, so some Celery release may lack it. Modules not described: never.
   */
  mayLackName(module: string, name: string): boolean {
    const namespace = this.namespaces.get(module);
    if (!namespace || /^__\w+__$/.test(name)) return false;
    return !this.fromModule(module, name) && !namespace.otherNames.has(name);
  }

  /** True when, as far as the catalog knows, `from module import name` raises ImportError under Celery `version`. */
  lacksName(module: string, name: string, version: string): boolean {
    if (!this.mayLackName(module, name)) return false;
    const since = this.namespaces.get(module)!.spec.namesCompleteSince;
    return since === undefined || compareVersions(version, since) >= 0;
  }

  /** The attributes `module` exports signals under (what `from module import *` binds of them). */
  signalAttributesOf(module: string): string[] {
    return [...(this.byModule.get(module)?.keys() ?? [])];
  }

  signalsOfModule(module: string): SignalSpec[] {
    return [...(this.byModule.get(module)?.values() ?? [])];
  }

  /** App-instance signals, keyed by attribute (`on_after_configure`). */
  fromAppAttribute(attribute: string): SignalSpec | undefined {
    return this.byAppAttribute.get(attribute);
  }

  get appAttributes(): string[] {
    return [...this.byAppAttribute.keys()];
  }

  /**
   * The task a dotted name refers to (`proj.tasks.add`), with the name Celery registers it under. Only
   * a catalog that knows a project (the project index's) can tell; this one knows no task.
   */
  projectTask(_qualified: string): { registeredName: string } | undefined {
    return undefined;
  }

  /**
   * The names Celery registers the tasks a project module defines with `@...task` under, or undefined
   * when no project module of that name is known (only the project index's catalog knows any).
   */
  projectModuleTasks(_module: string): readonly string[] | undefined {
    return undefined;
  }

  /** Every task name the project registers, as far as its decorators tell. */
  projectTaskNames(): readonly string[] {
    return [];
  }

  /** False when what the signal's senders pass cannot be listed (a project signal sent with `**kwargs`). */
  knowsKeywordsOf(_signal: SignalSpec): boolean {
    return true;
  }

  /** Every keyword the signal sends to receivers, `signal` and `sender` included. */
  keywordsOf(signal: SignalSpec): ParamSpec[] {
    return [...this.commonParams.filter((c) => !signal.params.some((p) => p.name === c.name)), ...signal.params];
  }
}

let bundledCatalog: Catalog | undefined;

/** The catalog shipped with the tool (no user additions). */
export function getBundledCatalog(): Catalog {
  return (bundledCatalog ??= new Catalog([bundled as unknown as CatalogFile]));
}

export const bundledCatalogFile = bundled as unknown as CatalogFile;
