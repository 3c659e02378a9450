/** Which receivers Celery loses right after connecting them: weakly held, with nothing else holding them. */
import type { Handler, HandlerSite } from '../../model';
import { LineIndex } from '../../text';
import { optionArguments, quote } from './sites';

export interface WeakLoss {
  /** What is lost, for messages: "this partial", "`alert`, defined inside a function,". */
  what: string;
  inlineFunction: boolean;
}

/** True when the options keep a strong reference (weak=False, or retry=True which forces it). */
export function strongOptions(site: HandlerSite): boolean {
  const options = optionArguments(site);
  const weak = options.find((o) => o.option === 'weak')?.argument;
  const retry = options.find((o) => o.option === 'retry')?.argument;
  if (retry && !(retry.value.kind === 'bool' && !retry.value.value) && retry.value.kind !== 'none') return true;
  return weak !== undefined && !(weak.value.kind === 'bool' && weak.value.value);
}

export function weakLoss(site: HandlerSite, text: string): WeakLoss | undefined {
  if (site.connection.positionalReceiver || strongOptions(site)) return undefined;
  const handler = site.handler;
  if (site.deletedAt) return { what: `${quote(handler?.name ?? 'this receiver')} once \`del\` removes the module's name for it`, inlineFunction: false };
  if (site.receiverKind === 'partial') return { what: 'this partial', inlineFunction: false };
  if (site.receiverKind === 'call') return { what: 'the function this call returns', inlineFunction: false };
  if (site.receiverKind === 'attribute' && site.receiverSpan) {
    // `Reporter().on_success`: the bound method is held weakly and so is its throwaway instance.
    const receiver = text.slice(site.receiverSpan.start, site.receiverSpan.end);
    if (/\)\s*\.\s*\w+$/.test(receiver)) return { what: 'this bound method of a temporary instance', inlineFunction: false };
    if (/^self\s*\.\s*\w+$/.test(receiver) && instancesAreDiscarded(text, site.receiverSpan.start)) {
      return { what: 'this bound method (the module creates the instance and keeps no reference to it)', inlineFunction: false };
    }
  }
  const functionExpression = handler && (handler.kind === 'lambda' || handler.kind === 'arrow' || handler.kind === 'function-expression');
  const inlineFunction = site.receiverKind ? site.receiverKind === 'lambda' : Boolean(functionExpression && !site.receiverSpan);
  if (inlineFunction) return { what: 'this inline function', inlineFunction };
  if (handler?.definedIn === 'function' && !escapesEnclosingFunction(text, handler) && !calledWhileFrameLives(text, site, handler)) {
    return { what: `${quote(handler.name ?? 'this function')}, defined inside a function,`, inlineFunction };
  }
  return undefined;
}

const COMPOUND_STATEMENT = /^(async\s+)?(with|if|elif|else|for|while|try|except|finally|match|case)\b/;
const PYTHON_DEF = /^(async\s+)?def\s/;
/** Calls that cannot send a Celery signal: printing, logging, conversions and type tests. */
const INERT_CALL = /^(print|len|repr|str|int|float|bool|dict|list|set|tuple|type|isinstance|issubclass|super|(_?log|_?logger|logging|LOG|LOGGER)(\.\w+)*)$/;
const NOT_A_CALL = new Set(['if', 'elif', 'while', 'and', 'or', 'not', 'in', 'is', 'return', 'yield', 'assert', 'del', 'lambda', 'for', 'with', 'except', 'raise', 'await', 'else']);

/** The last text split into lines, kept because every nested handler of a file asks again. */
let lastLines: { text: string; lines: string[]; index: LineIndex } | undefined;

function linesOf(text: string): { lines: string[]; lineOf: (offset: number) => number } {
  if (lastLines?.text !== text) lastLines = { text, lines: text.split('\n'), index: new LineIndex(text) };
  const { lines, index } = lastLines;
  return { lines, lineOf: (offset) => index.positionAt(offset).line };
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

/**
 * A nested function's local name keeps it alive for as long as the function that defines it runs.
 * True when that function goes on, after connecting it, to do something that may send the signal (any
 * call but printing and logging, as Celery's own tests connect a handler and then call apply_async()
 * or get() in the same function) or suspends with `yield` (a pytest fixture), before any `del` of the
 * name. Python only: the enclosing function is found by indentation.
 */
function calledWhileFrameLives(text: string, site: HandlerSite, handler: Handler): boolean {
  const { lines, lineOf } = linesOf(text);
  const defLine = lineOf(handler.definitionSpan.start);
  let threshold = indentOf(lines[defLine]);
  let enclosingIndent: number | undefined;
  for (let i = defLine - 1; i >= 0 && enclosingIndent === undefined; i--) {
    const line = lines[i];
    if (line.trim() === '' || indentOf(line) >= threshold) continue;
    const code = line.trimStart();
    if (PYTHON_DEF.test(code)) enclosingIndent = indentOf(line);
    else if (COMPOUND_STATEMENT.test(code)) threshold = indentOf(line);
  }
  if (enclosingIndent === undefined) return false;
  const restStart = lineOf(Math.max(handler.definitionSpan.end, site.connection.span.end)) + 1;
  const name = handler.name?.replace(/[^\w]/g, '');
  for (const raw of lines.slice(restStart)) {
    if (raw.trim() === '') continue;
    if (indentOf(raw) <= enclosingIndent) break;
    const code = raw.replace(/#.*$/, '').replace(/(['"])(?:\\.|(?!\1).)*\1/g, '""');
    if (name && new RegExp(`^\\s*del\\b.*\\b${name}\\b`).test(code)) return false;
    if (/\byield\b/.test(code)) return true;
    for (const call of code.matchAll(/([A-Za-z_][\w.]*)\s*\(/g)) {
      if (!NOT_A_CALL.has(call[1]) && !INERT_CALL.test(call[1])) return true;
    }
  }
  return false;
}

/**
 * True when the enclosing function hands the nested function on (returns it, stores it, appends it
 * somewhere), so something may keep it alive after all. Reads the lines after the definition that
 * are still inside the enclosing block.
 */
function escapesEnclosingFunction(text: string, handler: Handler): boolean {
  if (!handler.name) return false;
  const lineStart = text.lastIndexOf('\n', handler.definitionSpan.start - 1) + 1;
  const indent = handler.definitionSpan.start - lineStart;
  const rest = text.slice(handler.definitionSpan.end).split('\n');
  const block: string[] = [];
  for (const line of rest.slice(1)) {
    if (line.trim() === '') continue;
    if (line.length - line.trimStart().length < indent) break;
    block.push(line);
  }
  const name = handler.name.replace(/[^\w]/g, '');
  const handedOn = new RegExp(`(\\breturn\\b.*\\b${name}\\b|[=:]\\s*\\[?\\s*${name}\\b|\\.(append|add|extend|register|setdefault)\\(\\s*${name}\\b|\\byield\\b.*\\b${name}\\b)`);
  return block.some((line) => handedOn.test(line.replace(/#.*$/, '')));
}

/**
 * For `connect(self.method)` inside a class: true when the module creates instances of that class
 * only as bare expression statements (`Collector()`), so nothing keeps the instance, nor its method.
 */
function instancesAreDiscarded(text: string, offset: number): boolean {
  const classes = [...text.slice(0, offset).matchAll(/^class[ \t]+(\w+)/gm)];
  const owner = classes[classes.length - 1]?.[1];
  if (!owner) return false;
  const uses = [...text.matchAll(new RegExp(`\\b${owner}\\b`, 'g'))].filter((m) => m.index > 0 && !/class[ \t]+$/.test(text.slice(Math.max(0, m.index - 10), m.index)));
  if (uses.length === 0) return false;
  return uses.every((m) => {
    const lineStart = text.lastIndexOf('\n', m.index - 1) + 1;
    const lineEnd = text.indexOf('\n', m.index);
    const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
    return new RegExp(`^${owner}[ \\t]*\\([^\\n]*\\)[ \\t]*(#.*)?$`).test(line);
  });
}
