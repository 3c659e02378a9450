import { defaultLiteral, insertionIsKeywordOnly, insertNamedParams, positionalDefaultsPresent } from './support/paramEdits';
import type { Fix } from '../diagnostics';
import type { NameRead } from '../model';
import { takesWholeObject } from './support/addAllParams';
import { everyConnectionSends } from './support/connections';
import { dispatchFailure } from './support/params';
import { handlerContext, quote } from './support/sites';
import type { HandlerContext, RuleFinding, SiteRule } from './support/types';

function fixesFor(context: HandlerContext, read: NameRead, declaration: string): Fix[] {
  // `(kw) => ... sender`: the one parameter holds every keyword; a second one would change how it is called.
  if (takesWholeObject(context)) {
    const object = context.handler.params[0].name;
    const newText = read.shorthandProperty ? `${read.name}: ${object}.${read.name}` : `${object}.${read.name}`;
    return [{ title: `Read ${quote(`${object}.${read.name}`)}`, edits: [{ span: read.span, newText }], preferred: true }];
  }
  // Declared, the keyword would be missing from the calls of a connected signal that never sends it.
  if (!everyConnectionSends(context, read.name)) return [];
  return [{ title: `Add ${quote(read.name)} as a parameter`, edits: [insertNamedParams(context.text, context.handler, [declaration])], preferred: true }];
}

export const undeclaredKwargRead: SiteRule = {
  code: 'undeclared-kwarg-read',
  defaultSeverity: 'error',
  scope: 'site',
  summary: 'The body reads a keyword of the signal that the handler never declared.',
  rationale:
    'Keywords that a handler does not name end up inside **kwargs, not as variables. Reading one by its bare name raises NameError when that line runs; Celery logs it and the rest of the body is skipped.',
  check(siteContext) {
    const context = handlerContext(siteContext);
    if (!context) return [];
    const { handler, sent, text, model, signal } = context;
    const declared = new Set(handler.params.map((p) => p.name));
    const reported = new Set<string>();
    const findings: RuleFinding[] = [];
    for (const read of handler.freeReads) {
      if (read.boundOutside || declared.has(read.name) || reported.has(read.name)) continue;
      const spec = sent.byName.get(read.name);
      if (!spec) continue;
      reported.add(read.name);
      // Read by name (Python, or plain TypeScript parameters), a keyword some send sites leave out needs a default.
      const python = model.language === 'python';
      const needsDefault =
        handler.paramStyle === 'keywords' && (spec.sometimesAbsent || (python && !insertionIsKeywordOnly(handler) && positionalDefaultsPresent(handler)));
      const declaration = needsDefault ? `${read.name}${python ? '=' : ' = '}${defaultLiteral(model.language)}` : read.name;
      const error = model.language === 'python' ? 'NameError' : 'ReferenceError';
      findings.push({
        span: read.span,
        message: `${quote(read.name)} is a keyword of ${signal.name}, but the handler does not declare it, so it is not a variable here: this line raises ${error}, ${dispatchFailure(context, 'so the rest of the body is skipped')}.`,
        fixes: fixesFor(context, read, declaration),
      });
    }
    return findings;
  },
};
