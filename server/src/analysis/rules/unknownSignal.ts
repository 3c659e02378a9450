import type { TextEdit } from '../diagnostics';
import type { FileModel, SignalRef } from '../model';
import { closestName } from './support/didYouMean';
import { isMissingName, renameSignalEdits } from './support/signalRefs';
import { quote } from './support/sites';
import type { FileRule, RuleFinding } from './support/types';
import { messageTable } from './support/messages';
import { missingNameText } from './support/phrases';
import type { Translated } from '../diagnostics';

const messages = messageTable('unknown-signal', {
  noSuchSignal: {
    en: (source: string, name: string, failure: Translated, suggestion: string | undefined) =>
      `${source} has no signal named ${quote(name)}: ${failure.en}, and no handler in this module gets connected.${suggestion ? ` Did you mean ${quote(suggestion)}?` : ''}`,
    'zh-cn': (source: string, name: string, failure: Translated, suggestion: string | undefined) =>
      `${source} 中没有名为 ${quote(name)} 的信号：${failure['zh-cn']}，本模块中的处理函数都不会被连接。${suggestion ? `你是不是想写 ${quote(suggestion)}？` : ''}`,
  },
  guarded: {
    en: (source: string, name: string, suggestion: string | undefined) =>
      `${source} has no signal named ${quote(name)}: this import fails and the \`except ImportError\` branch runs instead, so nothing is connected to it.${suggestion ? ` Did you mean ${quote(suggestion)}?` : ''}`,
    'zh-cn': (source: string, name: string, suggestion: string | undefined) =>
      `${source} 中没有名为 ${quote(name)} 的信号：这条导入会失败，转而执行 \`except ImportError\` 分支，因此没有任何处理函数连接到它。${suggestion ? `你是不是想写 ${quote(suggestion)}？` : ''}`,
  },
  changeTo: { en: (name: string) => `Change to ${quote(name)}`, 'zh-cn': (name: string) => `改为 ${quote(name)}` },
});

export const unknownSignal: FileRule = {
  code: 'unknown-signal',
  defaultSeverity: 'error',
  docs: {
    summary: { en: 'A name is imported or read from a signal module that does not define it, so the import fails.', 'zh-cn': '从信号模块导入或读取了一个它并未定义的名称，导入因此失败。' },
    rationale:
      'The code takes a name from a signal module that has no such signal (`task_posturn`). Importing or reading it fails while the module loads, so none of the module\'s handlers get connected. Only modules whose every name the catalog knows are judged: `celery.signals`, and `celery.contrib.testing.worker` from Celery 5.2.6 on, whose helpers (`start_worker`, `setup_app_for_worker`, ...) import fine. Names from your own signal modules are judged only when your catalog lists the other names of the module.',
    fix: 'Use the closest signal name, both where it is imported and where it is used.',
  },
  scope: 'file',
  check({ model, catalog, text, celeryVersion }) {
    const findings: RuleFinding[] = [];
    // One suggestion and one set of edits per misspelt name, however often it is used.
    const perName = new Map<string, { suggestion?: string; edits: TextEdit[] }>();
    for (const ref of model.signalRefs) {
      if (!isMissingName(ref, catalog, celeryVersion)) continue;
      // Under `try: ... except ImportError:` the import line says it; uses sit behind the fallback.
      if (onlyImportedGuarded(model, ref) && !guardedImport(model, ref)) continue;
      let known = perName.get(`${ref.source}\u0000${ref.name}`);
      if (!known) {
        const fromModule = catalog.isSignalModule(ref.source) ? catalog.signalsOfModule(ref.source) : catalog.signals;
        const suggested = closestName(ref.name, fromModule.filter((s) => s.access.kind === 'module').map((s) => s.name));
        known = { suggestion: suggested, edits: suggested ? renameSignalEdits(text, model, ref.name, suggested) : [] };
        perName.set(`${ref.source}\u0000${ref.name}`, known);
      }
      const { suggestion, edits } = known;
      findings.push({
        span: ref.nameSpan,
        message: guardedImport(model, ref)
          ? messages.guarded(ref.source, ref.name, suggestion)
          : messages.noSuchSignal(ref.source, ref.name, missingNameText(model, ref), suggestion),
        fixes: edits.length > 0 ? [{ title: messages.changeTo(suggestion!), edits, preferred: true }] : [],
      });
    }
    return findings;
  },
};

/** The reference is an import under `try: ... except ImportError:`, so the module still loads. */
function guardedImport(model: FileModel, ref: SignalRef): boolean {
  return model.imports.some((b) => b.guarded && b.span.start <= ref.nameSpan.start && ref.nameSpan.end <= b.span.end);
}

function onlyImportedGuarded(model: FileModel, ref: SignalRef): boolean {
  const imports = model.imports.filter((b) => b.kind === 'signal' && b.target.endsWith(`.${ref.name}`));
  return imports.length > 0 && imports.every((b) => b.guarded);
}
