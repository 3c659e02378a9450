import type { FileRule } from './support/types';

export const syntaxError: FileRule = {
  code: 'syntax-error',
  defaultSeverity: 'information',
  scope: 'file',
  summary: 'The file does not parse; handlers in the broken part may be missed.',
  rationale: 'The checker reads what parses and skips the rest, so a handler inside a broken region is not checked until the syntax is fixed.',
  check({ model, text }) {
    const problems = model.syntaxProblems;
    if (problems.length === 0) return [];
    const first = problems[0];
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    const described = /syntax error/i.test(first.message) ? first.message : `Syntax error: ${first.message}`;
    // A broken region can span many lines; underlining its first line is enough to find it.
    const lineEnd = text.indexOf('\n', first.span.start);
    const end = lineEnd >= 0 && lineEnd < first.span.end ? Math.max(lineEnd, first.span.start + 1) : first.span.end;
    return [
      {
        span: { start: first.span.start, end },
        message: `${described.replace(/\.$/, '')}${more}. Handlers in the broken part of the file are not checked.`,
      },
    ];
  },
};
