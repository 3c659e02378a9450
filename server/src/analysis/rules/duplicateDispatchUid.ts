import type { HandlerSite } from '../model';
import { LineIndex } from '../text';
import { optionArguments } from './support/sites';
import type { FileRule, RuleFinding } from './support/types';

/** The handler definition when known, else the receiver expression as written. */
function receiverIdentity(site: HandlerSite): string {
  if (site.handler) return `definition@${site.handler.definitionSpan.start}`;
  return site.receiverWritten ?? `site@${site.connection.span.start}`;
}

export const duplicateDispatchUid: FileRule = {
  code: 'duplicate-dispatch-uid',
  defaultSeverity: 'warning',
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
        message: `${site.connection.signal.name} already has a receiver connected with dispatch_uid ${JSON.stringify(uid.value.value)} (line ${lines.positionAt(earlier.offset).line + 1}), so Celery ignores this connect and this handler never runs. Give it its own dispatch_uid.`,
        related: [{ span: { start: earlier.offset, end: earlier.offset }, message: 'the receiver that keeps this dispatch_uid' }],
      });
    }
    return findings;
  },
};
