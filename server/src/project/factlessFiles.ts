/**
 * Which files a project index may leave unparsed (the CLI: parsing is most of its time). A file
 * without a fact word (analysis/factWords.ts) has no facts of its own, but a project also reads a
 * module's exports and imports: a module that re-exports a signal or a task, or that sits on an
 * import chain between two linked modules or toward a module whose import fails. Such a module need
 * not hold a single fact word (`from .signals import failure`), so the index asks more of it:
 *
 * - A name an unparsed module exports can only lead somewhere through an import, and an import
 *   writes the last segment of the module it names (`from proj.signals import x`, `from .signals
 *   import x`, `from . import signals`, `import proj.signals as s`) — except an import of the bare
 *   package (`from . import x`, `from .. import *`), which writes only dots.
 * - So once the project's modules that matter are known (they hold facts, export a signal, a task or
 *   a signal of the project's own, or import one that matters), a file is parsed when it writes the
 *   segments of one of them below a package its relative imports can start from (all of them for an
 *   absolute import), imports a bare package that matters, writes `celery` or the first segment of
 *   a signal module (the externals a name can resolve to: Celery's Signal and app classes, its
 *   signal modules), or holds a fact word of the catalog the project derives (the project's own
 *   signals and signal modules). This is repeated until no file is added.
 *
 * A file left unparsed then imports only modules left unparsed, which hold no fact, export nothing
 * that leads anywhere and link nothing: its model is empty, its exports are nobody's business, and
 * parsing it could not change a single finding (test/cli-skip-jobs.test.ts compares both runs).
 */
import type { FileModel } from '../analysis/model';
import type { Catalog } from '../catalog/catalog';
import type { ModuleIdentity } from '../analysis/frontends/frontend';
import type { ModuleExports } from './pythonExports';
import type { SymbolTable } from './projectAdditions';

export interface IndexedModule {
  identity?: ModuleIdentity;
  alias?: string;
  model: FileModel;
  exports?: ModuleExports;
  failure?: unknown;
  /** Left unparsed: no fact word. */
  unparsed?: boolean;
}

/** True when the model holds any fact (syntax problems alone are none: see factWords.ts). */
export function holdsFacts(model: FileModel): boolean {
  const nonEmpty = (value: unknown): boolean =>
    Array.isArray(value) ? value.length > 0 : value !== null && typeof value === 'object' && Object.values(value).some(nonEmpty);
  return Object.entries(model).some(([key, value]) => key !== 'syntaxProblems' && nonEmpty(value));
}

/** The dotted names of the parsed modules other modules' findings can depend on. */
export function modulesThatMatter(entries: readonly IndexedModule[], symbols: SymbolTable): Set<string> {
  const names = new Set<string>();
  const owners = (qualified: Iterable<string>) => [...qualified].map((name) => name.slice(0, name.lastIndexOf('.')));
  for (const name of [...symbols.modules.keys(), ...owners(symbols.tasks.keys()), ...owners(symbols.custom.keys())]) names.add(name);
  for (const [name, tasks] of symbols.moduleTasks) if (tasks.length > 0) names.add(name);
  const parsed = entries.filter((entry) => !entry.unparsed && entry.identity);
  const namesOf = (entry: IndexedModule) => [entry.identity!.name, ...(entry.alias ? [entry.alias] : [])];
  for (const entry of parsed) if (entry.failure !== undefined || holdsFacts(entry.model)) namesOf(entry).forEach((name) => names.add(name));
  // Importing a module that matters makes a module matter: it links its importers to it.
  for (let added = true; added; ) {
    added = false;
    for (const entry of parsed) {
      if (namesOf(entry).every((name) => names.has(name))) continue;
      const imported = (entry.exports?.imports ?? []).flatMap((module) => module.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('.')));
      if (!imported.some((module) => names.has(module))) continue;
      namesOf(entry).forEach((name) => names.add(name));
      added = true;
    }
  }
  return names;
}

const BARE_RELATIVE_IMPORT = /(?<![A-Za-z0-9_])from\s+\.+\s+import(?![A-Za-z0-9_])/;
const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/g;
/** Up to this many words are looked for one by one; more, and every identifier of the file is collected. */
const MOST_WORDS_SOUGHT = 200;

/** What an unparsed file writes, as far as a ParsingTest reads it. */
export interface WrittenWords {
  /** The test it was read for (ParsingTest.key): another test reads the file again. */
  key: string;
  /** The identifiers written, of those the test looks for (or all of them). */
  identifiers: Set<string>;
  /** Whether it writes `from . import` (any number of dots): read from the text (kept until then) only when a package the file sits in matters. */
  bareRelativeImport(): boolean;
}

export interface ParsingTest {
  /** Which words the test looks for: files read for an equal key need not be read again. */
  key: string;
  read(text: string): WrittenWords;
  /** True when the file may import something the project needs; `modules`: its own dotted names. */
  needs(written: WrittenWords, modules: readonly ModuleIdentity[]): boolean;
}

/**
 * The identifiers of `text` among `words`, as collecting every identifier would find them: a run of
 * identifier characters, less the digits it starts with.
 */
function identifiersAmong(words: readonly string[]): (text: string) => Set<string> {
  if (words.length > MOST_WORDS_SOUGHT) return (text) => new Set(text.match(IDENTIFIER) ?? []);
  if (words.length === 0) return () => new Set();
  const pattern = new RegExp(`(?<![A-Za-z_][A-Za-z0-9_]*)(?:${words.join('|')})(?![A-Za-z0-9_])`, 'g');
  return (text) => new Set(text.match(pattern) ?? []);
}

/** The packages a relative import in `module` can start from, innermost first, and '' for absolute imports. */
function importBases(module: ModuleIdentity): string[] {
  const parts = module.name.split('.');
  const own = module.isPackage ? parts : parts.slice(0, -1);
  return [...own.map((_, i) => own.slice(0, own.length - i).join('.')), ''];
}

/**
 * A test for "this unparsed file may import something the project needs": some module that matters
 * is `base` + segments, with `base` a package a relative import of the file starts from (or nothing:
 * an absolute import) and every one of the segments written in the file; or a bare relative import
 * of a package that matters; or a word that leads to Celery (its first segment, or that of a signal
 * module of the catalog); or the name of one of the project's own signals.
 */
export function needsParsing(matter: ReadonlySet<string>, catalog: Catalog): ParsingTest {
  const words = new Set<string>(['celery']);
  for (const signal of catalog.signals) {
    if (signal.access.kind === 'app-attribute') continue;
    for (const module of signal.access.modules) words.add(module.split('.')[0]);
    if (signal.category === 'custom') words.add(signal.name.split('.').pop()!);
  }
  const splits = [...matter].map((name) => name.split('.')).map((parts) => parts.map((_, i) => ({ base: parts.slice(0, i).join('.'), below: parts.slice(i) })));
  // Only identifiers can be written as such: a word that is none (a module named `my-app`) is never found.
  const sought = [...new Set([...words, ...[...matter].flatMap((name) => name.split('.'))])].filter((word) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(word)).sort();
  const key = sought.length > MOST_WORDS_SOUGHT ? '*' : sought.join(' ');
  const identifiersIn = identifiersAmong(sought);
  return {
    key,
    read: (text) => {
      let bare: boolean | undefined;
      return { key, identifiers: identifiersIn(text), bareRelativeImport: () => (bare ??= BARE_RELATIVE_IMPORT.test(text)) };
    },
    needs: ({ identifiers, bareRelativeImport }, modules) => {
      const bases = modules.length > 0 ? modules.flatMap(importBases) : [''];
      // A bare relative import leads somewhere only from a package that matters.
      const inPackageThatMatters = bases.some((base) => matter.has(base));
      // Most files write none of the words and sit in no such package: every test below needs one or the other.
      if (identifiers.size === 0 && !inPackageThatMatters) return false;
      for (const word of words) if (identifiers.has(word)) return true;
      if (inPackageThatMatters && bareRelativeImport()) return true;
      return splits.some((ways) => ways.some(({ base, below }) => bases.includes(base) && below.every((part) => identifiers.has(part))));
    },
  };
}
