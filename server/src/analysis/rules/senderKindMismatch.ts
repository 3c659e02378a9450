import type { Catalog } from '../../catalog/catalog';
import type { SenderKind, SignalSpec } from '../../catalog/types';
import { closestName } from './support/didYouMean';
import type { Translated } from '../diagnostics';
import type { ConnectArgument, ConnectValue, TaskDefinition } from '../model';
import { removeArgument } from './support/connectEdits';
import { optionArguments, quote } from './support/sites';
import type { RuleFinding, SiteContext, SiteRule } from './support/types';
import { messageTable, spaced } from './support/messages';

const SENDER_WORDS: Record<SenderKind, string> = {
  task: 'the task object',
  'task-name': 'the task name (a string)',
  hostname: "the worker's node name (a string such as 'celery@host')",
  consumer: "the worker's Consumer",
  app: 'the Celery app',
  worker: 'the WorkController',
  pool: 'the worker pool',
  heart: "the worker's Heart",
  beat: 'the beat Service',
  function: 'a function object',
  none: 'None',
  custom: 'whatever the code sending it passes',
};

const STRING_SENDERS: ReadonlySet<SenderKind> = new Set(['task-name', 'hostname']);

/**
 * What an expression the front end left as `other` evaluates to, when the text tells: an f-string or
 * concatenation of literals is a str (or bytes), and `<task>.name` is the task's name string.
 */
function refine(value: ConnectValue, tasks: TaskDefinition[]): ConnectValue {
  if (value.kind === 'name' && value.refersTo === 'unknown') {
    // A module-level constant assigned once from a string literal (`SYNC_TASK = 'proj.sync'`).
    return value.constant === undefined ? value : refine({ kind: 'other', text: value.constant }, tasks);
  }
  if (value.kind !== 'other') return value;
  const literal = /^([rRbBfFuU]{0,2})(["'])/.exec(value.text);
  if (literal) {
    if (/[bB]/.test(literal[1])) return { kind: 'bytes' };
    const plain = new RegExp(`^[rRuU]?${literal[2]}([^${literal[2]}\\\\]*)${literal[2]}$`).exec(value.text);
    return { kind: 'string', value: plain && !/[fF]/.test(literal[1]) ? plain[1] : value.text };
  }
  const attribute = /^(\w+)\.name$/.exec(value.text);
  if (attribute && tasks.some((t) => t.localName === attribute[1])) return { kind: 'string', value: value.text };
  return value;
}

/** Why this filter can never equal the runtime sender, or undefined when it may match. */
function neverMatches(signal: SignalSpec, argument: ConnectArgument, tasks: TaskDefinition[], catalog: Catalog): Translated | undefined {
  const kind = signal.sender.kind;
  const value = refine(argument.value, tasks);
  if (kind === 'task-name' && argument.value.kind === 'string' && unregisteredTask(argument.value.value, catalog)) return messages.unregistered(argument.value.value);
  if (kind === 'custom' || value.kind === 'none') return undefined;
  if (value.kind === 'bytes') return messages.bytes();
  if (kind === 'none') return messages.none();
  if (value.kind === 'string' && !STRING_SENDERS.has(kind)) return messages.string();
  // Celery always completes a node name to name@host before sending it.
  if (value.kind === 'string' && kind === 'hostname' && argument.value.kind === 'string' && !value.value.includes('@')) {
    return messages.noHost(value.value);
  }
  if (value.kind === 'string' && kind === 'hostname' && /%[hnd]/.test(value.value)) return messages.placeholder(value.value);
  if (value.kind === 'name' && value.refersTo === 'task' && kind !== 'task') return messages.otherTask(value.name);
  if (value.kind === 'name' && value.refersTo === 'app' && kind !== 'app') return messages.app(value.name);
  // Celery compares by identity, and every built-in signal sends an instance (or a name), never a class.
  if (value.kind === 'name' && value.refersTo === 'class') return messages.className(value.name);
  return undefined;
}

/**
 * A task name that a project module would register but does not: the module is in the project, its
 * `@...task` decorators register other names, and no task anywhere in the project has this one.
 */
function unregisteredTask(name: string, catalog: Catalog): boolean {
  const module = name.slice(0, Math.max(name.lastIndexOf('.'), 0));
  const own = module ? catalog.projectModuleTasks(module) : undefined;
  return own !== undefined && own.length > 0 && !catalog.projectTaskNames().includes(name);
}

/** The task a string names: by registered name, local name, or dotted path ending in the local name. */
function taskNamed(tasks: TaskDefinition[], name: string): TaskDefinition | undefined {
  const { registered, local, dotted } = taskIndexOf(tasks);
  const byRegistered = registered.get(name);
  if (byRegistered) return byRegistered;
  // A dotted path ends in a local name without dots exactly when its last part is that name.
  const dot = name.lastIndexOf('.');
  const candidates = [local.get(name), dot >= 0 ? local.get(name.slice(dot + 1)) : undefined, ...dotted.filter((d) => d.task.localName === name || name.endsWith(`.${d.task.localName}`))];
  let first: { task: TaskDefinition; order: number } | undefined;
  for (const candidate of candidates) if (candidate && (!first || candidate.order < first.order)) first = candidate;
  return first?.task;
}

interface TaskIndex {
  /** The first task registered under each explicit name. */
  registered: Map<string, TaskDefinition>;
  /** The first task without an explicit name for each local name without dots, with its place in the list. */
  local: Map<string, { task: TaskDefinition; order: number }>;
  /** Tasks without an explicit name whose local name has a dot (none in practice). */
  dotted: { task: TaskDefinition; order: number }[];
}

/** Each model's tasks by name, indexed once: every sender filter looks one up. */
const taskIndexes = new WeakMap<TaskDefinition[], TaskIndex>();

function taskIndexOf(tasks: TaskDefinition[]): TaskIndex {
  let index = taskIndexes.get(tasks);
  if (index) return index;
  const built: TaskIndex = { registered: new Map(), local: new Map(), dotted: [] };
  tasks.forEach((task, order) => {
    if (task.registeredName !== undefined && !built.registered.has(task.registeredName)) built.registered.set(task.registeredName, task);
    if (task.registeredName) return;
    if (task.localName.includes('.')) built.dotted.push({ task, order });
    else if (!built.local.has(task.localName)) built.local.set(task.localName, { task, order });
  });
  index = built;
  taskIndexes.set(tasks, index);
  return index;
}

function fixesFor(context: SiteContext, signal: SignalSpec, argument: ConnectArgument): NonNullable<RuleFinding['fixes']> {
  const { text, model, site } = context;
  const value = argument.value;
  const fixes: NonNullable<RuleFinding['fixes']> = [];
  if (value.kind === 'string' && signal.sender.kind === 'task') {
    const task = taskNamed(model.tasks, value.value);
    if (task) fixes.push({ title: messages.filterTaskObject(task.localName), edits: [{ span: argument.valueSpan, newText: task.localName }], preferred: true });
  }
  if (value.kind === 'name' && value.refersTo === 'task' && signal.sender.kind === 'task-name') {
    const registered = model.tasks.find((t) => t.localName === value.name)?.registeredName ?? value.registeredName;
    if (registered) {
      fixes.push({ title: messages.filterTaskName(registered), edits: [{ span: argument.valueSpan, newText: `'${registered}'` }], preferred: true });
    }
  }
  if (value.kind === 'string' && signal.sender.kind === 'task-name' && unregisteredTask(value.value, context.catalog)) {
    const registered = closestName(value.value, context.catalog.projectTaskNames());
    if (registered) fixes.push({ title: messages.filterTaskName(registered), edits: [{ span: argument.valueSpan, newText: `'${registered}'` }], preferred: true });
  }
  if (value.kind === 'bytes' && STRING_SENDERS.has(signal.sender.kind)) {
    const literal = text.slice(argument.valueSpan.start, argument.valueSpan.end);
    const prefix = /^[rR]?[bB][rR]?/.exec(literal)?.[0] ?? '';
    if (prefix) fixes.push({ title: messages.strFilter(), edits: [{ span: argument.valueSpan, newText: prefix.replace(/[bB]/, '') + literal.slice(prefix.length) }], preferred: true });
  }
  fixes.push({ title: messages.removeFilter(), edits: [removeArgument(text, site.connection, argument)] });
  return fixes;
}

const SENDER_WORDS_ZH: Record<SenderKind, string> = {
  task: '任务对象',
  'task-name': '任务名（字符串）',
  hostname: "worker 的节点名（形如 'celery@host' 的字符串）",
  consumer: 'worker 的 Consumer',
  app: 'Celery 应用',
  worker: 'WorkController',
  pool: 'worker 进程池',
  heart: 'worker 的 Heart',
  beat: 'beat 的 Service',
  function: '函数对象',
  none: 'None',
  custom: '发送方传入的任意值',
};

const messages = messageTable('sender-kind-mismatch', {
  bytes: {
    en: () => "a bytes filter never equals a str sender (Celery compares strings by value, and b'x' != 'x')",
    'zh-cn': () => "bytes 过滤条件永远不等于 str 类型的发送者（Celery 按值比较字符串，而 b'x' != 'x'）",
  },
  unregistered: {
    en: (name: string) => `no task of the project is registered as '${name}'`,
    'zh-cn': (name: string) => `项目中没有以 '${name}' 注册的任务`,
  },
  none: { en: () => 'no filter can match None', 'zh-cn': () => '任何过滤条件都无法匹配 None' },
  string: { en: () => 'a string never equals it', 'zh-cn': () => '字符串永远不会等于它' },
  noHost: {
    en: (value: string) => `'${value}' has no @host part, so it never equals the full node name`,
    'zh-cn': (value: string) => `'${value}' 没有 @host 部分，因此永远不等于完整的节点名`,
  },
  placeholder: {
    en: (value: string) => `'${value}' still holds a %-placeholder that Celery expands only in the node name itself`,
    'zh-cn': (value: string) => `'${value}' 中仍含有 % 占位符，而 Celery 只在节点名本身中展开它`,
  },
  otherTask: { en: (name: string) => `the task object ${quote(name)} is not that`, 'zh-cn': (name: string) => `任务对象 ${quote(name)} 不是它` },
  app: {
    en: (name: string) => `the app ${quote(name)} is never that object (Celery compares senders by identity)`,
    'zh-cn': (name: string) => `应用 ${quote(name)} 永远不是那个对象（Celery 按对象标识比较发送者）`,
  },
  className: {
    en: (name: string) => `the class ${quote(name)} is never that object (Celery compares senders by identity)`,
    'zh-cn': (name: string) => `类 ${quote(name)} 永远不是那个对象（Celery 按对象标识比较发送者）`,
  },
  filterTaskObject: { en: (name: string) => `Filter on the task object ${quote(name)}`, 'zh-cn': (name: string) => `改为按任务对象 ${quote(name)} 过滤` },
  filterTaskName: { en: (name: string) => `Filter on the task name '${name}'`, 'zh-cn': (name: string) => `改为按任务名 '${name}' 过滤` },
  strFilter: { en: () => 'Use a str filter', 'zh-cn': () => '改用 str 过滤条件' },
  removeFilter: { en: () => 'Remove the sender filter', 'zh-cn': () => '删除 sender 过滤条件' },
  neverCalled: {
    en: (signal: string, kind: SenderKind, type: string | undefined, why: Translated) =>
      `${signal} is sent with ${SENDER_WORDS[kind] ?? type} as sender, and ${why.en}, so this handler is never called.${kind === 'task' ? ' Filter on the task object, or drop the filter and test sender.name in the body.' : ''}`,
    'zh-cn': (signal: string, kind: SenderKind, type: string | undefined, why: Translated) =>
      `${signal} 发送时以${spaced(SENDER_WORDS_ZH[kind] ?? type ?? '')}作为 sender，而${why['zh-cn']}，因此这个处理函数永远不会被调用。${kind === 'task' ? '请按任务对象过滤，或者去掉过滤条件，在函数体中检查 sender.name。' : ''}`,
  },
});

export const senderKindMismatch: SiteRule = {
  code: 'sender-kind-mismatch',
  defaultSeverity: 'warning',
  docs: {
    summary: { en: 'A `sender=` filter can never equal what the signal sends as its sender, so the handler is never called.', 'zh-cn': '`sender=` 过滤条件永远不可能等于该信号实际发送的 sender，处理函数因此永远不会被调用。' },
    rationale:
      'Celery calls a filtered receiver only when the sender equals the filter; strings are compared by value, any other object by identity. Task signals (`task_prerun`, `task_failure`, ...) send the task object, so `sender=\'proj.tasks.add\'` never matches; `worker_process_init` and the logging signals send `None`, so any filter at all cuts the handler off; a bytes literal never equals a string; and a task object is never the sender of a worker or consumer signal.',
    fix: 'Where this file defines the task, filter on the task object; otherwise drop the filter and test `sender.name` inside the handler.',
  },
  scope: 'site',
  check(context) {
    const { site, signal } = context;
    if (!signal || site.connection.signal.resolution !== 'catalog') return [];
    const sender = optionArguments(site).find((o) => o.option === 'sender')?.argument;
    if (!sender) return [];
    const why = neverMatches(signal, sender, context.model.tasks, context.catalog);
    if (!why) return [];
    return [
      {
        span: sender.valueSpan,
        message: messages.neverCalled(signal.name, signal.sender.kind, signal.sender.type, why),
        fixes: fixesFor(context, signal, sender),
      },
    ];
  },
};
