// Neovim 0.7 (Debian `neovim`) as the LSP client, headless: a broken handler gets our diagnostics,
// hover and completion from the stdio server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { haveExecutable, requireTool } from '../support/system';
import { editorEnv, prepareProbe, type EditorResult } from './editorFixture';

test('Neovim: diagnostics, hover and completion from the language server', (t) => {
  if (!requireTool(t, 'Neovim', haveExecutable('/usr/bin/nvim'), 'bash scripts/install/editors.sh')) return;
  const probe = prepareProbe('nvim');
  try {
    const run = spawnSync('/usr/bin/nvim', ['--headless', '-n', '-i', 'NONE', '-u', path.join(__dirname, 'neovim-init.lua'), probe.file], {
      env: editorEnv(probe),
      cwd: probe.dir,
      encoding: 'utf8',
      timeout: 90_000,
    });
    assert.ok(fs.existsSync(probe.outFile), `Neovim wrote no result (status ${run.status}): ${run.stderr}${run.stdout}`);
    const result = JSON.parse(fs.readFileSync(probe.outFile, 'utf8')) as EditorResult;
    assert.equal(result.error, undefined, result.error);
    assert.ok(result.diagnostics.some((d) => d.code === 'missing-var-kwargs'), JSON.stringify(result.diagnostics));
    assert.match(result.hover, /task_failure/);
    assert.ok(result.completionLabels.includes('einfo'), `completion: ${result.completionLabels.join(', ')}`);
    assert.equal(run.status, 0);
  } finally {
    fs.rmSync(probe.dir, { recursive: true, force: true });
  }
});
