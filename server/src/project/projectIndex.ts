/**
 * The project index: every Python, TypeScript and JavaScript file of a project reduced to its facts
 * (model, module exports, findings), judged with the whole project in view. Cross-module knowledge
 * (re-exported signals, the project's own signals and the keywords their sends pass, tasks and their
 * registered names) reaches the front ends and rules through a ProjectCatalog, so they need no
 * project-specific code. No syntax tree outlives the extraction of its file.
 *
 * An update re-extracts the changed files and then exactly those files whose view of the project
 * (their fingerprint: what the catalog says about the modules they import) changed, so an
 * incrementally updated index equals a fresh build of the same files.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { lineStartsOf } from '../analysis/navigation/projectFiles';
import { checkExtracted, emptyModel, extractSource, languageOf, type CheckOptions } from '../analysis/analyze';
import { inReadingOrder } from '../analysis/checker';
import type { Finding } from '../analysis/diagnostics';
import { mayHoldFacts } from '../analysis/factWords';
import type { ModuleIdentity } from '../analysis/frontends/frontend';
import type { FileModel, HandlerSite } from '../analysis/model';
import type { Catalog } from '../catalog/catalog';
import { grammarFor, type Grammar } from '../parsing/treeSitter';
import { moduleNamingOf } from './moduleNames';
import { fingerprintOf, projectAdditions, symbolTable, type ProjectFacts, type SymbolTable } from './projectAdditions';
import type { ProjectModule } from './projectSymbols';
import { ProjectCatalog, type ProjectAdditions } from './projectCatalog';
import type { ModuleExports } from './pythonExports';
import { crossModuleFindings } from './crossModule';
import { extractFile, type Extracted, type ExtractRequest } from './extractFile';
import { modulesThatMatter, needsParsing, type WrittenWords } from './factlessFiles';

export interface ProjectFile {
  /** Absolute path. */
  path: string;
  /** file:// URI. */
  uri: string;
  /** Dotted Python module (`proj.tasks`), when it has one. */
  module?: string;
  /** Facts only; no syntax tree is kept for a closed file. */
  model: FileModel;
  /** UTF-16 offsets where lines start, to turn spans into positions without the text. */
  lineStarts: number[];
  /** This file's findings, judged with the whole project in view. */
  findings: Finding[];
}

export interface ProjectIndexSetup {
  /** The folder module names are counted from (a workspace root, or the folder the CLI was given). */
  root: string;
  /** The catalog in force (bundled plus user catalogs). */
  catalog: Catalog;
  options: CheckOptions;
  /** A file's own options, when they differ by file (the CLI: each project's Celery release). */
  optionsOf?(file: string): CheckOptions;
  /** Reads a file's text; undefined when it cannot be read or is not worth reading (too big, binary). */
  read(file: string): Promise<string | undefined>;
  /** Keep every file's text, so findings carry their fixes (the CLI); the server keeps none. */
  keepText?: boolean;
  /** Leave unparsed the files that cannot change a finding (see factlessFiles.ts); the CLI does. */
  skipFactless?: boolean;
  /**
   * Extracts a file elsewhere (the CLI: in worker threads), Python files under `python`. The index
   * asks for many files before it waits for any, as it loads them; without this it extracts them here,
   * one by one.
   */
  extractElsewhere?(request: ExtractRequest, python: Catalog): Promise<Extracted>;
  /**
   * Judges a file's own findings elsewhere (the CLI: in the worker thread that holds its model), as
   * checkExtracted would here; the index asks for all of them before it waits for any.
   */
  judgeElsewhere?(file: string, extracted: { model: FileModel; failure?: unknown }, catalog: Catalog, options: CheckOptions, text: string | undefined): Promise<Finding[]>;
  /** Called between files while the index judges them in its own thread (the server: lets requests in meanwhile). */
  pause?(): Promise<void>;
}

/** Files judged between two pauses. */
const JUDGED_BETWEEN_PAUSES = 8;

interface Entry extends ProjectFile {
  grammar: Grammar;
  identity?: ModuleIdentity;
  /** A second dotted name the file is importable by (see moduleNames.ts). */
  alias?: string;
  exports?: ModuleExports;
  /** What the catalog said about this file's imports when its model was extracted. */
  fingerprint: string;
  hash: string;
  text?: string;
  failure?: unknown;
  /** Left unparsed: it holds no fact word and nothing the project needs (factlessFiles.ts). */
  unparsed?: boolean;
  /** What an unparsed file writes, read once for the passes that decide whether to parse it. */
  written?: WrittenWords;
}

export interface IndexChange {
  path: string;
  /** The new text (an open document's); read from disk when absent. */
  text?: string;
  deleted?: boolean;
}

export class ProjectIndex {
  private readonly entries = new Map<string, Entry>();
  /** What the catalog's additions said when `projectCatalog` was made (see recomputeCatalog). */
  private catalogKey = '';
  /** Python files that could not be read (or were left out): what they send is unknown. */
  private readonly unread = new Set<string>();
  private projectCatalog: ProjectCatalog;
  private facts: ProjectFacts;
  private symbols: SymbolTable;
  /** Some module's exports changed since the symbol table was computed. */
  private exportsChanged = true;
  /** The keywords of the project's own signals, and the task names, that findings were last judged with. */
  private judgedSignatures = new Map<string, string>();
  private judgedTaskNames = '';
  /** Files that had cross-module findings at the last judgement: they are judged again next time. */
  private crossModulePaths = new Set<string>();

  private constructor(private setup: ProjectIndexSetup) {
    this.symbols = symbolTable(setup.catalog, new Map());
    this.facts = projectAdditions(this.symbols, []);
    this.projectCatalog = new ProjectCatalog(setup.catalog, this.facts.additions);
  }

  /** Indexes `files`; `progress` hears after each file (it may yield to let other work run). */
  static async build(setup: ProjectIndexSetup, files: readonly string[], progress?: (done: number, total: number) => void | Promise<void>): Promise<ProjectIndex> {
    const index = new ProjectIndex(setup);
    await index.apply(files.map((file) => ({ path: file })), progress, setup.extractElsewhere && []);
    return index;
  }

  files(): Iterable<ProjectFile> {
    return this.entries.values();
  }

  file(file: string): ProjectFile | undefined {
    return this.entries.get(file);
  }

  /** The files left unparsed because they cannot change a finding (see factlessFiles.ts). */
  unparsedFiles(): string[] {
    return [...this.entries.values()].filter((entry) => entry.unparsed).map((entry) => entry.path);
  }

  /** The catalog as this project sees it: re-exported signals, the project's own signals and tasks. */
  get catalog(): ProjectCatalog {
    return this.projectCatalog;
  }

  /** The module identity of an indexed file, so an open document is analysed the way the index analyses it. */
  moduleOf(file: string): ModuleIdentity | undefined {
    return this.entries.get(file)?.identity;
  }

  /**
   * The findings only the whole project shows (the cross-module rules) for a file, as long as `text`
   * (read only then: a large document makes its flat text on demand) is what was indexed: an open
   * document adds them to its own analysis.
   */
  crossModuleFindingsOf(file: string, text: () => string): Finding[] {
    const entry = this.entries.get(file);
    if (!entry || !this.crossModulePaths.has(file) || entry.hash !== hashOf(text())) return [];
    return entry.findings.filter((finding) => finding.crossModule === true);
  }

  /** The file a dotted module lives in. */
  fileOfModule(module: string): string | undefined {
    for (const entry of this.entries.values()) if (entry.identity?.name === module || entry.alias === module) return entry.path;
    return undefined;
  }

  /** Applies changed, added and deleted files; returns the paths whose findings changed (deleted ones included). */
  async update(changes: readonly IndexChange[]): Promise<string[]> {
    return this.apply(changes);
  }

  /** A new catalog or new settings: every file is judged again (and re-extracted, since the catalog changed). */
  async reconfigure(catalog: Catalog, options: CheckOptions): Promise<string[]> {
    this.setup = { ...this.setup, catalog, options };
    this.exportsChanged = true;
    const all = [...this.entries.keys()];
    for (const entry of this.entries.values()) entry.hash = '';
    return this.apply(all.map((file) => ({ path: file })));
  }

  /** `batch`: go on loading while files are extracted elsewhere, and wait for all of them at the end (a fresh build). */
  private async apply(changes: readonly IndexChange[], progress?: (done: number, total: number) => void | Promise<void>, batch?: Promise<void>[]): Promise<string[]> {
    const touched = new Set<string>();
    const deleted: string[] = [];
    const namingChanged = changes.some((change) => path.basename(change.path) === '__init__.py' && (change.deleted || !this.entries.has(change.path)));
    // Files loaded here are named knowing which `__init__.py` the changes add and delete (the last
    // change of a path decides), so a fresh build need not name every file again at the end.
    const packagesAfter = new Map<string, boolean>();
    for (const change of changes) if (path.basename(change.path) === '__init__.py') packagesAfter.set(change.path, !change.deleted);
    const existsAfter = (file: string) => packagesAfter.get(file) ?? this.entries.has(file);
    const namedHere = new Set<string>();
    let done = 0;
    for (const change of changes) {
      if (change.deleted) {
        this.unread.delete(change.path);
        if (this.entries.delete(change.path)) {
          deleted.push(change.path);
          this.exportsChanged = true;
        }
      } else if (await this.load(change, existsAfter, batch)) {
        touched.add(change.path);
        namedHere.add(change.path);
      }
      await progress?.(++done, changes.length);
    }
    if (batch && batch.length > 0) {
      await Promise.all(batch);
      // Every file of a fresh build is new: the exports changed.
      this.exportsChanged = true;
    }
    // Those names hold if every package file the changes add could be read (an unreadable one is no package).
    const namedRight = [...packagesAfter].every(([file, exists]) => this.entries.has(file) === exists);
    if (namingChanged) for (const entry of this.entries.values()) if (!(namedRight && namedHere.has(entry.path)) && this.renamed(entry)) touched.add(entry.path);
    const changed = await this.settle(touched);
    return [...new Set([...changed, ...deleted])].sort();
  }

  /** Reads and extracts one file; false when it is unchanged or cannot be indexed. `exists`: which files there are, for its module name. */
  private async load(change: IndexChange, exists: (file: string) => boolean, batch?: Promise<void>[]): Promise<boolean> {
    const grammar = grammarFor(change.path);
    if (!grammar) return false;
    const text = change.text ?? (await this.setup.read(change.path));
    if (text === undefined) {
      if (grammar === 'python') this.unread.add(change.path);
      return this.entries.delete(change.path);
    }
    this.unread.delete(change.path);
    const existing = this.entries.get(change.path);
    const hash = existing && hashOf(text);
    if (existing && existing.hash === hash) return false;
    const naming = moduleNamingOf(change.path, this.setup.root, (file) => file === change.path || exists(file));
    const entry: Entry = {
      path: change.path,
      // Made when first read where texts are kept (knowText).
      uri: this.setup.keepText ? '' : pathToFileURL(change.path).href,
      module: naming?.primary.name,
      identity: naming?.primary,
      alias: naming?.alias,
      grammar,
      model: existing?.model ?? { language: 'python', sites: [], signalRefs: [], imports: [], tasks: [], syntaxProblems: [] },
      lineStarts: [],
      findings: [],
      fingerprint: '',
      hash: '',
    };
    knowText(entry, text, hash, this.setup.keepText === true);
    if (this.setup.skipFactless && !mayHoldFacts(text, grammar === 'python' ? this.projectCatalog : this.setup.catalog, entry.identity?.name, grammar)) this.leaveUnparsed(entry, text);
    else if (batch) {
      const extracting = this.extractWithExports(entry, text);
      // A failure is the whole build's, seen when the build waits for the batch.
      extracting.catch(() => undefined);
      batch.push(extracting);
    } else await this.extractWithExports(entry, text);
    if (!existing || exportsKey(existing) !== exportsKey(entry)) this.exportsChanged = true;
    this.entries.set(entry.path, entry);
    return true;
  }

  /** After an `__init__.py` came or went, a file may be another module now. */
  private renamed(entry: Entry): boolean {
    const naming = moduleNamingOf(entry.path, this.setup.root, (file) => this.entries.has(file));
    if (naming?.primary.name === entry.identity?.name && naming?.alias === entry.alias && naming?.primary.isPackage === entry.identity?.isPackage) return false;
    entry.identity = naming?.primary;
    entry.module = naming?.primary.name;
    entry.alias = naming?.alias;
    entry.fingerprint = '\u0000stale';
    this.exportsChanged = true;
    return true;
  }

  private async extractWithExports(entry: Entry, text: string): Promise<void> {
    const request: ExtractRequest = { path: entry.path, text, grammar: entry.grammar, module: entry.identity, alias: entry.alias, ownView: this.knowsNoModule(), lineStarts: this.setup.keepText };
    const elsewhere = this.setup.extractElsewhere?.(request, this.projectCatalog);
    this.extracted(entry, text, await (elsewhere ?? extractFile(request, { python: this.projectCatalog, base: this.setup.catalog })));
  }

  private extracted(entry: Entry, text: string, result: Extracted): void {
    entry.unparsed = undefined;
    entry.written = undefined;
    entry.exports = result.exports;
    this.took(entry, text, result);
  }

  /** The analysis of a file without a fact word is known without parsing it: no fact, no finding. */
  private leaveUnparsed(entry: Entry, text: string): void {
    entry.unparsed = true;
    entry.written = undefined;
    entry.model = emptyModel(languageOf(entry.grammar));
    entry.exports = undefined;
    entry.failure = undefined;
    entry.fingerprint = '';
    entry.text = this.setup.keepText ? text : undefined;
  }

  private async extract(entry: Entry, text: string): Promise<void> {
    // TypeScript and JavaScript see no project module: they are judged against the catalog in force.
    const catalog = entry.grammar === 'python' ? this.projectCatalog : this.setup.catalog;
    const elsewhere = this.setup.extractElsewhere?.({ path: entry.path, text, grammar: entry.grammar, module: entry.identity, withoutExports: true, lineStarts: this.setup.keepText }, this.projectCatalog);
    this.took(entry, text, await (elsewhere ?? extractSource(text, entry.grammar, catalog, entry.identity)));
  }

  /** No module's exports are known yet (a fresh build): a module is best extracted under its own view (extractFile.ts). */
  private knowsNoModule(): boolean {
    const { modules, custom, tasks, moduleTasks } = this.symbols;
    return modules.size === 0 && custom.size === 0 && tasks.size === 0 && moduleTasks.size === 0;
  }

  private took(entry: Entry, text: string, extracted: { model: FileModel; failure?: unknown; fingerprint?: string; lineStarts?: number[] }): void {
    if (extracted.lineStarts) entry.lineStarts = extracted.lineStarts;
    entry.model = extracted.model;
    entry.failure = extracted.failure;
    entry.fingerprint = entry.grammar !== 'python' ? '' : (extracted.fingerprint ?? fingerprintOf(this.facts, entry.identity?.name, entry.exports?.dependencies ?? []));
    entry.text = this.setup.keepText ? text : undefined;
  }

  /**
   * Recomputes what the project adds to the catalog, re-extracts every file whose view of it changed
   * (until nothing changes: a re-extracted file may send a signal differently), and judges again the
   * files whose findings may differ.
   */
  private async settle(touched: Set<string>): Promise<string[]> {
    this.recomputeCatalog();
    do await this.reextractStale(touched);
    while (await this.parseWhatMatters(touched));
    return await this.judge(touched);
  }

  /**
   * Parses the unparsed Python files that may bind or import what the project now knows matters
   * (factlessFiles.ts); true when there were any.
   */
  private async parseWhatMatters(touched: Set<string>): Promise<boolean> {
    const unparsed = [...this.entries.values()].filter((entry) => entry.unparsed && entry.grammar === 'python');
    if (unparsed.length === 0) return false;
    const test = needsParsing(modulesThatMatter([...this.entries.values()], this.symbols), this.projectCatalog);
    const needed: { entry: Entry; text: string }[] = [];
    for (const entry of unparsed) {
      const modules = [entry.identity, entry.alias === undefined ? undefined : { ...entry.identity!, name: entry.alias }].filter((module) => module !== undefined);
      let text = entry.text;
      if (entry.written?.key !== test.key) {
        text ??= await this.setup.read(entry.path);
        if (text === undefined) continue;
        entry.written = test.read(text);
      }
      if (!test.needs(entry.written, modules)) continue;
      text ??= await this.setup.read(entry.path);
      if (text === undefined) continue;
      needed.push({ entry, text });
    }
    if (needed.length === 0) return false;
    await this.each(needed, async ({ entry, text }) => {
      await this.extractWithExports(entry, text);
      touched.add(entry.path);
    });
    this.exportsChanged = true;
    this.recomputeCatalog();
    return true;
  }

  private async reextractStale(touched: Set<string>): Promise<void> {
    for (let round = 0; round < 4; round++) {
      const stale = [...this.entries.values()].filter((entry) => entry.grammar === 'python' && !entry.unparsed && entry.fingerprint !== fingerprintOf(this.facts, entry.identity?.name, entry.exports?.dependencies ?? []));
      if (stale.length === 0) break;
      await this.each(stale, async (entry) => {
        const text = entry.text ?? (await this.setup.read(entry.path));
        if (text === undefined) return void this.entries.delete(entry.path);
        await this.extract(entry, text);
        touched.add(entry.path);
      });
      this.recomputeCatalog();
    }
  }

  /** Runs `work` on every item: all at once when files are extracted elsewhere, else one after another. */
  private async each<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
    if (this.setup.extractElsewhere) await Promise.all(items.map(work));
    else for (const item of items) await work(item);
  }

  private recomputeCatalog(): void {
    if (this.exportsChanged) this.symbols = symbolTable(this.setup.catalog, this.projectModules());
    this.exportsChanged = false;
    this.facts = projectAdditions(this.symbols, [...this.entries.values()].map((entry) => entry.model), this.unread.size > 0);
    // The same catalog object while the project says the same: analyses keep their memo of facts, and
    // the analysis thread is not sent a catalog it already has.
    const key = additionsKey(this.facts.additions);
    if (key === this.catalogKey && this.projectCatalog.base === this.setup.catalog) return;
    this.catalogKey = key;
    this.projectCatalog = new ProjectCatalog(this.setup.catalog, this.facts.additions);
  }

  private projectModules(): Map<string, ProjectModule> {
    const modules = new Map<string, ProjectModule>();
    // Most files of a large tree were left unparsed and export nothing: they are left out before sorting.
    const exporting = [...this.entries.values()].filter((entry): entry is Entry & { exports: ModuleExports } => entry.exports !== undefined);
    for (const entry of exporting.sort((a, b) => (a.path < b.path ? -1 : 1))) {
      for (const name of [entry.identity?.name, entry.alias]) if (name && !modules.has(name)) modules.set(name, { name, path: entry.path, exports: entry.exports });
    }
    return modules;
  }

  /**
   * Judges the touched files, and every file whose findings depend on the project: those connected
   * to or sending the project's own signals, and those the cross-module rules look at.
   */
  private async judge(touched: Set<string>): Promise<string[]> {
    const changed: string[] = [];
    const { additions } = this.facts;
    // What a file's own findings can read from the project: its own signals' keywords, and task names.
    const signatures = new Map([...additions.custom].map(([key, spec]) => [key, JSON.stringify([spec.params, additions.openKeywords.has(key)])]));
    const changedSignals = new Set([...signatures.keys(), ...this.judgedSignatures.keys()].filter((key) => signatures.get(key) !== this.judgedSignatures.get(key)));
    const taskNames = JSON.stringify([...additions.moduleTasks]);
    const tasksChanged = taskNames !== this.judgedTaskNames;
    this.judgedSignatures = signatures;
    this.judgedTaskNames = taskNames;
    const first = [...this.entries.values()].filter(
      (entry) =>
        touched.has(entry.path) ||
        entry.model.sites.some((site) => changedSignals.has(site.connection.signal.name) || (tasksChanged && namesTask(site))) ||
        this.crossModulePaths.has(entry.path),
    );
    // Files judged elsewhere are judged while the cross-module rules run here (they read no finding).
    // Judged here, they come after those rules, which then do not lengthen a stretch between pauses.
    const judgingFirst = this.setup.judgeElsewhere ? this.ownFindings(first) : undefined;
    // If the cross-module rules throw, their error is the one the caller sees, and a failure of this
    // judging must not also go unobserved (it is awaited below otherwise).
    judgingFirst?.catch(() => undefined);
    const crossModule = crossModuleFindings([...this.entries.values()], this.projectCatalog, this.setup.options);
    const firstPaths = new Set(first.map((entry) => entry.path));
    const more = [...this.entries.values()].filter((entry) => !firstPaths.has(entry.path) && crossModule.has(entry.path));
    const judged = [...first, ...more];
    const ownFindings = judgingFirst ? [...(await judgingFirst), ...(await this.ownFindings(more))] : await this.ownFindings(judged);
    for (const [i, entry] of judged.entries()) {
      const own = ownFindings[i];
      const before = touched.has(entry.path) ? undefined : findingsKey(entry.findings);
      entry.findings = [...own, ...(crossModule.get(entry.path) ?? [])].sort(inReadingOrder);
      if (before === undefined || before !== findingsKey(entry.findings)) changed.push(entry.path);
    }
    this.crossModulePaths = new Set(crossModule.keys());
    return changed;
  }

  /**
   * The findings of each entry's own model, judged here or, all at once, elsewhere. A file left
   * unparsed has no fact, so no finding (factWords.ts); its options are asked for all the same, in
   * the same order, since asking may have effects (the CLI notes each project's Celery release).
   */
  private async ownFindings(entries: readonly Entry[]): Promise<Finding[][]> {
    const optionsOf = (entry: Entry) => this.setup.optionsOf?.(entry.path) ?? this.setup.options;
    const elsewhere = this.setup.judgeElsewhere;
    if (elsewhere) {
      return Promise.all(
        entries.map((entry) => {
          const options = optionsOf(entry);
          return entry.unparsed ? [] : elsewhere(entry.path, { model: entry.model, failure: entry.failure }, this.projectCatalog, options, entry.text);
        }),
      );
    }
    const findings: Finding[][] = [];
    for (const entry of entries) {
      if (findings.length % JUDGED_BETWEEN_PAUSES === JUDGED_BETWEEN_PAUSES - 1) await this.setup.pause?.();
      const options = optionsOf(entry);
      findings.push(entry.unparsed ? [] : checkExtracted({ model: entry.model, failure: entry.failure }, this.projectCatalog, options, entry.text));
    }
    return findings;
  }
}

/** A string `sender=` filter: whether it names a project task depends on the whole project. */
function namesTask(site: HandlerSite): boolean {
  return site.connection.arguments.some((argument) => argument.keyword === 'sender' && argument.value.kind === 'string');
}

/**
 * What other modules can learn from a file's exports. Where a call sits matters only for a `Signal(...)`
 * (its definition is shown); other calls move with every edit above them.
 */
function exportsKey(entry: Entry): string {
  // A name bound only to functions or classes that are no tasks leads nowhere, unless a star import could have bound it.
  const stars = (entry.exports?.starImports.length ?? 0) > 0;
  const names = [...(entry.exports?.names ?? [])].filter(([, bindings]) => stars || bindings.some(({ binding }) => binding.kind !== 'other')).map(([name, bindings]) => [
    name,
    bindings.map(({ binding, conditional }) => [conditional, binding.kind === 'call' && binding.callee[binding.callee.length - 1] !== 'Signal' ? { ...binding, span: undefined } : binding]),
  ]);
  return JSON.stringify([entry.identity, entry.alias, names, entry.exports?.starImports]);
}

function additionsKey(additions: ProjectAdditions): string {
  return JSON.stringify([
    [...additions.modules].map(([module, names]) => [module, [...names].map(([name, spec]) => [name, spec.name])]),
    [...additions.custom.values()],
    [...additions.openKeywords],
    [...additions.tasks],
    [...additions.moduleTasks],
  ]);
}

/**
 * Sets what an entry knows of its text: where its lines start, its hash and (for an index that keeps
 * texts) its URI. An index that keeps every text (the CLI's) works them out when they are first read:
 * most files are never shown nor compared, and the CLI names files by path.
 */
function knowText(entry: Entry, text: string, hash: string | undefined, lazily: boolean): void {
  if (!lazily) {
    entry.lineStarts = lineStartsOf(text);
    entry.hash = hash ?? hashOf(text);
    return;
  }
  const once = <K extends 'lineStarts' | 'hash' | 'uri'>(key: K, make: () => Entry[K]) => {
    const settle = (value: Entry[K]) => Object.defineProperty(entry, key, { value, writable: true, enumerable: true, configurable: true });
    Object.defineProperty(entry, key, { get: () => (settle(make()), entry[key]), set: settle, enumerable: true, configurable: true });
  };
  once('lineStarts', () => lineStartsOf(text));
  once('hash', () => hash ?? hashOf(text));
  // Only the language server shows files by their URI.
  once('uri', () => pathToFileURL(entry.path).href);
}

function hashOf(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}


function findingsKey(findings: readonly Finding[]): string {
  return JSON.stringify(findings.map((f) => [f.code, f.severity, f.span.start, f.span.end, f.message]));
}

export { lineStartsOf };
