import type { SenderKind, SignalSpec } from '../../catalog/types';
import type { Fix } from '../diagnostics';
import type { ConnectArgument, ConnectValue, TaskDefinition } from '../model';
import { removeArgument } from './support/connectEdits';
import { optionArguments, quote } from './support/sites';
import type { SiteContext, SiteRule } from './support/types';

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

function senderWords(signal: SignalSpec): string {
  return SENDER_WORDS[signal.sender.kind] ?? signal.sender.type;
}

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
function neverMatches(signal: SignalSpec, argument: ConnectArgument, tasks: TaskDefinition[]): string | undefined {
  const kind = signal.sender.kind;
  const value = refine(argument.value, tasks);
  if (kind === 'custom' || value.kind === 'none') return undefined;
  if (value.kind === 'bytes') return 'a bytes filter never equals a str sender (Celery compares strings by value, and b\'x\' != \'x\')';
  if (kind === 'none') return 'no filter can match None';
  if (value.kind === 'string' && !STRING_SENDERS.has(kind)) return 'a string never equals it';
  // Celery always completes a node name to name@host before sending it.
  if (value.kind === 'string' && kind === 'hostname' && argument.value.kind === 'string' && !value.value.includes('@')) {
    return `'${value.value}' has no @host part, so it never equals the full node name`;
  }
  if (value.kind === 'string' && kind === 'hostname' && /%[hnd]/.test(value.value)) return `'${value.value}' still holds a %-placeholder that Celery expands only in the node name itself`;
  if (value.kind === 'name' && value.refersTo === 'task' && kind !== 'task') return `the task object ${quote(value.name)} is not that`;
  if (value.kind === 'name' && value.refersTo === 'app' && kind !== 'app') return `the app ${quote(value.name)} is never that object (Celery compares senders by identity)`;
  // Celery compares by identity, and every built-in signal sends an instance (or a name), never a class.
  if (value.kind === 'name' && value.refersTo === 'class') return `the class ${quote(value.name)} is never that object (Celery compares senders by identity)`;
  return undefined;
}

/** The task a string names: by registered name, local name, or dotted path ending in the local name. */
function taskNamed(tasks: TaskDefinition[], name: string): TaskDefinition | undefined {
  return (
    tasks.find((t) => t.registeredName === name) ??
    tasks.find((t) => !t.registeredName && (t.localName === name || name.endsWith(`.${t.localName}`)))
  );
}

function fixesFor(context: SiteContext, signal: SignalSpec, argument: ConnectArgument): Fix[] {
  const { text, model, site } = context;
  const value = argument.value;
  const fixes: Fix[] = [];
  if (value.kind === 'string' && signal.sender.kind === 'task') {
    const task = taskNamed(model.tasks, value.value);
    if (task) fixes.push({ title: `Filter on the task object ${quote(task.localName)}`, edits: [{ span: argument.valueSpan, newText: task.localName }], preferred: true });
  }
  if (value.kind === 'name' && value.refersTo === 'task' && signal.sender.kind === 'task-name') {
    const task = model.tasks.find((t) => t.localName === value.name);
    if (task?.registeredName) {
      fixes.push({ title: `Filter on the task name '${task.registeredName}'`, edits: [{ span: argument.valueSpan, newText: `'${task.registeredName}'` }], preferred: true });
    }
  }
  if (value.kind === 'bytes' && STRING_SENDERS.has(signal.sender.kind)) {
    const literal = text.slice(argument.valueSpan.start, argument.valueSpan.end);
    const prefix = /^[rR]?[bB][rR]?/.exec(literal)?.[0] ?? '';
    if (prefix) fixes.push({ title: 'Use a str filter', edits: [{ span: argument.valueSpan, newText: prefix.replace(/[bB]/, '') + literal.slice(prefix.length) }], preferred: true });
  }
  fixes.push({ title: 'Remove the sender filter', edits: [removeArgument(text, site.connection, argument)] });
  return fixes;
}

export const senderKindMismatch: SiteRule = {
  code: 'sender-kind-mismatch',
  defaultSeverity: 'warning',
  scope: 'site',
  summary: 'A sender= filter that can never equal what the signal sends as sender.',
  rationale:
    'Celery calls a filtered receiver only when the runtime sender equals the filter: strings compare by value, everything else by identity. Task signals send the task object, worker signals send objects or a hostname, some send None, so a filter of the wrong kind silently disconnects the handler.',
  check(context) {
    const { site, signal } = context;
    if (!signal || site.connection.signal.resolution !== 'catalog') return [];
    const sender = optionArguments(site).find((o) => o.option === 'sender')?.argument;
    if (!sender) return [];
    const why = neverMatches(signal, sender, context.model.tasks);
    if (!why) return [];
    const hint = signal.sender.kind === 'task' ? ' Filter on the task object, or drop the filter and test sender.name in the body.' : '';
    return [
      {
        span: sender.valueSpan,
        message: `${signal.name} is sent with ${senderWords(signal)} as sender, and ${why}, so this handler is never called.${hint}`,
        fixes: fixesFor(context, signal, sender),
      },
    ];
  },
};
