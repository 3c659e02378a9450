import { atLeast } from './support/versions';
import type { TextEdit, Translated } from '../diagnostics';
import { assumedVersionText } from '../versionOrigin';
import { renameSignalEdits } from './support/signalRefs';
import { quote } from './support/sites';
import type { FileContext, FileRule, RuleFinding } from './support/types';
import { messageTable } from './support/messages';

const messages = messageTable('deprecated-signal', {
  deprecated: {
    en: (name: string, since: string, replacement: string | undefined, version: Translated | undefined) =>
      `${quote(name)} is deprecated since Celery ${since}${version ? `, and the project runs ${version.en}` : ''}${replacement ? `; use ${quote(replacement)}, which receives different keywords, so review the handler` : ''}.`,
    'zh-cn': (name: string, since: string, replacement: string | undefined, version: Translated | undefined) =>
      `${quote(name)} 自 Celery ${since} 起已弃用${version ? `，而项目使用的是 ${version['zh-cn']}` : ''}${replacement ? `；请改用 ${quote(replacement)}，它收到的关键字参数不同，请检查处理函数` : ''}。`,
  },
  use: { en: (replacement: string) => `Use ${quote(replacement)}`, 'zh-cn': (replacement: string) => `改用 ${quote(replacement)}` },
});

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
  docs: {
    summary: { en: 'The signal is deprecated; its replacement sends different keywords.', 'zh-cn': '该信号已弃用；替代它的信号发送的关键字不同。' },
    rationale:
      'The code connects a signal Celery has deprecated, such as `task_sent`, whose replacement `after_task_publish` sends a different set of keywords. Deprecated signals remain only for old code and may stop being sent. Only connections are reported: importing the name, or reading its `send` or `receivers` (as Celery\'s own compatibility code does), is not.',
    fix: 'Connect the replacement signal, then check the handler\'s parameters against what it sends.',
  },
  scope: 'file',
  check(context) {
    const { model, catalog, text, celeryVersion, celeryVersionOrigin } = context;
    const version = celeryVersionOrigin && assumedVersionText(celeryVersion, celeryVersionOrigin);
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
      if (!edits) editsPerName.set(ref.name, (edits = replacement && handlersFit(context, ref.name, replacement) ? renameSignalEdits(text, model, ref.name, replacement) : []));
      findings.push({
        span: ref.nameSpan,
        message: messages.deprecated(spec.name, deprecation.since, replacement, version),
        fixes: edits.length > 0 ? [{ title: messages.use(replacement!), edits }] : [],
        tags: ['deprecated'],
      });
    }
    return findings;
  },
};
