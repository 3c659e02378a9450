import { atLeast } from './support/versions';
import { missingNameFailure } from './support/signalRefs';
import { quote } from './support/sites';
import type { FileRule, RuleFinding } from './support/types';

export const signalTooNew: FileRule = {
  code: 'signal-too-new',
  defaultSeverity: 'warning',
  scope: 'file',
  summary: 'A signal that the configured Celery release does not have.',
  rationale:
    'A signal added after (or removed before) the project\'s Celery release does not exist there: importing it fails, so the module\'s handlers never get connected. Raise the configured version if the project really uses a newer Celery.',
  check({ model, catalog, celeryVersion }) {
    const findings: RuleFinding[] = [];
    for (const ref of model.signalRefs) {
      if (ref.resolution !== 'catalog') continue;
      const spec = catalog.get(ref.name);
      if (!spec) continue;
      const tooNew = spec.since !== undefined && !atLeast(celeryVersion, spec.since);
      const removed = spec.removed !== undefined && atLeast(celeryVersion, spec.removed);
      if (!tooNew && !removed) continue;
      const when = tooNew ? `arrived in Celery ${spec.since}` : `was removed in Celery ${spec.removed}`;
      // Under `try: ... except ImportError:` the module still loads; only this signal's handlers are lost.
      const imports = model.imports.filter((b) => b.kind === 'signal' && b.target.endsWith(`.${ref.name}`));
      const guarded = imports.length > 0 && imports.every((b) => b.guarded);
      const inImport = imports.some((b) => b.span.start <= ref.nameSpan.start && ref.nameSpan.end <= b.span.end);
      // The import line already says it; uses of the name sit behind whatever the except branch bound.
      if (guarded && !inImport) continue;
      findings.push({
        span: ref.nameSpan,
        message: guarded
          ? `${quote(spec.name)} ${when}; on the configured Celery ${celeryVersion} this import fails and the \`except ImportError\` branch runs instead, so nothing is connected to it.`
          : `${quote(spec.name)} ${when}; on the configured Celery ${celeryVersion} ${missingNameFailure(model, ref)}, and no handler in this module gets connected.`,
      });
    }
    return findings;
  },
};
