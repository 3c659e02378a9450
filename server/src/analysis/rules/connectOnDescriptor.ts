import type { TextEdit } from '../diagnostics';
import type { Handler } from '../model';
import { descriptorBelow, quote } from './support/sites';
import type { RuleFinding, SiteRule } from './support/types';
import { strongOptions } from './support/weakReferences';
import { messageTable } from './support/messages';
import type { Translated } from '../diagnostics';

const messages = messageTable('connect-on-descriptor', {
  staticWeak: {
    en: () => 'a staticmethod object cannot be weakly referenced, so connect raises TypeError while the class body runs and the module stops loading',
    'zh-cn': () => 'staticmethod 对象无法被弱引用，因此在执行类体时 connect 就会抛出 TypeError，模块加载随之中断',
  },
  classStrong: {
    en: () => 'a classmethod object is not callable, so connect fails its "receivers must be callable" assertion while the class body runs',
    'zh-cn': () => 'classmethod 对象不可调用，因此在执行类体时 connect 的“接收者必须可调用”断言就会失败',
  },
  classWeak: {
    en: () => 'a classmethod object is not callable, so every dispatch raises TypeError, which Celery logs and swallows',
    'zh-cn': () => 'classmethod 对象不可调用，因此每次派发都会抛出 TypeError，Celery 只记录日志并吞掉这个错误',
  },
  wrapped: {
    en: (kind: string, name: string | undefined, outcome: Translated, signal: string) =>
      `This connect receives the ${kind} object wrapped around ${quote(name ?? 'the function')}, not the function: ${outcome.en}. Put @${kind} above @${signal}.connect.`,
    'zh-cn': (kind: string, name: string | undefined, outcome: Translated, signal: string) =>
      `这里的 connect 收到的是包装 ${name ? quote(name) : '该函数'} 的 ${kind} 对象，而不是函数本身：${outcome['zh-cn']}。请把 @${kind} 放到 @${signal}.connect 之上。`,
  },
  dropClassmethod: {
    en: (cls: string) => `Remove @classmethod and ${quote(cls)}`,
    'zh-cn': (cls: string) => `删除 @classmethod 和 ${quote(cls)}`,
  },
  moveUp: {
    en: (kind: string) => `Put @${kind} above the connect decorator`,
    'zh-cn': (kind: string) => `把 @${kind} 移到 connect 装饰器之上`,
  },
});

export const connectOnDescriptor: SiteRule = {
  code: 'connect-on-descriptor',
  defaultSeverity: 'error',
  docs: {
    summary: { en: '`@signal.connect` sits above `@staticmethod` or `@classmethod`, so it connects the descriptor object instead of the function.', 'zh-cn': '`@signal.connect` 写在 `@staticmethod` 或 `@classmethod` 之上，连接的是描述符对象而不是函数。' },
    rationale:
      'Decorators are applied bottom-up, so `connect()` receives the staticmethod or classmethod object rather than a function. The dispatcher cannot take a weak reference to a staticmethod object, so connect refuses it unless `weak=False`; a classmethod object cannot be called, so every dispatch fails.',
    fix: 'Connect a module-level function, or connect the method once the class has been built.',
  },
  scope: 'site',
  check({ site, text, model }) {
    const handler = site.handler;
    if (model.language !== 'python' || !handler) return [];
    const below = descriptorBelow(site);
    if (!below) return [];
    const kind = below.kind;
    const strong = strongOptions(site);
    const outcome =
      kind === 'staticmethod'
        ? strong
          ? undefined
          : messages.staticWeak()
        : strong
          ? messages.classStrong()
          : messages.classWeak();
    if (!outcome) return [];
    // The fix moves the decorator's whole line above the connect line, keeping its indentation.
    const connectLineStart = text.lastIndexOf('\n', site.connection.span.start) + 1;
    const lineStart = text.lastIndexOf('\n', below.decorator.start - 1) + 1;
    const lineEnd = text.indexOf('\n', below.decorator.end);
    const removeDescriptorLine = { span: { start: lineStart, end: lineEnd < 0 ? text.length : lineEnd + 1 }, newText: '' };
    // Above the connect a staticmethod wraps the connected function; a classmethod would still hide it.
    const fix =
      kind === 'staticmethod'
        ? {
            title: messages.moveUp(kind),
            edits: [removeDescriptorLine, { span: { start: connectLineStart, end: connectLineStart }, newText: `${text.slice(lineStart, below.decorator.start)}@${kind}\n` }],
            preferred: true,
          }
        : dropClassmethodFix(handler, removeDescriptorLine);
    return [
      {
        span: site.connection.signal.nameSpan,
        message: messages.wrapped(kind, handler.name, outcome, site.connection.signal.name),
        fixes: fix ? [fix] : [],
      },
    ];
  },
};

/**
 * Above @classmethod there is no reordering that works: connected from the class body the function
 * is plain and nothing fills `cls`. When the body never uses `cls`, dropping both is the repair.
 */
function dropClassmethodFix(handler: Handler, removeDescriptorLine: TextEdit): NonNullable<RuleFinding['fixes']>[number] | undefined {
  const [cls, next] = handler.params;
  if (!cls || !next || cls.kind !== 'positional' || (handler.paramReads ?? []).some((r) => r.name === cls.name)) return undefined;
  return {
    title: messages.dropClassmethod(cls.name),
    edits: [removeDescriptorLine, { span: { start: cls.span.start, end: next.span.start }, newText: '' }],
  };
}
