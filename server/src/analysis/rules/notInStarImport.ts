import type { FileModel } from '../model';
import { quote } from './support/sites';
import type { FileRule, RuleFinding } from './support/types';
import { messageTable } from './support/messages';

/** Star imports of signal modules: `from celery.signals import *`, with the statement's span. */
function starImports(model: FileModel, text: string): { module: string; end: number }[] {
  const seen = new Map<string, number>();
  for (const binding of model.imports) {
    if (binding.kind !== 'signal' || seen.has(binding.target)) continue;
    const statement = text.slice(binding.span.start, binding.span.end);
    const match = /^from\s+([\w.]+)\s+import\s+\*/.exec(statement);
    if (match) seen.set(match[1], binding.span.end);
  }
  return [...seen].map(([module, end]) => ({ module, end }));
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
  check({ model, text, catalog }) {
    if (model.language !== 'python') return [];
    const findings: RuleFinding[] = [];
    const bound = new Set(model.imports.map((b) => b.localName));
    for (const star of starImports(model, text)) {
      for (const signal of catalog.signalsOfModule(star.module)) {
        const name = signal.name.split('.').pop()!;
        if (signal.inStarImport || bound.has(name)) continue;
        const use = new RegExp(`^[ \\t]*@?(${name})\\s*\\.\\s*connect\\b`, 'gm');
        for (let match = use.exec(text); match; match = use.exec(text)) {
          const start = match.index + match[0].indexOf(name);
          findings.push({
            span: { start, end: start + name.length },
            message: messages.notBound(star.module, name),
            fixes: [{ title: messages.importByName(name), edits: [{ span: { start: star.end, end: star.end }, newText: `\nfrom ${star.module} import ${name}` }], preferred: true }],
          });
        }
      }
    }
    return findings;
  },
};
