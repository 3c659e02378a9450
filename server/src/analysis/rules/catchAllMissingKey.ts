import { dispatchFailure } from './support/params';
import { handlerContext, quote } from './support/sites';
import type { RuleFinding, SiteRule } from './support/types';

export const catchAllMissingKey: SiteRule = {
  code: 'catch-all-missing-key',
  defaultSeverity: 'error',
  scope: 'site',
  summary: 'The body reads `kwargs["key"]` for a keyword that never lands in the catch-all.',
  rationale:
    'The **kwargs catch-all only holds the keywords the signal sends that no named parameter takes. Subscripting it with a key the signal never sends, or one a named parameter already takes, raises KeyError on every dispatch; Celery logs it and the rest of the body is skipped. `kwargs.get(...)` returns None instead.',
  check(siteContext) {
    const context = handlerContext(siteContext);
    if (!context || context.model.language !== 'python') return [];
    const { handler, sent, signal } = context;
    const reads = handler.catchAllReads ?? [];
    if (reads.length === 0) return [];
    const catchAll = handler.params.find((p) => p.kind === 'var-keyword')?.name ?? 'kwargs';
    const findings: RuleFinding[] = [];
    for (const read of reads) {
      if (read.access !== 'subscript' || !read.unconditional) continue;
      const named = handler.params.find((p) => p.name === read.key && p.kind !== 'var-keyword' && p.kind !== 'positional-only');
      const spec = sent.byName.get(read.key);
      let why: string | undefined;
      if (named && spec) why = `${signal.name} sends ${quote(read.key)}, but the parameter ${quote(read.key)} takes it, so it never reaches ${quote(catchAll)}`;
      else if (!spec) {
        const later = sent.later.get(read.key);
        why = later
          ? `${signal.name} only sends ${quote(read.key)} from Celery ${later.since} on, not on ${context.celeryVersion}`
          : `${signal.name} never sends ${quote(read.key)}`;
      }
      if (!why) continue;
      findings.push({
        span: read.span,
        message: `${why}: ${catchAll}[${JSON.stringify(read.key)}] raises KeyError on every dispatch, ${dispatchFailure(context, 'so the rest of the body is skipped')}.`,
        fixes: named || read.then ? [] : [{ title: `Use ${catchAll}.get(${JSON.stringify(read.key)})`, edits: [{ span: read.span, newText: `${catchAll}.get(${JSON.stringify(read.key)})` }] }],
      });
    }
    return findings;
  },
};
