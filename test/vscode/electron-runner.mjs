// Runs the extension-host checks (test/vscode/exthost/checks.js) in a downloaded VS Code desktop
// build through @vscode/test-electron — the usual way extension authors test. It needs the VS Code
// download host, so it does not run on the project's offline machines, where the same checks run in
// code-server instead (test/vscode/exthost.test.ts, part of `npm test`).
//
// Usage, on a machine with internet and a display (or under xvfb-run):
//   npm run build && node test/vscode/electron-runner.mjs
import { runTests } from '@vscode/test-electron';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'celery-signals-electron-'));
const workspace = path.join(scratch, 'workspace');
fs.cpSync(path.join(here, 'workspace'), workspace, { recursive: true });
const resultFile = path.join(scratch, 'result.json');

try {
  await runTests({
    version: '1.100.3',
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(here, 'exthost', 'index.js'),
    extensionTestsEnv: { CELERY_SIGNALS_EXTHOST_RESULT: resultFile },
    launchArgs: [workspace, '--disable-extensions', '--user-data-dir', path.join(scratch, 'user-data'), '--skip-welcome', '--skip-release-notes'],
  });
  const { results } = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
  for (const r of results) console.log(`${r.ok ? 'ok    ' : 'FAILED'} ${r.name} (${r.ms} ms)${r.ok ? '' : `\n${r.error}`}`);
  const failed = results.filter((r) => !r.ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exitCode = failed || results.length === 0 ? 1 : 0;
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
