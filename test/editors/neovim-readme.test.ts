// The README's Neovim set-ups, exactly as written, with `celery-signals-language-server` on PATH:
// opening a Python file with a wrong handler must bring our diagnostics. Debian 12 ships Neovim 0.7.2,
// so the 0.8+ snippet (vim.lsp.start) only runs where a newer Neovim is installed.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { haveExecutable, requireTool } from '../support/system';
import { editorEnv, prepareProbe } from './editorFixture';

const root = path.resolve(__dirname, '..', '..');
const NVIM = '/usr/bin/nvim';

/** The README's ```lua block whose first line is the given comment. */
function readmeSnippet(firstLine: string): string {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const block = [...readme.matchAll(/```lua\n([\s\S]*?)```/g)].map((m) => m[1]).find((b) => b.startsWith(firstLine));
  assert.ok(block, `README.md has a lua block starting with "${firstLine}"`);
  return block;
}

// Appended after the snippet: wait for diagnostics in the opened file, write their codes, quit.
const PROBE = `
vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    local bufnr = vim.api.nvim_get_current_buf()
    vim.wait(30000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
    local codes = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      table.insert(codes, d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or '?')
    end
    local out = io.open(os.getenv('README_PROBE_OUT'), 'w')
    out:write(vim.fn.json_encode({ codes = codes, clients = #vim.lsp.get_active_clients() }))
    out:close()
    vim.cmd('qall!')
  end,
})
`;

function nvimVersion(): [number, number] {
  const match = /NVIM v(\d+)\.(\d+)/.exec(spawnSync(NVIM, ['--version'], { encoding: 'utf8' }).stdout ?? '');
  return match ? [Number(match[1]), Number(match[2])] : [0, 0];
}

function runSnippet(t: TestContext, firstLine: string): void {
  if (!requireTool(t, 'Neovim', haveExecutable(NVIM), 'bash scripts/install/editors.sh')) return;
  const probe = prepareProbe('nvim-readme');
  try {
    const bin = path.join(probe.dir, 'bin');
    fs.mkdirSync(bin);
    const server = path.join(bin, 'celery-signals-language-server');
    const command = probe.serverCommand.filter((a) => a !== '--stdio').map((a) => `'${a}'`);
    fs.writeFileSync(server, `#!/bin/sh\nexec ${command.join(' ')} "$@"\n`, { mode: 0o755 });
    const init = path.join(probe.dir, 'init.lua');
    fs.writeFileSync(init, readmeSnippet(firstLine) + PROBE);
    const outFile = path.join(probe.dir, 'readme-result.json');
    const env = { ...editorEnv(probe), PATH: `${bin}${path.delimiter}${process.env.PATH}`, README_PROBE_OUT: outFile };
    const run = spawnSync(NVIM, ['--headless', '-n', '-i', 'NONE', '-u', init, probe.file], { env, cwd: probe.dir, encoding: 'utf8', timeout: 90_000 });
    assert.ok(fs.existsSync(outFile), `Neovim wrote no result (status ${run.status}): ${run.stderr}${run.stdout}`);
    const result = JSON.parse(fs.readFileSync(outFile, 'utf8')) as { codes: string[]; clients: number };
    assert.equal(result.clients, 1, 'one language server client');
    assert.ok(result.codes.includes('missing-var-kwargs'), `diagnostics: ${result.codes.join(', ')}; ${run.stderr}`);
  } finally {
    fs.rmSync(probe.dir, { recursive: true, force: true });
  }
}

test('README: the Neovim 0.7 snippet, as written, brings diagnostics', (t) => runSnippet(t, '-- Neovim 0.7'));

test('README: the Neovim 0.8+ snippet, as written, brings diagnostics', (t) => {
  if (haveExecutable(NVIM)) {
    const [major, minor] = nvimVersion();
    if (major === 0 && minor < 8) {
      t.skip(`Neovim ${major}.${minor} is installed; this snippet needs 0.8 or newer (vim.lsp.start)`);
      return;
    }
  }
  runSnippet(t, '-- Neovim 0.8 or newer');
});
