import type { HandlerSite } from '../model';
import { LineIndex } from '../text';
import { optionArguments } from './support/sites';
import type { FileRule, RuleFinding } from './support/types';

/** The handler definition when known, else the receiver expression as written. */
function receiverIdentity(site: HandlerSite, text: string): string {
  if (site.handler) return `definition@${site.handler.definitionSpan.start}`;
  return site.receiverSpan ? text.slice(site.receiverSpan.start, site.receiverSpan.end) : `site@${site.connection.span.start}`;
}

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
  summary: 'A second receiver connected with a dispatch_uid (and sender) already used for the signal.',
  rationale:
    'Celery keys receivers by dispatch_uid and sender. Connecting another receiver under a key that is already taken is silently ignored, so only the first receiver ever runs.',
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
      const senderText = sender && sender.value.kind !== 'none' ? text.slice(sender.valueSpan.start, sender.valueSpan.end) : '';
      const key = `${site.connection.signal.name}\u0000${uid.value.value}\u0000${senderText}`;
      const receiver = receiverIdentity(site, text);
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
        message: `${site.connection.signal.name} already has a receiver connected with dispatch_uid ${JSON.stringify(uid.value.value)} (line ${lines.positionAt(earlier.offset).line + 1}), so Celery ignores this connect and this handler never runs. Give it its own dispatch_uid.`,
        related: [{ span: { start: earlier.offset, end: earlier.offset }, message: 'the receiver that keeps this dispatch_uid' }],
      });
    }
    return findings;
  },
};
