import {
  appendParams,
  catchAll,
  catchAllName,
  defaultLiteral,
  insertionIsKeywordOnly,
  insertNamedParams,
  positionalDefaultsPresent,
  renameParam,
} from './support/paramEdits';
import type { Handler, HandlerParam } from '../model';
import { handlerAnchor, handlerContext, quote } from './support/sites';
import type { SiteRule } from './support/types';
import { messageTable } from './support/messages';

const messages = messageTable('missing-signal-params', {
  alsoSends: {
    en: (signal: string, names: string) => `${signal} also sends ${names}.`,
    'zh-cn': (signal: string, names: string) => `${signal} 还会发送 ${names}。`,
  },
  // Worded like the "Add all parameters" refactor, so the light bulb lists the two as one.
  addAll: { en: (signal: string) => `Add all parameters of ${signal}`, 'zh-cn': (signal: string) => `添加 ${signal} 的全部参数` },
});

export const missingSignalParams: SiteRule = {
  code: 'missing-signal-params',
  defaultSeverity: 'hint',
  docs: {
    summary: { en: 'Hint: the handler could declare more of the keywords the signal sends.', 'zh-cn': '提示：处理函数还可以声明该信号发送的更多关键字。' },
    rationale:
      'The signal sends keywords the handler does not name. Not a bug: a nudge to make the handler\'s inputs explicit. Editors show it; the CLI prints hints only with `--hints`.',
    fix: 'Add all of the signal\'s parameters, keeping `**kwargs` last.',
  },
  scope: 'site',
  summary: 'Keywords the signal sends that the handler does not name.',
  rationale: 'Naming the keywords a signal sends documents the handler and lets the editor complete and check them; they are otherwise only reachable through **kwargs.',
  check(siteContext) {
    const context = handlerContext(siteContext);
    if (!context) return [];
    const { handler, signal, sent, text, model } = context;
    const rest = catchAll(handler);
    // Celery sends every keyword by name, so `*args` never receives one: it names nothing, `args` included.
    const positionalRest = handler.params.find((p) => p.kind === 'var-positional');
    const boundSelf = (p: HandlerParam, i: number) => i === 0 && (handler.implicitFirstParam !== undefined || (handler.definedIn === 'class' && /^(self|cls)$/.test(p.name)));
    const named = handler.params.filter((p, i) => p !== rest && p !== positionalRest && !boundSelf(p, i));
    const declared = new Set(named.map((p) => p.name));
    // A sender that is always None tells the handler nothing worth naming.
    const missing = [...sent.byName.values()].filter((p) => p.name !== 'signal' && !declared.has(p.name) && !(p.name === 'sender' && signal.sender.kind === 'none'));
    if (missing.length === 0) return [];
    // `(*args, **kwargs)` is a deliberate catch-all; hint only when the body digs a keyword out of it.
    if (named.length === 0 && positionalRest && rest && !readsKeywordThrough(handler, sent.byName)) return [];
    const python = model.language === 'python';
    // `sender` may be None on some signals, but it is always sent, so it needs no default.
    const defaulted = missing.map((p) => python && (p.sometimesAbsent || (p.mayBeNone && p.name !== 'sender')));
    const declarations = missing.map((p, i) => (defaulted[i] ? `${p.name}=${defaultLiteral(model.language)}` : p.name));
    const requiredAfterDefault = defaulted.some((d, i) => d && defaulted.slice(i + 1).some((later) => !later));
    // Python forbids a required positional parameter after a defaulted one; keyword-only ones are free.
    if (python && !insertionIsKeywordOnly(handler) && (positionalDefaultsPresent(handler) || requiredAfterDefault)) declarations[0] = `*, ${declarations[0]}`;
    const freeCatchAll = catchAllName((n) => sent.byName.has(n) || declared.has(n));
    const edits =
      rest || !python || handler.paramStyle !== 'keywords'
        ? [insertNamedParams(text, handler, declarations)]
        : [appendParams(text, handler, [...declarations, `**${freeCatchAll}`])];
    // `**kwargs` next to task_prerun's own `kwargs` keyword: the catch-all moves aside for it.
    if (rest && python && sent.byName.has(rest.name)) edits.push(...renameParam(handler, rest, freeCatchAll));
    // Likewise `*args` next to an `args` keyword; it is always empty, so only its name changes.
    if (positionalRest && python && missing.some((p) => p.name === positionalRest.name)) {
      const taken = (n: string) => sent.byName.has(n) || handler.params.some((p) => p.name === n) || n === freeCatchAll;
      edits.push(...renameParam(handler, positionalRest, ['positional', 'extra_args', 'other_args'].find((n) => !taken(n)) ?? 'unused_args'));
    }
    return [
      {
        span: handlerAnchor(text, handler),
        message: messages.alsoSends(signal.name, missing.map((p) => quote(p.name)).join(', ')),
        fixes: [{ title: messages.addAll(signal.name), edits }],
      },
    ];
  },
};

/** True when the body reads one of the signal's keywords out of the catch-all (`kwargs["task_id"]`, `kwargs.get("task_id")`). */
function readsKeywordThrough(handler: Handler, sent: ReadonlyMap<string, unknown>): boolean {
  return (handler.catchAllReads ?? []).some((read) => sent.has(read.key));
}
