import { atLeast } from './support/versions';
import type { TextEdit } from '../diagnostics';
import { renameSignalEdits } from './support/signalRefs';
import { quote } from './support/sites';
import type { FileRule, RuleFinding } from './support/types';

export const deprecatedSignal: FileRule = {
  code: 'deprecated-signal',
  defaultSeverity: 'warning',
  scope: 'file',
  summary: 'A handler connected to a signal Celery has deprecated.',
  rationale:
    'Deprecated signals are kept for old code and may stop being sent; the replacement carries the same information in its current form.',
  check({ model, catalog, text, celeryVersion }) {
    const findings: RuleFinding[] = [];
    const editsPerName = new Map<string, TextEdit[]>();
    // Only connecting a handler is a use worth a warning: importing the name or reading its `send` and
    // `receivers` (as Celery's own compatibility code does) connects nothing.
    for (const ref of model.sites.map((site) => site.connection.signal)) {
      if (ref.resolution !== 'catalog') continue;
      const spec = catalog.get(ref.name);
      const deprecation = spec?.deprecated;
      if (!spec || !deprecation || !atLeast(celeryVersion, deprecation.since)) continue;
      const replacement = deprecation.replacement;
      let edits = editsPerName.get(ref.name);
      if (!edits) editsPerName.set(ref.name, (edits = replacement ? renameSignalEdits(text, model, ref.name, replacement) : []));
      findings.push({
        span: ref.nameSpan,
        message: `${quote(spec.name)} is deprecated since Celery ${deprecation.since}${replacement ? `; use ${quote(replacement)}, which receives different keywords, so review the handler` : ''}.`,
        fixes: edits.length > 0 ? [{ title: `Use ${quote(replacement!)}`, edits }] : [],
        tags: ['deprecated'],
      });
    }
    return findings;
  },
};
