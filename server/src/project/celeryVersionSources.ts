/**
 * Where a Python project states its Celery requirement, one reader per kind of file. Each reader gets
 * the file's text and returns the Celery entries it holds, with their line; a file it cannot make
 * sense of throws, and the caller reports it instead of guessing.
 */
import * as path from 'node:path';
import type * as SmolToml from 'smol-toml' with { 'resolution-mode': 'import' };
import { celeryRequirement, normalisedName } from './celeryVersionSpec';

export interface CeleryEntry {
  /** The specifier as written (`>=5.2,<6`, `^5.3`, `5.3.4`); empty when none is given. */
  specifier: string;
  /** Absolute path of the file that holds it (an included requirements file, for `-r`). */
  file: string;
  /** 1-based. */
  line: number;
}

/** The 1-based line of the first match of `pattern` in `text`, or 1 when it is not found. */
function lineOf(text: string, pattern: RegExp): number {
  const match = pattern.exec(text);
  return match ? text.slice(0, match.index).split('\n').length : 1;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function lineOfString(text: string, value: string): number {
  return lineOf(text, new RegExp(`["']${escapeRegExp(value)}["']`));
}

/** A key naming Celery at the start of a line (`celery = ...`, `"Celery" = ...`). */
const CELERY_KEY = /^[ \t]*["']?celery["']?[ \t]*=/im;

// The package ships CommonJS next to its ES module; TypeScript only sees the latter's types.
const { parse: parseToml } = require('smol-toml') as typeof SmolToml;

/** The line of the Celery key in table `[header]`, or of the first Celery key when the header is not written out. */
function celeryKeyLine(text: string, header: string): number {
  const dotted = header.split('.').map((part) => `["']?${escapeRegExp(part)}["']?`).join('[ \\t]*\\.[ \\t]*');
  const start = new RegExp(`^[ \\t]*\\[[ \\t]*${dotted}[ \\t]*\\]`, 'm').exec(text);
  if (!start) return lineOf(text, CELERY_KEY);
  const rest = text.slice(start.index);
  const next = /\n[ \t]*\[/.exec(rest);
  const key = CELERY_KEY.exec(next ? rest.slice(0, next.index) : rest);
  return key ? text.slice(0, start.index + key.index).split('\n').length : lineOf(text, CELERY_KEY);
}

type Table = Record<string, unknown>;

function isTable(value: unknown): value is Table {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function tableAt(root: unknown, ...keys: string[]): Table | undefined {
  let value = root;
  for (const key of keys) value = isTable(value) ? value[key] : undefined;
  return isTable(value) ? value : undefined;
}

function celeryKeyOf(table: Table | undefined): unknown {
  const key = table && Object.keys(table).find((k) => normalisedName(k) === 'celery');
  return key === undefined ? undefined : table![key];
}

/** Poetry's value for a dependency: `"^5.3"`, `{ version = "^5.3", extras = [...] }` or a list of those. */
function poetrySpecifiers(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (isTable(value) && typeof value.version === 'string') return [value.version];
  if (Array.isArray(value)) return value.flatMap(poetrySpecifiers);
  return [];
}

/** PEP 621 (`[project]`, optional dependencies), PEP 735 dependency groups, then Poetry's tables. */
export function pyprojectEntries(text: string, file: string): CeleryEntry[] {
  const data = parseToml(text) as Table;
  const entries: CeleryEntry[] = [];
  const fromRequirementList = (list: unknown) => {
    if (!Array.isArray(list)) return;
    for (const item of list) {
      if (typeof item !== 'string') continue;
      const requirement = celeryRequirement(item);
      if (requirement) entries.push({ specifier: requirement.specifier, file, line: lineOfString(text, item) });
    }
  };
  const project = tableAt(data, 'project');
  fromRequirementList(project?.dependencies);
  for (const list of Object.values(tableAt(project, 'optional-dependencies') ?? {})) fromRequirementList(list);
  for (const list of Object.values(tableAt(data, 'dependency-groups') ?? {})) fromRequirementList(list);
  const poetry = tableAt(data, 'tool', 'poetry');
  const poetryTables: [string, Table | undefined][] = [
    ['tool.poetry.dependencies', tableAt(poetry, 'dependencies')],
    ...Object.entries(tableAt(poetry, 'group') ?? {}).map(([name, group]): [string, Table | undefined] => [`tool.poetry.group.${name}.dependencies`, tableAt(group, 'dependencies')]),
    ['tool.poetry.dev-dependencies', tableAt(poetry, 'dev-dependencies')],
  ];
  for (const [header, table] of poetryTables) {
    for (const specifier of poetrySpecifiers(celeryKeyOf(table))) entries.push({ specifier, file, line: celeryKeyLine(text, header) });
  }
  return entries;
}

/** Pipfile: `[packages]` before `[dev-packages]`; a value is `"==5.3.4"`, `"*"` or `{ version = ... }`. */
export function pipfileEntries(text: string, file: string): CeleryEntry[] {
  const data = parseToml(text) as Table;
  return ['packages', 'dev-packages'].flatMap((section) =>
    poetrySpecifiers(celeryKeyOf(tableAt(data, section))).map((specifier) => ({ specifier, file, line: celeryKeyLine(text, section) })),
  );
}

/** `[[package]]` entries of poetry.lock, uv.lock and pdm.lock: the resolved release, exactly. */
export function tomlLockEntries(text: string, file: string): CeleryEntry[] {
  // Locks run to megabytes; one that never names Celery is not worth parsing.
  const nameLine = /^[ \t]*name[ \t]*=[ \t]*["']celery["']/im;
  if (!nameLine.test(text)) return [];
  const data = parseToml(text) as Table;
  const packages = Array.isArray(data.package) ? data.package : [];
  const line = lineOf(text, nameLine);
  return packages
    .filter((p): p is Table => isTable(p) && typeof p.name === 'string' && normalisedName(p.name) === 'celery' && typeof p.version === 'string')
    .map((p) => ({ specifier: `==${p.version as string}`, file, line }));
}

/** Pipfile.lock (JSON): `default` before `develop`; versions are written `==5.3.4`. */
export function pipfileLockEntries(text: string, file: string): CeleryEntry[] {
  const data = JSON.parse(text) as unknown;
  const line = lineOf(text, /^[ \t]*"celery"[ \t]*:/im);
  return ['default', 'develop'].flatMap((section) => {
    const version = (celeryKeyOf(tableAt(data, section)) as { version?: unknown } | undefined)?.version;
    return typeof version === 'string' ? [{ specifier: version, file, line }] : [];
  });
}

/** setup.cfg: requirement lines under `[options]` and `[options.extras_require]`. */
export function setupCfgEntries(text: string, file: string): CeleryEntry[] {
  const entries: CeleryEntry[] = [];
  let section = '';
  text.split(/\r?\n/).forEach((raw, index) => {
    const header = /^\s*\[([^\]]+)\]/.exec(raw);
    if (header) {
      section = header[1].trim().toLowerCase();
      return;
    }
    if (section !== 'options' && section !== 'options.extras_require') return;
    // A key line carries its first value after `=`; continuation lines are indented values.
    const value = /^\S/.test(raw) ? raw.replace(/^[^=:]*[=:]/, '') : raw;
    const requirement = celeryRequirement(value.replace(/(^|\s)[#;].*$/, '').trim());
    if (requirement) entries.push({ specifier: requirement.specifier, file, line: index + 1 });
  });
  return entries;
}

/** setup.py: string literals that are a Celery requirement (`install_requires=["celery>=5.2"]`). */
export function setupPyEntries(text: string, file: string): CeleryEntry[] {
  const entries: CeleryEntry[] = [];
  const literal = /(["'])((?:(?!\1)[^\\\n])*)\1/g;
  for (let match = literal.exec(text); match; match = literal.exec(text)) {
    const requirement = celeryRequirement(match[2]);
    if (requirement) entries.push({ specifier: requirement.specifier, file, line: text.slice(0, match.index).split('\n').length });
  }
  return entries;
}

/**
 * A requirements file and the files it includes (`-r`, `-c`, and their long forms), in reading order.
 * `read` gives an included file's text (undefined when it does not exist); a file is read once.
 */
export function requirementsEntries(file: string, read: (file: string) => string | undefined, seen = new Set<string>()): CeleryEntry[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const text = read(file);
  if (text === undefined) return [];
  const entries: CeleryEntry[] = [];
  // A backslash at the end of a line continues it; the entry keeps the line it starts on.
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const start = index;
    let line = lines[index];
    while (line.endsWith('\\') && index + 1 < lines.length) line = line.slice(0, -1) + ' ' + lines[++index];
    line = line.replace(/(^|\s)#.*$/, '').trim();
    const include = /^(?:-r|-c|--requirement|--constraint)(?:\s*=\s*|\s+|(?=[^-\s]))(\S+)/.exec(line);
    if (include) {
      entries.push(...requirementsEntries(path.resolve(path.dirname(file), include[1]), read, seen));
      continue;
    }
    if (line.startsWith('-')) continue;
    const requirement = celeryRequirement(line);
    if (requirement) entries.push({ specifier: requirement.specifier, file, line: start + 1 });
  }
  return entries;
}
