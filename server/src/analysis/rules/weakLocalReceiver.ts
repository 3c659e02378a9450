import { addObjectOption, addOption } from './support/connectEdits';
import { handlerAnchor, optionArguments } from './support/sites';
import type { SiteRule } from './support/types';
import { weakLoss } from './support/weakReferences';

export const weakLocalReceiver: SiteRule = {
  code: 'weak-local-receiver',
  defaultSeverity: 'warning',
  docs: {
    summary: { en: 'A lambda, nested function, inline partial or throwaway instance\'s method is connected weakly and is collected before it is ever called.', 'zh-cn': 'lambda、嵌套函数、内联的 partial 或临时实例的方法以弱引用连接，在被调用之前就会被回收。' },
    rationale:
      'A lambda, a function defined inside another function, a `partial(...)` built in the call, or a bound method of an instance that nothing else keeps, connected with the default `weak=True`. Celery holds only a weak reference, the object is garbage-collected almost at once, and the handler silently never runs.',
    fix: 'Pass `weak=False`.',
  },
  scope: 'site',
  summary: 'A lambda, nested function, inline partial or temporary bound method connected with a weak reference.',
  rationale:
    'connect() keeps only a weak reference to the receiver unless weak=False (or retry=True) is given. A lambda, a function defined inside another function, a partial built inline or a method of a throwaway instance has no other reference, so it is garbage-collected and never called.',
  check(context) {
    const { site, text, model } = context;
    const loss = weakLoss(site, text);
    if (!loss) return [];
    const handler = site.handler;
    const weak = optionArguments(site).find((o) => o.option === 'weak')?.argument;
    const span = loss.inlineFunction && handler ? handlerAnchor(text, handler) : (site.receiverSpan ?? (handler ? handlerAnchor(text, handler) : site.connection.span));
    const python = model.language === 'python';
    const suggestion = python ? 'weak=False' : '{ weak: false }';
    const edit = weak
      ? { span: weak.valueSpan, newText: python ? 'False' : 'false' }
      : python
        ? addOption(text, site.connection, 'weak=False')
        : addObjectOption(text, site.connection, 'weak: false');
    return [
      {
        span,
        message: `${site.connection.signal.name}.connect keeps only a weak reference to its receivers, and nothing else keeps ${loss.what} alive: it is garbage-collected and never called. Pass ${suggestion}.`,
        fixes: [{ title: `Connect with ${suggestion}`, edits: [edit], preferred: true }],
      },
    ];
  },
};
