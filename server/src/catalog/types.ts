/**
 * Types of the signal catalog (`schemas/celery-signals.json`) and of users' own catalogs. The JSON
 * Schema in `schemas/signal-catalog.schema.json` is the authority on the file format; a test checks
 * that these types and the schema agree.
 */

/** Text in every documentation language we ship. */
export interface LocalizedText {
  en: string;
  'zh-cn': string;
}

export type DocsLanguage = keyof LocalizedText;

/**
 * What Celery passes as `sender` at runtime. Only `task-name` and `hostname` are strings, so only they
 * can be matched by a string filter; `none` can be matched by no filter at all.
 */
export const SENDER_KINDS = [
  'task',
  'task-name',
  'hostname',
  'consumer',
  'app',
  'worker',
  'pool',
  'heart',
  'beat',
  'function',
  'none',
  'custom',
] as const;
export type SenderKind = (typeof SENDER_KINDS)[number];

export interface SenderSpec {
  kind: SenderKind;
  /** The Python type, e.g. `celery.app.task.Task`. */
  type: string;
  description: LocalizedText;
}

export interface ParamSpec {
  name: string;
  /** The Python type as documentation text, e.g. `billiard.einfo.ExceptionInfo | None`. */
  type: string;
  /** A TypeScript type for generated declarations and snippets. */
  tsType: string;
  mayBeNone: boolean;
  /** True when some send site leaves this keyword out, so a handler must give it a default. */
  sometimesAbsent: boolean;
  /** The first Celery release that sends it, when later than the signal itself. */
  since?: string;
  description: LocalizedText;
}

/** How code reaches the signal: a module attribute, or an attribute of a Celery app instance. */
export type SignalAccess =
  | { kind: 'module'; modules: string[] }
  | { kind: 'app-attribute'; attribute: string };

export const SIGNAL_CATEGORIES = [
  'task',
  'app',
  'worker',
  'beat',
  'eventlet',
  'logging',
  'command',
  'testing',
  'deprecated',
  'custom',
] as const;
export type SignalCategory = (typeof SIGNAL_CATEGORIES)[number];

export interface DeprecationSpec {
  since: string;
  replacement?: string;
}

export interface SignalSpec {
  /** Catalog key: the importable name (`task_failure`) or `app.<attribute>` for app signals. */
  name: string;
  access: SignalAccess;
  category: SignalCategory;
  summary: LocalizedText;
  description: LocalizedText;
  sender: SenderSpec;
  params: ParamSpec[];
  /** First Celery release that has the signal. */
  since?: string;
  deprecated?: DeprecationSpec;
  removed?: string;
  /** Which process runs the receivers. */
  process: LocalizedText;
  docsUrl?: string;
  pitfalls: LocalizedText[];
  /** False when `from <its module> import *` does not bring it in (the module's `__all__` leaves it out). */
  inStarImport: boolean;
  /** For a signal the project itself creates (`category: 'custom'`): the file and span of its `Signal(...)`. */
  definedAt?: { path: string; span: { start: number; end: number } };
}

/**
 * What a signal module binds besides its signals. Only a module described this way can have a name
 * reported as missing: for any other module the checker cannot know what else it defines.
 */
export interface ModuleSpec {
  /** The dotted module, e.g. `celery.contrib.testing.worker`. */
  name: string;
  /** Top-level names other than signals (functions, classes, constants, imports) in some release from `namesCompleteSince` on. */
  otherNames: string[];
  /** First release from which the signals and `otherNames` are everything the module binds; absent: every release. */
  namesCompleteSince?: string;
}

export interface CatalogFile {
  $schema?: string;
  catalogVersion: 1;
  /** Newest Celery release the catalog describes; the default for the Celery version setting. */
  latestCeleryVersion?: string;
  /** Keywords every receiver gets (`signal`, `sender`). */
  commonParams?: ParamSpec[];
  signals: SignalSpec[];
  /** Signal modules whose whole namespace is known (see ModuleSpec). */
  modules?: ModuleSpec[];
}
