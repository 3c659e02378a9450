/**
 * Lists a project's source files without blocking: skips version-control, dependency, cache and
 * virtual-environment folders (as the CLI does) and whatever `files.exclude`-style globs the user
 * gives, matched against the path relative to the root.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isSourceFile, SKIPPED_DIRECTORIES } from '../cli/files';

/** `**` any folders, `*` and `?` within one name, `{a,b}` alternatives; a bare name matches at any depth. */
export function globMatcher(globs: readonly string[]): (relative: string) => boolean {
  const patterns = globs.filter((glob) => glob.trim() !== '').map((glob) => {
    let source = '';
    const text = glob.replace(/^\.\//, '').replace(/\/$/, '');
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '*' && text[i + 1] === '*') {
        const slash = text[i + 2] === '/';
        source += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else if (c === '*') source += '[^/]*';
      else if (c === '?') source += '[^/]';
      else if (c === '{') source += '(?:';
      else if (c === '}') source += ')';
      else if (c === ',') source += '|';
      else source += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
    }
    const anchored = text.includes('/') ? `^${source}(?:/.*)?$` : `^(?:.*/)?${source}(?:/.*)?$`;
    return new RegExp(anchored);
  });
  return (relative) => patterns.some((pattern) => pattern.test(relative));
}

export interface WalkOptions {
  exclude?: readonly string[];
  /** Stop after this many files (a guard against indexing a whole home folder). */
  maxFiles?: number;
}

export async function walkProject(root: string, options: WalkOptions = {}): Promise<string[]> {
  const excluded = globMatcher(options.exclude ?? []);
  const limit = options.maxFiles ?? 50_000;
  const files: string[] = [];
  const pending = [root];
  while (pending.length > 0 && files.length < limit) {
    const dir = pending.pop()!;
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const relative = path.relative(root, full).split(path.sep).join('/');
      if (excluded(relative)) continue;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name) && !(await exists(path.join(full, 'pyvenv.cfg')))) pending.push(full);
      } else if (entry.isFile() && isSourceFile(entry.name)) files.push(full);
    }
  }
  return files.sort();
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}
