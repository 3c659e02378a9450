// The pre-commit hook and the README's GitHub Actions workflow, run the way pre-commit and the runner
// would: the hook's entry on the staged files of a temporary git repository (blocking a commit with a
// wrong handler), and the workflow's check step in a project, producing the SARIF file it uploads.
// pre-commit itself is not installed here; a git hook does what it does for our hook definition.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'celery-signals-ci-'));
after(() => fs.rmSync(work, { recursive: true, force: true }));

// `celery-signals` on PATH, as `npm install -g` leaves it (test/npm-package.test.ts installs the real package).
const binDir = path.join(work, 'bin');
fs.mkdirSync(binDir);
fs.writeFileSync(path.join(binDir, 'celery-signals'), `#!/bin/sh\nexec "${process.execPath}" "${path.join(root, 'server/out/cli.js')}" "$@"\n`, { mode: 0o755 });
// LC_ALL=C: the assertions read English output, whatever the machine's locale.
const env = { ...process.env, PATH: `${binDir}${path.delimiter}${process.env.PATH}`, GIT_CONFIG_NOSYSTEM: '1', HOME: work, LC_ALL: 'C' };

const WRONG = `from celery.signals import task_failure


@task_failure.connect
def on_failure(sender, task_id):
    print(task_id)
`;
const RIGHT = WRONG.replace('task_id):', 'task_id, **kwargs):');

function sh(command: string, args: string[], options: SpawnSyncOptions = {}) {
  const r = spawnSync(command, args, { encoding: 'utf8', env, timeout: 60_000, ...options });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

function yamlToJson(yaml: string): any {
  const r = spawnSync('/usr/bin/python3', ['-c', 'import json, sys, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))'], { input: yaml, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

/** The file extensions pre-commit's `identify` gives the tags our hook asks for. */
const EXTENSIONS_OF_TAG: Record<string, string[]> = {
  python: ['.py', '.pyi'],
  pyi: ['.pyi'],
  ts: ['.ts'],
  tsx: ['.tsx'],
  javascript: ['.js', '.mjs', '.cjs'],
  jsx: ['.jsx'],
};

test('the pre-commit hook runs `celery-signals check` on staged files and blocks a commit with a wrong handler', () => {
  const hooks = yamlToJson(fs.readFileSync(path.join(root, '.pre-commit-hooks.yaml'), 'utf8'));
  const hook = hooks.find((h: { id: string }) => h.id === 'celery-signals');
  assert.equal(hook.language, 'node');
  assert.equal(hook.entry, 'celery-signals check');
  const extensions = [...new Set(hook.types_or.flatMap((tag: string) => EXTENSIONS_OF_TAG[tag] ?? assert.fail(`unknown tag ${tag}`)))] as string[];
  for (const needed of ['.py', '.ts', '.tsx', '.js', '.jsx']) assert.ok(extensions.includes(needed), needed);

  const repo = path.join(work, 'repo');
  fs.mkdirSync(repo);
  assert.equal(sh('git', ['init', '-q', '-b', 'main'], { cwd: repo }).status, 0);
  sh('git', ['config', 'user.email', 'dev@example.com'], { cwd: repo });
  sh('git', ['config', 'user.name', 'Dev'], { cwd: repo });
  // What pre-commit does for this hook: the staged files of its types, appended to its entry.
  const pathspecs = extensions.map((e) => `'*${e}'`).join(' ');
  fs.writeFileSync(
    path.join(repo, '.git/hooks/pre-commit'),
    `#!/bin/sh\nfiles=$(git diff --cached --name-only --diff-filter=ACMR -- ${pathspecs})\n[ -z "$files" ] && exit 0\nexec ${hook.entry} $files\n`,
    { mode: 0o755 },
  );

  fs.writeFileSync(path.join(repo, 'handlers.py'), WRONG);
  fs.writeFileSync(path.join(repo, 'notes.txt'), 'not checked\n');
  sh('git', ['add', 'handlers.py', 'notes.txt'], { cwd: repo });
  const blocked = sh('git', ['commit', '-q', '-m', 'add handler'], { cwd: repo });
  assert.notEqual(blocked.status, 0, 'the commit went through');
  assert.match(blocked.out, /handlers\.py:5:5: error missing-var-kwargs/);
  assert.notEqual(sh('git', ['rev-parse', '--verify', '-q', 'HEAD'], { cwd: repo }).status, 0, 'nothing was committed');

  fs.writeFileSync(path.join(repo, 'handlers.py'), RIGHT);
  fs.writeFileSync(path.join(repo, 'scratch.py'), WRONG); // not staged, so not the hook's business
  sh('git', ['add', 'handlers.py'], { cwd: repo });
  const passed = sh('git', ['commit', '-q', '-m', 'add handler'], { cwd: repo });
  assert.equal(passed.status, 0, passed.out);
  assert.match(passed.out, /No problems found \(1 file checked\)/);
});

test("the README's GitHub Actions workflow writes a SARIF file and uploads it even when the check fails", () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const block = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]).find((b) => b.includes('upload-sarif'));
  assert.ok(block, 'README.md has a workflow that uploads SARIF');
  const workflow = yamlToJson(block);
  assert.equal(workflow.permissions['security-events'], 'write');
  const steps: { run?: string; uses?: string; if?: string; with?: Record<string, string> }[] = Object.values<any>(workflow.jobs)[0].steps;
  const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
  assert.ok(steps.some((s) => s.run === `npm install --global celery-signals@${version}`), 'installs the released package');
  const check = steps.find((s) => s.run?.startsWith('celery-signals check'))!;
  const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
  assert.equal(upload.if, 'always()');

  const project = path.join(work, 'actions');
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'handlers.py'), WRONG);
  const ran = sh('/bin/sh', ['-e', '-c', check.run!], { cwd: project });
  assert.equal(ran.status, 1, `a wrong handler fails the step: ${ran.out}`);
  const sarif = JSON.parse(fs.readFileSync(path.join(project, upload.with!.sarif_file), 'utf8'));
  assert.equal(sarif.version, '2.1.0');
  assert.deepEqual(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId), ['missing-var-kwargs']);
  assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'handlers.py');
});
