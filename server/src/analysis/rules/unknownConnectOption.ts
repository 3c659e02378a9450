import { closestName } from './support/didYouMean';
import { quote } from './support/sites';
import type { RuleFinding, SiteRule } from './support/types';
import { connectOptionsFor, RELEASES } from './support/versions';
import { messageTable, spaced } from './support/messages';
import type { Translated } from '../diagnostics';
import { assumedVersionText } from '../versionOrigin';

const messages = messageTable('unknown-connect-option', {
  unknown: {
    en: (signal: string, known: string, retryTooNew: string | undefined, option: string, suggestion: string | undefined, version: Translated) =>
      `${signal}.connect() accepts only ${known}${retryTooNew ? ` on ${version.en} (retry= only exists since Celery ${retryTooNew})` : ''}: ${quote(option)} makes it raise TypeError as soon as this line runs, ` +
      `so nothing gets connected.${suggestion ? ` Did you mean ${quote(suggestion)}?` : ''}`,
    'zh-cn': (signal: string, known: string, retryTooNew: string | undefined, option: string, suggestion: string | undefined, version: Translated) =>
      `${signal}.connect() ${retryTooNew ? `在${spaced(version['zh-cn'])}上` : ''}只接受 ${known}${retryTooNew ? `（retry= 自 Celery ${retryTooNew} 起才有）` : ''}：${quote(option)} 会让它在执行这一行时立即抛出 TypeError，` +
      `因此什么都不会被连接。${suggestion ? `你是不是想写 ${quote(suggestion)}？` : ''}`,
  },
  rename: { en: (suggestion: string) => `Rename to ${quote(suggestion)}`, 'zh-cn': (suggestion: string) => `重命名为 ${quote(suggestion)}` },
});

export const unknownConnectOption: SiteRule = {
  code: 'unknown-connect-option',
  defaultSeverity: 'error',
  docs: {
    summary: { en: '`connect()` is given a keyword it does not accept, which raises `TypeError`.', 'zh-cn': '`connect()` 收到了它不接受的关键字参数，会抛出 `TypeError`。' },
    rationale:
      '`connect()` takes only `sender`, `weak`, `dispatch_uid` and `retry` (the last since Celery 4.2.0). Any other keyword, `senders=` and `receiver=` included, raises `TypeError` when the line executes, which usually aborts the import of the module.',
    fix: 'Rename it to the nearest valid option.',
  },
  scope: 'site',
  check(context) {
    const { site, celeryVersion } = context;
    const known = connectOptionsFor(celeryVersion);
    const findings: RuleFinding[] = [];
    for (const argument of site.connection.arguments) {
      if (argument.positional || argument.keyword === undefined || !argument.keywordSpan) continue;
      if (known.includes(argument.keyword)) continue;
      const suggestion = closestName(argument.keyword, known);
      findings.push({
        span: argument.keywordSpan,
        message: messages.unknown(site.connection.signal.name, known.join(', '), argument.keyword === 'retry' ? RELEASES.retryOption : undefined, argument.keyword, suggestion, assumedVersionText(celeryVersion, context.celeryVersionOrigin)),
        fixes: suggestion ? [{ title: messages.rename(suggestion), edits: [{ span: argument.keywordSpan, newText: suggestion }], preferred: true }] : [],
      });
    }
    return findings;
  },
};
