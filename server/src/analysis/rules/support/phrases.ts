/** Clauses several rules put inside their messages, in both languages (see messages.ts). */
import type { Translated } from '../../diagnostics';
import type { FileModel, SignalRef } from '../../model';
import { assumedVersionText } from '../../versionOrigin';
import { messageTable, spaced } from './messages';
import type { NamedParam } from './params';
import { inImport } from './signalRefs';
import { optionValue, quote } from './sites';
import type { HandlerContext } from './types';
import { atLeast, RELEASES } from './versions';

const phrases = messageTable('shared clauses', {
  retriedForever: {
    en: () => 'and retry=True retries it forever, blocking the process that sent the signal',
    'zh-cn': () => '而 retry=True 会无限重试，阻塞发送信号的进程',
  },
  loggedBodySkipped: { en: () => 'which Celery logs and swallows, so the body never runs', 'zh-cn': () => 'Celery 只记录日志并吞掉这个错误，函数体不会执行' },
  loggedRestSkipped: {
    en: () => 'which Celery logs and swallows, so the rest of the body is skipped',
    'zh-cn': () => 'Celery 只记录日志并吞掉这个错误，函数体的其余部分被跳过',
  },
  propagates: { en: () => 'which propagates to the code that sent the signal', 'zh-cn': () => '这个错误会传播到发送信号的代码' },
  sentLater: {
    en: (signal: string, name: string, since: string, version: Translated) => `${signal} only sends ${quote(name)} from Celery ${since} on, not on ${version.en}`,
    'zh-cn': (signal: string, name: string, since: string, version: Translated) => `${signal} 从 Celery ${since} 起才发送 ${quote(name)}，${spaced(version['zh-cn'])}中没有`,
  },
  neverSent: {
    en: (signal: string, name: string) => `${signal} never sends a keyword named ${quote(name)}`,
    'zh-cn': (signal: string, name: string) => `${signal} 从不发送名为 ${quote(name)} 的关键字参数`,
  },
  undefinedInJs: {
    en: () => 'it is undefined, so calling .connect on it throws TypeError',
    'zh-cn': () => '它是 undefined，对它调用 .connect 会抛出 TypeError',
  },
  importFails: { en: () => 'this import raises ImportError', 'zh-cn': () => '这条 import 会抛出 ImportError' },
  importAlreadyFails: { en: () => 'importing it already raises ImportError', 'zh-cn': () => '导入它时就已经抛出 ImportError' },
  attributeError: { en: () => 'this line raises AttributeError', 'zh-cn': () => '这一行会抛出 AttributeError' },
});

/** What a failing call does to a dispatch on the configured release, with the site's options. */
export function dispatchFailureText(context: Pick<HandlerContext, 'site' | 'celeryVersion'>, skipped: 'body' | 'rest' = 'body'): Translated {
  const retry = optionValue(context.site, 'retry');
  if (retry?.kind === 'bool' && retry.value && atLeast(context.celeryVersion, RELEASES.retryOption)) return phrases.retriedForever();
  if (atLeast(context.celeryVersion, RELEASES.errorsLogged)) return skipped === 'body' ? phrases.loggedBodySkipped() : phrases.loggedRestSkipped();
  return phrases.propagates();
}

export function neverSentText(context: HandlerContext, entry: NamedParam): Translated {
  const { signal, celeryVersion, celeryVersionOrigin } = context;
  if (entry.later) return phrases.sentLater(signal.name, entry.param.name, entry.later.since ?? '', assumedVersionText(celeryVersion, celeryVersionOrigin));
  return phrases.neverSent(signal.name, entry.param.name);
}

/** What running the line does when the name does not exist there. */
export function missingNameText(model: FileModel, ref: SignalRef): Translated {
  if (model.language !== 'python') return phrases.undefinedInJs();
  if (inImport(model, ref)) return phrases.importFails();
  const imported = model.imports.some((b) => b.kind === 'signal' && b.target.endsWith(`.${ref.name}`)) ||
    model.signalRefs.some((other) => other.name === ref.name && other !== ref && inImport(model, other));
  return imported ? phrases.importAlreadyFails() : phrases.attributeError();
}
