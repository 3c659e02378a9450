import type { Handler } from '../model';
import { addAllParamsFix, undeclaredSentKeywords } from './support/addAllParams';
import { catchAll } from './support/paramEdits';
import { handlerAnchor, handlerContext, quote } from './support/sites';
import type { SiteRule } from './support/types';
import { messageTable } from './support/messages';

const messages = messageTable('missing-signal-params', {
  alsoSends: {
    en: (signal: string, names: string) => `${signal} also sends ${names}.`,
    'zh-cn': (signal: string, names: string) => `${signal} 还会发送 ${names}。`,
  },
});

export const missingSignalParams: SiteRule = {
  code: 'missing-signal-params',
  defaultSeverity: 'hint',
  docs: {
    summary: { en: 'Hint: the handler could declare more of the keywords the signal sends.', 'zh-cn': '提示：处理函数还可以声明该信号发送的更多关键字。' },
    rationale:
      'The signal sends keywords the handler does not name. Not a bug: a nudge to make the handler\'s inputs explicit. `sender` is not suggested on signals whose sender is always None, `*args` names no keyword (Celery passes every keyword by name), and a deliberate `(*args, **kwargs)` catch-all gets the hint only when its body reads one of the signal\'s keywords out of it. Editors show it; the CLI prints hints only with `--hints`.',
    fix: 'Add all of the signal\'s parameters, keeping `**kwargs` last.',
  },
  scope: 'site',
  check(siteContext) {
    const context = handlerContext(siteContext);
    if (!context) return [];
    const { handler, signal, sent } = context;
    const missing = undeclaredSentKeywords(context);
    if (missing.length === 0) return [];
    if (isDeliberateCatchAll(handler) && !readsKeywordThrough(handler, sent.byName)) return [];
    const addAll = addAllParamsFix(context);
    return [
      {
        span: handlerAnchor(context.text, handler),
        message: messages.alsoSends(signal.name, missing.map(quote).join(', ')),
        fixes: addAll?.complete ? [addAll.fix] : [],
      },
    ];
  },
};

/** `(*args, **kwargs)` with nothing else named (a bound `self` aside): a handler that wants everything. */
function isDeliberateCatchAll(handler: Handler): boolean {
  const rest = catchAll(handler);
  const positionalRest = handler.params.find((p) => p.kind === 'var-positional');
  if (!rest || !positionalRest) return false;
  const others = handler.params.filter((p) => p !== rest && p !== positionalRest);
  return others.length === 0 || (others.length === 1 && handler.params[0] === others[0] && (handler.implicitFirstParam !== undefined || (handler.definedIn === 'class' && /^(self|cls)$/.test(others[0].name))));
}

/** True when the body reads one of the signal's keywords out of the catch-all (`kwargs["task_id"]`, `kwargs.get("task_id")`). */
function readsKeywordThrough(handler: Handler, sent: ReadonlyMap<string, unknown>): boolean {
  return (handler.catchAllReads ?? []).some((read) => sent.has(read.key));
}
