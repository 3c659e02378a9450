/**
 * Shape checks for what clients send. A request with malformed parameters is answered with
 * InvalidParams (-32602) naming the field; a notification with a bad shape is refused before it can
 * touch a document, so one broken message never breaks later requests.
 */
import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';

/** LSP positions are uintegers (0 to 2^31 - 1). */
const MAX_UINTEGER = 2 ** 31 - 1;

export class InvalidParams extends ResponseError<void> {
  constructor(message: string) {
    super(ErrorCodes.InvalidParams, `celery-signals: invalid parameters: ${message}`);
  }
}

type Problem = string | undefined;

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function uinteger(value: unknown, at: string): Problem {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_UINTEGER ? undefined : `${at} must be an integer from 0 to ${MAX_UINTEGER}`;
}

function position(value: unknown, at: string): Problem {
  if (!isObject(value)) return `${at} must be a position {line, character}`;
  return uinteger(value.line, `${at}.line`) ?? uinteger(value.character, `${at}.character`);
}

function range(value: unknown, at: string): Problem {
  if (!isObject(value)) return `${at} must be a range {start, end}`;
  return position(value.start, `${at}.start`) ?? position(value.end, `${at}.end`);
}

function textDocument(params: unknown): Problem {
  if (!isObject(params)) return 'params must be an object';
  if (!isObject(params.textDocument) || typeof params.textDocument.uri !== 'string') return 'textDocument.uri must be a string';
  return undefined;
}

function check(problem: Problem): void {
  if (problem) throw new InvalidParams(problem);
}

/** hover, completion: a document and a position. */
export function checkPositionParams(params: unknown): void {
  check(textDocument(params) ?? position((params as Record<string, unknown>).position, 'position'));
}

/** celerySignals/handlerInsertion: a document, a position and a signal name. */
export function checkHandlerInsertionParams(params: unknown): void {
  checkPositionParams(params);
  if (typeof (params as Record<string, unknown>).signal !== 'string') check('signal must be a string');
}

export function checkCodeActionParams(params: unknown): void {
  check(textDocument(params) ?? range((params as Record<string, unknown>).range, 'range'));
  const context = (params as Record<string, unknown>).context;
  if (!isObject(context) || !Array.isArray(context.diagnostics)) check('context.diagnostics must be an array');
  const diagnostics = (context as { diagnostics: unknown[] }).diagnostics;
  diagnostics.forEach((d, i) => check(isObject(d) ? range(d.range, `context.diagnostics[${i}].range`) : `context.diagnostics[${i}] must be an object`));
  const only = (context as Record<string, unknown>).only;
  if (only !== undefined && only !== null && !(Array.isArray(only) && only.every((k) => typeof k === 'string'))) check('context.only must be an array of strings');
}

export function checkDocumentParams(params: unknown): void {
  check(textDocument(params));
}

export function didCloseProblem(params: unknown): Problem {
  return textDocument(params);
}

/** Why a didOpen cannot be accepted, or undefined. */
export function didOpenProblem(params: unknown): Problem {
  if (!isObject(params) || !isObject(params.textDocument)) return 'textDocument must be an object';
  const doc = params.textDocument;
  if (typeof doc.uri !== 'string') return 'textDocument.uri must be a string';
  if (typeof doc.languageId !== 'string') return 'textDocument.languageId must be a string';
  if (!Number.isInteger(doc.version)) return 'textDocument.version must be an integer';
  if (typeof doc.text !== 'string') return 'textDocument.text must be a string';
  return undefined;
}

/** Why a didChange cannot be applied, or undefined. Checked as a whole: half a change is worse than none. */
export function didChangeProblem(params: unknown): Problem {
  if (!isObject(params) || !isObject(params.textDocument)) return 'textDocument must be an object';
  if (typeof params.textDocument.uri !== 'string') return 'textDocument.uri must be a string';
  if (!Number.isInteger(params.textDocument.version)) return 'textDocument.version must be an integer';
  if (!Array.isArray(params.contentChanges)) return 'contentChanges must be an array';
  for (const [i, change] of params.contentChanges.entries()) {
    if (!isObject(change) || typeof change.text !== 'string') return `contentChanges[${i}].text must be a string`;
    if (change.range !== undefined && change.range !== null) {
      const problem = range(change.range, `contentChanges[${i}].range`);
      if (problem) return problem;
    }
  }
  return undefined;
}

/** Why a celerySignals/visibleRanges notification cannot be taken in, or undefined. */
export function visibleRangesProblem(params: unknown): Problem {
  const problem = textDocument(params);
  if (problem) return problem;
  const ranges = (params as Record<string, unknown>).ranges;
  if (!Array.isArray(ranges)) return 'ranges must be an array';
  for (const [i, value] of ranges.entries()) {
    const wrong = range(value, `ranges[${i}]`);
    if (wrong) return wrong;
  }
  return undefined;
}
