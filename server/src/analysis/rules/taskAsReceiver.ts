import type { Fix } from '../diagnostics';
import { quote } from './support/sites';
import type { SiteContext, SiteRule } from './support/types';

/** What to write instead: the task as sender= on task signals, its name string on publish signals. */
function advice(context: SiteContext, written: string): { text: string; fix?: Fix } {
  const { site, signal, model } = context;
  const argument = site.connection.positionalReceiver!;
  const python = model.language === 'python';
  if (signal?.sender.kind === 'task-name') {
    const registered = model.tasks.find((t) => t.localName === written)?.registeredName;
    if (!registered) return { text: `${signal.name} is sent with the task's name, so pass its registered name as ${python ? "sender='...'" : "{ sender: '...' }"}.` };
    const option = python ? `sender='${registered}'` : `{ sender: '${registered}' }`;
    return {
      text: `${signal.name} is sent with the task's name, so pass ${option}.`,
      fix: { title: `Filter on the task name '${registered}'`, edits: [{ span: argument.valueSpan, newText: option }], preferred: true },
    };
  }
  if (!python) {
    // TypeScript/JavaScript options are one object: `@sig.connect(add)` becomes `@sig.connect({ sender: add })`.
    const option = `{ sender: ${written} }`;
    return { text: `Pass it as ${option}.`, fix: { title: `Pass ${quote(written)} as ${option}`, edits: [{ span: argument.valueSpan, newText: option }], preferred: true } };
  }
  return {
    text: `Pass it as sender=${written}.`,
    fix: { title: `Pass ${quote(written)} as sender=`, edits: [{ span: { start: argument.valueSpan.start, end: argument.valueSpan.start }, newText: 'sender=' }], preferred: true },
  };
}

export const taskAsReceiver: SiteRule = {
  code: 'task-as-receiver',
  defaultSeverity: 'error',
  docs: {
    summary: { en: 'A Celery task is passed to `connect()` as its first argument, so the task becomes the receiver.', 'zh-cn': 'Celery 任务作为第一个参数传给了 `connect()`，于是任务本身成了接收者。' },
    rationale:
      'In `@task_success.connect(add)`, `connect()` takes a callable first positional argument as the receiver. Tasks are callable, so the task itself gets connected; the decorator then calls the task with your function as its argument, and your function\'s name ends up bound to whatever the task returns.',
    fix: 'Write `sender=add`.',
  },
  scope: 'site',
  summary: '`@signal.connect(task)`: the positional argument becomes the receiver.',
  rationale:
    'connect() treats a callable first positional argument as the receiver. Tasks are callable, so `@task_success.connect(add)` connects the task itself, then calls it with the decorated function as its argument and rebinds the function name to whatever it returns; the handler is never connected.',
  check(context) {
    const { site } = context;
    const argument = site.connection.positionalReceiver;
    if (!argument || site.connection.style !== 'decorator-call') return [];
    if (argument.value.kind !== 'name' && argument.value.kind !== 'other') return [];
    const written = argument.value.kind === 'name' ? argument.value.name : argument.value.text;
    const handlerName = site.handler?.name ? quote(site.handler.name) : 'the decorated function';
    const { text, fix } = advice(context, written);
    return [
      {
        span: argument.valueSpan,
        message:
          `${site.connection.signal.name}.connect takes a callable first argument as the receiver: it connects ${quote(written)} itself, ` +
          `then calls ${quote(written)} with ${handlerName} as its argument while this module is imported, and ${handlerName} is never connected. ${text}`,
        fixes: fix ? [fix] : [],
      },
    ];
  },
};
