// The `celery-signals check` command: argument handling, walking, output formats, exit codes and
// bad input, through the real entry point (in-process for speed, plus a few real processes).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { project, run } from './support/cliProject';

const root = path.resolve(__dirname, '..');

const BROKEN = `from celery.signals import task_failure


@task_failure.connect
def on_failure(sender, task_id):
    print(task_id)
`;

const WARNING_ONLY = `from celery.signals import task_success


@task_success.connect
def on_success(sender=None, retval=None, **kwargs):
    print(retval)
`;

const CLEAN = `from celery.signals import task_success


@task_success.connect
def on_success(sender=None, result=None, **kwargs):
    print(result)
`;

describe('text output and exit codes', () => {
  test('an error gives exit 1 and compiler-style lines sorted by file and position', async () => {
    const dir = project({ 'b.py': BROKEN, 'a/handlers.py': WARNING_ONLY, 'a/clean.py': CLEAN });
    const r = await run(['check', '.'], dir);
    assert.equal(r.code, 1);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0], /^a\/handlers\.py:5:29: warning unknown-param .*`result`/);
    assert.match(lines[1], /^b\.py:5:5: error missing-var-kwargs .*ValueError/);
    assert.equal(lines[2], '');
    assert.equal(lines[3], '2 problems (1 error, 1 warning) in 2 files (3 files checked).');
  });

  test('warnings alone exit 0; a clean tree says so', async () => {
    assert.equal((await run(['check'], project({ 'w.py': WARNING_ONLY }))).code, 0);
    const clean = await run(['check'], project({ 'ok.py': CLEAN }));
    assert.equal(clean.code, 0);
    assert.equal(clean.stdout, 'No problems found (1 file checked).\n');
  });

  test('--severity changes or silences a rule', async () => {
    const dir = project({ 'w.py': WARNING_ONLY, 'b.py': BROKEN });
    const raised = await run(['check', '--severity', 'unknown-param=error', '--severity=missing-var-kwargs=off'], dir);
    assert.equal(raised.code, 1);
    assert.match(raised.stdout, /w\.py:5:29: error unknown-param/);
    assert.doesNotMatch(raised.stdout, /missing-var-kwargs/);
  });

  test('--celery-version changes the verdict', async () => {
    const dir = project({ 'p.py': 'from celery.signals import worker_before_create_process\n' });
    assert.doesNotMatch((await run(['check'], dir)).stdout, /signal-too-new/);
    assert.match((await run(['check', '--celery-version', '5.2.6'], dir)).stdout, /p\.py:1:28: warning signal-too-new/);
  });

  test('hints only with --hints', async () => {
    const dir = project({ 'h.py': 'from celery.signals import task_failure\n\n@task_failure.connect\ndef f(**kwargs):\n    pass\n' });
    assert.doesNotMatch((await run(['check'], dir)).stdout, /missing-signal-params/);
    assert.match((await run(['check', '--hints'], dir)).stdout, /h\.py:4:5: hint missing-signal-params/);
  });
});

describe('json output', () => {
  test('zero-based ranges, fixes with their edits', async () => {
    const dir = project({ 'b.py': BROKEN });
    const r = await run(['check', 'b.py', '--format', 'json'], dir);
    assert.equal(r.code, 1);
    const items = JSON.parse(r.stdout);
    assert.equal(items.length, 1);
    const [item] = items;
    assert.deepEqual(Object.keys(item).sort(), ['code', 'file', 'fixes', 'message', 'range', 'severity']);
    assert.equal(item.file, 'b.py');
    assert.deepEqual(item.range, { start: { line: 4, character: 4 }, end: { line: 4, character: 14 } });
    assert.equal(item.code, 'missing-var-kwargs');
    // task_failure itself sends a keyword named `kwargs`, so the catch-all gets another name.
    assert.equal(item.fixes[0].title, 'Add **kw');
    assert.equal(item.fixes[0].preferred, true);
    assert.deepEqual(item.fixes[0].edits, [{ range: { start: { line: 4, character: 30 }, end: { line: 4, character: 30 } }, newText: ', **kw' }]);
  });

  test('an empty array when nothing is found', async () => {
    const r = await run(['check', '--format=json'], project({ 'ok.py': CLEAN }));
    assert.deepEqual(JSON.parse(r.stdout), []);
  });
});

describe('walking', () => {
  test('skips VCS, dependency, cache and virtualenv folders; takes every source extension', async () => {
    const dir = project({
      'app/tasks.py': BROKEN,
      'app/types.pyi': BROKEN,
      'web/handlers.mjs': '',
      'web/types.d.ts': '',
      'notes.txt': BROKEN,
      '.git/hooks/x.py': BROKEN,
      'node_modules/pkg/x.py': BROKEN,
      'app/__pycache__/x.py': BROKEN,
      '.venv/lib/x.py': BROKEN,
      'env/pyvenv.cfg': 'home = /usr/bin',
      'env/lib/x.py': BROKEN,
      'lib/site-packages/x.py': BROKEN,
      '.tox/py311/x.py': BROKEN,
    });
    const r = await run(['check', '--format', 'json'], dir);
    const files = [...new Set(JSON.parse(r.stdout).map((i: { file: string }) => i.file))];
    assert.deepEqual(files, ['app/tasks.py', 'app/types.pyi']);
    const text = await run(['check'], dir);
    assert.match(text.stdout, /\(3 files checked, 1 declaration file \(\.d\.ts\) left out\)/);
  });

  test('takes every extension of the language table (.mts and .cts too) but no declaration files', async () => {
    const handler = "import { task_failure } from 'celery-signals';\n\ntask_failure.connect(({ sender, nope }) => console.log(sender, nope), { weak: false });\n";
    const r = await run(['check', '--format', 'json'], project({ 'esm.mts': handler, 'common.cts': handler, 'types.d.mts': handler, 'types.d.cts': handler }));
    assert.deepEqual([...new Set(JSON.parse(r.stdout).map((i: { file: string }) => i.file))], ['common.cts', 'esm.mts']);
  });

  test('a missing path is reported, the others still checked, exit 2', async () => {
    const dir = project({ 'b.py': BROKEN });
    const r = await run(['check', 'nope', 'b.py'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /nope: no such file or folder/);
    assert.match(r.stdout, /b\.py:5:5: error missing-var-kwargs/);
  });
});

describe('bad input', () => {
  test('binary, invalid UTF-8 and huge files are skipped with a message; others still reported', async () => {
    const dir = project({
      'bin.py': Buffer.from([0x66, 0x00, 0x6f]),
      'latin1.py': Buffer.from('x = "caf\xe9"\n', 'latin1'),
      'huge.py': Buffer.alloc(6 * 1024 * 1024, 0x23),
      'b.py': BROKEN,
    });
    const r = await run(['check'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /bin\.py: skipped: .*binary/);
    assert.match(r.stderr, /latin1\.py: skipped: .*UTF-8/);
    assert.match(r.stderr, /huge\.py: skipped: .*MB/);
    assert.match(r.stdout, /b\.py:5:5: error missing-var-kwargs/);
    assert.match(r.stdout, /\(1 file checked, 3 skipped\)/);
  });

  test('syntax errors: what parses is still checked; syntax-error only where a handler is not read', async () => {
    const dir = project({
      'half.py': `${BROKEN}\n\ndef later(x:\n`,
      'swallowed.py': `${BROKEN}\n\nrows = list(r for r in results\n\n@task_failure.connect\ndef second(sender=None, **kwargs):\n    pass\n`,
    });
    const r = await run(['check', '--format', 'json'], dir);
    const found = JSON.parse(r.stdout).map((i: { file: string; code: string }) => `${i.file} ${i.code}`);
    assert.deepEqual(found, ['half.py missing-var-kwargs', 'swallowed.py missing-var-kwargs', 'swallowed.py syntax-error']);
  });

  test('an unreadable file is reported and does not stop the run', { skip: process.getuid?.() === 0 ? 'root can read any file' : false }, async () => {
    const dir = project({ 'secret.py': BROKEN, 'b.py': BROKEN });
    fs.chmodSync(path.join(dir, 'secret.py'), 0o000);
    const r = await run(['check'], dir);
    assert.match(r.stderr, /secret\.py: skipped: cannot read/);
    assert.match(r.stdout, /b\.py/);
  });

  test('a user catalog teaches the checker a project signal', async () => {
    const catalog = { catalogVersion: 1, signals: [{ name: 'order_paid', access: { kind: 'module', modules: ['shop.signals'] }, params: [{ name: 'order' }] }] };
    const handler = 'from shop.signals import order_paid\n\n\n@order_paid.connect\ndef on_paid(sender, order, amount, **kwargs):\n    print(order, amount)\n';
    const dir = project({ 'h.py': handler, 'signals.json': JSON.stringify(catalog) });
    assert.equal((await run(['check', 'h.py'], dir)).code, 0);
    const r = await run(['check', 'h.py', '--catalog', 'signals.json'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /h\.py:5:28: error param-not-provided order_paid never sends a keyword named `amount`/);
  });

  test('an invalid catalog is a usage problem', async () => {
    const dir = project({ 'b.py': BROKEN, 'cat.json': '{ "signals": 3 }' });
    const r = await run(['check', '--catalog', 'cat.json'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /catalog problem: .*cat\.json/);
  });
});

describe('honest exit status and bounded reads', () => {
  test('a run that checked nothing exits 2 and never says "No problems found"', async () => {
    const missing = await run(['check', 'nope.py'], project({}));
    assert.equal(missing.code, 2);
    assert.match(missing.stdout, /^Nothing was checked \(1 path could not be checked\)\.$/m);
    const allSkipped = await run(['check'], project({ 'bin.py': Buffer.from([0x66, 0x00]) }));
    assert.equal(allSkipped.code, 2);
    assert.match(allSkipped.stdout, /Nothing was checked \(1 file skipped\)/);
    const empty = await run(['check'], project({ 'README.md': '# docs' }));
    assert.equal(empty.code, 2);
    assert.match(empty.stdout, /Nothing was checked: no Python, TypeScript or JavaScript file was found/);
    for (const r of [missing, allSkipped, empty]) assert.doesNotMatch(r.stdout, /No problems found/);
    const partial = await run(['check', 'nope.py', 'ok.py'], project({ 'ok.py': CLEAN }));
    assert.equal(partial.code, 2);
    assert.match(partial.stdout, /No problems found in the files checked \(1 file checked\)\. Incomplete: 1 path could not be checked\./);
  });

  test('PEP 263 coding cookies and byte-order marks are honoured', async () => {
    const latin1 = Buffer.from(`# -*- coding: latin-1 -*-\n# caf\xe9\n${BROKEN}`, 'latin1');
    const cp1252 = Buffer.concat([Buffer.from('#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\n# \x93quoted\x94\n', 'latin1'), Buffer.from(BROKEN)]);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`# café\n${BROKEN}`)]);
    const unknown = Buffer.from(`# coding: no-such-codec\n${BROKEN}`);
    const dir = project({ 'latin1.py': latin1, 'cp1252.py': cp1252, 'bom.py': bom, 'unknown.py': unknown });
    const r = await run(['check', '--format', 'json'], dir);
    const files = new Set(JSON.parse(r.stdout).filter((f: { code: string }) => f.code === 'missing-var-kwargs').map((f: { file: string }) => f.file));
    assert.deepEqual([...files].sort(), ['bom.py', 'cp1252.py', 'latin1.py']);
    assert.match(r.stderr, /unknown\.py: skipped: the file declares the encoding "no-such-codec", which is not supported/);
  });

  test('the size limit is a flag', async () => {
    const dir = project({ 'b.py': BROKEN });
    const small = await run(['check', '--max-file-size', '10'], dir);
    assert.equal(small.code, 2);
    assert.match(small.stderr, /b\.py: skipped: it is \d+ bytes; the limit is 10 bytes \(see --max-file-size\)/);
    assert.equal((await run(['check', '--max-file-size=1MB'], dir)).code, 1);
    const bad = await run(['check', '--max-file-size', 'big'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--max-file-size expects a size/);
  });

  test('a FIFO or a device given on the command line is refused at once, never read', { skip: process.platform === 'win32' }, async () => {
    const dir = project({ 'b.py': BROKEN });
    const fifo = path.join(dir, 'pipe.py');
    spawnSync('mkfifo', [fifo]);
    const r = await run(['check', fifo, '/dev/zero', 'b.py'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /pipe\.py: not a regular file or folder/);
    assert.match(r.stderr, /\/dev\/zero: not a regular file or folder/);
    assert.match(r.stdout, /b\.py:5:5: error missing-var-kwargs/);
    for (const catalog of [fifo, '/dev/zero']) {
      const withCatalog = await run(['check', '--catalog', catalog, 'b.py'], dir);
      assert.equal(withCatalog.code, 2);
      assert.match(withCatalog.stderr, /catalog problem: .*only regular files are read/);
    }
  });
});

describe('usage', () => {
  for (const [args, pattern] of [
    [[], /missing command/],
    [['lint'], /unknown command "lint"/],
    [['check', '--format', 'xml'], /--format must be one of text, json, sarif, github/],
    [['check', '--celery-version', 'five'], /--celery-version must look like/],
    [['check', '--severity', 'no-such-rule=off'], /unknown rule "no-such-rule"/],
    [['check', '--severity', 'unknown-param=loud'], /level must be one of/],
    [['check', '--frobnicate'], /unknown option --frobnicate/],
    [['check', '--format'], /--format needs a value/],
  ] as [string[], RegExp][]) {
    test(`exit 2 for ${JSON.stringify(args)}`, async () => {
      const r = await run(args, root);
      assert.equal(r.code, 2);
      assert.match(r.stderr, pattern);
      assert.match(r.stderr, /Usage: celery-signals check/);
    });
  }

  test('--help and --version', async () => {
    const help = await run(['--help'], root);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--celery-version X\.Y\.Z/);
    const version = await run(['--version'], root);
    assert.match(version.stdout, /^celery-signals \d+\.\d+\.\d+\n$/);
  });
});

describe('as a process', () => {
  const entry = fs.existsSync(path.join(root, 'server/out/cli.js')) ? ['server/out/cli.js'] : ['--import', 'tsx', 'server/src/cli/main.ts'];
  test('exit statuses and streams of the real command', () => {
    const dir = project({ 'b.py': BROKEN, 'ok.py': CLEAN });
    const failing = spawnSync(process.execPath, [...entry, 'check', dir], { cwd: root, encoding: 'utf8' });
    assert.equal(failing.status, 1, failing.stderr);
    assert.match(failing.stdout, /b\.py:5:5: error missing-var-kwargs/);
    const passing = spawnSync(process.execPath, [...entry, 'check', path.join(dir, 'ok.py')], { cwd: root, encoding: 'utf8' });
    assert.equal(passing.status, 0, passing.stderr);
    const usage = spawnSync(process.execPath, [...entry, 'check', '--nope'], { cwd: root, encoding: 'utf8' });
    assert.equal(usage.status, 2);
    assert.equal(usage.stdout, '');
  });

  test('a reader that stops early (check | head -1) gets one line and no stack trace', (t) => {
    if (!fs.existsSync('/bin/bash')) return t.skip('needs bash for PIPESTATUS');
    // More output than a pipe buffers, so the command is still writing when head has gone.
    const handlers = Array.from({ length: 1500 }, (_, i) => `@task_failure.connect\ndef on_failure_${i}(sender, task_id):\n    print(task_id)\n`);
    const dir = project({ 'many.py': `from celery.signals import task_failure\n\n${handlers.join('\n')}` });
    const command = `${[process.execPath, ...entry].map((a) => `'${a}'`).join(' ')} check '${dir}' | head -1; echo "status=\${PIPESTATUS[0]}" >&2`;
    const piped = spawnSync('/bin/bash', ['-c', command], { cwd: root, encoding: 'utf8' });
    assert.equal(piped.stdout.split('\n').filter(Boolean).length, 1, piped.stdout);
    assert.doesNotMatch(piped.stderr, /EPIPE|Error|at /, piped.stderr);
    assert.match(piped.stderr, /status=1\n$/, 'the status still reports the errors found');
  });
});
