/**
 * Reads plain parameter lists straight from the source text. Handler signatures are nearly always
 * plain (`sender=None, task_id=None, **kwargs`), and reading them from the tree costs a dozen wasm
 * calls per parameter. Anything beyond the plain forms (annotations, comments, calls or containers in
 * defaults, keywords as names) returns undefined, and the caller reads the tree instead.
 */
import type { Span } from '../model';
import type { ParamKindPy, ParsedParam } from './pythonParams';
import type { SourceText } from '../sourceText';

const name = String.raw`[A-Za-z_][A-Za-z0-9_]*`;
const simpleDefault = String.raw`None|True|False|-?\d+(?:\.\d+)?|${name}(?:\.${name})*|"[^"\\\n{}]*"|'[^'\\\n{}]*'`;
/** One item and the comma after it: `name`, `name=default`, `*name`, `**name`, `*`, `/`. */
const itemPattern = new RegExp(String.raw`\s*(?:(\*\*|\*)?(${name})(?:(\s*=\s*)(${simpleDefault}))?|(\*|/))\s*(,|$)`, 'y');

/** Words the grammar treats specially; a parameter with such a name goes the careful way. */
const reserved = new Set([
  'None', 'True', 'False', 'and', 'as', 'assert', 'async', 'await', 'break', 'case', 'class', 'continue',
  'def', 'del', 'elif', 'else', 'except', 'exec', 'finally', 'for', 'from', 'global', 'if', 'import', 'in',
  'is', 'lambda', 'match', 'nonlocal', 'not', 'or', 'pass', 'print', 'raise', 'return', 'try', 'type',
  'while', 'with', 'yield',
]);

/** The parameters of the list at `span` (with or without parentheses), or undefined if not plain. */
export function plainParametersAt(text: SourceText, span: Span): ParsedParam[] | undefined {
  let start = span.start;
  let end = span.end;
  if (text.charAt(start) === '(') {
    if (text.charAt(end - 1) !== ')') return undefined;
    start++;
    end--;
  }
  const inner = text.slice(start, end);
  if (/^\s*$/.test(inner)) return [];
  const items: { separator?: string; splat?: string; nameStart: number; nameEnd: number; valueStart?: number; end: number }[] = [];
  itemPattern.lastIndex = 0;
  while (itemPattern.lastIndex < inner.length) {
    const at = itemPattern.lastIndex;
    const match = itemPattern.exec(inner);
    if (!match || match[0].length === 0) return undefined;
    // Read by index: array destructuring goes through an iterator until V8 optimises this.
    const whole = match[0];
    const splat = match[1];
    const paramName = match[2];
    const equals = match[3];
    const value = match[4];
    const separator = match[5];
    const comma = match[6];
    if (!comma && itemPattern.lastIndex < inner.length) return undefined;
    const itemStart = start + at + whole.search(/\S/);
    if (separator) {
      items.push({ separator, nameStart: itemStart, nameEnd: itemStart + 1, end: itemStart + 1 });
    } else {
      if (reserved.has(paramName) || (value && reserved.has(value) && !/^(None|True|False)$/.test(value))) return undefined;
      if (splat && equals) return undefined;
      const nameStart = itemStart + (splat?.length ?? 0);
      const nameEnd = nameStart + paramName.length;
      const valueStart = value ? nameEnd + equals.length : undefined;
      items.push({ splat, nameStart, nameEnd, valueStart, end: valueStart !== undefined ? valueStart + value.length : nameEnd });
    }
    if (!comma) break;
  }
  const slashAt = items.findIndex((item) => item.separator === '/');
  const params: ParsedParam[] = [];
  let afterStar = false;
  items.forEach((item, index) => {
    if (item.separator === '*') {
      afterStar = true;
      return;
    }
    if (item.separator) return;
    let kind: ParamKindPy = index < slashAt ? 'positional-only' : afterStar ? 'keyword-only' : 'positional';
    if (item.splat === '*') {
      kind = 'var-positional';
      afterStar = true;
    } else if (item.splat === '**') kind = 'var-keyword';
    const itemStart = item.nameStart - (item.splat?.length ?? 0);
    const param: ParsedParam = {
      name: text.slice(item.nameStart, item.nameEnd),
      kind,
      span: { start: itemStart, end: item.end },
      nameSpan: { start: item.nameStart, end: item.nameEnd },
      hasDefault: item.valueStart !== undefined,
    };
    if (item.valueStart !== undefined) param.defaultSpan = { start: item.valueStart, end: item.end };
    params.push(param);
  });
  return params;
}
