/**
 * Checks a parsed catalog against `schemas/signal-catalog.schema.json` (ajv's precompiled validator)
 * and words each violation for people: what is wrong and what would be right, never ajv's internal vocabulary.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { validate as generatedValidate } from './schemaValidator.generated';

export interface SchemaViolation {
  /** JSON pointer of the value at fault (for an unknown property: of that property). */
  pointer: string;
  /** True when the pointer names an object key rather than a value. */
  atKey: boolean;
  message: string;
}

/** Precompiled by ajv (see generateValidator.ts), so no schema compilation happens at run time. */
const validate = generatedValidate as unknown as ValidateFunction;

export function schemaViolations(value: unknown): SchemaViolation[] {
  if (validate(value)) return [];
  const violations: SchemaViolation[] = [];
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    const violation = describeError(error);
    if (!violation) continue;
    const key = `${violation.pointer}\n${violation.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    violations.push(violation);
  }
  return violations;
}

const PATTERN_MEANING: Record<string, string> = {
  '^\\d+(\\.\\d+){0,2}$': 'is not a release number like 5, 5.3 or 5.3.1',
  '^[A-Za-z_][A-Za-z0-9_]*$': 'is not a valid Python identifier',
  '^([A-Za-z_][A-Za-z0-9_]*\\.)?[A-Za-z_][A-Za-z0-9_]*$':
    'is not a valid signal name (a Python identifier, or app.<attribute> for app signals)',
  '^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$': 'is not a dotted Python module name like shop.signals',
  '^https?://': 'is not an http(s) URL',
};

function describeError(error: ErrorObject): SchemaViolation | undefined {
  const at = error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'if':
      return undefined; // the failing then/else branch reports the real problem
    case 'required':
      return { pointer: at, atKey: false, message: `missing required property "${String(params.missingProperty)}"` };
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const allowed = Object.keys((error.parentSchema?.properties as object | undefined) ?? {});
      const suggestion = closest(name, allowed);
      const hint = suggestion ? ` (did you mean "${suggestion}"?)` : allowed.length ? ` (allowed: ${allowed.join(', ')})` : '';
      return { pointer: `${at}/${escapePointer(name)}`, atKey: true, message: `unknown property "${name}"${hint}` };
    }
    case 'enum':
      return {
        pointer: at,
        atKey: false,
        message: `${show(error.data)} is not one of: ${(params.allowedValues as unknown[]).map((v) => String(v)).join(', ')}`,
      };
    case 'const':
      return { pointer: at, atKey: false, message: `must be ${JSON.stringify(params.allowedValue)}, not ${show(error.data)}` };
    case 'pattern':
      return {
        pointer: at,
        atKey: false,
        message: `${show(error.data)} ${PATTERN_MEANING[String(params.pattern)] ?? `does not match ${String(params.pattern)}`}`,
      };
    case 'type':
      return { pointer: at, atKey: false, message: typeMessage(params.type, error.data) };
    case 'minLength':
      return { pointer: at, atKey: false, message: 'must not be empty' };
    case 'minItems':
      return { pointer: at, atKey: false, message: `must list at least ${String(params.limit)} item(s)` };
    case 'uniqueItems':
      return { pointer: at, atKey: false, message: `lists the same value twice (items ${String(params.j)} and ${String(params.i)})` };
    default:
      return { pointer: at, atKey: false, message: error.message ?? `fails the ${error.keyword} check` };
  }
}

function typeMessage(expected: unknown, actual: unknown): string {
  const types = Array.isArray(expected) ? expected : String(expected).split(',');
  if (types.includes('string') && types.includes('object')) {
    return `must be a text: a string, or an object with "en" (and optionally "zh-cn"), not ${kindOf(actual)}`;
  }
  return `must be ${types.map((t) => (t === 'array' || t === 'object' || t === 'integer' ? `an ${t}` : `a ${t}`)).join(' or ')}, not ${kindOf(actual)}`;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `the ${typeof value} ${show(value)}`;
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The allowed name a typo most likely meant (edit distance at most a third of its length). */
function closest(name: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(name.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Edit distance where swapping two neighbouring letters counts as one edit (typos like "nmae"). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
