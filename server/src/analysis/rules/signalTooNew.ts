import { atLeast } from './support/versions';
import { quote } from './support/sites';
import type { FileRule, RuleFinding } from './support/types';
import { messageTable, spaced } from './support/messages';
import { missingNameText } from './support/phrases';
import type { Translated } from '../diagnostics';
import { assumedVersionText } from '../versionOrigin';

const messages = messageTable('signal-too-new', {
  guarded: {
    en: (name: string, tooNew: boolean, release: string | undefined, version: Translated) =>
      `${quote(name)} ${tooNew ? `arrived in Celery ${release}` : `was removed in Celery ${release}`}; on ${version.en} this import fails and the \`except ImportError\` branch runs instead, so nothing is connected to it.`,
    'zh-cn': (name: string, tooNew: boolean, release: string | undefined, version: Translated) =>
      `${quote(name)} ${tooNew ? `在 Celery ${release} 才加入` : `已在 Celery ${release} 中移除`}；在${spaced(version['zh-cn'])}上这条导入会失败，转而执行 \`except ImportError\` 分支，因此没有任何处理函数连接到它。`,
  },
  notThere: {
    en: (name: string, tooNew: boolean, release: string | undefined, version: Translated, failure: Translated) =>
      `${quote(name)} ${tooNew ? `arrived in Celery ${release}` : `was removed in Celery ${release}`}; on ${version.en} ${failure.en}, and no handler in this module gets connected.`,
    'zh-cn': (name: string, tooNew: boolean, release: string | undefined, version: Translated, failure: Translated) =>
      `${quote(name)} ${tooNew ? `在 Celery ${release} 才加入` : `已在 Celery ${release} 中移除`}；在${spaced(version['zh-cn'])}上${failure['zh-cn']}，本模块中的处理函数都不会被连接。`,
  },
});

export const signalTooNew: FileRule = {
  code: 'signal-too-new',
  defaultSeverity: 'warning',
  docs: {
    summary: { en: 'The signal or keyword does not exist yet in the configured Celery release.', 'zh-cn': '所配置的 Celery 版本中还没有该信号或关键字。' },
    rationale:
      'The signal was added after the Celery release the project is configured for (`worker_before_create_process` arrived in 5.3). On that release the name does not exist and importing it fails. The release comes from `celerySignals.celeryVersion` or `--celery-version`; without either it is read from the project\'s lock, requirements or project files (the lowest release a range allows), and failing that it is the newest release in the catalog. The message names the file and line it was read from. An import guarded by `try: ... except ImportError:` is how code supports several releases on purpose: the module still loads, so that case is only a hint.',
    fix: 'Configure the release you really deploy, or use a signal that release has.',
  },
  scope: 'file',
  check({ model, catalog, celeryVersion, celeryVersionOrigin }) {
    const findings: RuleFinding[] = [];
    const version = assumedVersionText(celeryVersion, celeryVersionOrigin);
    for (const ref of model.signalRefs) {
      if (ref.resolution !== 'catalog') continue;
      const spec = catalog.get(ref.name);
      if (!spec) continue;
      const tooNew = spec.since !== undefined && !atLeast(celeryVersion, spec.since);
      const removed = spec.removed !== undefined && atLeast(celeryVersion, spec.removed);
      if (!tooNew && !removed) continue;
      // Under `try: ... except ImportError:` the module still loads; only this signal's handlers are lost.
      const imports = model.imports.filter((b) => b.kind === 'signal' && b.target.endsWith(`.${ref.name}`));
      const guarded = imports.length > 0 && imports.every((b) => b.guarded);
      const inImport = imports.some((b) => b.span.start <= ref.nameSpan.start && ref.nameSpan.end <= b.span.end);
      // The import line already says it; uses of the name sit behind whatever the except branch bound.
      if (guarded && !inImport) continue;
      const release = tooNew ? spec.since : spec.removed;
      findings.push({
        span: ref.nameSpan,
        message: guarded
          ? messages.guarded(spec.name, tooNew, release, version)
          : messages.notThere(spec.name, tooNew, release, version, missingNameText(model, ref)),
        // A guarded import is how code supports several releases on purpose: worth knowing, not a warning.
        ...(guarded ? { severity: 'hint' as const } : {}),
      });
    }
    return findings;
  },
};
