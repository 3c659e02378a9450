import type { Translated } from '../diagnostics';
import { quote } from './support/sites';
import type { RuleFinding, SiteContext, SiteRule } from './support/types';
import { messageTable } from './support/messages';

type RuleFix = NonNullable<RuleFinding['fixes']>[number];

/** What to write instead: the task as sender= on task signals, its name string on publish signals. */
function advice(context: SiteContext, written: string): { text: Translated; fix?: RuleFix } {
  const { site, signal, model } = context;
  const argument = site.connection.positionalReceiver!;
  const python = model.language === 'python';
  if (signal?.sender.kind === 'task-name') {
    const registered = model.tasks.find((t) => t.localName === written)?.registeredName;
    if (!registered) return { text: messages.passRegistered(signal.name, python) };
    const option = python ? `sender='${registered}'` : `{ sender: '${registered}' }`;
    return {
      text: messages.passName(signal.name, option),
      fix: { title: messages.filterName(registered), edits: [{ span: argument.valueSpan, newText: option }], preferred: true },
    };
  }
  if (!python) {
    // TypeScript/JavaScript options are one object: `@sig.connect(add)` becomes `@sig.connect({ sender: add })`.
    const option = `{ sender: ${written} }`;
    return { text: messages.passAs(option), fix: { title: messages.passAsTitle(written, option), edits: [{ span: argument.valueSpan, newText: option }], preferred: true } };
  }
  return {
    text: messages.passAs(`sender=${written}`),
    fix: { title: messages.passAsTitle(written, 'sender='), edits: [{ span: { start: argument.valueSpan.start, end: argument.valueSpan.start }, newText: 'sender=' }], preferred: true },
  };
}

const messages = messageTable('task-as-receiver', {
  passRegistered: {
    en: (signal: string, python: boolean) => `${signal} is sent with the task's name, so pass its registered name as ${python ? "sender='...'" : "{ sender: '...' }"}.`,
    'zh-cn': (signal: string, python: boolean) => `${signal} 发送时以任务名作为 sender，请把任务的注册名以 ${python ? "sender='...'" : "{ sender: '...' }"} 的形式传入。`,
  },
  passName: {
    en: (signal: string, option: string) => `${signal} is sent with the task's name, so pass ${option}.`,
    'zh-cn': (signal: string, option: string) => `${signal} 发送时以任务名作为 sender，请传入 ${option}。`,
  },
  filterName: { en: (registered: string) => `Filter on the task name '${registered}'`, 'zh-cn': (registered: string) => `改为按任务名 '${registered}' 过滤` },
  passAs: { en: (option: string) => `Pass it as ${option}.`, 'zh-cn': (option: string) => `请以 ${option} 的形式传入。` },
  passAsTitle: { en: (written: string, option: string) => `Pass ${quote(written)} as ${option}`, 'zh-cn': (written: string, option: string) => `以 ${option} 传入 ${quote(written)}` },
  connectsTask: {
    en: (signal: string, written: string, handler: string | undefined, advice: Translated) =>
      `${signal}.connect takes a callable first argument as the receiver: it connects ${quote(written)} itself, ` +
      `then calls ${quote(written)} with ${handler ? quote(handler) : 'the decorated function'} as its argument while this module is imported, and ${handler ? quote(handler) : 'the decorated function'} is never connected. ${advice.en}`,
    'zh-cn': (signal: string, written: string, handler: string | undefined, advice: Translated) =>
      `${signal}.connect 会把可调用的第一个参数当作接收者：它连接的是 ${quote(written)} 本身，` +
      `并在导入本模块时以${handler ? ` ${quote(handler)} ` : '被装饰的函数'}为参数调用 ${quote(written)}，而${handler ? ` ${quote(handler)} ` : '被装饰的函数'}永远不会被连接。${advice['zh-cn']}`,
  },
});

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
  check(context) {
    const { site } = context;
    const argument = site.connection.positionalReceiver;
    if (!argument || site.connection.style !== 'decorator-call') return [];
    if (argument.value.kind !== 'name' && argument.value.kind !== 'other') return [];
    const written = argument.value.kind === 'name' ? argument.value.name : argument.value.text;
    const { text, fix } = advice(context, written);
    return [
      {
        span: argument.valueSpan,
        message: messages.connectsTask(site.connection.signal.name, written, site.handler?.name, text),
        fixes: fix ? [fix] : [],
      },
    ];
  },
};
