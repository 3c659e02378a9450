/** Text edits on a `connect(...)` call or decorator: dropping or adding an option. */
import type { TextEdit } from '../../diagnostics';
import type { ConnectArgument, Connection } from '../../model';

/** Deletes one argument with its separating comma; `@sig.connect(sender=x)` becomes `@sig.connect`. */
export function removeArgument(text: string, connection: Connection, argument: ConnectArgument): TextEdit {
  const others = connection.arguments.filter((a) => a !== argument).length + (connection.positionalReceiver ? 1 : 0);
  if (connection.style === 'decorator-call' && others === 0 && connection.argumentsSpan) {
    return { span: connection.argumentsSpan, newText: '' };
  }
  let before = argument.span.start;
  while (before > 0 && /\s/.test(text[before - 1])) before--;
  if (text[before - 1] === ',') return { span: { start: before - 1, end: argument.span.end }, newText: '' };
  let after = argument.span.end;
  while (after < text.length && /\s/.test(text[after])) after++;
  if (text[after] === ',') {
    after++;
    while (after < text.length && /[ \t]/.test(text[after])) after++;
  }
  return { span: { start: argument.span.start, end: after }, newText: '' };
}

/** Adds `keyword=value` to the connect call, turning `@sig.connect` into `@sig.connect(keyword=value)`. */
export function addOption(text: string, connection: Connection, option: string): TextEdit {
  const span = connection.argumentsSpan;
  if (!span) return { span: { start: connection.span.end, end: connection.span.end }, newText: `(${option})` };
  const close = span.end - 1;
  let last = close;
  while (last > span.start + 1 && /\s/.test(text[last - 1])) last--;
  if (last === span.start + 1) return { span: { start: span.start + 1, end: close }, newText: option };
  if (text[last - 1] === ',') return { span: { start: last, end: last }, newText: ` ${option},` };
  return { span: { start: last, end: last }, newText: `, ${option}` };
}
