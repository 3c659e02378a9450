import type { HandlerSite, Span } from '../model';
import { LineIndex } from '../text';
import { optionArguments, quote } from './support/sites';
import type { FileRule, RuleFinding } from './support/types';
import { atLeast, RELEASES } from './support/versions';
import { messageTable } from './support/messages';

/** The sender filter as written, '' for none: part of the key Celery stores receivers under. */
function senderKey(site: HandlerSite): string {
  const sender = optionArguments(site).find((o) => o.option === 'sender')?.argument;
  return sender && sender.value.kind !== 'none' ? (sender.written ?? '') : '';
}

const messages = messageTable('same-method-twice', {
  sameFunction: {
    en: (receiver: string, earlier: string, signal: string, line: number) =>
      `Celery keys bound methods by their function, so ${quote(receiver)} counts as the ${quote(earlier)} already connected to ${signal} on line ${line}: this connect is ignored and this instance is never called. Give each a dispatch_uid.`,
    'zh-cn': (receiver: string, earlier: string, signal: string, line: number) =>
      `Celery 以底层函数来识别绑定方法，因此 ${quote(receiver)} 被视为第 ${line} 行已连接到 ${signal} 的 ${quote(earlier)}：这次 connect 会被忽略，这个实例永远不会被调用。请为每个连接指定 dispatch_uid。`,
  },
  kept: { en: () => 'the instance whose method is kept', 'zh-cn': () => '其方法被保留的实例' },
});

export const sameMethodTwice: FileRule = {
  code: 'same-method-twice',
  defaultSeverity: 'warning',
  docs: {
    summary: { en: 'The same method of two different instances is connected to one signal; Celery keeps only the first.', 'zh-cn': '两个不同实例的同一方法被连接到同一信号；Celery 只保留第一个。' },
    rationale:
      'One method, taken from two different instances, is connected to one signal without a `dispatch_uid`. Since Celery 4.2.0 a bound method is registered under the id of the function behind it, so the second connect is silently dropped and only the first instance\'s method runs.',
    fix: 'Give each connect its own `dispatch_uid`, or connect one function that calls every instance.',
  },
  scope: 'file',
  check({ model, text, celeryVersion }) {
    if (model.language !== 'python' || !atLeast(celeryVersion, RELEASES.retryOption)) return [];
    const first = new Map<string, { receiver: string; offset: number; span: Span }>();
    const findings: RuleFinding[] = [];
    let lines: LineIndex | undefined;
    for (const site of model.sites) {
      const handler = site.handler;
      if (site.receiverKind !== 'attribute' || !handler?.implicitFirstParam || !site.receiverSpan) continue;
      if (optionArguments(site).some((o) => o.option === 'dispatch_uid')) continue;
      const key = `${site.connection.signal.name}\u0000${handler.definitionSpan.start}\u0000${senderKey(site)}`;
      const receiver = site.receiverWritten ?? '';
      const earlier = first.get(key);
      if (!earlier) {
        first.set(key, { receiver, offset: site.receiverSpan.start, span: site.receiverSpan });
        continue;
      }
      if (earlier.receiver === receiver) continue;
      lines ??= new LineIndex(text);
      findings.push({
        span: site.receiverSpan,
        message: messages.sameFunction(receiver, earlier.receiver, site.connection.signal.name, lines.positionAt(earlier.offset).line + 1),
        related: [{ span: earlier.span, message: messages.kept() }],
      });
    }
    return findings;
  },
};
