import type { FileRule } from './support/types';
import { messageTable } from './support/messages';

const messages = messageTable('syntax-error', {
  broken: {
    en: (detail: string, more: number) =>
      `${(/syntax error/i.test(detail) ? detail : `Syntax error: ${detail}`).replace(/\.$/, '')}${more ? ` (and ${more} more)` : ''}. Handlers in the broken part of the file are not checked.`,
    'zh-cn': (detail: string, more: number) =>
      `语法错误：${detail.replace(/\.$/, '')}${more ? `（另有 ${more} 处）` : ''}。文件中出错部分的处理函数不会被检查。`,
  },
});

export const syntaxError: FileRule = {
  code: 'syntax-error',
  defaultSeverity: 'information',
  docs: {
    summary: { en: 'The file has a syntax error, so handlers in the broken part are not checked until it is fixed.', 'zh-cn': '文件存在语法错误，出错部分中的处理函数在修复之前不会被检查。' },
    rationale:
      'Part of the file does not parse. The checker analyses the parts that do, so a handler inside the broken region is checked once the syntax is repaired.',
  },
  scope: 'file',
  summary: 'The file does not parse; handlers in the broken part may be missed.',
  rationale: 'The checker reads what parses and skips the rest, so a handler inside a broken region is not checked until the syntax is fixed.',
  check({ model, text }) {
    const problems = model.syntaxProblems;
    if (problems.length === 0) return [];
    const first = problems[0];
    // A broken region can span many lines; underlining its first line is enough to find it.
    const lineEnd = text.indexOf('\n', first.span.start);
    const end = lineEnd >= 0 && lineEnd < first.span.end ? Math.max(lineEnd, first.span.start + 1) : first.span.end;
    return [
      {
        span: { start: first.span.start, end },
        message: messages.broken(first.message, problems.length - 1),
      },
    ];
  },
};
