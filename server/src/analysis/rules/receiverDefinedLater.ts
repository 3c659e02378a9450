import type { Span } from '../model';
import { connectsAtImport } from './support/importTime';
import { quote } from './support/sites';
import type { SiteContext, SiteRule } from './support/types';
import { messageTable } from './support/messages';

export interface UsedTooEarly {
  name: string;
  span: Span;
  role: 'receiver' | 'sender';
}

/** A name a module-level connect needs at import time that the module only defines further down. */
export function usedBeforeDefinition(context: Pick<SiteContext, 'site' | 'model'>): UsedTooEarly | undefined {
  const { site, model } = context;
  // The front end knows Python's scopes: names it marks unbound raise NameError wherever the connect runs.
  if (site.receiverUnbound && site.receiverSpan) return { name: site.receiverWritten ?? 'the receiver', span: site.receiverSpan, role: 'receiver' };
  const unbound = site.connection.arguments.find((a) => a.value.kind === 'name' && a.value.unbound);
  if (unbound?.value.kind === 'name') return { name: unbound.value.name, span: unbound.valueSpan, role: unbound.keyword === 'sender' ? 'sender' : 'receiver' };
  if (!connectsAtImport(site)) return undefined;
  const handler = site.handler;
  if (site.connection.style === 'call' && site.receiverKind === 'reference' && site.receiverSpan && handler?.definedIn === 'module') {
    // JavaScript hoists function declarations; a function stored in a const, let or var is not there yet.
    const hoisted = model.language !== 'python' && handler.kind === 'function';
    if (!hoisted && handler.definitionSpan.start > site.connection.span.start) return { name: handler.name ?? 'the receiver', span: site.receiverSpan, role: 'receiver' };
  }
  return undefined;
}

const messages = messageTable('receiver-defined-later', {
  assignedLater: {
    en: (name: string) =>
      `${name} is assigned further down, so when this line runs at import time it holds no function yet (ReferenceError for const and let, undefined for var) and the module stops loading here. Move the connect below the assignment, or use a function declaration.`,
    'zh-cn': (name: string) =>
      `${name} 在更下方才被赋值，所以导入时执行到这一行时它还不是函数（const 和 let 会抛出 ReferenceError，var 则是 undefined），模块加载在此中断。请把 connect 移到赋值之后，或改用函数声明。`,
  },
  definedLater: {
    en: (name: string, isSender: boolean) =>
      `${name} is defined further down, so when this ${isSender ? 'sender filter' : 'connect'} runs at import time the name does not exist yet: it raises NameError and the module stops loading here. Move the ${isSender ? 'handler' : 'connect'} below the definition.`,
    'zh-cn': (name: string, isSender: boolean) =>
      `${name} 在更下方才定义，所以导入时执行这个${isSender ? ' sender 过滤条件' : ' connect '}时这个名字还不存在：会抛出 NameError，模块加载在此中断。请把${isSender ? '处理函数' : ' connect '}移到定义之后。`,
  },
});

export const receiverDefinedLater: SiteRule = {
  code: 'receiver-defined-later',
  defaultSeverity: 'error',
  docs: {
    summary: { en: 'A module-level `connect` names a receiver or sender defined further down, which does not exist yet when the line runs.', 'zh-cn': '模块级的 `connect` 引用了在后面才定义的接收者或 sender，该行执行时它们还不存在。' },
    rationale:
      'A `connect(...)` at module level names a receiver, or a `sender=` task, that is defined lower in the module. Module code runs from top to bottom, so the name is still unbound when the line runs: `NameError`, and the import stops there. JavaScript behaves the same for receivers held in `const`, `let` or `var` before their assignment; function declarations are hoisted and are fine.',
    fix: 'Move the connect below the definition, or decorate the function instead.',
  },
  scope: 'site',
  check(context) {
    const later = usedBeforeDefinition(context);
    if (!later) return [];
    const name = quote(later.name);
    if (context.model.language !== 'python') {
      return [
        {
          span: later.span,
          message: messages.assignedLater(name),
        },
      ];
    }
    return [
      {
        span: later.span,
        message: messages.definedLater(name, later.role === 'sender'),
      },
    ];
  },
};
