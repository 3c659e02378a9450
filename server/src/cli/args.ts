/** Command-line parsing for `celery-signals`: plain, dependency-free, strict about what it accepts. */
import type { Severity } from '../analysis/diagnostics';
import type { DocsLanguage } from '../catalog/types';
import { parseLanguage } from './language';

export interface CheckArgs {
  command: 'check';
  paths: string[];
  format: OutputFormat;
  celeryVersion?: string;
  hints: boolean;
  catalogs: string[];
  severities: Record<string, Severity | 'off'>;
  fix: boolean;
  dryRun: boolean;
  /** From --lang; otherwise the locale decides (see language.ts). */
  language?: DocsLanguage;
  /** Files larger than this many bytes are skipped. */
  maxFileBytes?: number;
  /** Worker threads to check files in; 1 checks in-process. Default: the cores available. */
  jobs?: number;
  /** Parse even the files that hold no word a finding could come from (see analysis/factWords.ts). */
  parseAll: boolean;
}

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type OutputFormat = (typeof FORMATS)[number];

export type ParsedArgs = CheckArgs | { command: 'help' } | { command: 'version' };

export class UsageError extends Error {}

export const HELP = `Usage: celery-signals check [paths...] [options]

Checks Celery signal handlers in Python and TypeScript/JavaScript files and folders
(.py .pyi .ts .tsx .js .jsx .mjs .cjs). Folders are walked, skipping .git, node_modules,
__pycache__ and virtual environments. With no path, the current folder is checked.

Options:
  --format FORMAT           text (default), json, sarif (SARIF 2.1.0 for code scanning) or github
                            (GitHub Actions annotations)
  --fix                     apply the safe fixes to the files, print what changed, report what is left
  --dry-run                 with --fix: write nothing, print the fixes as a unified diff instead
  --lang en|zh-cn           language of messages and the summary (default: from LC_ALL, LC_MESSAGES
                            or LANG, e.g. LANG=zh_CN.UTF-8 gives Chinese)
  --celery-version X.Y.Z    judge handlers as this Celery release would (default: the release the
                            project's lock, requirements or pyproject files give, else the latest known)
  --hints                   also report hints (e.g. keywords a handler could name)
  --catalog FILE            add a signal catalog (JSON) for your own signals; repeatable
  --severity CODE=LEVEL     set a rule's level: error, warning, information, hint or off; repeatable
  --max-file-size SIZE      skip files larger than SIZE (bytes, or with KB/MB; default: 5MB)
  --jobs N                  parse, extract and judge files in N threads, the main one and N - 1
                            workers (default: one per available core; 1 works in the main thread
                            alone), judged as one project; the output is the same for every N
  --parse-all               also parse files that cannot change a finding: no word one could come
                            from (a signal or signal-module name, connect, task, ...) and no import
                            of a project module that matters; they are left unparsed by default,
                            and counted as checked since nothing in them can be reported
  -h, --help                show this help
  -V, --version             show the version

Positions are 1-based lines and columns; a column counts UTF-16 code units, as editors
and the Language Server Protocol do (characters outside the Basic Multilingual Plane count 2).
JSON output gives the same positions 0-based.

Exit status: 0 when no error was found, 1 when an error was found (after fixing, with --fix),
2 on a usage problem or when something could not be checked: a path that does not exist or
is not a file or folder, an invalid catalog, or a run in which no file at all could be checked.
`;

const LEVELS: readonly string[] = ['error', 'warning', 'information', 'hint', 'off'];
const LEVEL_ALIASES: Record<string, string> = { info: 'information', warn: 'warning', none: 'off' };
const VERSION_PATTERN = /^\d+(\.\d+){0,2}$/;

function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m)?$/i.exec(text.trim());
  const unit = { b: 1, k: 1024, kb: 1024, m: 1024 * 1024, mb: 1024 * 1024 }[(match?.[2] ?? 'b').toLowerCase() as 'b'];
  const bytes = match ? Math.floor(Number(match[1]) * unit) : NaN;
  if (!(bytes >= 1)) throw new UsageError(`--max-file-size expects a size such as 200KB or 10MB, not "${text}"`);
  return bytes;
}

/** `knownCodes` validates --severity; the option values may be given as `--opt value` or `--opt=value`. */
export function parseArgs(argv: readonly string[], knownCodes: ReadonlySet<string>): ParsedArgs {
  if (argv.includes('-h') || argv.includes('--help') || argv[0] === 'help') return { command: 'help' };
  if (argv.includes('-V') || argv.includes('--version')) return { command: 'version' };
  if (argv.length === 0) throw new UsageError('missing command: use `celery-signals check [paths...]`');
  const [command, ...rest] = argv;
  if (command !== 'check') throw new UsageError(`unknown command "${command}": the only command is "check"`);
  const args: CheckArgs = { command: 'check', paths: [], format: 'text', hints: false, catalogs: [], severities: {}, fix: false, dryRun: false, parseAll: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (!arg.startsWith('-') || arg === '-') {
      args.paths.push(arg);
      continue;
    }
    if (arg === '--') {
      args.paths.push(...rest.slice(i + 1));
      break;
    }
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (eq >= 0) return arg.slice(eq + 1);
      const next = rest[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-')) throw new UsageError(`${name} needs a value`);
      i++;
      return next;
    };
    switch (name) {
      case '--hints':
      case '--fix':
      case '--dry-run':
      case '--parse-all':
        if (eq >= 0) throw new UsageError(`${name} takes no value`);
        if (name === '--hints') args.hints = true;
        else if (name === '--fix') args.fix = true;
        else if (name === '--parse-all') args.parseAll = true;
        else args.dryRun = true;
        break;
      case '--jobs': {
        const jobs = value();
        if (!/^[1-9]\d{0,3}$/.test(jobs)) throw new UsageError(`--jobs expects a number of threads from 1 to 9999, not "${jobs}"`);
        args.jobs = Number(jobs);
        break;
      }
      case '--format': {
        const format = value();
        if (!FORMATS.includes(format as OutputFormat)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not "${format}"`);
        args.format = format as OutputFormat;
        break;
      }
      case '--celery-version': {
        const version = value();
        if (!VERSION_PATTERN.test(version)) throw new UsageError(`--celery-version must look like 5.4 or 5.4.0, not "${version}"`);
        args.celeryVersion = version;
        break;
      }
      case '--lang': {
        const language = parseLanguage(value());
        if (!language) throw new UsageError('--lang must be en or zh-cn');
        args.language = language;
        break;
      }
      case '--catalog':
        args.catalogs.push(value());
        break;
      case '--severity': {
        const setting = value();
        const match = /^([\w-]+)=(\w+)$/.exec(setting);
        if (!match) throw new UsageError(`--severity expects CODE=LEVEL, e.g. unknown-param=off, not "${setting}"`);
        const code = match[1];
        const level = LEVEL_ALIASES[match[2]] ?? match[2];
        if (!knownCodes.has(code)) throw new UsageError(`--severity: unknown rule "${code}" (known: ${[...knownCodes].join(', ')})`);
        if (!LEVELS.includes(level)) throw new UsageError(`--severity: level must be one of ${LEVELS.join(', ')}, not "${match[2]}"`);
        args.severities[code] = level as Severity | 'off';
        break;
      }
      case '--max-file-size':
        args.maxFileBytes = parseSize(value());
        break;
      default:
        throw new UsageError(`unknown option ${name}`);
    }
  }
  if (args.dryRun && !args.fix) throw new UsageError('--dry-run only goes with --fix');
  if (args.dryRun && args.format !== 'text') throw new UsageError('--fix --dry-run prints a diff, so it takes no --format');
  if (args.paths.length === 0) args.paths.push('.');
  return args;
}
