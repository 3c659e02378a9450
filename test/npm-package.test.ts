// The npm package as a user gets it: `npm pack`, `npm install -g` into a throw-away prefix, then both
// commands run from the installed location (shebangs, wasm, catalog), and the documented TypeScript
// import type-checks against the published declarations. Needs `npm run build` first (npm test does it).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient } from './protocol/lspClient';

const root = path.resolve(__dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'celery-signals-npm-'));
const prefix = path.join(work, 'prefix');
const bin = (name: string) => path.join(prefix, 'bin', name);
let tarball = '';

const WRONG_HANDLER = `from celery.signals import task_failure


@task_failure.connect
def on_failure(sender, task_id):
    print(task_id)
`;

function run(command: string, args: string[], options: SpawnSyncOptions = {}) {
  // LC_ALL=C: the assertions read English output, whatever the machine's locale.
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 120_000, env: { ...process.env, LC_ALL: 'C' }, ...options });
  return { status: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

function npmRun(args: string[], cwd: string) {
  // --offline: the package has no dependencies, so installing it must not need the registry.
  const result = run(npm, [...args, '--offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd });
  assert.equal(result.status, 0, `npm ${args.join(' ')} failed:\n${result.stderr}${result.stdout}`);
  return result.stdout;
}

before(() => {
  // --ignore-scripts skips `prepack` (a production rebuild): the suite tests the build already made,
  // and rewriting server/out/ would disturb the suites running next to this one.
  const packed = JSON.parse(npmRun(['pack', '--json', '--ignore-scripts', '--pack-destination', work], root)) as { filename: string; files: { path: string }[] }[];
  tarball = path.join(work, packed[0].filename);
  npmRun(['install', '--global', '--prefix', prefix, tarball], work);
});
after(() => fs.rmSync(work, { recursive: true, force: true }));

test('npm pack ships the bundles, wasm, catalog, schema, types and documents, nothing else', () => {
  const packed = JSON.parse(npmRun(['pack', '--dry-run', '--json', '--ignore-scripts'], root)) as { files: { path: string }[] }[];
  const files = packed[0].files.map((f) => f.path).sort();
  const allowed = /^(package\.json|README(\.zh-CN)?\.md|CHANGELOG\.md|LICENSE|server\/out\/(cli|server|serverMain|analysisWorker)\.js|server\/out\/wasm\/tree-sitter(-\w+)?\.wasm|schemas\/[\w.-]+\.(json|md)|types\/celery-signals\.d\.ts)$/;
  assert.deepEqual(files.filter((f) => !allowed.test(f)), []);
  for (const needed of ['server/out/cli.js', 'server/out/server.js', 'server/out/serverMain.js', 'server/out/analysisWorker.js', 'server/out/wasm/tree-sitter-python.wasm', 'schemas/celery-signals.json', 'types/celery-signals.d.ts', 'CHANGELOG.md', 'LICENSE']) {
    assert.ok(files.includes(needed), `${needed} is packed (packed: ${files.join(', ')})`);
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  assert.equal(manifest.private, undefined, 'the package can be published');
  assert.deepEqual(manifest.dependencies ?? {}, {}, 'the bundles carry their dependencies, so installing pulls nothing');
});

test('the installed commands start with a node shebang and are executable', () => {
  for (const name of ['celery-signals', 'celery-signals-language-server']) {
    const target = fs.realpathSync(bin(name));
    assert.match(fs.readFileSync(target, 'utf8').split('\n')[0], /^#!\/usr\/bin\/env node$/, name);
    assert.ok(fs.statSync(target).mode & 0o111, `${name} is executable`);
    assert.ok(target.startsWith(fs.realpathSync(prefix)), `${name} runs from the installed package, not the repository`);
  }
});

test('celery-signals check runs from the installed package: wrong handler exits 1, fixed one exits 0', () => {
  const project = path.join(work, 'project');
  fs.mkdirSync(project, { recursive: true });
  fs.writeFileSync(path.join(project, 'handlers.py'), WRONG_HANDLER);
  const wrong = run(bin('celery-signals'), ['check', '.'], { cwd: project });
  assert.equal(wrong.status, 1, wrong.stderr + wrong.stdout);
  assert.match(wrong.stdout, /handlers\.py:5:5: error missing-var-kwargs /);
  fs.writeFileSync(path.join(project, 'handlers.py'), WRONG_HANDLER.replace('task_id)', 'task_id, **kwargs)'));
  const fixed = run(bin('celery-signals'), ['check', '.'], { cwd: project });
  assert.equal(fixed.status, 0, fixed.stderr + fixed.stdout);
  assert.match(fixed.stdout, /No problems found \(1 file checked\)/);
  const version = run(bin('celery-signals'), ['--version']);
  assert.equal(version.stdout.trim(), `celery-signals ${JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version}`);
});

test('celery-signals-language-server answers initialize over stdio and reports a wrong handler', async () => {
  const client = await LspClient.start({ executable: bin('celery-signals-language-server'), pullDiagnostics: false, rootPath: work });
  try {
    assert.equal(client.initializeResult.serverInfo?.name, 'celery-signals-language-server');
    const uri = 'file:///project/handlers.py';
    client.open(uri, WRONG_HANDLER);
    const diagnostics = await client.nextDiagnostics(uri, 1);
    assert.ok(diagnostics.some((d: { code: string }) => d.code === 'missing-var-kwargs'), JSON.stringify(diagnostics));
    // Go to definition on a Celery signal opens the installed package's catalog.
    const definition = await client.request('textDocument/definition', { textDocument: { uri }, position: { line: 3, character: 3 } });
    const installedCatalog = path.join(path.dirname(path.dirname(fs.realpathSync(bin('celery-signals-language-server')))), '..', 'schemas', 'celery-signals.json');
    assert.equal(fs.realpathSync(new URL(definition.uri).pathname), fs.realpathSync(installedCatalog));
    assert.match(fs.readFileSync(installedCatalog, 'utf8').split('\n')[definition.range.start.line], /"name": "task_failure"/);
    // A large module is analysed on the server's analysis thread, which the package must ship too.
    const large = 'file:///project/large_handlers.py';
    const handlers = Array.from({ length: 1000 }, (_, i) => WRONG_HANDLER.replaceAll('on_failure', `on_failure_${i}`)).join('\n');
    assert.ok(handlers.length > 64 * 1024);
    client.open(large, handlers);
    // Its top part's diagnostics come first (docs/performance.md); the complete ones name every handler.
    const unfitting = (m: { params: { diagnostics: { code: string }[] } }) => m.params.diagnostics.filter((d) => d.code === 'missing-var-kwargs').length;
    const complete = await client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === large && unfitting(m as never) === 1000, 60_000, true);
    assert.equal(complete.params.version, 1);
    assert.equal(await client.shutdown(), 0);
  } finally {
    client.kill();
  }
});

/** The README's TypeScript example, with declarations for the names it leaves to the reader. */
function documentedExample(): string {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const block = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]).find((b) => b.includes("from 'celery-signals'"));
  assert.ok(block, 'README.md has a ```ts example importing from celery-signals');
  return `${block}\ndeclare const alerts: { send(...parts: unknown[]): void };\n`;
}

test('the documented `import { task_failure } from "celery-signals"` type-checks in a TypeScript project', () => {
  const project = path.join(work, 'ts-project');
  fs.mkdirSync(project, { recursive: true });
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'ts-project', private: true, type: 'module' }));
  npmRun(['install', '--ignore-scripts', tarball], project);
  const tsconfig = { compilerOptions: { strict: true, module: 'node16', moduleResolution: 'node16', target: 'es2022', noEmit: true, types: [] }, include: ['*.ts'] };
  fs.writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify(tsconfig));
  fs.writeFileSync(path.join(project, 'handlers.ts'), documentedExample());
  const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
  const good = run(process.execPath, [tsc, '-p', project]);
  assert.equal(good.status, 0, good.stdout + good.stderr);
  // The declarations are real: a keyword task_failure never sends is a type error, not `any`.
  fs.writeFileSync(path.join(project, 'handlers.ts'), documentedExample().replace('einfo }', 'einfo, retval }'));
  const bad = run(process.execPath, [tsc, '-p', project]);
  assert.equal(bad.status, 2, bad.stdout + bad.stderr);
  assert.match(bad.stdout, /retval/);
});
