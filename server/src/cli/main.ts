/**
 * `celery-signals check [paths...]`: checks Celery signal handlers in files and folders and prints
 * findings for people (text) or tools (JSON, SARIF, GitHub). Exit status 0 = no error, 1 = an error,
 * 2 = usage, or something could not be checked.
 */
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { rules, INTERNAL_ERROR_CODE } from '../analysis/rules/index';
import type { Catalog } from '../catalog/catalog';
import { getBundledCatalog } from '../catalog/catalog';
import { buildCatalog, formatCatalogProblem, loadUserCatalog } from '../catalog/load';
import type { CatalogFile } from '../catalog/types';
import { grammarFor } from '../parsing/treeSitter';
import packageJson from '../../../package.json';
import { HELP, parseArgs, UsageError, type CheckArgs } from './args';
import { versionOptions } from './celeryVersion';
import { collectFiles, readSource } from './files';
import { fixFiles } from './fixFiles';
import { indexProject, projectRoot } from './project';
import type { ProjectIndex } from '../project/projectIndex';
import { languageFromEnvironment } from './language';
import { formatReport } from './output';
import { defaultJobs, ExtractionPool } from './pool';
import type { FileFindings } from './report';

export { servePool } from './poolWorker';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

/** Bytes of bytecode run before V8 optimises a function in a CLI run (see below). */
const INTERRUPT_BUDGET = 1_000_000;

/** Set once the reader of stdout has gone away (`check . | head -1`); later output is dropped. */
let stdoutClosed = false;

const processIo: CliIo = {
  stdout: (text) => {
    if (!stdoutClosed) process.stdout.write(text);
  },
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
};

function displayPath(file: string, cwd: string): string {
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(cwd, absolute);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : absolute;
}

function loadCatalog(args: CheckArgs, io: CliIo): { catalog: Catalog; userCatalogs: CatalogFile[] } | undefined {
  if (args.catalogs.length === 0) return { catalog: getBundledCatalog(), userCatalogs: [] };
  const loaded = args.catalogs.map((c) => loadUserCatalog(path.resolve(io.cwd, c)));
  const problems = loaded.flatMap((l) => l.problems);
  const userCatalogs = loaded.flatMap((l) => (l.catalog ? [l.catalog] : []));
  if (problems.length === 0) return { catalog: buildCatalog(userCatalogs), userCatalogs };
  for (const problem of problems) io.stderr(`celery-signals: catalog problem: ${formatCatalogProblem(problem)}\n`);
  return undefined;
}

/** The summary line; a run that missed something never reads "No problems found" alone. */

async function check(args: CheckArgs, io: CliIo): Promise<number> {
  const loaded = loadCatalog(args, io);
  if (!loaded) return 2;
  const { catalog, userCatalogs } = loaded;
  const language = args.language ?? languageFromEnvironment(io.env ?? {});
  const optionsOf = versionOptions(
    {
      override: args.celeryVersion,
      latest: catalog.latestCeleryVersion,
      display: (file) => (path.resolve(io.cwd, file) === io.cwd ? '.' : displayPath(file, io.cwd)),
      note: (line) => io.stderr(`celery-signals: ${line}\n`),
      language,
    },
    { severities: args.severities, includeHints: args.hints },
  );
  const { files, problems, declarationFiles } = collectFiles(args.paths.map((p) => path.resolve(io.cwd, p)));
  for (const problem of problems) io.stderr(`celery-signals: ${displayPath(problem.path, io.cwd)}: ${problem.message}\n`);
  const options = { celeryVersion: args.celeryVersion ?? catalog.latestCeleryVersion, severities: args.severities, includeHints: args.hints };
  const texts = new Map<string, string>();
  // Workers may start while the files are read: whatever happens, they end with the index.
  const pool = new ExtractionPool({ catalog, userCatalogs, jobs: args.jobs ?? defaultJobs() });
  let skipped = 0;
  let project: ProjectIndex;
  try {
    let sourceBytes = 0;
    for (const file of files) {
      const shown = displayPath(file, io.cwd);
      const grammar = grammarFor(file);
      if (!grammar) {
        io.stderr(`celery-signals: ${shown}: skipped: not a Python, TypeScript or JavaScript file\n`);
        skipped++;
        continue;
      }
      const read = readSource(file, args.maxFileBytes);
      if ('skipped' in read) {
        io.stderr(`celery-signals: ${shown}: skipped: ${read.skipped}\n`);
        skipped++;
        continue;
      }
      texts.set(file, read.text);
      pool.expect((sourceBytes += read.text.length));
    }
    // The files are judged together, so re-exported signals, imported tasks and the project's own signals count.
    const elsewhere = { extractElsewhere: pool.extract.bind(pool), judgeElsewhere: pool.judge.bind(pool) };
    project = await indexProject(texts, projectRoot(args.paths, io.cwd), catalog, options, optionsOf, { parseAll: args.parseAll, ...elsewhere });
  } finally {
    pool.close();
  }
  const results: FileFindings[] = [...texts].map(([file, text]) => {
    const indexed = project.file(file);
    // Line starts are only worked out for files with something to show.
    const lineStarts = indexed && indexed.findings.length > 0 ? indexed.lineStarts : undefined;
    return { file: displayPath(file, io.cwd), text, findings: indexed?.findings ?? [], lineStarts };
  });
  results.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  if (args.fix) {
    const log = (line: string) => (args.format === 'text' && !args.dryRun ? io.stdout : io.stderr)(`${line}\n`);
    await fixFiles(results, { dryRun: args.dryRun, cwd: io.cwd, catalog: project.catalog, optionsOf: (shown) => optionsOf(path.resolve(io.cwd, shown)), grammarOf: (file) => grammarFor(file)!, log, diff: io.stdout, language });
  }
  const run = { skipped, declarationFiles, pathProblems: problems.length };
  // A dry run keeps stdout for the diff alone, so it can be piped to `git apply`.
  (args.dryRun ? io.stderr : io.stdout)(formatReport(args.format, results, run, io.cwd, language));
  // A run that could not look at something it was asked to must not pass as clean.
  if (problems.length > 0 || results.length === 0) return 2;
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  try {
    const parsed = parseArgs(argv, new Set([...rules.map((r) => r.code), INTERNAL_ERROR_CODE]));
    if (parsed.command === 'help') {
      io.stdout(HELP);
      return 0;
    }
    if (parsed.command === 'version') {
      io.stdout(`celery-signals ${packageJson.version}\n`);
      return 0;
    }
    return await check(parsed, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`celery-signals: ${error.message}\n\n${HELP}`);
      return 2;
    }
    throw error;
  }
}

if (require.main === module) {
  // V8 optimises a function once it has run this many bytes of bytecode (67,584 by default). A check
  // runs for seconds on every thread, and optimising early cost more on V8's helper threads (about
  // 0.7 s per thread over the standard library) than it saved: later, only the hot code is compiled.
  // Flags are process-wide, so the worker threads started afterwards share it.
  v8.setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
  // A check keeps every core busy with a thread of its own (--jobs defaults to the cores), so a young
  // generation collection split over V8's helper threads only competes with them: collected by the
  // thread that fills it, a run took 38 ± 7 ms less (docs/performance.md). V8 reads this flag at
  // each collection, so setting it here is safe; the flags that move marking or sweeping off the
  // helpers are not (V8 aborts when they change under a running heap) and gained nothing more.
  v8.setFlagsFromString('--no-parallel-scavenge');
  // Like any Unix filter, stop writing quietly when the reader closes the pipe; the exit status still
  // says whether there were errors, since all output is written after the check has finished.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && !stdoutClosed) throw error;
    stdoutClosed = true;
  });
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`celery-signals: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
