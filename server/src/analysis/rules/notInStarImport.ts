import type { Catalog } from '../../catalog/catalog';
import type { FileModel, Span } from '../model';
import { quote } from './support/sites';
import type { FileRule } from './support/types';
import { messageTable } from './support/messages';

export interface StarImportMiss {
  name: string;
  span: Span;
  topLevel: boolean;
  /** The star import the module relies on for the name. */
  star: { module: string; span: Span };
}

/** `name.connect` on a signal that a star import of its module was expected to bind but does not. */
export function starImportMisses(model: FileModel, catalog: Catalog): StarImportMiss[] {
  const run = model.importRun;
  if (!run || run.starImports.length === 0) return [];
  const misses: StarImportMiss[] = [];
  for (const use of run.unboundConnects) {
    const star = run.starImports.find((s) => catalog.signalsOfModule(s.module).some((signal) => !signal.inStarImport && signal.name.split('.').pop() === use.name));
    if (star) misses.push({ ...use, star });
  }
  return misses;
}

const messages = messageTable('not-in-star-import', {
  notBound: {
    en: (module: string, name: string) =>
      `\`from ${module} import *\` does not bring in ${quote(name)} (it is left out of __all__), so this line raises NameError. Import it by name.`,
    'zh-cn': (module: string, name: string) =>
      `\`from ${module} import *\` 不会导入 ${quote(name)}（它不在 __all__ 中），因此这一行会抛出 NameError。请按名字导入它。`,
  },
  importByName: { en: (name: string) => `Import ${quote(name)} by name`, 'zh-cn': (name: string) => `按名字导入 ${quote(name)}` },
});

export const notInStarImport: FileRule = {
  code: 'not-in-star-import',
  defaultSeverity: 'error',
  docs: {
    summary: { en: 'A signal is used through `from celery.signals import *`, which does not bring that signal in.', 'zh-cn': '通过 `from celery.signals import *` 使用了一个星号导入并不会引入的信号。' },
    rationale:
      'The module relies on `from celery.signals import *` for a signal that `celery.signals` leaves out of `__all__` (`import_modules`, `task_sent`, `user_preload_options`). The star import does not bind it, so using the name raises `NameError`, during the import when the use is at module level.',
    fix: 'Import the signal by name.',
  },
  scope: 'file',
  check({ model, catalog }) {
    return starImportMisses(model, catalog).map(({ name, span, star }) => ({
      span,
      message: messages.notBound(star.module, name),
      fixes: [{ title: messages.importByName(name), edits: [{ span: { start: star.span.end, end: star.span.end }, newText: `\nfrom ${star.module} import ${name}` }], preferred: true }],
    }));
  },
};
