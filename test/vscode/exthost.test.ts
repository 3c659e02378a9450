// Runs test/vscode/exthost/checks.js inside a real VS Code (code-server 4.100.3 driven by headless
// Chromium) with this repository loaded as the extension under development, the way @vscode/test-electron
// runs extension tests on machines that can download VS Code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { requireChromium, requireCodeServer } from './support/codeServer';
import { openBrowser, startCodeServer, waitForJsonFile } from './support/session';

const root = path.resolve(__dirname, '..', '..');

interface CheckResult {
  name: string;
  ok: boolean;
  ms: number;
  notes: string[];
  error?: string;
}

test('the extension in VS Code\'s extension host (code-server)', { timeout: 420_000 }, async (t) => {
  if (!requireCodeServer(t) || !requireChromium(t)) return;
  for (const bundle of ['client/out/extension.js', 'server/out/server.js']) {
    assert.ok(fs.existsSync(path.join(root, bundle)), `${bundle} is missing: run npm run build first`);
  }
  const started = Date.now();
  const resultDir = fs.mkdtempSync(path.join(os.tmpdir(), 'celery-signals-exthost-'));
  const resultFile = path.join(resultDir, 'result.json');
  const server = await startCodeServer({
    workspaceFrom: path.join(__dirname, 'workspace'),
    // Completion waits for every provider; tsserver's first answer alone takes about 20 s here.
    settings: { 'typescript.suggest.enabled': false },
    env: { CELERY_SIGNALS_EXTHOST_RESULT: resultFile, ...(process.env.CELERY_SIGNALS_EXTHOST_ONLY ? { CELERY_SIGNALS_EXTHOST_ONLY: process.env.CELERY_SIGNALS_EXTHOST_ONLY } : {}) },
  });
  const browser = await openBrowser(path.join(server.dir, 'browser'));
  let passed = false;
  try {
    const remote = (p: string) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(root)],
      ['extensionTestsPath', remote(path.join(__dirname, 'exthost', 'index.js'))],
    ]);
    const serverReadyMs = Date.now() - started;
    await browser.page.goto(server.workbenchUrl({ payload }));
    const { results } = await waitForJsonFile<{ results: CheckResult[] }>(resultFile, 360_000, () => fs.readFileSync(server.log, 'utf8'));
    assert.ok(results.length > 0, 'the extension host ran checks');
    for (const result of results) {
      await t.test(result.name, () => {
        t.diagnostic(`${result.name}: ${result.ms} ms in the extension host`);
        for (const note of result.notes) t.diagnostic(`${result.name}: ${note}`);
        assert.ok(result.ok, `${result.error}\nnotes:\n${result.notes.join('\n')}`);
      });
    }
    const checksMs = results.reduce((sum, r) => sum + r.ms, 0);
    t.diagnostic(
      `extension-host suite: ${results.length} checks in ${((Date.now() - started) / 1000).toFixed(1)} s ` +
        `(code-server up in ${(serverReadyMs / 1000).toFixed(1)} s, checks ${(checksMs / 1000).toFixed(1)} s, the rest workbench and extension-host start)`,
    );
    passed = results.every((r) => r.ok);
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(resultDir, { recursive: true, force: true });
    if (passed) fs.rmSync(server.dir, { recursive: true, force: true });
    else t.diagnostic(`kept ${server.dir} for inspection (code-server.log, user-data/logs)`);
  }
});
