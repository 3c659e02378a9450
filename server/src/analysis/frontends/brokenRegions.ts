/**
 * Facts about the parts of a file that do not parse, for the `syntax-error` rule: where the parse
 * really went wrong and which signal connection the broken part hides. Language-neutral (Python and
 * TS/JS write `signal.connect` alike); it reads the text so that rules never have to.
 */
import type { Catalog } from '../../catalog/catalog';
import type { FileModel, Span, SyntaxProblem } from '../model';
import type { SourceText } from '../sourceText';

/** `task_failure.connect`, `signals.task_failure.connect`, `app.on_after_configure.connect` as written. */
const CONNECT_CALL = /(?<![\w$.])([A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*)\s*\.\s*connect\b/g;
/** The first argument of `connect(...)` when it is a name, not a keyword argument such as `sender=`. */
const CALL_RECEIVER = /^\s*\(\s*([A-Za-z_$][\w$]*)(?![\w$])(?!\s*=(?!=))/;
const DECORATED_RECEIVER = /^[^\n]*\n(?:\s*@[^\n]*\n)*\s*(?:async\s+)?(?:def|function)\s+([A-Za-z_$][\w$]*)/;

/** Adds `unclosedBracket`, `firstLine` and `unreadConnection` to each problem of the model, in place. */
export function describeBrokenRegions(model: FileModel, text: SourceText, catalog: Catalog): void {
  if (model.syntaxProblems.length === 0) return;
  const imported = new Set(model.imports.map((b) => b.localName));
  for (const problem of model.syntaxProblems) {
    if (problem.inert || problem.exact) continue;
    const region: Span = { start: problem.span.start, end: Math.max(problem.span.end, problem.span.start + 1) };
    const bracket = unclosedBracket(text, region);
    if (bracket !== undefined) problem.unclosedBracket = { span: { start: bracket, end: bracket + 1 }, char: text.slice(bracket, bracket + 1) };
    problem.firstLine = firstLineOf(text, problem.span);
    problem.unreadConnection = unreadConnection(text, region, catalog, imported);
  }
}

function unreadConnection(text: SourceText, region: Span, catalog: Catalog, imported: ReadonlySet<string>): SyntaxProblem['unreadConnection'] {
  for (const match of text.slice(region.start, region.end).matchAll(CONNECT_CALL)) {
    const names = match[1].split('.').map((n) => n.trim());
    const signal = names[names.length - 1];
    const known = catalog.get(signal) ?? catalog.fromAppAttribute(signal) ?? (imported.has(names[0]) ? signal : undefined);
    if (!known) continue;
    const afterStart = region.start + match.index! + match[0].length;
    const after = text.slice(afterStart, afterStart + 300);
    const receiver = CALL_RECEIVER.exec(after)?.[1] ?? DECORATED_RECEIVER.exec(after)?.[1];
    return { signal, receiver };
  }
  return undefined;
}

/**
 * Where the parse really went wrong inside an error region, when it is a bracket never closed:
 * tree-sitter starts the region at the statement, and takes the code below as its contents.
 */
function unclosedBracket(text: SourceText, span: Span): number | undefined {
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
function firstLineOf(text: SourceText, span: Span): Span {
  const lineEnd = text.indexOf('\n', span.start);
  const end = lineEnd >= 0 && lineEnd < span.end ? Math.max(lineEnd, span.start + 1) : Math.max(span.end, span.start + 1);
  return { start: span.start, end };
}
