// Emacs 28 + eglot (Debian `emacs-nox`, `elpa-eglot`) as the LSP client in --batch: a broken
// handler gets our diagnostics, hover and completion from the stdio server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { haveExecutable, requireTool } from '../support/system';
import { editorEnv, prepareProbe, type EditorResult } from './editorFixture';

const eglotInstalled = fs.existsSync('/usr/share/emacs/site-lisp/elpa-src') && fs.readdirSync('/usr/share/emacs/site-lisp/elpa-src').some((d) => d.startsWith('eglot-'));

test('Emacs + eglot: diagnostics, hover and completion from the language server', (t) => {
  if (!requireTool(t, 'Emacs with eglot', haveExecutable('/usr/bin/emacs') && eglotInstalled, 'bash scripts/install/editors.sh')) return;
  const probe = prepareProbe('emacs');
  try {
    // project.el needs a project root to start eglot without asking.
    spawnSync('git', ['init', '-q', probe.dir]);
    const run = spawnSync('/usr/bin/emacs', ['--batch', '-l', path.join(__dirname, 'emacs-eglot.el')], {
      env: editorEnv(probe),
      cwd: probe.dir,
      encoding: 'utf8',
      timeout: 90_000,
    });
    assert.ok(fs.existsSync(probe.outFile), `Emacs wrote no result (status ${run.status}): ${run.stderr}`);
    const result = JSON.parse(fs.readFileSync(probe.outFile, 'utf8')) as EditorResult;
    assert.equal(result.error, undefined, `${result.error}\n${run.stderr}`);
    assert.ok(
      result.diagnostics.some((d) => d.code === 'missing-var-kwargs' || /\*\*kwargs/.test(d.message)),
      JSON.stringify(result.diagnostics),
    );
    assert.match(result.hover, /task_failure/);
    assert.ok(result.completionLabels.includes('einfo'), `completion: ${result.completionLabels.join(', ')}`);
    const stderr = run.stderr.length > 4000 ? `${run.stderr.slice(0, 2000)}\n[…]\n${run.stderr.slice(-2000)}` : run.stderr;
    assert.equal(run.status, 0, `Emacs exited with status ${run.status}: ${stderr}`);
  } finally {
    fs.rmSync(probe.dir, { recursive: true, force: true });
  }
});
