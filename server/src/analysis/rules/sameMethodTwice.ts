import type { HandlerSite, Span } from '../model';
import { LineIndex } from '../text';
import { optionArguments, quote } from './support/sites';
import type { FileRule, RuleFinding } from './support/types';
import { atLeast, RELEASES } from './support/versions';

/** The sender filter as written, '' for none: part of the key Celery stores receivers under. */
function senderKey(site: HandlerSite): string {
  const sender = optionArguments(site).find((o) => o.option === 'sender')?.argument;
  return sender && sender.value.kind !== 'none' ? (sender.written ?? '') : '';
}

export const sameMethodTwice: FileRule = {
  code: 'same-method-twice',
  defaultSeverity: 'warning',
  scope: 'file',
  summary: 'The same method of two instances connected to one signal: only the first is kept.',
  rationale:
    'Since Celery 4.2.0 a bound method is registered under the id of its function, not of the instance. Connecting `a.handler` and then `b.handler` (two instances of one class) without a dispatch_uid is therefore ignored the second time.',
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
        message: `Celery keys bound methods by their function, so ${quote(receiver)} counts as the ${quote(earlier.receiver)} already connected to ${site.connection.signal.name} on line ${lines.positionAt(earlier.offset).line + 1}: this connect is ignored and this instance is never called. Give each a dispatch_uid.`,
        related: [{ span: earlier.span, message: 'the instance whose method is kept' }],
      });
    }
    return findings;
  },
};
