/** Text edits on a `connect(...)` call or decorator: dropping or adding an option. */
import type { TextEdit } from '../../diagnostics';
import type { ConnectArgument, Connection, Span } from '../../model';
import type { SourceText } from '../../sourceText';

/** Deletes one argument with its separating comma; `@sig.connect(sender=x)` becomes `@sig.connect`. */
export function removeArgument(text: SourceText, connection: Connection, argument: ConnectArgument): TextEdit {
  const others = connection.arguments.filter((a) => a !== argument).length + (connection.positionalReceiver ? 1 : 0);
  if (connection.style === 'decorator-call' && others === 0 && connection.argumentsSpan) {
    return { span: connection.argumentsSpan, newText: '' };
  }
  const options = connection.optionsSpan;
  const lastInOptions = options && !connection.arguments.some((a) => a !== argument && a.span.start >= options.start && a.span.end <= options.end);
  // An options object left empty goes too: `connect(h, { sender: x })` becomes `connect(h)`.
  if (options && lastInOptions) return removeSpan(text, options);
  return removeSpan(text, argument.span);
}

function removeSpan(text: SourceText, span: Span): TextEdit {
  let before = span.start;
  while (before > 0 && /\s/.test(text.charAt(before - 1))) before--;
  if (text.charAt(before - 1) === ',') return { span: { start: before - 1, end: span.end }, newText: '' };
  let after = span.end;
  while (after < text.length && /\s/.test(text.charAt(after))) after++;
  if (text.charAt(after) === ',') {
    after++;
    while (after < text.length && /[ \t]/.test(text.charAt(after))) after++;
  }
  return { span: { start: span.start, end: after }, newText: '' };
}

/** Adds `keyword=value` to the connect call, turning `@sig.connect` into `@sig.connect(keyword=value)`. */
export function addOption(text: SourceText, connection: Connection, option: string): TextEdit {
  const span = connection.argumentsSpan;
  if (!span) return { span: { start: connection.span.end, end: connection.span.end }, newText: `(${option})` };
  return appendToBracketed(text, span, option);
}

/**
 * Adds `key: value` to the options object of a TypeScript/JavaScript connect, or passes a new
 * options object when there is none: `connect(h)` becomes `connect(h, { weak: false })`.
 */
export function addObjectOption(text: SourceText, connection: Connection, property: string): TextEdit {
  if (!connection.optionsSpan) return addOption(text, connection, `{ ${property} }`);
  const inner = text.slice(connection.optionsSpan.start + 1, connection.optionsSpan.end - 1);
  if (inner.trim() === '') return { span: connection.optionsSpan, newText: `{ ${property} }` };
  return appendToBracketed(text, connection.optionsSpan, property);
}

/** Appends an item to a bracketed list (`(...)` or `{...}`), keeping a trailing comma's layout. */
function appendToBracketed(text: SourceText, span: Span, option: string): TextEdit {
  const close = span.end - 1;
  let last = close;
  while (last > span.start + 1 && /\s/.test(text.charAt(last - 1))) last--;
  if (last === span.start + 1) return { span: { start: span.start + 1, end: close }, newText: option };
  if (text.charAt(last - 1) === ',') return { span: { start: last, end: last }, newText: ` ${option},` };
  return { span: { start: last, end: last }, newText: `, ${option}` };
}
