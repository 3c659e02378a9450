import { compareVersions } from '../../catalog/versions';
import { closestName } from './support/didYouMean';
import { CONNECT_OPTIONS, quote } from './support/sites';
import type { RuleFinding, SiteRule } from './support/types';

/** `retry=` arrived in Celery 4.2.0; before that it is as unknown as any other name. */
const RETRY_SINCE = '4.2.0';

export const unknownConnectOption: SiteRule = {
  code: 'unknown-connect-option',
  defaultSeverity: 'error',
  scope: 'site',
  summary: 'connect() is given an option it does not accept.',
  rationale:
    'connect() accepts only sender, weak, dispatch_uid and retry (retry since 4.2.0). Any other keyword, including receiver=, raises TypeError when the connect line runs, which usually aborts the import of the module.',
  check(context) {
    const { site, celeryVersion } = context;
    const known: string[] = CONNECT_OPTIONS.filter((o) => o !== 'retry' || compareVersions(celeryVersion, RETRY_SINCE) >= 0);
    const findings: RuleFinding[] = [];
    for (const argument of site.connection.arguments) {
      if (argument.positional || argument.keyword === undefined || !argument.keywordSpan) continue;
      if (known.includes(argument.keyword)) continue;
      const suggestion = closestName(argument.keyword, known);
      const tooNew = argument.keyword === 'retry' ? ` (retry= only exists since Celery ${RETRY_SINCE})` : '';
      findings.push({
        span: argument.keywordSpan,
        message:
          `${site.connection.signal.name}.connect() accepts only ${known.join(', ')}${tooNew}: ${quote(argument.keyword)} makes it raise TypeError as soon as this line runs, ` +
          `so nothing gets connected.${suggestion ? ` Did you mean ${quote(suggestion)}?` : ''}`,
        fixes: suggestion ? [{ title: `Rename to ${quote(suggestion)}`, edits: [{ span: argument.keywordSpan, newText: suggestion }], preferred: true }] : [],
      });
    }
    return findings;
  },
};
