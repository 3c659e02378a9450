import { atLeast } from './support/versions';
import type { TextEdit } from '../diagnostics';
import { renameSignalEdits } from './support/signalRefs';
import { quote } from './support/sites';
import type { FileContext, FileRule, RuleFinding } from './support/types';

const CATCH_ALL_KINDS = new Set(['var-keyword', 'var-positional', 'object-rest']);

/**
 * True when every handler connected to `name` only names keywords the replacement sends too, so
 * switching the signal leaves no parameter that keeps its default (or is undefined) forever.
 */
function handlersFit(context: FileContext, name: string, replacement: string): boolean {
  const spec = context.catalog.get(replacement);
  if (!spec) return false;
  const sent = context.sentKeywords(spec).byName;
  return context.model.sites.every((site) => {
    const handler = site.handler;
    if (site.connection.signal.name !== name || !handler) return true;
    const first = handler.params[0];
    return handler.params.every((p) => CATCH_ALL_KINDS.has(p.kind) || sent.has(p.name) || (p === first && !!handler.implicitFirstParam));
  });
}

export const deprecatedSignal: FileRule = {
  code: 'deprecated-signal',
  defaultSeverity: 'warning',
  scope: 'file',
  summary: 'A signal Celery has deprecated.',
  rationale:
    'Deprecated signals are kept for old code and may stop being sent; the replacement carries the same information in its current form.',
  check(context) {
    const { model, catalog, text, celeryVersion } = context;
    const findings: RuleFinding[] = [];
    const editsPerName = new Map<string, TextEdit[]>();
    for (const ref of model.signalRefs) {
      if (ref.resolution !== 'catalog') continue;
      const spec = catalog.get(ref.name);
      const deprecation = spec?.deprecated;
      if (!spec || !deprecation || !atLeast(celeryVersion, deprecation.since)) continue;
      const replacement = deprecation.replacement;
      let edits = editsPerName.get(ref.name);
      if (!edits) editsPerName.set(ref.name, (edits = replacement && handlersFit(context, ref.name, replacement) ? renameSignalEdits(text, model, ref.name, replacement) : []));
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
