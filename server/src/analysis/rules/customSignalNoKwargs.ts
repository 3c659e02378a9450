import type { Span } from '../model';
import { quote } from './support/sites';
import type { FileRule } from './support/types';
import { messageTable } from './support/messages';

/** `name = Signal(...)` at module level, with Signal from Celery's dispatch module (any import style). */
const SIGNAL_DEFINITION = /^(\w+)[ \t]*(?::[^=\n]*)?=[ \t]*((?:[\w.]*\.)?)Signal[ \t]*\(/gm;
/** `Signal` imported from Celery by name: other libraries (Django, blinker) have their own Signal. */
const CELERY_SIGNAL_IMPORT = /^[ \t]*from[ \t]+celery(\.utils\.dispatch(\.signal)?|\.signals)[ \t]+import[ \t]+[^\n]*\bSignal\b/m;

/** The parameter list text of `def name(...)` starting at `offset` (the `(`), honouring nested brackets. */
function parameterList(text: string, open: number): { text: string; span: Span } | undefined {
  let depth = 0;
  for (let i = open; i < text.length && i < open + 5000; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return { text: text.slice(open + 1, i), span: { start: open, end: i + 1 } };
    }
  }
  return undefined;
}

/** Receivers of one custom signal: decorated defs and module-level functions passed to connect(). */
function receiversOf(text: string, signal: string): { name: string; nameSpan: Span; params: string; connectAt: number }[] {
  const found: { name: string; nameSpan: Span; params: string; connectAt: number }[] = [];
  const decorated = new RegExp(`^[ \\t]*@${signal}\\.connect\\b[^\\n]*\\n(?:[ \\t]*@[^\\n]*\\n)*[ \\t]*(?:async[ \\t]+)?def[ \\t]+(\\w+)[ \\t]*\\(`, 'gm');
  for (const m of text.matchAll(decorated)) {
    const open = m.index + m[0].length - 1;
    const list = parameterList(text, open);
    const nameStart = m.index + m[0].lastIndexOf(m[1]);
    if (list) found.push({ name: m[1], nameSpan: { start: nameStart, end: nameStart + m[1].length }, params: list.text, connectAt: m.index });
  }
  const called = new RegExp(`\\b${signal}\\.connect\\([ \\t]*(\\w+)[ \\t]*[,)]`, 'g');
  for (const m of text.matchAll(called)) {
    const def = new RegExp(`^def[ \\t]+${m[1]}[ \\t]*\\(`, 'm').exec(text);
    if (!def) continue;
    const list = parameterList(text, def.index + def[0].length - 1);
    const nameStart = def.index + def[0].indexOf(m[1], 3);
    if (list) found.push({ name: m[1], nameSpan: { start: nameStart, end: nameStart + m[1].length }, params: list.text, connectAt: m.index });
  }
  return found;
}

type Receiver = ReturnType<typeof receiversOf>[number];

/** Receivers of this module's own Celery signals that lack **kwargs, with where they are connected. */
export function customReceiversWithoutKwargs(text: string): { signal: string; receiver: Receiver }[] {
  if (!text.includes('Signal')) return [];
  const importedByName = CELERY_SIGNAL_IMPORT.test(text);
  const out: { signal: string; receiver: Receiver }[] = [];
  for (const definition of text.matchAll(SIGNAL_DEFINITION)) {
    const qualifier = definition[2];
    if (qualifier ? !qualifier.startsWith('celery.') : !importedByName) continue;
    for (const receiver of receiversOf(text, definition[1])) {
      if (!/(^|[,(\s])\*\*\s*\w/.test(receiver.params)) out.push({ signal: definition[1], receiver });
    }
  }
  return out;
}

const messages = messageTable('custom-signal-no-kwargs', {
  refused: {
    en: (signal: string, receiver: string) =>
      `${signal}.connect raises ValueError ("Signal receiver must accept keyword arguments.") for ${quote(receiver)}, which has no **kwargs: ${signal} is a Celery Signal, and Celery checks every receiver when it is connected.`,
    'zh-cn': (signal: string, receiver: string) =>
      `${signal}.connect 会因 ${quote(receiver)} 没有 **kwargs 而抛出 ValueError（"Signal receiver must accept keyword arguments."）：${signal} 是 Celery 的 Signal，Celery 在连接时会检查每一个接收者。`,
  },
});

export const customSignalNoKwargs: FileRule = {
  code: 'custom-signal-no-kwargs',
  defaultSeverity: 'error',
  docs: {
    summary: { en: 'A receiver of a signal defined in your own code has no `**kwargs`; Celery\'s `Signal` refuses it too.', 'zh-cn': '你自己定义的信号的接收者缺少 `**kwargs`；Celery 的 `Signal` 同样会拒绝它。' },
    rationale:
      'A receiver without `**kwargs` is connected to a Celery `Signal` that the module creates itself. Celery\'s `Signal` checks every signal the same way, so `connect()` raises `ValueError` on 4.0.1 and later. Signals from Django or blinker are not Celery\'s and are left alone.',
    fix: 'Add `**kwargs`.',
  },
  scope: 'file',
  check({ model, text }) {
    if (model.language !== 'python') return [];
    return customReceiversWithoutKwargs(text).map(({ signal, receiver }) => ({
      span: receiver.nameSpan,
      message: messages.refused(signal, receiver.name),
    }));
  },
};
