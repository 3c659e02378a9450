/**
 * Records how receivers and connect options are written, so that rules can tell two of them apart
 * (the same filter, the same bound method) from the model alone. Shared by every front end.
 */
import type { HandlerSite } from '../model';
import type { SourceText } from '../sourceText';

function written(text: SourceText, start: number, end: number): string {
  return text.slice(start, end).replace(/\s+/g, ' ');
}

export function recordWrittenTexts(sites: readonly HandlerSite[], text: SourceText): void {
  for (const site of sites) {
    if (site.receiverSpan) site.receiverWritten = written(text, site.receiverSpan.start, site.receiverSpan.end);
    for (const argument of site.connection.arguments) argument.written = written(text, argument.valueSpan.start, argument.valueSpan.end);
  }
}
