// The CLI's speed levers must not change a byte of what it says: files without a fact word are left
// unparsed (--parse-all parses them anyway), and files are spread over worker threads (--jobs N).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { analyzeText } from '../server/src/analysis/analyze';
import { factWords, mayHoldFacts } from '../server/src/analysis/factWords';
import type { FileModel } from '../server/src/analysis/model';
import { rules } from '../server/src/analysis/rules/index';
import { getBundledCatalog } from '../server/src/catalog/catalog';
import { loadCatalogs } from '../server/src/catalog/load';
import { collectFiles, readSource } from '../server/src/cli/files';
import { indexProject } from '../server/src/cli/project';
import { grammarFor } from '../server/src/parsing/treeSitter';
import { project, run } from './support/cliProject';
import { generatedProject } from './support/projectCorpus';
import { projectsRoot } from './support/projectFixtures';
import { disguised, skipCorpus, USER_CATALOG } from './support/skipCorpus';

const root = path.resolve(__dirname, '..');
const corpus = { dir: '', catalog: '' };
before(async () => Object.assign(corpus, await skipCorpus({ stdlibSample: 30 })));
const catalog = loadCatalogs([{ text: USER_CATALOG }]).catalog;

/** Every rule at its loudest and hints kept: whatever a skipped file could have said would show. */
const LOUD = ['--hints', ...rules.map((rule) => `--severity=${rule.code}=error`)];
const CHECK = ['check', '.', '--catalog', 'shop-signals.json', ...LOUD];

function sourceFiles(dir: string): { file: string; text: string }[] {
  return collectFiles([dir]).files.flatMap((file) => {
    const read = grammarFor(file) ? readSource(file) : { skipped: '' };
    return 'text' in read ? [{ file, text: read.text }] : [];
  });
}

/** The model's fact lists (every array but the syntax problems, nested ones included) that are not empty. */
function factsIn(model: FileModel): string[] {
  const found: string[] = [];
  const visit = (value: unknown, at: string): void => {
    if (Array.isArray(value)) {
      if (value.length > 0) found.push(at);
    } else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) if (key !== 'syntaxProblems') visit(inner, `${at}.${key}`);
    }
  };
  visit(model, 'model');
  return found;
}

describe('files without a fact word', () => {
  let files: { file: string; text: string }[] = [];
  let unparsed: typeof files = [];
  before(() => {
    files = sourceFiles(corpus.dir);
    unparsed = files.filter((f) => !mayHoldFacts(f.text, catalog, undefined, grammarFor(f.file)));
  });

  test('the corpus has handler code in disguise, near misses and plain code that the skip leaves unparsed', () => {
    const names = unparsed.map((f) => path.relative(corpus.dir, f.file));
    for (const folder of ['disguised/', 'disguised-last/']) assert.ok(names.filter((n) => n.startsWith(folder)).length >= 60, names.join(', '));
    assert.ok(names.filter((n) => n.startsWith('commented/')).length >= 40, names.join(', '));
    for (const near of ['near/prose_only.py', 'near/socket_client.py', 'near/django_receivers.py', 'near/broken_connect_without_words.py', 'near/broken_without_words.py', 'near/deep_without_words.py', 'near/identifiers.py', 'near/ts_no_words.ts', 'near/broken_no_words.js', 'near/django_conf.py', 'near/task_calls.py', 'near/broken_task_conf.py']) {
      assert.ok(names.includes(near), near);
    }
    for (const kept of ['near/prose_then_code.py', 'near/fstring_words.py', 'near/open_string.py', 'near/star_unbound.py', 'near/comments_only.py', 'near/user_signal_import.py', 'near/ts_namespace.ts', 'near/unclosed_connect.py', 'near/spaced_decorator.py', 'near/conf_across_lines.py']) {
      assert.ok(!names.includes(kept), kept);
    }
  });

  test('parse to a model without a single fact, and no rule finds anything in it', async () => {
    const options = { celeryVersion: catalog.latestCeleryVersion, includeHints: true, severities: Object.fromEntries(rules.map((r) => [r.code, 'error' as const])) };
    for (const { file, text } of unparsed) {
      const { model, findings } = await analyzeText(text, grammarFor(file)!, catalog, options);
      assert.deepEqual(factsIn(model), [], file);
      assert.deepEqual(findings, [], file);
    }
  });

  test('each kind of word is what lets a front end find a fact', async () => {
    const doors: [string, 'python' | 'typescript', string][] = [
      ['task', 'python', '@app.task\ndef add(x, y):\n    return x + y\n'],
      ['shared_task', 'python', '@shared_task\ndef add(x, y):\n    return x + y\n'],
      ['conf', 'python', 'url = app.conf.broker_url\n'],
      ['a star import beside an unbound connect', 'python', 'from celery.signals import *\nhooks.connect(handler)\n'],
      ['a signal module', 'python', 'from celery import signals\n'],
      ['a user signal module', 'python', 'from shop import events\n'],
      ['a task factory', 'typescript', 'export const add = sharedTask(() => 1);\n'],
      ['task', 'typescript', 'export const add = app.task(() => 1);\n'],
      ['the signal module', 'typescript', "import * as s from 'celery-signals';\nexport const x = s;\n"],
      ['a signal name', 'typescript', "import { task_failure } from 'anything';\nexport const x = task_failure;\n"],
    ];
    const { words, paths } = factWords(catalog);
    for (const [word, grammar, text] of doors) {
      const { model } = await analyzeText(text, grammar, catalog);
      assert.notDeepEqual(factsIn(model), [], `${word}: ${text}`);
      const hidden = disguised(text, [...words, ...paths.map((p) => p[p.length - 1])]);
      assert.equal(mayHoldFacts(hidden, catalog), false, hidden);
      assert.deepEqual(factsIn((await analyzeText(hidden, grammar, catalog)).model), [], hidden);
    }
  });

  test('for Python, `task` counts only in a decorator and `conf` only where it is not a module being imported', () => {
    const python = (text: string) => mayHoldFacts(text, catalog, undefined, 'python');
    for (const text of ['@app.task\ndef f(): pass\n', '@shared_task()\ndef f(): pass\n', '@celery . app . task\ndef f(): pass\n', '@app \\\n    .task\ndef f(): pass\n', '@приложение.task\ndef f(): pass\n', 'x = app.conf.timezone\n', 'x = app.conf["timezone"]\n', 'import proj.conf as c\n']) {
      assert.equal(python(text), true, text);
    }
    for (const text of ['for task in tasks:\n    task.run()\n', 'loop.create_task(job())\n', '@decorated_task\ndef f(): pass\n', 'from django.conf import settings\n', 'from x.conf \timport y\n']) {
      assert.equal(python(text), false, text);
      // Without a grammar, and for TypeScript, the words count anywhere.
      assert.equal(mayHoldFacts(text, catalog), /\b(task|conf)\b/.test(text), text);
    }
    assert.equal(mayHoldFacts('const t = task(run);\n', catalog, undefined, 'typescript'), true);
  });

  test('for Python, `connect` is no word of its own: a `.connect` with nothing of Celery in view is no fact', async () => {
    for (const text of ['hooks.connect(handler)\n', 'import socket\ns = socket.socket()\ns.connect(("x", 1))\n', 'from django.dispatch import Signal as S\n']) {
      assert.equal(mayHoldFacts(text, catalog, undefined, 'python'), /Signal/.test(text), text);
      if (!/Signal/.test(text)) assert.deepEqual(factsIn((await analyzeText(text, 'python', catalog)).model), [], text);
    }
    // The name a star import may bind is a fact only beside that import, whose path is written.
    const star = 'from celery.signals import *\nhooks.connect(handler)\n';
    assert.deepEqual(factsIn((await analyzeText(star, 'python', catalog)).model).sort(), ['model.importRun.starImports', 'model.importRun.unboundConnects', 'model.imports']);
    assert.equal(mayHoldFacts('hooks.connect(handler)\n', catalog, undefined, 'typescript'), true);
  });

  test('the words come from the catalog in use: its signals, app attributes and signal modules', () => {
    const { words, paths } = factWords(catalog);
    for (const word of ['order_paid', 'task_failure', 'on_after_configure', 'connect', 'task', 'Signal', 'Celery']) {
      assert.ok(words.includes(word), word);
    }
    assert.deepEqual(paths, [['celery', 'signals'], ['celery', 'contrib', 'testing', 'worker'], ['shop', 'events']]);
    assert.ok(!factWords(getBundledCatalog()).words.includes('order_paid'));
    // An absolute import writes every segment of a module's path; one segment alone is not enough.
    assert.equal(mayHoldFacts('from shop import events\n', catalog), true);
    assert.equal(mayHoldFacts('from shop import events\n', getBundledCatalog()), false);
    assert.equal(mayHoldFacts('import shop\n', catalog), false);
    assert.equal(mayHoldFacts("import { x } from 'celery-signals';\n", catalog), true);
    assert.equal(mayHoldFacts('from celery.utils.log import get_logger\n', catalog), false);
    // A relative import writes the last segment, and resolves only inside the module's own package.
    assert.equal(mayHoldFacts('from . import signals\n', catalog), false);
    assert.equal(mayHoldFacts('from . import signals\n', catalog, 'celery.app.trace'), true);
    assert.equal(mayHoldFacts('from . import worker\n', catalog, 'celery.contrib.testing.app'), true);
    assert.equal(mayHoldFacts('from . import events\n', catalog, 'celery.app.trace'), false);
    assert.equal(mayHoldFacts('from . import events\n', catalog, 'shop.handlers'), true);
  });

  for (const format of ['json', 'text']) {
    test(`give the same ${format} output, summary and exit status as when every file is parsed`, async () => {
      const skipping = await run([...CHECK, '--format', format, '--jobs', '1'], corpus.dir);
      const parsing = await run([...CHECK, '--format', format, '--jobs', '1', '--parse-all'], corpus.dir);
      assert.equal(skipping.stdout, parsing.stdout);
      assert.equal(skipping.stderr, parsing.stderr);
      assert.equal(skipping.code, parsing.code);
      if (format === 'json') assert.ok(JSON.parse(skipping.stdout).length > 200, 'the corpus gives findings');
      // Unparsed files count as checked; only the two unreadable ones are skipped.
      if (format === 'text') assert.match(skipping.stdout, new RegExp(`\\(${files.length} files checked, 2 skipped\\)\\.\\n$`));
    });
  }
});

describe('a project whose modules meet through modules without a fact word', () => {
  /** Both runs of `check .` in `dir`, with and without skipping, must say the same. */
  async function bothRuns(dir: string): Promise<{ code: string; file: string }[]> {
    const args = ['check', '.', ...LOUD, '--format', 'json', '--jobs', '1'];
    const skipping = await run(args, dir);
    const parsing = await run([...args, '--parse-all'], dir);
    assert.equal(skipping.stdout, parsing.stdout, dir);
    assert.equal(skipping.stderr, parsing.stderr, dir);
    assert.equal(skipping.code, parsing.code, dir);
    return JSON.parse(skipping.stdout);
  }

  test('each fixture project gives the same output with and without skipping', async () => {
    for (const name of fs.readdirSync(projectsRoot).sort()) {
      const findings = await bothRuns(path.join(projectsRoot, name));
      assert.ok(findings.length > 0, name);
    }
  });

  test('generated projects give the same output, and the skip still leaves plain modules unparsed', async () => {
    const bundled = getBundledCatalog();
    let parsedWithoutWords = 0;
    let sendersJudged = 0;
    let reexportsJudged = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const files = generatedProject(seed);
      const dir = project(files);
      const findings = await bothRuns(dir);
      // The facts cross modules without a fact word, and still reach the rules.
      const codes = new Set(findings.map((f) => f.code));
      for (const code of ['never-connected', 'setup-logging-shadows-after-setup', 'duplicate-dispatch-uid', 'param-not-provided']) assert.ok(codes.has(code), `seed ${seed}: ${code}`);
      // (A task or signal re-exported only by `from .x import *` is not followed by the index yet, with or without the skip.)
      if (codes.has('sender-kind-mismatch')) sendersJudged++;
      if (findings.some((f) => f.file.endsWith('/listeners.py') && f.code === 'param-not-provided')) reexportsJudged++;
      const texts = new Map(Object.entries(files).map(([name, text]) => [path.join(dir, name), text]));
      const index = await indexProject(texts, dir, bundled, { celeryVersion: bundled.latestCeleryVersion });
      const unparsed = new Set(index.unparsedFiles());
      for (const [file, text] of texts) {
        if (text.startsWith('import os\n')) assert.ok(unparsed.has(file), `seed ${seed}: ${file} stays unparsed`);
        if (!unparsed.has(file) && !mayHoldFacts(text, bundled)) parsedWithoutWords++;
      }
    }
    assert.ok(reexportsJudged >= 6, `projects whose re-exported signals reached the rules: ${reexportsJudged}`);
    assert.ok(sendersJudged >= 6, `projects whose imported task reached the sender rules: ${sendersJudged}`);
    assert.ok(parsedWithoutWords >= 24, `modules without a fact word that the project needed: ${parsedWithoutWords}`);
  });
});

describe('--jobs', () => {
  test('a project spread over worker threads says what one thread says, with and without skipping', async () => {
    const { generateModule } = await import('../bench/generate.mjs');
    const files: Record<string, string> = {};
    for (let seed = 1; seed <= 6; seed++) Object.assign(files, generatedProject(seed));
    // Enough code (about 440 KB) for three workers to be started; each copy gets its own names.
    const handlers = generateModule('python', 400, 'dense');
    for (let i = 0; i < 40; i++) files[`bulk/handlers_${i}.py`] = handlers.replace(/_(\d+)\b/g, `_b${i}_$1`);
    const dir = project(files);
    const args = ['check', '.', ...LOUD, '--format', 'json'];
    const one = await run([...args, '--jobs', '1'], dir);
    assert.ok(JSON.parse(one.stdout).some((f: { code: string }) => f.code === 'never-connected'));
    for (const more of [['--jobs', '3'], ['--jobs', '2', '--parse-all']]) {
      const many = await run([...args, ...more], dir);
      assert.equal(many.stdout, one.stdout, more.join(' '));
      assert.equal(many.stderr, one.stderr, more.join(' '));
      assert.equal(many.code, one.code);
    }
  });

  test('the output does not depend on the number of threads', async () => {
    for (const format of ['json', 'text']) {
      const one = await run([...CHECK, '--format', format, '--jobs', '1'], corpus.dir);
      assert.match(one.stderr, /refused\/binary\.py: skipped: .*\n.*refused\/not_utf8\.py: skipped: /);
      for (const jobs of format === 'json' ? ['2', '3'] : ['3']) {
        const many = await run([...CHECK, '--format', format, '--jobs', jobs], corpus.dir);
        assert.equal(many.stdout, one.stdout, `${format}, --jobs ${jobs}`);
        assert.equal(many.stderr, one.stderr, `${format}, --jobs ${jobs}`);
        assert.equal(many.code, one.code);
      }
    }
  });

  test('--jobs takes a positive whole number', async () => {
    for (const bad of ['0', '-1', 'x', '1.5', '']) {
      const r = await run(['check', '--jobs', bad], corpus.dir);
      assert.equal(r.code, 2, bad);
      assert.match(r.stderr, /--jobs/);
    }
  });
});

describe('worker threads in a real process', () => {
  const entry = fs.existsSync(path.join(root, 'server/out/cli.js')) ? ['server/out/cli.js'] : ['--import', 'tsx', 'server/src/cli/main.ts'];
  const preload = path.join(root, 'test/support/injectFailures.cjs');
  const handler = 'from celery.signals import task_failure\n\n\n@task_failure.connect\ndef on_failure(sender, task_id):\n    return task_id\n';
  // The main thread extracts too: the file that stops a worker is asked for first, and is large enough
  // (600 KB) that a worker starts for it and is handed it before the main thread takes anything.
  // (Not comment lines: tree-sitter-python's scanner takes quadratic time over a long run of them.)
  const filler = `FILLER = """\n${'so that a worker thread is worth starting\n'.repeat(15_000)}"""\n`;
  const extra = project({ 'fails.py': `${handler}# test: analysis fails here\n`, 'stops.py': `${handler}# test: the worker stops here\n${filler}` });
  const threadsLog = path.join(extra, 'threads.log');
  const cli = (args: string[], env: NodeJS.ProcessEnv = {}) => {
    fs.rmSync(threadsLog, { force: true });
    const r = spawnSync(process.execPath, ['--require', preload, ...entry, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env, CELERY_SIGNALS_TEST_THREADS: threadsLog } });
    const threads = fs.existsSync(threadsLog) ? new Set(fs.readFileSync(threadsLog, 'utf8').trim().split('\n')) : new Set<string>();
    return { ...r, threads };
  };
  // Every file parsed: enough code for a worker to be worth starting (the skip is tested above).
  const paths = () => [corpus.dir, path.join(extra, 'fails.py'), '--parse-all'];

  test('an analysis failure is reported the same from a worker as in-process, and hides nothing else', () => {
    const one = cli(['check', ...paths(), '--format', 'json', '--jobs', '1']);
    const two = cli(['check', ...paths(), '--format', 'json', '--jobs', '2']);
    assert.deepEqual([...one.threads], ['main']);
    // The main thread and a worker share the files (and those whose view of the project differs).
    assert.deepEqual([...two.threads].sort(), ['main', 'worker']);
    assert.equal(two.stdout, one.stdout);
    assert.equal(two.stderr, one.stderr);
    assert.equal(two.status, one.status);
    const findings: { file: string; code: string; message: string }[] = JSON.parse(one.stdout);
    const failed = findings.filter((f) => f.file.endsWith('fails.py'));
    assert.deepEqual(failed.map((f) => f.code), ['internal-error']);
    assert.match(failed[0].message, /could not analyse this file \(injected failure\)/);
    assert.ok(findings.length > 100);
  });

  test('a worker that stops costs only the file it was checking', () => {
    const without = cli(['check', ...paths(), '--format', 'json', '--jobs', '2']);
    const withStop = cli(['check', path.join(extra, 'stops.py'), ...paths(), '--format', 'json', '--jobs', '2']);
    const found: { file: string; code: string; message: string }[] = JSON.parse(withStop.stdout);
    const stopped = found.filter((f) => f.file.endsWith('stops.py'));
    assert.deepEqual(stopped.map((f) => f.code), ['internal-error']);
    assert.match(stopped[0].message, /the worker thread checking it stopped: exit code 70/);
    assert.equal(JSON.stringify(found.filter((f) => !f.file.endsWith('stops.py')), null, 2) + '\n', without.stdout);
    assert.equal(withStop.status, without.status);
  });

  test('a worker that stops while it holds files to judge costs nothing: they are extracted again and judged here', () => {
    const one = cli(['check', ...paths(), '--format', 'json', '--jobs', '1']);
    const stopped = cli(['check', ...paths(), '--format', 'json', '--jobs', '2'], { CELERY_SIGNALS_TEST_STOP_AT_JUDGING: '1' });
    // The worker extracted files (and so held them) before it stopped.
    assert.deepEqual([...stopped.threads].sort(), ['main', 'worker']);
    assert.equal(stopped.stdout, one.stdout);
    assert.equal(stopped.stderr, one.stderr);
    assert.equal(stopped.status, one.status);
  });

  test('when no worker thread can start, the files are checked in the main thread', () => {
    const one = cli(['check', ...paths(), '--format', 'text', '--jobs', '1']);
    const none = cli(['check', ...paths(), '--format', 'text', '--jobs', '2'], { CELERY_SIGNALS_TEST_NO_WORKERS: '1' });
    assert.deepEqual([...none.threads], ['main']);
    assert.equal(none.stdout, one.stdout);
    assert.equal(none.stderr, one.stderr);
    assert.equal(none.status, one.status);
  });
});
