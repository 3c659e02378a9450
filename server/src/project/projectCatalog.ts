/**
 * The catalog as one project sees it: the catalog in force, plus what the project adds. A project
 * module that re-exports a signal (`from celery.signals import task_failure as failure`) becomes a
 * signal module of its own, a `Signal(...)` the project creates becomes a catalog signal (category
 * `custom`) whose keywords are those its `send(...)` calls pass, and project tasks are known by
 * their dotted names. Front ends and rules read it like any catalog, so they need no change.
 */
import { Catalog } from '../catalog/catalog';
import type { ParamSpec, SignalSpec } from '../catalog/types';

export interface ProjectAdditions {
  /** Signals of project modules by attribute, re-exports and the project's own signals alike. */
  modules: Map<string, Map<string, SignalSpec>>;
  /** The project's own signals, by key (`proj.signals.order_placed`). */
  custom: Map<string, SignalSpec>;
  /** Own signals whose senders pass keywords no reader can list (`send(**kw)`), or that nothing sends. */
  openKeywords: Set<string>;
  /** Registered task names by the dotted name that reaches them (`proj.tasks.add`, `proj.add`). */
  tasks: Map<string, string>;
  /** The registered names of the tasks each project module defines itself, for every indexed module. */
  moduleTasks: Map<string, string[]>;
}

export class ProjectCatalog extends Catalog {
  constructor(
    readonly base: Catalog,
    readonly additions: ProjectAdditions,
  ) {
    super([]);
    const self = this as { -readonly [K in 'signals' | 'commonParams' | 'latestCeleryVersion']: Catalog[K] };
    self.signals = [...base.signals, ...additions.custom.values()];
    self.commonParams = base.commonParams;
    self.latestCeleryVersion = base.latestCeleryVersion;
  }

  override get(name: string): SignalSpec | undefined {
    return this.base.get(name) ?? this.additions.custom.get(name);
  }

  override get signalModules(): string[] {
    return [...new Set([...this.base.signalModules, ...this.additions.modules.keys()])];
  }

  override isSignalModule(module: string): boolean {
    return this.base.isSignalModule(module) || this.additions.modules.has(module);
  }

  override fromModule(module: string, attribute: string): SignalSpec | undefined {
    return this.base.fromModule(module, attribute) ?? this.additions.modules.get(module)?.get(attribute);
  }

  override mayLackName(module: string, name: string): boolean {
    return this.base.mayLackName(module, name);
  }

  override lacksName(module: string, name: string, version: string): boolean {
    return this.base.lacksName(module, name, version);
  }

  override signalAttributesOf(module: string): string[] {
    return [...this.base.signalAttributesOf(module), ...(this.additions.modules.get(module)?.keys() ?? [])];
  }

  override signalsOfModule(module: string): SignalSpec[] {
    return [...this.base.signalsOfModule(module), ...(this.additions.modules.get(module)?.values() ?? [])];
  }

  override fromAppAttribute(attribute: string): SignalSpec | undefined {
    return this.base.fromAppAttribute(attribute);
  }

  override get appAttributes(): string[] {
    return this.base.appAttributes;
  }

  override projectTask(qualified: string): { registeredName: string } | undefined {
    const registeredName = this.additions.tasks.get(qualified);
    return registeredName === undefined ? this.base.projectTask(qualified) : { registeredName };
  }

  override projectModuleTasks(module: string): readonly string[] | undefined {
    return this.additions.moduleTasks.get(module) ?? this.base.projectModuleTasks(module);
  }

  override projectTaskNames(): readonly string[] {
    return [...new Set([...this.additions.moduleTasks.values()].flat())];
  }

  override knowsKeywordsOf(signal: SignalSpec): boolean {
    return !this.additions.openKeywords.has(signal.name) && this.base.knowsKeywordsOf(signal);
  }

  override keywordsOf(signal: SignalSpec): ParamSpec[] {
    return this.base.keywordsOf(signal);
  }
}

/** A catalog entry for a `Signal(...)` the project creates; its params are filled from the sends. */
export function customSignalSpec(key: string, module: string, path: string, span: { start: number; end: number }): SignalSpec {
  const name = key.slice(module.length + 1);
  return {
    name: key,
    access: { kind: 'module', modules: [module] },
    category: 'custom',
    summary: { en: `A signal the project defines in \`${module}\`.`, 'zh-cn': `项目在 \`${module}\` 中定义的信号。` },
    description: {
      en: `\`${name}\` is a Celery \`Signal\` created by the project. Its receivers get \`signal\`, \`sender\` and the keywords the project's own \`${name}.send(...)\` calls pass.`,
      'zh-cn': `\`${name}\` 是项目自己创建的 Celery \`Signal\`。接收函数得到 \`signal\`、\`sender\`，以及项目中 \`${name}.send(...)\` 调用传入的关键字参数。`,
    },
    sender: { kind: 'custom', type: 'object', description: { en: 'Whatever the sending code passes as `sender`.', 'zh-cn': '发送代码作为 `sender` 传入的任意值。' } },
    params: [],
    process: { en: 'The process that calls `send()`.', 'zh-cn': '调用 `send()` 的进程。' },
    pitfalls: [],
    inStarImport: !name.startsWith('_'),
    definedAt: { path, span },
  };
}

/** The keywords the sends of one signal pass: each is sometimes absent unless every send passes it. */
export function paramsFromSends(sends: readonly string[][], providingArgs: readonly string[] = []): ParamSpec[] {
  const names = [...new Set([...sends.flat(), ...(sends.length === 0 ? providingArgs : [])])];
  return names.map((name) => ({
    name,
    type: 'object',
    tsType: 'unknown',
    mayBeNone: true,
    sometimesAbsent: sends.length === 0 || sends.some((keywords) => !keywords.includes(name)),
    description: { en: 'Passed by the project\'s own send() calls.', 'zh-cn': '由项目自己的 send() 调用传入。' },
  }));
}
