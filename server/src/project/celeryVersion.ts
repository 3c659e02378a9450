/**
 * The Celery release a project runs, read from the files that state it. Pure: all reading goes
 * through the access object the caller gives (the server confines it to the workspace folders).
 *
 * Precedence, first match wins:
 *   1. lock files, which name the release installed: poetry.lock, uv.lock, pdm.lock, Pipfile.lock;
 *   2. requirement specifiers: pyproject.toml (PEP 621, dependency groups, Poetry), Pipfile, requirements.txt
 *      (and the files it includes), the other requirements*.txt and requirements/*.txt in name order,
 *      setup.cfg, setup.py. An exact pin in any of them beats a range; a range is judged at the lowest
 *      release it allows; a requirement with no lower bound (`celery`, `celery<6`) says nothing.
 * The editor setting and the CLI's --celery-version override all of it (their callers decide that).
 */
import * as path from 'node:path';
import { compareVersions } from '../catalog/versions';
import { assumedRelease } from './celeryVersionSpec';
import {
  pipfileEntries,
  pipfileLockEntries,
  pyprojectEntries,
  requirementsEntries,
  setupCfgEntries,
  setupPyEntries,
  tomlLockEntries,
  type CeleryEntry,
} from './celeryVersionSources';

export interface VersionFileAccess {
  /** The file's text, or undefined when there is no such file; throws when it exists but may not or cannot be read. */
  readFile(file: string): string | undefined;
  /** Names in a folder; empty when there is no such folder. */
  listDir(folder: string): string[];
}

export interface DetectedCeleryVersion {
  /** `major.minor.patch`. */
  version: string;
  /** The specifier as the file writes it (`>=5.2,<6`, `^5.3`, `==5.3.4`). */
  specifier: string;
  /** Absolute path and 1-based line of the entry. */
  source: { file: string; line: number };
  /** The specifier allows several releases and `version` is the lowest of them. */
  lowestOfRange: boolean;
  /** `lock`: a lock file's resolved release; `requirement`: a specifier in a requirements or project file. */
  kind: 'lock' | 'requirement';
}

export interface VersionFileProblem {
  /** Absolute path. */
  file: string;
  /** Why the file was left out, in English (`not valid TOML: ...`). */
  message: string;
}

export interface CeleryVersionDetection {
  detected?: DetectedCeleryVersion;
  /** Files that exist but could not be read or parsed; detection went on without them. */
  problems: VersionFileProblem[];
  /** Every file that was looked at (present or not), so a watcher knows when to detect again. */
  consulted: string[];
}

type Reader = (text: string, file: string) => CeleryEntry[];

const LOCK_FILES: [string, Reader][] = [
  ['poetry.lock', tomlLockEntries],
  ['uv.lock', tomlLockEntries],
  ['pdm.lock', tomlLockEntries],
  ['Pipfile.lock', pipfileLockEntries],
];

/** Names of the files, at a project's root, that detection reads. */
export const VERSION_FILE_NAMES: readonly string[] = ['poetry.lock', 'uv.lock', 'pdm.lock', 'Pipfile.lock', 'pyproject.toml', 'Pipfile', 'requirements.txt', 'setup.cfg', 'setup.py'];

/** True for a file name detection reads at a root (`requirements-dev.txt` included). */
export function isVersionFileName(name: string): boolean {
  return VERSION_FILE_NAMES.includes(name) || /^requirements.*\.txt$/i.test(name);
}

function requirementsFiles(access: VersionFileAccess, root: string): string[] {
  const safeList = (folder: string) => {
    try {
      return access.listDir(folder);
    } catch {
      return [];
    }
  };
  const named = safeList(root)
    .filter((n) => /^requirements.*\.txt$/i.test(n) && n !== 'requirements.txt')
    .sort();
  const nested = safeList(path.join(root, 'requirements'))
    .filter((n) => n.endsWith('.txt'))
    .sort()
    .map((n) => path.join('requirements', n));
  return ['requirements.txt', ...named, ...nested].map((n) => path.join(root, n));
}

function problemText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0];
}

/** The lowest release among a lock's entries (a uv lock may resolve Celery differently per platform). */
function fromLock(entries: CeleryEntry[]): DetectedCeleryVersion | undefined {
  let best: DetectedCeleryVersion | undefined;
  for (const entry of entries) {
    const release = assumedRelease(entry.specifier);
    if (!release) continue;
    if (best && compareVersions(best.version, release.version) <= 0) continue;
    best = { version: release.version, specifier: entry.specifier.replace(/^==/, ''), source: { file: entry.file, line: entry.line }, lowestOfRange: false, kind: 'lock' };
  }
  return best;
}

/** The first exact pin, else the first specifier with a lower bound. */
function fromRequirements(entries: CeleryEntry[]): DetectedCeleryVersion | undefined {
  const judged = entries.flatMap((entry) => {
    const release = assumedRelease(entry.specifier);
    return release ? [{ entry, release }] : [];
  });
  const chosen = judged.find((j) => !j.release.lowestOfRange) ?? judged[0];
  if (!chosen) return undefined;
  const { entry, release } = chosen;
  return { version: release.version, specifier: entry.specifier, source: { file: entry.file, line: entry.line }, lowestOfRange: release.lowestOfRange, kind: 'requirement' };
}

export function detectCeleryVersion(access: VersionFileAccess, root: string): CeleryVersionDetection {
  const problems: VersionFileProblem[] = [];
  const consulted: string[] = [];
  const readSafely = (file: string): string | undefined => {
    consulted.push(file);
    try {
      return access.readFile(file);
    } catch (error) {
      problems.push({ file, message: problemText(error) });
      return undefined;
    }
  };
  const entriesOf = (file: string, reader: Reader): CeleryEntry[] => {
    const text = readSafely(file);
    if (text === undefined) return [];
    try {
      return reader(text, file);
    } catch (error) {
      problems.push({ file, message: problemText(error) });
      return [];
    }
  };
  for (const [name, reader] of LOCK_FILES) {
    const detected = fromLock(entriesOf(path.join(root, name), reader));
    if (detected) return { detected, problems, consulted };
  }
  const seen = new Set<string>();
  const entries = [
    ...entriesOf(path.join(root, 'pyproject.toml'), pyprojectEntries),
    ...entriesOf(path.join(root, 'Pipfile'), pipfileEntries),
    ...requirementsFiles(access, root).flatMap((file) => requirementsEntries(file, readSafely, seen)),
    ...entriesOf(path.join(root, 'setup.cfg'), setupCfgEntries),
    ...entriesOf(path.join(root, 'setup.py'), setupPyEntries),
  ];
  return { detected: fromRequirements(entries), problems, consulted };
}

/**
 * The folder whose version files speak for `start` (a folder): the nearest one, walking up, that holds
 * one of them. The walk stops at a version-control root (a folder with `.git`, `.hg` or `.svn`) and at
 * the filesystem root; undefined when none on the way has such a file. `known` keeps the answer of
 * every folder walked through (the same as start's), so that the folders of a large tree list each
 * shared parent once.
 */
export function projectRootOf(start: string, listDir: (folder: string) => string[], known?: Map<string, string | undefined>): string | undefined {
  const walked: string[] = [];
  let root: string | undefined;
  for (let folder = path.resolve(start); ; folder = path.dirname(folder)) {
    if (known?.has(folder)) {
      root = known.get(folder);
      break;
    }
    walked.push(folder);
    let names: string[];
    try {
      names = listDir(folder);
    } catch {
      names = [];
    }
    if (names.some((name) => isVersionFileName(name) || name === 'requirements')) {
      root = folder;
      break;
    }
    if (names.some((name) => name === '.git' || name === '.hg' || name === '.svn')) break;
    if (path.dirname(folder) === folder) break;
  }
  for (const folder of walked) known?.set(folder, root);
  return root;
}
