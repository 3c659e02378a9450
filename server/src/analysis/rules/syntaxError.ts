import type { FileModel, SyntaxProblem } from '../model';
import { quote } from './support/sites';
import type { FileRule, RuleFinding } from './support/types';
import { messageTable } from './support/messages';
import type { Translated } from '../diagnostics';

const messages = messageTable('syntax-error', {
  neverClosed: {
    en: (bracket: string) => `Syntax error: ${quote(bracket)} is never closed`,
    'zh-cn': (bracket: string) => `语法错误：${quote(bracket)} 没有闭合`,
  },
  detail: {
    en: (detail: string) => (/syntax error/i.test(detail) ? detail : `Syntax error: ${detail}`).replace(/\.$/, ''),
    // The parser's own wording stays English; only the label is translated.
    'zh-cn': (detail: string) => `语法错误：${detail.replace(/^syntax error:\s*/i, '').replace(/\.$/, '')}`,
  },
  partlyRead: {
    en: (cause: Translated, handler: string, signal: string) =>
      `${cause.en}. The handler ${quote(handler)} connected to ${quote(signal)} is only partly read: what follows in its body is not checked.`,
    'zh-cn': (cause: Translated, handler: string, signal: string) =>
      `${cause['zh-cn']}。连接到 ${quote(signal)} 的处理函数 ${quote(handler)} 只读取了一部分：其函数体中此后的内容不会被检查。`,
  },
  unread: {
    en: (cause: Translated, signal: string, receiver: string | undefined) =>
      `${cause.en}. The handler ${receiver ? `${quote(receiver)} ` : ''}connected to ${quote(signal)} is in the part that does not parse, so it is not checked.`,
    'zh-cn': (cause: Translated, signal: string, receiver: string | undefined) =>
      `${cause['zh-cn']}。连接到 ${quote(signal)} 的处理函数${receiver ? ` ${quote(receiver)} ` : ''}位于无法解析的部分，因此不会被检查。`,
  },
});

export const syntaxError: FileRule = {
  code: 'syntax-error',
  defaultSeverity: 'information',
  // In the editor the language's own tooling reports syntax errors as you type; the CLI explains why a
  // handler went unchecked.
  editorDefaultSeverity: 'off',
  docs: {
    summary: {
      en: 'A part of the file that does not parse holds a signal handler, which is therefore not checked.',
      'zh-cn': '文件中无法解析的部分包含信号处理函数，因此该处理函数没有被检查。',
    },
    rationale:
      'The checker reads what parses and skips the rest. It is no syntax checker: a parse problem is reported only where it keeps a signal handler from being read, so that its silence about that handler is not taken for approval. Off by default in the editor, where the language server of the language already reports syntax errors as you type; on in the CLI.',
  },
  scope: 'file',
  check({ model }) {
    for (const problem of model.syntaxProblems) {
      if (problem.inert) continue;
      const finding = findingFor(problem, model);
      if (finding) return [finding];
    }
    return [];
  },
};

function findingFor(problem: SyntaxProblem, model: FileModel): RuleFinding | undefined {
  // A limit Python enforces where tree-sitter reads on: the import fails, so every handler is lost.
  if (problem.exact) return model.sites.length > 0 ? { span: problem.span, message: messages.detail(problem.message) } : undefined;
  const bracket = problem.unclosedBracket;
  const cause = bracket ? messages.neverClosed(bracket.char) : messages.detail(problem.message);
  const span = bracket?.span ?? problem.firstLine ?? problem.span;
  const region = { start: problem.span.start, end: Math.max(problem.span.end, problem.span.start + 1) };
  for (const site of model.sites) {
    const handler = site.handler;
    // A connection inside the region was misread; the region's own unread connection says more.
    if (handler?.name && overlaps(region, handler.definitionSpan) && !overlaps(region, site.connection.span)) {
      return { span, message: messages.partlyRead(cause, handler.name, site.connection.signal.name) };
    }
  }
  const unread = problem.unreadConnection;
  if (!unread) return undefined;
  return { span, message: messages.unread(cause, unread.signal, unread.receiver) };
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}
