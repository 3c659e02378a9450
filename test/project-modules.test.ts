// Module names as Python imports them (packages, namespace packages, src layouts), relative imports
// resolved against them, and the project walk's skips and exclude globs.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { moduleExportsOf } from '../server/src/project/pythonExports';
import { moduleNamingOf } from '../server/src/project/moduleNames';
import { globMatcher, walkProject } from '../server/src/project/walk';
import { parseText } from '../server/src/parsing/treeSitter';

const root = '/work/app';
const existing = (files: string[]) => (file: string) => files.includes(file);

test('packages, namespace packages and src layouts name modules the way Python imports them', () => {
  const files = ['/work/app/proj/__init__.py', '/work/app/proj/tasks.py', '/work/app/src/lib/__init__.py', '/work/app/src/lib/core.py', '/work/app/ns/plugins/audit.py', '/work/app/tests/pkg/__init__.py', '/work/app/tests/pkg/test_x.py'];
  const name = (file: string) => moduleNamingOf(file, root, existing(files));
  assert.deepEqual(name('/work/app/proj/tasks.py'), { primary: { name: 'proj.tasks', isPackage: false } });
  assert.deepEqual(name('/work/app/proj/__init__.py'), { primary: { name: 'proj', isPackage: true } });
  assert.deepEqual(name('/work/app/src/lib/core.py'), { primary: { name: 'lib.core', isPackage: false } });
  assert.deepEqual(name('/work/app/ns/plugins/audit.py'), { primary: { name: 'ns.plugins.audit', isPackage: false } });
  // A package below a plain folder is also importable from that folder (a test runner's rootdir).
  assert.deepEqual(name('/work/app/tests/pkg/test_x.py'), { primary: { name: 'tests.pkg.test_x', isPackage: false }, alias: 'pkg.test_x' });
  assert.equal(name('/work/app/my-scripts/run.py'), undefined);
  assert.equal(name('/work/app/web/app.ts'), undefined);
});

test('relative imports resolve against the importing module, one dot being the package of a module or the package itself', async () => {
  const text = 'from . import signals\nfrom .signals import failure\nfrom ..core import app\n';
  const tree = await parseText('python', text);
  try {
    const inModule = moduleExportsOf(tree.rootNode, text, { name: 'proj.sub.mod', isPackage: false });
    assert.deepEqual(inModule.names.get('signals')?.[0].binding, { kind: 'import', module: 'proj.sub', name: 'signals' });
    assert.deepEqual(inModule.names.get('failure')?.[0].binding, { kind: 'import', module: 'proj.sub.signals', name: 'failure' });
    assert.deepEqual(inModule.names.get('app')?.[0].binding, { kind: 'import', module: 'proj.core', name: 'app' });
    const inPackage = moduleExportsOf(tree.rootNode, text, { name: 'proj.sub', isPackage: true });
    assert.deepEqual(inPackage.names.get('failure')?.[0].binding, { kind: 'import', module: 'proj.sub.signals', name: 'failure' });
    // Without a module there is nothing to resolve against.
    assert.equal(moduleExportsOf(tree.rootNode, text, undefined).names.get('failure'), undefined);
  } finally {
    tree.delete();
  }
});

test('the walk skips version control, dependencies, caches and virtual environments, and honours exclude globs', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'celery-signals-walk-'));
  const write = (file: string, text = 'x = 1\n') => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  for (const file of ['proj/tasks.py', 'proj/web/app.ts', '.git/hooks/x.py', 'node_modules/m/index.js', 'proj/__pycache__/t.py', 'env/lib/site.py', 'build/gen/out.py', 'proj/legacy_old.py']) write(file);
  write('env/pyvenv.cfg', 'home = /usr/bin\n');
  const files = (await walkProject(dir, { exclude: ['build', '**/*_old.py'] })).map((file) => path.relative(dir, file).split(path.sep).join('/'));
  assert.deepEqual(files, ['proj/tasks.py', 'proj/web/app.ts']);
});

test('exclude globs match like files.exclude', () => {
  const excluded = globMatcher(['**/migrations', 'docs/*.py', '{tmp,cache}']);
  assert.ok(excluded('app/migrations/0001.py'));
  assert.ok(excluded('docs/conf.py'));
  assert.ok(!excluded('docs/api/conf.py'));
  assert.ok(excluded('tmp/x.py'));
  assert.ok(!excluded('app/tasks.py'));
});
