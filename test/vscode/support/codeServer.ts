/**
 * Where scripts/install/code-server.sh puts code-server (outside the repo) and what the VS Code suites
 * need from it. Suites call `requireCodeServer` first: loud skip on a dev machine, failure under CI.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import * as fs from 'node:fs';
import type { TestContext } from 'node:test';
import { requireTool } from '../../support/system';

export const CODE_SERVER_VERSION = '4.100.3';
export const CHROMIUM = '/usr/bin/chromium';
/** What Debian's `chromium` wrapper script runs. */
const CHROMIUM_BINARY = '/usr/lib/chromium/chromium';

function isExecutableFile(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

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
  // Not run to ask: `chromium --version` starts the browser binary, which once waited past the 30 s
  // limit while the other UI suite's Chromium was starting, and failed a CI run as "not installed".
  // The files Debian's package installs are enough here; the suite that uses them proves the rest.
  return requireTool(t, 'chromium', [CHROMIUM, CHROMIUM_BINARY].every(isExecutableFile), installHint);
}
