import type { HandlerSite } from '../model';
import { LineIndex } from '../text';
import { optionArguments } from './support/sites';
import type { FileRule, RuleFinding } from './support/types';
import { messageTable } from './support/messages';

/** The handler definition when known, else the receiver expression as written. */
function receiverIdentity(site: HandlerSite): string {
  if (site.handler) return `definition@${site.handler.definitionSpan.start}`;
  return site.receiverWritten ?? `site@${site.connection.span.start}`;
}

const messages = messageTable('duplicate-dispatch-uid', {
  ignored: {
    en: (signal: string, uid: string, line: number) =>
      `${signal} already has a receiver connected with dispatch_uid ${uid} (line ${line}), so Celery ignores this connect and this handler never runs. Give it its own dispatch_uid.`,
    'zh-cn': (signal: string, uid: string, line: number) =>
      `${signal} 已经有一个以 dispatch_uid ${uid} 连接的接收者（第 ${line} 行），Celery 会忽略这次 connect，这个处理函数永远不会执行。请给它一个独立的 dispatch_uid。`,
  },
  keeper: { en: () => 'the receiver that keeps this dispatch_uid', 'zh-cn': () => '保留此 dispatch_uid 的接收者' },
});

export const duplicateDispatchUid: FileRule = {
  code: 'duplicate-dispatch-uid',
  defaultSeverity: 'warning',
  docs: {
    summary: { en: 'A second receiver reuses a `dispatch_uid` (and sender) already connected to the signal, so Celery silently keeps only the first.', 'zh-cn': '第二个接收者复用了该信号上已连接的 `dispatch_uid`（及 sender），Celery 会悄悄地只保留第一个。' },
    rationale:
      'Another receiver is already connected to this signal under the same `dispatch_uid` (and sender). Celery ignores the second connect without a word, so only the first receiver runs.',
    fix: 'Give each receiver its own `dispatch_uid`.',
  },
  scope: 'file',
  check({ model, text }) {
    const first = new Map<string, { offset: number; receiver: string }>();
    const findings: RuleFinding[] = [];
    let lines: LineIndex | undefined;
    for (const site of model.sites) {
      if (site.connection.signal.resolution !== 'catalog' || site.connection.positionalReceiver) continue;
      const options = optionArguments(site);
      const uid = options.find((o) => o.option === 'dispatch_uid')?.argument;
      if (!uid || uid.value.kind !== 'string') continue;
      const sender = options.find((o) => o.option === 'sender')?.argument;
      const senderText = sender && sender.value.kind !== 'none' ? (sender.written ?? '') : '';
      const key = `${site.connection.signal.name}\u0000${uid.value.value}\u0000${senderText}`;
      const receiver = receiverIdentity(site);
      const earlier = first.get(key);
      if (earlier === undefined) {
        first.set(key, { offset: uid.valueSpan.start, receiver });
        continue;
      }
      // Connecting the same receiver again under its uid is the harmless case the uid is for.
      if (earlier.receiver === receiver) continue;
      lines ??= new LineIndex(text);
      findings.push({
        span: uid.valueSpan,
        message: messages.ignored(site.connection.signal.name, JSON.stringify(uid.value.value), lines.positionAt(earlier.offset).line + 1),
        related: [{ span: { start: earlier.offset, end: earlier.offset }, message: messages.keeper() }],
      });
    }
    return findings;
  },
};
