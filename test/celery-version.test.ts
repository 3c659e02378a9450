// Celery version detection: specifiers, each kind of file, precedence, includes and bad files, on an
// in-memory project; then the CLI over real folders, where messages name the release and its source.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { assumedRelease, celeryRequirement } from '../server/src/project/celeryVersionSpec';
import { detectCeleryVersion, projectRootOf, type VersionFileAccess } from '../server/src/project/celeryVersion';
import { analyzeText } from '../server/src/analysis/analyze';
import { hoverAt } from '../server/src/analysis/hover';
import type { CeleryVersionOrigin } from '../server/src/analysis/versionOrigin';
import { getBundledCatalog } from '../server/src/catalog/catalog';
import { project, run } from './support/cliProject';

const ROOT = path.resolve('/project');

/** Files keyed by their path below ROOT; a value of `null` exists but cannot be read. */
function memory(files: Record<string, string | null>): VersionFileAccess {
  const full = new Map(Object.entries(files).map(([name, text]) => [path.join(ROOT, name), text]));
  return {
    readFile(file) {
      if (!full.has(file)) return undefined;
      const text = full.get(file);
      if (text === null) throw new Error('EACCES: permission denied');
      return text;
    },
    listDir(folder) {
      const names = [...full.keys()].filter((f) => path.dirname(f) === folder).map((f) => path.basename(f));
      const folders = [...full.keys()].filter((f) => path.dirname(path.dirname(f)) === folder).map((f) => path.basename(path.dirname(f)));
      return [...new Set([...names, ...folders])];
    },
  };
}

const detect = (files: Record<string, string | null>) => detectCeleryVersion(memory(files), ROOT);

describe('specifiers', () => {
  const cases: [string, string | undefined, boolean?][] = [
    ['==5.3.4', '5.3.4', false],
    ['===5.3.4', '5.3.4', false],
    ['>=5.2,<6', '5.2.0', true],
    ['>=5.2, <6.0', '5.2.0', true],
    ['~=5.2', '5.2.0', true],
    ['^5.3', '5.3.0', true],
    ['~5.3.1', '5.3.1', true],
    ['5.3.*', '5.3.0', true],
    ['>5.2.1', '5.2.2', true],
    ['>=5.2,!=5.2.0', '5.2.1', true],
    ['^4.4 || ^5.2', '4.4.0', true],
    ['>=5.2 <6', '5.2.0', true],
    ['5.3.4', '5.3.4', false],
    ['5.4.0rc1', '5.4.0', false],
    ['<6', undefined],
    ['!=5.0.0', undefined],
    ['*', undefined],
    ['', undefined],
    ['latest', undefined],
  ];
  for (const [specifier, version, lowest] of cases) {
    test(JSON.stringify(specifier), () => {
      const release = assumedRelease(specifier);
      assert.equal(release?.version, version);
      if (version) assert.equal(release?.lowestOfRange, lowest);
    });
  }

  test('requirement lines name Celery only, whatever the case, extras, markers or hashes', () => {
    assert.deepEqual(celeryRequirement('Celery[redis,sqs] >= 5.2 ; python_version >= "3.8"'), { specifier: '>= 5.2' });
    assert.deepEqual(celeryRequirement('celery (>=5.2)'), { specifier: '>=5.2' });
    assert.deepEqual(celeryRequirement('celery==5.3.4 --hash=sha256:0123'), { specifier: '==5.3.4' });
    assert.deepEqual(celeryRequirement('celery @ git+https://example.invalid/celery.git'), { specifier: '' });
    assert.equal(celeryRequirement('django-celery-beat==2.5.0'), undefined);
    assert.equal(celeryRequirement('celery-redbeat>=2'), undefined);
    assert.equal(celeryRequirement('celery_stubs'), undefined);
  });
});

describe('files', () => {
  test('requirements.txt: a range is judged at its lowest release, on the line it is written', () => {
    const { detected, problems } = detect({ 'requirements.txt': '# deps\nredis==5.0.1\ncelery[redis]>=5.2.3,<6  # worker\n' });
    assert.deepEqual(problems, []);
    assert.deepEqual(detected, { version: '5.2.3', specifier: '>=5.2.3,<6', source: { file: path.join(ROOT, 'requirements.txt'), line: 3 }, lowestOfRange: true, kind: 'requirement' });
  });

  test('requirements includes (-r, --requirement=, -c) are followed relative to the including file, once', () => {
    const files = {
      'requirements.txt': '-r requirements/base.txt\n',
      'requirements/base.txt': '--requirement=../requirements.txt\n-c constraints.txt\nkombu\n',
      'requirements/constraints.txt': 'celery==5.3.6 \\\n    --hash=sha256:abc\n',
    };
    const { detected } = detect(files);
    assert.equal(detected?.version, '5.3.6');
    assert.deepEqual(detected?.source, { file: path.join(ROOT, 'requirements/constraints.txt'), line: 1 });
    assert.equal(detected?.lowestOfRange, false);
  });

  test('pyproject.toml, PEP 621', () => {
    const text = '[project]\nname = "proj"\ndependencies = [\n  "django>=4",\n  "celery[redis]~=5.3",\n]\n';
    const { detected } = detect({ 'pyproject.toml': text });
    assert.equal(detected?.version, '5.3.0');
    assert.equal(detected?.specifier, '~=5.3');
    assert.equal(detected?.source.line, 5);
  });

  test('pyproject.toml, Poetry: a table value, in a dependency group', () => {
    const text = '[tool.poetry]\nname = "proj"\n\n[tool.poetry.group.worker.dependencies]\nCelery = { version = "^5.2", extras = ["redis"] }\n';
    const { detected } = detect({ 'pyproject.toml': text });
    assert.deepEqual([detected?.version, detected?.specifier, detected?.source.line], ['5.2.0', '^5.2', 5]);
  });

  test('pyproject.toml, Poetry: the line is the one in the table that decided', () => {
    const text = '[tool.poetry.dependencies]\npython = "^3.10"\ncelery = ">=5.1"\n\n[tool.poetry.group.test.dependencies]\ncelery = "5.3.6"\n';
    const { detected } = detect({ 'pyproject.toml': text });
    assert.deepEqual([detected?.version, detected?.source.line, detected?.lowestOfRange], ['5.3.6', 6, false]);
  });

  test('poetry.lock, uv.lock and pdm.lock give the resolved release', () => {
    const lock = '[[package]]\nname = "billiard"\nversion = "4.2.0"\n\n[[package]]\nname = "celery"\nversion = "5.3.6"\n';
    for (const name of ['poetry.lock', 'uv.lock', 'pdm.lock']) {
      const { detected } = detect({ [name]: lock, 'pyproject.toml': '[project]\ndependencies = ["celery>=5"]\n' });
      assert.deepEqual(detected, { version: '5.3.6', specifier: '5.3.6', source: { file: path.join(ROOT, name), line: 6 }, lowestOfRange: false, kind: 'lock' });
    }
  });

  test('Pipfile.lock: default before develop', () => {
    const text = JSON.stringify({ _meta: {}, default: { celery: { version: '==5.2.7' } }, develop: { celery: { version: '==5.4.0' } } }, null, 4);
    const { detected } = detect({ 'Pipfile.lock': text });
    assert.equal(detected?.version, '5.2.7');
    assert.equal(detected?.source.line, 4);
  });

  test('Pipfile: packages before dev-packages', () => {
    const text = '[[source]]\nurl = "https://example.invalid/simple"\n\n[packages]\ncelery = {version = ">=5.3", extras = ["redis"]}\n\n[dev-packages]\ncelery = "==5.4.0"\n';
    const { detected } = detect({ Pipfile: text });
    assert.deepEqual([detected?.version, detected?.specifier, detected?.source.line], ['5.4.0', '==5.4.0', 8]);
    assert.equal(detect({ Pipfile: '[packages]\ncelery = "~=5.3"\n' }).detected?.version, '5.3.0');
  });

  test('setup.cfg install_requires and setup.py literals', () => {
    const cfg = '[metadata]\nname = proj\n\n[options]\ninstall_requires =\n    requests\n    celery>=4.4,<6\n';
    assert.deepEqual(detect({ 'setup.cfg': cfg }).detected?.source, { file: path.join(ROOT, 'setup.cfg'), line: 7 });
    const py = 'from setuptools import setup\n\nsetup(\n    name="celery-tools",\n    keywords=["celery"],\n    install_requires=[\n        "celery>=5.1.2",\n    ],\n)\n';
    const { detected } = detect({ 'setup.py': py });
    assert.deepEqual([detected?.version, detected?.source.line], ['5.1.2', 7]);
  });
});

describe('precedence and bad files', () => {
  test('a lock beats every specifier; an exact pin beats a range; otherwise the first file in order', () => {
    const lock = '[[package]]\nname = "celery"\nversion = "5.4.0"\n';
    assert.equal(detect({ 'poetry.lock': lock, 'requirements.txt': 'celery==5.2.0\n' }).detected?.version, '5.4.0');
    assert.equal(detect({ 'pyproject.toml': '[project]\ndependencies = ["celery>=5.0"]\n', 'requirements-prod.txt': 'celery==5.3.1\n' }).detected?.version, '5.3.1');
    assert.equal(detect({ 'pyproject.toml': '[project]\ndependencies = ["celery>=5.1"]\n', 'requirements.txt': 'celery>=5.3\n' }).detected?.version, '5.1.0');
  });

  test('a requirement without a lower bound says nothing, so a later file may', () => {
    assert.equal(detect({ 'requirements.txt': 'celery\ncelery<6\n' }).detected, undefined);
    assert.equal(detect({ 'requirements.txt': 'celery\n', 'setup.py': 'install_requires=["celery>=5.2"]\n' }).detected?.version, '5.2.0');
  });

  test('an unreadable or broken file is left out and reported (a lock that never names Celery is not parsed); detection goes on', () => {
    const result = detect({ 'poetry.lock': '[[package]]\nname = "celery"\nversion = ', 'uv.lock': 'not toml [', 'Pipfile.lock': null, 'requirements.txt': 'celery>=5.3\n' });
    assert.equal(result.detected?.version, '5.3.0');
    assert.deepEqual(result.problems.map((p) => path.basename(p.file)), ['poetry.lock', 'Pipfile.lock']);
    assert.match(result.problems[1].message, /EACCES/);
    assert.ok(result.consulted.includes(path.join(ROOT, 'requirements.txt')));
  });

  test('the project root is the nearest folder with a version file, never past a VCS root', () => {
    const tree: Record<string, string[]> = {
      [path.resolve('/a')]: ['requirements.txt'],
      [path.resolve('/a/repo')]: ['.git', 'src'],
      [path.resolve('/a/repo/src')]: ['pkg'],
      [path.resolve('/a/repo/src/pkg')]: ['tasks.py'],
      [path.resolve('/b')]: ['pyproject.toml', 'pkg'],
      [path.resolve('/b/pkg')]: ['tasks.py'],
    };
    const listDir = (folder: string) => tree[folder] ?? [];
    assert.equal(projectRootOf(path.resolve('/a/repo/src/pkg'), listDir), undefined);
    assert.equal(projectRootOf(path.resolve('/b/pkg'), listDir), path.resolve('/b'));
  });

  test('with a memo of known folders, each folder is listed once and every answer stays the same', () => {
    const tree: Record<string, string[]> = {
      [path.resolve('/a')]: ['requirements.txt'],
      [path.resolve('/a/repo')]: ['.git', 'src'],
      [path.resolve('/a/repo/src/pkg/sub')]: ['tasks.py'],
      [path.resolve('/a/lib/deep/er')]: ['tasks.py'],
      [path.resolve('/b')]: ['pyproject.toml', 'pkg'],
    };
    const listed: string[] = [];
    const listDir = (folder: string) => (listed.push(folder), tree[folder] ?? []);
    const folders = ['/a/repo/src/pkg/sub', '/a/repo/src/pkg', '/a/lib/deep/er', '/a/lib', '/a/lib/deep', '/b/pkg/x', '/b', '/c/d', '/c', '/a/repo/src'].map((f) => path.resolve(f));
    const alone = folders.map((folder) => projectRootOf(folder, listDir));
    listed.length = 0;
    const known = new Map<string, string | undefined>();
    assert.deepEqual(folders.map((folder) => projectRootOf(folder, listDir, known)), alone);
    assert.deepEqual(alone.slice(0, 5), [undefined, undefined, path.resolve('/a'), path.resolve('/a'), path.resolve('/a')]);
    assert.equal(listed.length, new Set(listed).size, listed.join(' '));
    // Asked again, nothing is listed.
    const before = listed.length;
    assert.equal(projectRootOf(path.resolve('/a/lib/deep'), listDir, known), path.resolve('/a'));
    assert.equal(listed.length, before);
  });
});

const TOO_NEW = 'from celery.signals import worker_before_create_process\n\n\n@worker_before_create_process.connect\ndef before(sender=None, **kwargs):\n    pass\n';

describe('CLI', () => {
  test('with no --celery-version, the release comes from the project and messages say where', async () => {
    const dir = project({ '.git/HEAD': '', 'requirements.txt': 'celery>=5.2,<6\n', 'proj/worker.py': TOO_NEW });
    const r = await run(['check', 'proj'], dir);
    assert.match(r.stdout, /proj\/worker\.py:1:28: warning signal-too-new .*on Celery 5\.2\.0 \(the lowest release `>=5\.2,<6` in requirements\.txt:1 allows\)/);
    assert.match(r.stderr, /celery-signals: files under \. are judged against Celery 5\.2\.0/);
    const zh = await run(['check', 'proj', '--lang', 'zh-cn'], dir);
    assert.match(zh.stdout, /在 Celery 5\.2\.0（requirements\.txt:1 中 `>=5\.2,<6` 允许的最低版本）上/);
  });

  test('--celery-version overrides the project; a project that allows the signal has no finding', async () => {
    const dir = project({ '.git/HEAD': '', 'uv.lock': '[[package]]\nname = "celery"\nversion = "5.2.7"\n', 'worker.py': TOO_NEW });
    assert.match((await run(['check'], dir)).stdout, /Celery 5\.2\.7 \(locked in uv\.lock:2\)/);
    const overridden = await run(['check', '--celery-version', '5.4.0'], dir);
    assert.doesNotMatch(overridden.stdout, /signal-too-new/);
    assert.doesNotMatch(overridden.stderr, /judged against/);
    const newer = project({ '.git/HEAD': '', 'pyproject.toml': '[project]\ndependencies = ["celery==5.4.0"]\n', 'worker.py': TOO_NEW });
    assert.doesNotMatch((await run(['check'], newer)).stdout, /signal-too-new/);
  });

  test('each project keeps its own release; a broken file is named on stderr and skipped', async () => {
    const dir = project({
      '.git/HEAD': '',
      'old/pyproject.toml': '[tool.poetry.dependencies]\ncelery = "^5.2"\n',
      'old/poetry.lock': '[[package]]\nname = "celery"\nversion = [',
      'old/w.py': TOO_NEW,
      'new/requirements.txt': 'celery==5.5.0\n',
      'new/w.py': TOO_NEW,
    });
    const r = await run(['check'], dir);
    assert.match(r.stdout, /^old\/w\.py:1:28: warning signal-too-new .*Celery 5\.2\.0 \(the lowest release `\^5\.2` in old\/pyproject\.toml:2 allows\)/m);
    assert.doesNotMatch(r.stdout, /^new\/w\.py/m);
    assert.match(r.stderr, /old\/poetry\.lock: not used to find the Celery version \(/);
  });
});

describe('CLI and odd files', () => {
  test('a pipe named like a version file is skipped with a note, not read (the read would never end)', async (t) => {
    const dir = project({ '.git/HEAD': '', 'setup.py': 'install_requires=["celery>=5.2"]\n', 'worker.py': TOO_NEW });
    if (spawnSync('mkfifo', [path.join(dir, 'requirements.txt')]).status !== 0) return t.skip('mkfifo is not available');
    const r = await run(['check'], dir);
    assert.match(r.stderr, /requirements\.txt: not used to find the Celery version \(not a regular file\)/);
    assert.match(r.stdout, /Celery 5\.2\.0 \(the lowest release `>=5\.2` in setup\.py:1 allows\)/);
  });
});

describe('hover', () => {
  test('a keyword newer than the assumed release says so, with where the release came from', async () => {
    const catalog = getBundledCatalog();
    const text = 'from celery.signals import after_task_publish\n\n\n@after_task_publish.connect\ndef published(sender=None, headers=None, **kwargs):\n    pass\n';
    const origin: CeleryVersionOrigin = { file: 'requirements.txt', line: 1, specifier: '==3.1.25', lowestOfRange: false, kind: 'requirement' };
    const { model } = await analyzeText(text, 'python', catalog, { celeryVersion: '3.1.25', celeryVersionOrigin: origin });
    const at = text.indexOf('headers') + 1;
    const en = hoverAt(model!, at, catalog, { docsLanguage: 'en', celeryVersion: '3.1.25', celeryVersionOrigin: origin });
    assert.match(en!.markdown, /⚠ Not sent on Celery 3\.1\.25 \(pinned in requirements\.txt:1\)\./);
    const zh = hoverAt(model!, at, catalog, { docsLanguage: 'zh-cn', celeryVersion: '3.1.25', celeryVersionOrigin: origin });
    assert.match(zh!.markdown, /⚠ Celery 3\.1\.25（固定于 requirements\.txt:1）不发送此关键字参数。/);
    const current = hoverAt(model!, at, catalog, { docsLanguage: 'en', celeryVersion: '5.4.0' });
    assert.doesNotMatch(current!.markdown, /Not sent/);
  });
});
