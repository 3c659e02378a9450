import { quote } from './support/sites';
import type { SiteRule } from './support/types';

export const taskAsReceiver: SiteRule = {
  code: 'task-as-receiver',
  defaultSeverity: 'error',
  scope: 'site',
  summary: '`@signal.connect(task)`: the positional argument becomes the receiver.',
  rationale:
    'connect() treats a callable first positional argument as the receiver. Tasks are callable, so `@task_success.connect(add)` connects the task itself, then calls it with the decorated function as its argument and rebinds the function name to whatever it returns; the handler is never connected.',
  check(context) {
    const { site, model } = context;
    const argument = site.connection.positionalReceiver;
    if (!argument || site.connection.style !== 'decorator-call') return [];
    if (argument.value.kind !== 'name' && argument.value.kind !== 'other') return [];
    const written = argument.value.kind === 'name' ? argument.value.name : argument.value.text;
    const handlerName = site.handler?.name ? quote(site.handler.name) : 'the decorated function';
    const keyword = model.language === 'python' ? 'sender=' : 'sender: ';
    return [
      {
        span: argument.valueSpan,
        message:
          `${site.connection.signal.name}.connect takes a callable first argument as the receiver: it connects ${quote(written)} itself, ` +
          `then calls ${quote(written)} with ${handlerName} as its argument while this module is imported, and ${handlerName} is never connected. Pass it as sender=${written}.`,
        fixes: model.language === 'python' ? [{ title: `Pass ${quote(written)} as sender=`, edits: [{ span: { start: argument.valueSpan.start, end: argument.valueSpan.start }, newText: keyword }], preferred: true }] : [],
      },
    ];
  },
};
