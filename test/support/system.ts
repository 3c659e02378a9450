/**
 * Suites that need a system package (Debian's python3-celery, neovim, emacs, chromium, code-server)
 * call `requireTool`. On a developer machine without it the suite is skipped with a loud message;
 * under CI=true a missing tool fails the run, because `.ci/run` was supposed to install it.
 */
import * as fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import type { TestContext } from 'node:test';

export const inCI = process.env.CI === 'true' || process.env.CI === '1';

export function haveExecutable(file: string, args: string[] = ['--version']): boolean {
  if (!fs.existsSync(file)) return false;
  const r = spawnSync(file, args, { encoding: 'utf8', timeout: 30_000 });
  return r.status === 0;
}

/** Returns true when the tool is there; otherwise skips (developer machine) or fails (CI). */
export function requireTool(t: TestContext, name: string, available: boolean, howToInstall: string): boolean {
  if (available) return true;
  const message = `${name} is not installed (${howToInstall})`;
  if (inCI) throw new Error(`CI=true but ${message}: .ci/run should have installed it`);
  process.stderr.write(`\n!!! SKIPPED: ${message}. Run .ci/run (or install it) to include this suite.\n\n`);
  t.skip(`SKIPPED: ${message}`);
  return false;
}
