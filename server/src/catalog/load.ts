/**
 * Loading users' own signal catalogs: read, parse, validate against the schema, check what a schema
 * cannot (duplicates, names that disagree with their access), and fill in defaults so the rest of
 * the tool sees complete `CatalogFile`s. Nothing here throws: every failure becomes a problem.
 *
 * User catalogs may be terse. Texts may be plain strings (English) or objects whose `zh-cn` is
 * optional; a missing translation falls back to English. Only `name`, `access` and `params` are
 * required per signal and only `name` per parameter; the rest defaults to "unknown/custom".
 */
import { LineIndex, type LineRange } from '../analysis/text';
import { readBoundedFile, readBoundedFileSync, type BoundedRead } from '../io/boundedRead';
import { Catalog, bundledCatalogFile } from './catalog';
import { nodeAt, readJson } from './jsonLocations';
import type { CatalogFile, LocalizedText, ParamSpec, SenderKind, SignalCategory, SignalSpec } from './types';
import { schemaViolations } from './validate';

export interface CatalogProblem {
  /** The file path, or the label given with the text. */
  file: string;
  /** JSON pointer of the value at fault; '' for the whole document. */
  pointer: string;
  message: string;
  /** Zero-based range in the file, when the problem can be placed. */
  range?: LineRange;
}

export interface LoadedCatalog {
  catalog?: CatalogFile;
  problems: CatalogProblem[];
}

/** A path to read, or text already in memory (an open editor buffer) with the name to report. */
export type CatalogSource = string | { text: string; file?: string };

/** Catalogs bigger than this are surely not catalogs; refusing them keeps the server responsive. */
export const MAX_CATALOG_BYTES = 5 * 1024 * 1024;

export function loadUserCatalog(source: CatalogSource): LoadedCatalog {
  const file = typeof source === 'string' ? source : (source.file ?? '<catalog>');
  try {
    const text = typeof source === 'string' ? readCatalogFile(source) : source.text;
    if (typeof text !== 'string') return { problems: [{ file, pointer: '', message: text.error }] };
    return parseCatalog(text, file);
  } catch (e) {
    return { problems: [{ file, pointer: '', message: `could not load the catalog: ${e instanceof Error ? e.message : String(e)}` }] };
  }
}

/** The text of a catalog file, or why it was not read: only regular files up to the size cap. */
export function catalogTextOf(read: BoundedRead): string | { error: string } {
  if (!read.ok) return { error: `the catalog file was not read: ${read.reason}` };
  return read.bytes.toString('utf8');
}

function readCatalogFile(path: string): string | { error: string } {
  return catalogTextOf(readBoundedFileSync(path, MAX_CATALOG_BYTES));
}

/** The same as `readCatalogFile`, without blocking the server while the disk answers. */
export async function readCatalogFileAsync(path: string): Promise<string | { error: string }> {
  return catalogTextOf(await readBoundedFile(path, MAX_CATALOG_BYTES));
}

/**
 * Whether a text is meant as a catalog. Only then are problems described in detail: messages about
 * any other file (a path set by mistake, or by a hostile workspace) must not quote its content.
 */
function meantAsCatalog(value: unknown): boolean {
  return !!value && typeof value === 'object' && !Array.isArray(value) && ('catalogVersion' in value || 'signals' in value);
}

const NOT_A_CATALOG = 'not a Celery Signals catalog (expected a JSON object with "catalogVersion" and "signals"); its content is not shown';

function parseCatalog(text: string, file: string): LoadedCatalog {
  const lines = new LineIndex(text);
  const read = readJson(text);
  if (!read.ok) {
    if (!text.trim()) return { problems: [{ file, pointer: '', message: 'the catalog file is empty' }] };
    if (!/catalogVersion|"signals"/.test(text.slice(0, 4096))) return { problems: [{ file, pointer: '', message: NOT_A_CATALOG }] };
    const at = lines.positionAt(read.error.offset);
    return {
      problems: [{ file, pointer: '', message: `invalid JSON: ${read.error.message}`, range: { start: at, end: at } }],
    };
  }
  if (!meantAsCatalog(read.value)) return { problems: [{ file, pointer: '', message: NOT_A_CATALOG }] };
  const place = (pointer: string, atKey = false): LineRange | undefined => {
    const node = nodeAt(read.root, pointer, atKey) ?? nodeAt(read.root, pointer);
    return node && { start: lines.positionAt(node.offset), end: lines.positionAt(node.offset + node.length) };
  };
  const violations = schemaViolations(read.value);
  const problems: CatalogProblem[] = violations.map((v) => ({ file, pointer: v.pointer, message: v.message, range: place(v.pointer, v.atKey) }));
  if (problems.length === 0) {
    for (const issue of consistencyIssues(read.value as RawCatalog)) {
      problems.push({ file, pointer: issue.pointer, message: issue.message, range: place(issue.pointer) });
    }
  }
  if (problems.length) return { problems: sortByPosition(problems) };
  return { catalog: normalizeCatalog(read.value as RawCatalog), problems: [] };
}

function sortByPosition(problems: CatalogProblem[]): CatalogProblem[] {
  const key = (p: CatalogProblem) => (p.range ? p.range.start.line * 1e6 + p.range.start.character : -1);
  return problems.sort((a, b) => key(a) - key(b));
}

// Shapes as the schema admits them, before defaults are filled in.
type RawText = string | { en: string; 'zh-cn'?: string };
interface RawParam {
  name: string;
  type?: string;
  tsType?: string;
  mayBeNone?: boolean;
  sometimesAbsent?: boolean;
  since?: string;
  description?: RawText;
}
interface RawSignal {
  name: string;
  access: SignalSpec['access'];
  category?: SignalCategory;
  summary?: RawText;
  description?: RawText;
  sender?: { kind: SenderKind; type?: string; description?: RawText };
  params: RawParam[];
  since?: string;
  deprecated?: SignalSpec['deprecated'];
  removed?: string;
  process?: RawText;
  docsUrl?: string;
  pitfalls?: RawText[];
  inStarImport?: boolean;
}
interface RawCatalog {
  $schema?: string;
  catalogVersion: 1;
  latestCeleryVersion?: string;
  commonParams?: RawParam[];
  signals: RawSignal[];
  modules?: CatalogFile['modules'];
}

/** Rules the schema cannot express. Only run on schema-valid input. */
function consistencyIssues(raw: RawCatalog): { pointer: string; message: string }[] {
  const issues: { pointer: string; message: string }[] = [];
  const firstIndex = new Map<string, number>();
  raw.signals.forEach((signal, i) => {
    const at = `/signals/${i}`;
    const earlier = firstIndex.get(signal.name);
    if (earlier !== undefined) issues.push({ pointer: `${at}/name`, message: `signal "${signal.name}" is already defined at /signals/${earlier}` });
    else firstIndex.set(signal.name, i);
    if (signal.access.kind === 'app-attribute' && signal.name !== `app.${signal.access.attribute}`) {
      issues.push({ pointer: `${at}/name`, message: `an app signal must be named "app.${signal.access.attribute}" after its attribute` });
    }
    if (signal.access.kind === 'module' && signal.name.includes('.')) {
      issues.push({ pointer: `${at}/name`, message: `"${signal.name}" must be the bare name code imports; put the module in access.modules` });
    }
    const paramNames = new Set<string>();
    signal.params.forEach((param, j) => {
      if (paramNames.has(param.name)) issues.push({ pointer: `${at}/params/${j}/name`, message: `parameter "${param.name}" is listed twice` });
      paramNames.add(param.name);
      if (param.name === 'sender' || param.name === 'signal') {
        issues.push({ pointer: `${at}/params/${j}/name`, message: `"${param.name}" is sent to every receiver already; do not list it in params` });
      }
    });
  });
  return issues;
}

function text(raw: RawText | undefined, fallback: LocalizedText = { en: '', 'zh-cn': '' }): LocalizedText {
  if (raw === undefined) return fallback;
  if (typeof raw === 'string') return { en: raw, 'zh-cn': raw };
  return { en: raw.en, 'zh-cn': raw['zh-cn'] ?? raw.en };
}

function normalizeParam(raw: RawParam): ParamSpec {
  return {
    name: raw.name,
    type: raw.type ?? 'Any',
    tsType: raw.tsType ?? 'unknown',
    mayBeNone: raw.mayBeNone ?? false,
    sometimesAbsent: raw.sometimesAbsent ?? false,
    ...(raw.since ? { since: raw.since } : {}),
    description: text(raw.description),
  };
}

function normalizeSignal(raw: RawSignal): SignalSpec {
  const spec: SignalSpec = {
    name: raw.name,
    access: raw.access,
    category: raw.category ?? 'custom',
    summary: text(raw.summary, { en: `Custom signal ${raw.name}.`, 'zh-cn': `自定义信号 ${raw.name}。` }),
    description: text(raw.description),
    sender: {
      kind: raw.sender?.kind ?? 'custom',
      type: raw.sender?.type ?? 'Any',
      description: text(raw.sender?.description),
    },
    params: raw.params.map(normalizeParam),
    process: text(raw.process),
    pitfalls: (raw.pitfalls ?? []).map((p) => text(p)),
    inStarImport: raw.inStarImport ?? true,
  };
  if (raw.since) spec.since = raw.since;
  if (raw.deprecated) spec.deprecated = raw.deprecated;
  if (raw.removed) spec.removed = raw.removed;
  if (raw.docsUrl) spec.docsUrl = raw.docsUrl;
  return spec;
}

function normalizeCatalog(raw: RawCatalog): CatalogFile {
  return {
    catalogVersion: 1,
    ...(raw.latestCeleryVersion ? { latestCeleryVersion: raw.latestCeleryVersion } : {}),
    ...(raw.commonParams ? { commonParams: raw.commonParams.map(normalizeParam) } : {}),
    signals: raw.signals.map(normalizeSignal),
    ...(raw.modules ? { modules: raw.modules } : {}),
  };
}

/** The bundled Celery catalog first, then the users' (a user's signal replaces a bundled one of the same name). */
export function buildCatalog(userFiles: readonly CatalogFile[]): Catalog {
  return new Catalog([bundledCatalogFile, ...userFiles]);
}

/** Loads every user catalog and builds one Catalog from those that are valid; invalid files are skipped. */
export function loadCatalogs(sources: readonly CatalogSource[]): { catalog: Catalog; problems: CatalogProblem[] } {
  const files: CatalogFile[] = [];
  const problems: CatalogProblem[] = [];
  for (const source of sources) {
    const loaded = loadUserCatalog(source);
    if (loaded.catalog) files.push(loaded.catalog);
    problems.push(...loaded.problems);
  }
  return { catalog: buildCatalog(files), problems };
}

/** One line for people: `file:line:col: message (at /pointer)`, 1-based like compilers print. */
export function formatCatalogProblem(problem: CatalogProblem): string {
  const where = problem.range ? `:${problem.range.start.line + 1}:${problem.range.start.character + 1}` : '';
  const pointer = problem.pointer ? ` (at ${problem.pointer})` : '';
  return `${problem.file}${where}: ${problem.message}${pointer}`;
}

