/**
 * The language-neutral model of "a handler connected to a signal".
 *
 * Every front end (Python, TypeScript/JavaScript) turns a syntax tree into a FileModel; the checker,
 * completion, hover and code actions only ever look at this model, never at a syntax tree. Positions
 * are UTF-16 offsets into the analysed text (JavaScript string indices), so the model stays free of
 * editor types; adapters convert them to lines and characters.
 */

export interface Span {
  start: number;
  end: number;
}

export type { SourceLanguage } from '../../../shared/languages';
import type { SourceLanguage } from '../../../shared/languages';

/**
 * How a parameter can be filled. Python kinds follow inspect.Parameter; the object form of a
 * TypeScript handler (`({ task_id, ...rest }) => ...`) uses `object-property` and `object-rest`.
 */
export type ParamKind =
  | 'positional-only'
  | 'positional'
  | 'keyword-only'
  | 'var-positional'
  | 'var-keyword'
  | 'object-property'
  | 'object-rest';

export interface HandlerParam {
  /** The name the signal's keyword must have to fill this parameter (the property key in object form). */
  name: string;
  kind: ParamKind;
  hasDefault: boolean;
  /** The whole parameter, annotation and default included. */
  span: Span;
  nameSpan: Span;
  annotation?: string;
}

/** A value written in a connect(...) call, reduced to what the rules need to know about it. */
export type ConnectValue =
  | { kind: 'string'; value: string }
  | { kind: 'bytes' }
  | { kind: 'none' }
  | { kind: 'bool'; value: boolean }
  /**
   * `refersTo` says what the name is bound to in this file, when the front end can tell. `unbound`:
   * nothing binds the name where the argument is evaluated (e.g. module code above the task's
   * definition), so evaluating it raises NameError. `app`: a Celery app (`Celery(...)`, `current_app`).
   */
  | {
      kind: 'name';
      name: string;
      refersTo: 'task' | 'function' | 'class' | 'signal' | 'app' | 'unknown';
      unbound?: boolean;
      /** The name is a module constant assigned once, from this literal or `task.name` (`SYNC_TASK = 'proj.sync'`). */
      constant?: string;
      /** For a task (`refersTo: 'task'`): the name Celery registers it under, when the project index knows it. */
      registeredName?: string;
    }
  | { kind: 'lambda' }
  | { kind: 'other'; text: string };

export interface ConnectArgument {
  /**
   * Keyword name (`sender`, `weak`, ...). For a positional option (`sig.connect(fn, add)`) the option
   * Celery fills with it, by position (sender, weak, dispatch_uid, retry), with `positional` set and no
   * `keywordSpan`; undefined for a positional argument beyond those four or a `*`/`**` splat.
   */
  keyword?: string;
  /** True when the argument was written positionally (its `keyword` is then inferred from its position). */
  positional?: boolean;
  span: Span;
  keywordSpan?: Span;
  valueSpan: Span;
  value: ConnectValue;
  /** The value as written, whitespace aside: what tells two filters apart (`add`, `b'x'`). */
  written?: string;
}

/** How the file refers to a signal. */
export interface SignalRef {
  /**
   * The catalog key this reference names (`task_failure`, `app.on_after_configure`), or, when the
   * name is not a known signal of the module it came from, the name as written (`task_posturn`).
   */
  name: string;
  /** `catalog`: a signal of the catalog; `unknown`: a name taken from a signal module that holds no such signal. */
  resolution: 'catalog' | 'unknown';
  /** The module or accessor it came through (`celery.signals`, `app`). */
  source: string;
  /** The identifier or attribute naming the signal, e.g. `task_failure` in `signals.task_failure.connect`. */
  nameSpan: Span;
  /** The whole signal expression, e.g. `signals.task_failure`. */
  expressionSpan: Span;
  /**
   * The name is bound to this signal only in the `except ImportError` branch, when importing the
   * named signal failed: where that signal exists, this connection never happens.
   */
  fallbackFor?: string;
}

export type ConnectStyle = 'decorator' | 'decorator-call' | 'call';

export interface Connection {
  signal: SignalRef;
  style: ConnectStyle;
  /** The decorator (without `@`) or the call expression. */
  span: Span;
  /** The argument list including parentheses, when there is one. */
  argumentsSpan?: Span;
  /**
   * The options object literal (`{ sender: add, weak: false }`) when the options are written as one,
   * as in TypeScript and JavaScript; its properties are the keyword `arguments`.
   */
  optionsSpan?: Span;
  /** Arguments of connect(...) other than the receiver. */
  arguments: ConnectArgument[];
  /**
   * The connect is module code that surely runs while the module is imported: a statement of the
   * module body, or of a module-level `for`/`with` body (not a def, class, `if`, `try` or `while`).
   * Undefined when the front end does not say.
   */
  topLevel?: boolean;
  /**
   * Set when `@signal.connect(x)` is given a positional first argument that Celery will take as the
   * receiver (Celery tests `callable(x)`: anything but a literal such as a string, bytes, None, a
   * number or a list): the decorated function is then not the receiver.
   */
  positionalReceiver?: ConnectArgument;
}

export type HandlerKind = 'function' | 'method' | 'lambda' | 'arrow' | 'function-expression';

export interface NameRead {
  name: string;
  span: Span;
  /** True when an enclosing function, class-less module scope, import or builtin binds the name. */
  boundOutside: boolean;
  /**
   * The read sits in a function nested in the handler that the handler never refers to, so it only
   * happens if something else calls that function.
   */
  deferred?: boolean;
  /**
   * The read is also a property key (JavaScript `{ exc }` in an object literal), so renaming the
   * variable must keep the key: `{ exc: exception }`.
   */
  shorthandProperty?: boolean;
}

export interface Handler {
  name?: string;
  nameSpan?: Span;
  kind: HandlerKind;
  isAsync: boolean;
  /** Where the function is defined: at module level, in a class body, or inside another function. */
  definedIn: 'module' | 'class' | 'function';
  /** `keywords`: Python parameters or plain TS parameters read by name; `object`: one destructured object. */
  paramStyle: 'keywords' | 'object';
  params: HandlerParam[];
  /** The parameter list: in Python and plain TS the parentheses; in object form the `{ ... }` pattern. */
  paramsSpan: Span;
  /** The whole definition (decorators excluded). */
  definitionSpan: Span;
  /** Names read in the body that the handler itself does not bind (parameters, locals, comprehensions). */
  freeReads: NameRead[];
  /** Reads of the handler's own parameters in the body, so a rename can rename the uses too. */
  paramReads?: NameRead[];
  /** Receives `self`/`cls` implicitly (a method connected through an instance or class). */
  implicitFirstParam?: 'self' | 'cls';
  /** The body itself (nested functions aside) contains `yield`: a Python generator function. */
  yields?: boolean;
  /** The body itself contains `await`. */
  awaits?: boolean;
  /** The `async` keyword of the definition with the space after it: what making it synchronous removes. */
  asyncKeywordSpan?: Span;
  /** `param.attribute` reads in the body itself (`sender.tasks`), nested functions aside. */
  paramAttributeReads?: { param: string; attribute: string; span: Span }[];
  /** Reads of one key of the `**kwargs` catch-all (`kwargs["einfo"]`, `kwargs.get("einfo")`). */
  catchAllReads?: CatchAllRead[];
  /** Reads that use a named parameter as a mapping (`body["id"]`, `body.get(...)`), nested functions aside. */
  mappingReads?: MappingRead[];
}

export interface MappingRead {
  param: string;
  /** `param["key"]`: the key. */
  key?: string;
  /** `param.get(...)`, `.keys()`, `.items()`, `.values()`: the method. */
  method?: string;
  /** The subscript (`body["id"]`), or the method without its call (`body.get`). */
  span: Span;
  /**
   * What has to pass before the read runs, outermost first: the body of a `try`, or a test (an `if`,
   * `elif` or `while` condition and the tests above it in the chain, the test of `a if test else b`,
   * the left side of `and`/`or`).
   */
  guards: ReadGuard[];
}

export type ReadGuard =
  | { kind: 'try' }
  | {
      kind: 'test';
      /** Every name the test reads. */
      names: string[];
      /** Names whose type the test checks: `isinstance(x, ...)`, `type(x)`, `hasattr(x, ...)`. */
      typeTested: string[];
      /** Names whose keys the test checks: `"k" in x`. */
      membershipOf: string[];
    };

export interface CatchAllRead {
  key: string;
  /** `kwargs["key"]` (KeyError when absent) or `kwargs.get("key")`. */
  access: 'subscript' | 'get';
  span: Span;
  /** Runs on every call: no `if`, `try`, loop, boolean short-circuit or nested function around it. */
  unconditional: boolean;
  /** What the body does with the value right away: `kwargs["body"]["task"]`, `kwargs["body"].get(...)`. */
  then?: { key?: string; method?: string; span: Span };
}

export interface HandlerSite {
  connection: Connection;
  /** The receiver, when the front end could find its definition in this file. */
  handler?: Handler;
  /** The receiver expression when it is a reference (`task_failure.connect(on_failure)`). */
  receiverSpan?: Span;
  /** The receiver expression as written, whitespace aside (`self.on_event`). */
  receiverWritten?: string;
  /**
   * What the receiver is, as written: the decorated `definition`, a `reference` to a name, an
   * `attribute` (`self.on_event`, a bound method), an inline `lambda`, an inline `partial(...)`, the
   * result of another inline `call` (a factory), a `class`, or `other`. Nothing else holds an inline
   * lambda or partial, so with weak=True Celery loses it at once.
   */
  receiverKind?: ReceiverKind;
  /** The receiver is a name nothing binds where connect() runs (a module-level call above the def): NameError. */
  receiverUnbound?: boolean;
  /** The receiver is a `functools.partial`; `handler` then lists only the parameters left for keywords. */
  partial?: PartialBinding;
  /**
   * The connect sits in a module-level function that the module body itself calls (`setup()` at the
   * bottom): where that first call after the connect is, so the connect runs at import from there.
   */
  importCallAt?: number;
  /** The decorator right below a connect decorator (`@staticmethod`, say): what connect() receives. */
  decoratorBelow?: { name: string; span: Span };
  /** The decorated definition is wrapped by a user decorator applied before the connect. */
  wrapper?: ReceiverWrapper;
  /**
   * `del name` removes the module's reference to this weakly connected receiver before any signal
   * can be sent: the offset of that `del`.
   */
  deletedAt?: Span;
  /**
   * For a bound-method receiver, when nothing keeps its instance: `temporary`, created in the connect
   * itself (`Reporter().on_success`); `discarded`, `self.method` in a class the module only
   * instantiates in bare expression statements (`Collector()`).
   */
  instanceLifetime?: 'temporary' | 'discarded';
  /** For a receiver defined inside the function that connects it: what else may keep it alive. */
  localLifetime?: LocalLifetime;
}

export interface LocalLifetime {
  /**
   * The defining function hands the receiver on (returns or yields it, assigns it somewhere, passes it
   * by keyword, stores it with `append`/`add`/`register`...), so something else may keep it.
   */
  handedOn: boolean;
  /**
   * What the defining function does after the connect, up to a `del` of the receiver's name, while its
   * local name still keeps the receiver: the callees as written, and whether it suspends at `yield`.
   * Undefined when the front end does not say.
   */
  afterConnect?: { calls: string[]; yields: boolean };
}

/** `functools.partial(fn, ...)` as the receiver: what the partial already binds before Celery's keywords. */
export interface PartialBinding {
  span: Span;
  /** How many leading positional parameters the partial fills. */
  positional: number;
  /** The handler's parameters those positional arguments fill, in order. */
  positionallyBound: HandlerParam[];
  keywords: string[];
}

/**
 * A user decorator between the connect and the definition: Celery connects what the decorator
 * returns, and `handler` (the site's) is the function inside it.
 */
export interface ReceiverWrapper {
  /** The decorator expression. */
  span: Span;
  /** The decorator as written (`logged`). */
  decorator: string;
  /** The callable Celery connects and calls: the nested def or the wrapper class's `__call__`. */
  handler: Handler;
  /** `functools.wraps`/`update_wrapper` set `__wrapped__`, so `inspect.signature` reports the inner function. */
  followsWrapped: boolean;
  /** The wrapper is a class instance (no `__code__`): every release asks `inspect.signature`. */
  isInstance: boolean;
  /** The wrapper passes its `**kwargs` on to the inner function. */
  forwardsKeywords: boolean;
}

export type ReceiverKind = 'definition' | 'reference' | 'attribute' | 'lambda' | 'partial' | 'call' | 'class' | 'other';

/** A name in this file bound to a signal module or a signal, used for completion and auto-import. */
export interface ImportBinding {
  localName: string;
  /** `celery.signals` for a module binding, `celery.signals.task_failure` for a signal binding. */
  target: string;
  kind: 'module' | 'signal';
  /** The import statement (Python: `from celery.signals import ...`). */
  span: Span;
  /** The local name as written in the import (the alias when there is one). */
  nameSpan?: Span;
  /** The import sits in a `try` whose `except` catches ImportError: when it fails, the module still loads. */
  guarded?: boolean;
  /** A statement of the module body itself (not in an `if`, `try`, loop or function): it surely runs at import. */
  topLevel?: boolean;
}

/** A task defined in this file (`@app.task`, `@shared_task`), offered as a `sender=` value. */
export interface TaskDefinition {
  localName: string;
  /** The registered name when given explicitly (`@app.task(name='proj.add')`). */
  registeredName?: string;
  span: Span;
}

export interface SyntaxProblem {
  span: Span;
  message: string;
  /**
   * Inside a string, a type or JSX text: places where tree-sitter's grammars reject some code that
   * Python and TypeScript accept, and where no handler can hide.
   */
  inert?: boolean;
  /**
   * The span is the error itself, one Python raises although tree-sitter reads the code (a nesting
   * limit): the module cannot be imported at all.
   */
  exact?: boolean;
  /** The first line of the region, where a finding about it is underlined. */
  firstLine?: Span;
  /** An opening bracket of the region that is never closed: where the parse really went wrong. */
  unclosedBracket?: { span: Span; char: string };
  /** A connection to a known signal that the region's text shows but the tree could not read. */
  unreadConnection?: { signal: string; receiver?: string };
}

/**
 * `x.connect` where `x` named a signal earlier in the module but a later `def x`/`class x`/`x = ...`
 * rebound it (a handler named like its signal): the attribute lookup raises AttributeError.
 */
export interface ReboundSignalUse {
  /** The name as used in the connect expression. */
  name: string;
  span: Span;
  /** The signal the name was bound to before. */
  signal: string;
  /** The name in the statement that rebound it. */
  reboundAt: Span;
  /** The use is module code that surely runs at import (see Connection.topLevel). */
  topLevel?: boolean;
}

/** A read of an app's configuration (`app.conf.x`, `app.conf["x"]`, `app.conf.get(...)`) by module code. */
export interface ConfigRead {
  /** The app expression as written (`app`), to match the app of an `app.on_after_configure` signal. */
  app: string;
  span: Span;
}

/** A receiver connected to a Celery `Signal(...)` that the module creates itself. */
export interface CustomSignalReceiver {
  /** The name of the module's signal. */
  signal: string;
  receiver: string;
  nameSpan: Span;
  /** The receiver takes `**kwargs`, which Celery's `Signal.connect` demands. */
  acceptsKeywords: boolean;
  /** Where the connect is. */
  connectSpan: Span;
  /** The connect surely runs at import (see Connection.topLevel). */
  topLevel: boolean;
}

/** What a Python module does while it is imported, besides connecting to Celery's own signals. */
export interface ImportRun {
  /** Configuration reads by code that runs at import (module statements, not bodies of functions or classes). */
  configReads: ConfigRead[];
  /** `from <signal module> import *` statements. */
  starImports: { module: string; span: Span }[];
  /**
   * `name.connect` on a name nothing in the file binds, in a file with a star import of a signal
   * module (the one import that may bind it unseen); elsewhere it is no signal's business.
   */
  unboundConnects: { name: string; span: Span; topLevel: boolean }[];
  customSignalReceivers: CustomSignalReceiver[];
}

/**
 * A `.send(...)`/`.send_robust(...)` call on a signal the file can name: the keywords it passes are
 * what that signal's receivers get (besides `signal` and `sender`).
 */
export interface SignalSend {
  signal: SignalRef;
  /** The whole call. */
  span: Span;
  /** Keyword arguments other than `sender`, in the order written. */
  keywords: string[];
  /** A `**mapping` argument passes keywords no reader of the code can list. */
  splat: boolean;
}

export interface FileModel {
  language: SourceLanguage;
  /** Sends of signals (Python), for the project index and find-references. */
  sends?: SignalSend[];
  sites: HandlerSite[];
  /** Connects on a name the module rebound away from its signal (Python). */
  reboundSignalUses?: ReboundSignalUse[];
  /** What the module does while it is imported (Python). */
  importRun?: ImportRun;
  /** Every reference to a signal (connected or not), for hover and go-to-docs. */
  signalRefs: SignalRef[];
  imports: ImportBinding[];
  tasks: TaskDefinition[];
  syntaxProblems: SyntaxProblem[];
}
