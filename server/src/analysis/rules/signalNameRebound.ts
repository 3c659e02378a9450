import { LineIndex } from '../text';
import { quote } from './support/sites';
import type { FileRule } from './support/types';
import { messageTable } from './support/messages';

const messages = messageTable('signal-name-rebound', {
  rebound: {
    en: (name: string, signal: string, line: number) =>
      `${quote(name)} is no longer the ${signal} signal here: the definition at line ${line} rebound the name, so \`.connect\` raises AttributeError when the module is imported and nothing after it is connected. Rename that function.`,
    'zh-cn': (name: string, signal: string, line: number) =>
      `这里的 ${quote(name)} 已不再是 ${signal} 信号：第 ${line} 行的定义重新绑定了这个名称，因此导入模块时 \`.connect\` 会抛出 AttributeError，此后的处理函数都不会被连接。请给那个函数改名。`,
  },
  rebinds: { en: (name: string) => `rebinds ${quote(name)}`, 'zh-cn': (name: string) => `重新绑定了 ${quote(name)}` },
});

export const signalNameRebound: FileRule = {
  code: 'signal-name-rebound',
  defaultSeverity: 'error',
  docs: {
    summary: {
      en: 'The module rebinds a signal\'s name (a handler named like its signal), so a later `.connect` on that name raises AttributeError at import.',
      'zh-cn': '模块重新绑定了信号的名称（处理函数与信号同名），因此之后对该名称调用 `.connect` 会在导入时抛出 AttributeError。',
    },
    rationale:
      'A handler defined with the same name as its signal (`@task_success.connect` over `def task_success(...)`) replaces the module\'s name for the signal with the function once the decorator has run. The first connection works; a later `task_success.connect` looks up `connect` on a function and raises AttributeError while the module is imported, so the import stops there and nothing below it is connected.',
    fix: 'Give the handler a name of its own (`on_task_success`).',
  },
  scope: 'file',
  check({ model, text }) {
    const uses = model.reboundSignalUses ?? [];
    if (uses.length === 0) return [];
    const lines = new LineIndex(text);
    return uses.map((use) => ({
      span: use.span,
      message: messages.rebound(use.name, use.signal, lines.positionAt(use.reboundAt.start).line + 1),
      related: [{ span: use.reboundAt, message: messages.rebinds(use.name) }],
    }));
  },
};
