import type { Catalog } from '../../catalog/catalog';
import type { FileModel, Span, SyntaxProblem } from '../model';
import { quote } from './support/sites';
import type { FileRule } from './support/types';

/** `task_failure.connect`, `signals.task_failure.connect`, `app.on_after_configure.connect` as written. */
const CONNECT_CALL = /(?<![\w$.])([A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*)\s*\.\s*connect\b/g;

export const syntaxError: FileRule = {
  code: 'syntax-error',
  defaultSeverity: 'information',
  // In the editor the language's own tooling reports syntax errors as you type; the CLI explains why a
  // handler went unchecked.
  editorDefaultSeverity: 'off',
  scope: 'file',
  summary: 'A part of the file that does not parse holds a signal handler, which is therefore not checked.',
  rationale:
    'The checker reads what parses and skips the rest. It is no syntax checker: a parse problem is reported only where it keeps a signal handler from being read, so that its silence about that handler is not taken for approval.',
  check({ model, text, catalog }) {
    for (const problem of model.syntaxProblems) {
      if (problem.inert) continue;
      const hidden = hiddenHandler(problem, model, text, catalog);
      if (!hidden) continue;
      const bracket = unclosedBracket(text, problem.span);
      const described = bracket
        ? `Syntax error: ${quote(text[bracket])} is never closed`
        : /syntax error/i.test(problem.message)
          ? problem.message
          : `Syntax error: ${problem.message}`;
      return [
        {
          span: bracket !== undefined ? { start: bracket, end: bracket + 1 } : firstLineOf(text, problem.span),
          message: `${described.replace(/\.$/, '')}. ${hidden}`,
        },
      ];
    }
    return [];
  },
};

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Says which handler this problem keeps from being read, if any: one the model partly read, or a connection the text shows. */
function hiddenHandler(problem: SyntaxProblem, model: FileModel, text: string, catalog: Catalog): string | undefined {
  const region: Span = { start: problem.span.start, end: Math.max(problem.span.end, problem.span.start + 1) };
  for (const site of model.sites) {
    const handler = site.handler;
    // A connection inside the region was misread; the text below tells more about it.
    if (handler?.name && overlaps(region, handler.definitionSpan) && !overlaps(region, site.connection.span)) {
      return `The handler ${quote(handler.name)} connected to ${quote(site.connection.signal.name)} is only partly read: what follows in its body is not checked.`;
    }
  }
  const imported = new Set(model.imports.map((b) => b.localName));
  for (const match of text.slice(region.start, region.end).matchAll(CONNECT_CALL)) {
    const names = match[1].split('.').map((n) => n.trim());
    const signal = names[names.length - 1];
    const known = catalog.get(signal) ?? catalog.fromAppAttribute(signal) ?? (imported.has(names[0]) ? signal : undefined);
    if (!known) continue;
    const after = text.slice(region.start + match.index! + match[0].length, region.start + match.index! + match[0].length + 300);
    const receiver = /^\s*\(\s*([A-Za-z_$][\w$]*)/.exec(after)?.[1] ?? /^[^\n]*\n(?:\s*@[^\n]*\n)*\s*(?:async\s+)?(?:def|function)\s+([A-Za-z_$][\w$]*)/.exec(after)?.[1];
    return `The handler ${receiver ? `${quote(receiver)} ` : ''}connected to ${quote(signal)} is in the part that does not parse, so it is not checked.`;
  }
  return undefined;
}

/**
 * Where the parse really went wrong inside an error region, when it is a bracket never closed:
 * tree-sitter starts the region at the statement, and takes the code below as its contents.
 */
function unclosedBracket(text: string, span: Span): number | undefined {
  const closing: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
  const open: { char: string; at: number }[] = [];
  const source = text.slice(span.start, span.end);
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '#' || (c === '/' && source[i + 1] === '/')) {
      const lineEnd = source.indexOf('\n', i);
      i = lineEnd < 0 ? source.length : lineEnd;
    } else if (c === '"' || c === "'" || c === '`') {
      const close = source.indexOf(c, i + 1);
      if (close < 0) return undefined;
      i = close;
    } else if (closing[c]) open.push({ char: closing[c], at: i });
    else if (c === ')' || c === ']' || c === '}') {
      if (open.length === 0 || open[open.length - 1].char !== c) return undefined;
      open.pop();
    }
  }
  return open.length > 0 ? span.start + open[0].at : undefined;
}

/** A broken region can span many lines; underlining its first line is enough to find it. */
function firstLineOf(text: string, span: Span): Span {
  const lineEnd = text.indexOf('\n', span.start);
  const end = lineEnd >= 0 && lineEnd < span.end ? Math.max(lineEnd, span.start + 1) : Math.max(span.end, span.start + 1);
  return { start: span.start, end };
}
