import type { Translated } from '../diagnostics';
import { assumedVersionText } from '../versionOrigin';
import { messageTable, spaced } from './support/messages';
import { dispatchFailureText } from './support/phrases';
import { handlerContext, quote } from './support/sites';
import type { RuleFinding, SiteRule } from './support/types';

const messages = messageTable('catch-all-missing-key', {
  takenByParam: {
    en: (signal: string, key: string, catchAll: string) => `${signal} sends ${quote(key)}, but the parameter ${quote(key)} takes it, so it never reaches ${quote(catchAll)}`,
    'zh-cn': (signal: string, key: string, catchAll: string) => `${signal} 会发送 ${quote(key)}，但参数 ${quote(key)} 已经接收了它，所以它永远不会进入 ${quote(catchAll)}`,
  },
  sentLater: {
    en: (signal: string, key: string, since: string, version: Translated) => `${signal} only sends ${quote(key)} from Celery ${since} on, not on ${version.en}`,
    'zh-cn': (signal: string, key: string, since: string, version: Translated) => `${signal} 从 Celery ${since} 起才发送 ${quote(key)}，${spaced(version['zh-cn'])}不会发送`,
  },
  neverSent: {
    en: (signal: string, key: string) => `${signal} never sends ${quote(key)}`,
    'zh-cn': (signal: string, key: string) => `${signal} 从不发送 ${quote(key)}`,
  },
  keyError: {
    en: (why: Translated, catchAll: string, key: string, failure: Translated) =>
      `${why.en}: ${catchAll}[${JSON.stringify(key)}] raises KeyError on every dispatch, ${failure.en}.`,
    'zh-cn': (why: Translated, catchAll: string, key: string, failure: Translated) =>
      `${why['zh-cn']}：${catchAll}[${JSON.stringify(key)}] 在每次派发时都会抛出 KeyError，${failure['zh-cn']}。`,
  },
  useGet: {
    en: (catchAll: string, key: string) => `Use ${catchAll}.get(${JSON.stringify(key)})`,
    'zh-cn': (catchAll: string, key: string) => `改用 ${catchAll}.get(${JSON.stringify(key)})`,
  },
});

export const catchAllMissingKey: SiteRule = {
  code: 'catch-all-missing-key',
  defaultSeverity: 'error',
  docs: {
    summary: {
      en: 'The body subscripts the `**kwargs` catch-all with a key that never lands in it: KeyError at every dispatch.',
      'zh-cn': '函数体用一个永远不会进入 `**kwargs` 的键去取值：每次派发都会抛出 KeyError。',
    },
    rationale:
      'The catch-all holds only the keywords the signal sends that no named parameter takes. `kwargs["einfo"]` on a signal that never sends `einfo`, or on a key a named parameter already takes, raises KeyError on every dispatch; Celery logs it and the rest of the body is skipped. `kwargs.get(...)` returns None instead and is not reported, nor is a key the body stores itself.',
    fix: 'Use `kwargs.get(...)`, or declare the keyword the signal really sends.',
  },
  scope: 'site',
  check(siteContext) {
    const context = handlerContext(siteContext);
    if (!context || context.model.language !== 'python') return [];
    const { handler, sent, signal } = context;
    const reads = handler.catchAllReads ?? [];
    if (reads.length === 0) return [];
    const catchAll = handler.params.find((p) => p.kind === 'var-keyword')?.name ?? 'kwargs';
    const findings: RuleFinding[] = [];
    for (const read of reads) {
      if (read.access !== 'subscript' || !read.unconditional) continue;
      const named = handler.params.find((p) => p.name === read.key && p.kind !== 'var-keyword' && p.kind !== 'positional-only');
      const spec = sent.byName.get(read.key);
      let why: Translated | undefined;
      if (named && spec) why = messages.takenByParam(signal.name, read.key, catchAll);
      else if (!spec) {
        const later = sent.later.get(read.key);
        why = later
          ? messages.sentLater(signal.name, read.key, later.since ?? '', assumedVersionText(context.celeryVersion, context.celeryVersionOrigin))
          : messages.neverSent(signal.name, read.key);
      }
      if (!why) continue;
      findings.push({
        span: read.span,
        message: messages.keyError(why, catchAll, read.key, dispatchFailureText(context, 'rest')),
        fixes: named || read.then ? [] : [{ title: messages.useGet(catchAll, read.key), edits: [{ span: read.span, newText: `${catchAll}.get(${JSON.stringify(read.key)})` }] }],
      });
    }
    return findings;
  },
};
