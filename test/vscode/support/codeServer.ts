/**
 * Where scripts/install/code-server.sh puts code-server (outside the repo) and what the VS Code suites
 * need from it. Suites call `requireCodeServer` first: loud skip on a dev machine, failure under CI.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import * as fs from 'node:fs';
import type { TestContext } from 'node:test';
import { haveExecutable, requireTool } from '../../support/system';

export const CODE_SERVER_VERSION = '4.100.3';
export const CHROMIUM = '/usr/bin/chromium';

export function toolsDir(): string {
  return process.env.CELERY_SIGNALS_TOOLS ?? path.join(os.homedir(), '.cache', 'celery-signals-tools');
}

export function codeServerRoot(): string {
  return path.join(toolsDir(), `code-server-${CODE_SERVER_VERSION}`, 'node_modules', 'code-server');
}

export function codeServerBin(): string {
  return path.join(codeServerRoot(), 'out', 'node', 'entry.js');
}

/** A file inside the VS Code that code-server ships (built-in grammars, extensions). */
export function bundledVsCodeFile(...parts: string[]): string {
  return path.join(codeServerRoot(), 'lib', 'vscode', ...parts);
}

const installHint = 'bash scripts/install/code-server.sh';

export function requireCodeServer(t: TestContext): boolean {
  const installed = fs.existsSync(path.join(toolsDir(), `code-server-${CODE_SERVER_VERSION}`, '.installed')) && fs.existsSync(codeServerBin());
  return requireTool(t, `code-server ${CODE_SERVER_VERSION}`, installed, installHint);
}

export function requireChromium(t: TestContext): boolean {
  // Debian's wrapper answers --version itself; starting the browser to ask could wait on another
  // Chromium running the UI suite at the same time. The suite that uses it proves the rest.
  return requireTool(t, 'chromium', haveExecutable(CHROMIUM, ['--version']), installHint);
}
