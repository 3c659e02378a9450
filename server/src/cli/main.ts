/**
 * `celery-signals check [paths...]`: checks Celery signal handlers in files and folders and prints
 * findings for people (text) or tools (JSON). Exit status 0 = no error, 1 = an error, 2 = usage.
 */
import * as path from 'node:path';
import { analyzeText } from '../analysis/analyze';
import { rules, INTERNAL_ERROR_CODE } from '../analysis/rules/index';
import type { Catalog } from '../catalog/catalog';
import { getBundledCatalog } from '../catalog/catalog';
import { formatCatalogProblem, loadCatalogs } from '../catalog/load';
import { grammarFor } from '../parsing/treeSitter';
import packageJson from '../../../package.json';
import { HELP, parseArgs, UsageError, type CheckArgs } from './args';
import { collectFiles, readSource } from './files';
import { summaryLine, toJson, toTextLines, type FileFindings } from './report';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
};

function displayPath(file: string, cwd: string): string {
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(cwd, absolute);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : absolute;
}

function loadCatalog(args: CheckArgs, io: CliIo): Catalog | undefined {
  if (args.catalogs.length === 0) return getBundledCatalog();
  const { catalog, problems } = loadCatalogs(args.catalogs.map((c) => path.resolve(io.cwd, c)));
  if (problems.length === 0) return catalog;
  for (const problem of problems) io.stderr(`celery-signals: catalog problem: ${formatCatalogProblem(problem)}\n`);
  return undefined;
}

/** The summary line; a run that missed something never reads "No problems found" alone. */
function summaryOf(results: readonly FileFindings[], skipped: number, pathProblems: number): string {
  const paths = `${pathProblems} path${pathProblems === 1 ? '' : 's'} could not be checked`;
  if (results.length === 0) {
    const why = [skipped ? `${skipped} file${skipped === 1 ? '' : 's'} skipped` : '', pathProblems ? paths : ''].filter(Boolean);
    return `Nothing was checked${why.length ? ` (${why.join(', ')})` : ': no Python, TypeScript or JavaScript file was found'}.`;
  }
  const summary = summaryLine(results, results.length, skipped);
  return pathProblems ? `${summary.replace(/^No problems found/, 'No problems found in the files checked')} Incomplete: ${paths}.` : summary;
}

async function check(args: CheckArgs, io: CliIo): Promise<number> {
  const catalog = loadCatalog(args, io);
  if (!catalog) return 2;
  const options = { celeryVersion: args.celeryVersion ?? catalog.latestCeleryVersion, severities: args.severities, includeHints: args.hints };
  const { files, problems } = collectFiles(args.paths.map((p) => path.resolve(io.cwd, p)));
  for (const problem of problems) io.stderr(`celery-signals: ${displayPath(problem.path, io.cwd)}: ${problem.message}\n`);
  const results: FileFindings[] = [];
  let skipped = 0;
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
    const { findings } = await analyzeText(read.text, grammar, catalog, options);
    results.push({ file: shown, text: read.text, findings });
  }
  results.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  if (args.format === 'json') {
    io.stdout(`${JSON.stringify(toJson(results), null, 2)}\n`);
  } else {
    const lines = toTextLines(results);
    io.stdout(lines.length > 0 ? `${lines.join('\n')}\n\n` : '');
    io.stdout(`${summaryOf(results, skipped, problems.length)}\n`);
  }
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
