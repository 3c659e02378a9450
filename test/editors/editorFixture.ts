/**
 * The file the editor suites open, the places they ask about, and how they start our server. The
 * editors get positions computed here from the text, so the Lua/Elisp side holds no magic numbers.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { positionAt } from '../protocol/fixtureText';
import { serverCommand } from '../protocol/lspClient';

export const BROKEN_HANDLER = `from celery.signals import task_failure


@task_failure.connect
def on_failure(sender, task_id, exception):
    print(task_id, exception)
`;

export interface EditorProbe {
  file: string;
  outFile: string;
  dir: string;
  /** Zero-based positions: on the signal name (hover) and inside the parameter list (completion). */
  hover: { line: number; character: number };
  completion: { line: number; character: number };
  serverCommand: string[];
}

export function prepareProbe(prefix: string): EditorProbe {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `celery-signals-${prefix}-`));
  const file = path.join(dir, 'handlers.py');
  fs.writeFileSync(file, BROKEN_HANDLER);
  for (const xdg of ['config', 'data', 'state', 'cache']) fs.mkdirSync(path.join(dir, 'xdg', xdg), { recursive: true });
  return {
    dir,
    file,
    outFile: path.join(dir, 'result.json'),
    hover: positionAt(BROKEN_HANDLER, BROKEN_HANDLER.indexOf('task_failure.connect') + 3),
    completion: positionAt(BROKEN_HANDLER, BROKEN_HANDLER.indexOf('exception)') + 'exception'.length),
    serverCommand: [process.execPath, ...serverCommand()],
  };
}

export function editorEnv(probe: EditorProbe): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOME: probe.dir,
    XDG_CONFIG_HOME: path.join(probe.dir, 'xdg', 'config'),
    XDG_DATA_HOME: path.join(probe.dir, 'xdg', 'data'),
    XDG_STATE_HOME: path.join(probe.dir, 'xdg', 'state'),
    XDG_CACHE_HOME: path.join(probe.dir, 'xdg', 'cache'),
    CELERY_SIGNALS_PROBE: JSON.stringify(probe),
  };
}

export interface EditorResult {
  diagnostics: { code?: string; message: string; line: number }[];
  hover: string;
  completionLabels: string[];
  error?: string;
}
