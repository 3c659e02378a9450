/** Finding the files to check and reading them safely (file type, size, binary and encoding guards). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LANGUAGES } from '../../../shared/languages';
import { readBoundedFileSync } from '../io/boundedRead';
import { decodeSource } from './sourceEncoding';

export const SOURCE_EXTENSIONS: readonly string[] = LANGUAGES.flatMap((row) => row.extensions);
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(['.git', '.hg', '.svn', 'node_modules', '__pycache__', 'site-packages', '.venv', 'venv', '.tox', '.nox', '.mypy_cache']);

/** Files above this size are generated or vendored, not handler modules; reading them would only stall. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export interface WalkResult {
  files: string[];
  /** Paths given on the command line that do not exist or cannot be listed. */
  problems: { path: string; message: string }[];
  /** TypeScript declaration files (`.d.ts`) met while walking folders and left out: they hold no handler code. */
  declarationFiles: number;
}

function isDeclarationFile(file: string): boolean {
  return /\.d\.[cm]?ts$/i.test(file);
}

export function isSourceFile(file: string): boolean {
  return SOURCE_EXTENSIONS.includes(path.extname(file).toLowerCase()) && !isDeclarationFile(file);
}

function isVirtualEnv(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'pyvenv.cfg'));
}

function walkDirectory(dir: string, out: string[], result: Pick<WalkResult, 'problems' | 'declarationFiles'>): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    result.problems.push({ path: dir, message: `cannot list the folder (${(e as NodeJS.ErrnoException).code ?? String(e)})` });
    return;
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (SKIPPED_DIRECTORIES.has(entry.name) || isVirtualEnv(full)) continue;
      walkDirectory(full, out, result);
    } else if (isDeclarationFile(entry.name)) {
      result.declarationFiles++;
    } else if ((entry.isFile() || entry.isSymbolicLink()) && isSourceFile(entry.name)) {
      // Symlinked folders are not followed (they can loop); symlinked files are read like files.
      if (entry.isSymbolicLink() && !isRegularFile(full)) continue;
      out.push(full);
    }
  }
}

function isRegularFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Expands the command-line paths: files are taken as given, folders walked, in a stable order. */
export function collectFiles(paths: readonly string[]): WalkResult {
  const files: string[] = [];
  const result = { problems: [] as WalkResult['problems'], declarationFiles: 0 };
  const { problems } = result;
  for (const given of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(given);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      problems.push({ path: given, message: code === 'ENOENT' ? 'no such file or folder' : `cannot read it (${code ?? String(e)})` });
      continue;
    }
    if (stat.isDirectory()) walkDirectory(given, files, result);
    else if (stat.isFile()) files.push(given);
    // Reading a FIFO or a device would block or never end; only files and folders are checked.
    else result.problems.push({ path: given, message: 'not a regular file or folder (a pipe, device or socket); not read' });
  }
  return { files: [...new Set(files)], ...result };
}

export type ReadResult = { text: string } | { skipped: string };

/**
 * Reads a source file as its language would (BOM, PEP 263 cookie), refusing what cannot be a handler
 * module: anything but a regular file, more than `maxBytes`, undecodable or binary content.
 */
export function readSource(file: string, maxBytes = MAX_FILE_BYTES): ReadResult {
  const read = readBoundedFileSync(file, maxBytes);
  if (!read.ok) return { skipped: read.tooLarge ? `${read.reason} (see --max-file-size)` : read.reason };
  const decoded = decodeSource(read.bytes, /\.pyi?$/i.test(file));
  if ('refused' in decoded) return { skipped: decoded.refused };
  if (decoded.text.includes('\u0000')) return { skipped: 'the file looks binary (it contains NUL bytes)' };
  return { text: decoded.text };
}
