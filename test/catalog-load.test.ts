/**
 * Users' own catalogs: clear problems for every way a file can be wrong, defaults and merging for
 * the right ones, and the loader working from the esbuild bundle the server ships as.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import { Catalog } from '../server/src/catalog/catalog';
import { formatCatalogProblem, loadCatalogs, loadUserCatalog, type CatalogProblem } from '../server/src/catalog/load';
import { readJson } from '../server/src/catalog/jsonLocations';

const root = path.resolve(__dirname, '..');

const orderPlaced = {
  name: 'order_placed',
  access: { kind: 'module', modules: ['shop.signals'] },
  summary: { en: 'Sent when an order is placed.', 'zh-cn': '下单时发送。' },
  sender: { kind: 'custom', type: 'shop.models.Order' },
  params: [{ name: 'order', type: 'shop.models.Order', description: 'The new order.' }, { name: 'coupon', mayBeNone: true, sometimesAbsent: true }],
};

function catalogText(signals: unknown[], extra: object = {}): string {
  return JSON.stringify({ catalogVersion: 1, ...extra, signals }, null, 2);
}

function problemsOf(text: string): CatalogProblem[] {
  const result = loadUserCatalog({ text, file: 'shop.celery-signals.json' });
  assert.equal(result.catalog, undefined, 'an invalid catalog must not be returned');
  assert.ok(result.problems.length > 0, 'an invalid catalog must report a problem');
  return result.problems;
}

/** Where `needle` starts in `text`, as a zero-based line/character. */
function positionOf(text: string, needle: string): { line: number; character: number } {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} not in text`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-'));
}

test('broken JSON is reported once, with the line and column of the fault', () => {
  const text = '{\n  "catalogVersion": 1,\n  "signals": [\n    { "name": "a", },\n  ]\n}\n';
  const [problem, ...rest] = problemsOf(text);
  assert.deepEqual(rest, []);
  assert.match(problem.message, /^invalid JSON: trailing comma before "}"/);
  assert.deepEqual(problem.range?.start, { line: 3, character: 19 });
  assert.equal(formatCatalogProblem(problem), 'shop.celery-signals.json:4:20: invalid JSON: trailing comma before "}" is not allowed in JSON');

  assert.match(problemsOf('{"catalogVersion": 1, // comment\n}')[0].message, /comments are not allowed/);
  assert.match(problemsOf("{'catalogVersion': 1}")[0].message, /property name in double quotes/);
  assert.match(problemsOf('{"catalogVersion": 1, "signals": [')[0].message, /end of file/);
  assert.match(problemsOf(' \n')[0].message, /^the catalog file is empty$/);
  assert.match(problemsOf('{"catalogVersion": 1, "a": "unterminated}')[0].message, /unterminated string/);
  assert.match(problemsOf('{"catalogVersion": 1} {}')[0].message, /after the end/);
});

test('an unknown property is named, placed on its key, and a likely typo gets a suggestion', () => {
  const text = catalogText([{ ...orderPlaced, nmae: 'x' }]);
  const problems = problemsOf(text);
  assert.equal(problems.length, 1);
  assert.equal(problems[0].pointer, '/signals/0/nmae');
  assert.equal(problems[0].message, 'unknown property "nmae" (did you mean "name"?)');
  assert.deepEqual(problems[0].range?.start, positionOf(text, '"nmae"'));

  const top = problemsOf(catalogText([orderPlaced], { signal: [] }));
  assert.equal(top[0].message, 'unknown property "signal" (did you mean "signals"?)');
  const far = problemsOf(catalogText([{ ...orderPlaced, colour: 'red' }]));
  assert.match(far[0].message, /^unknown property "colour" \(allowed: name, access, /);
});

test('a missing name, bad versions, bad enums and bad texts each give their own clear problem', () => {
  const { name: _dropped, ...nameless } = orderPlaced;
  const text = catalogText([
    nameless,
    { ...orderPlaced, name: 'late', since: '5.x', deprecated: { since: 'soon' } },
    { ...orderPlaced, name: 'odd', category: 'tasks', sender: { kind: 'task_name' }, summary: 42 },
    { ...orderPlaced, name: 'bad params', access: { kind: 'module', modules: [] }, params: [{ name: 'not valid' }] },
  ]);
  const byPointer = new Map(problemsOf(text).map((p) => [p.pointer, p.message]));
  assert.equal(byPointer.get('/signals/0'), 'missing required property "name"');
  assert.equal(byPointer.get('/signals/1/since'), '"5.x" is not a release number like 5, 5.3 or 5.3.1');
  assert.equal(byPointer.get('/signals/1/deprecated/since'), '"soon" is not a release number like 5, 5.3 or 5.3.1');
  assert.match(byPointer.get('/signals/2/category')!, /^"tasks" is not one of: task, app, worker, /);
  assert.match(byPointer.get('/signals/2/sender/kind')!, /^"task_name" is not one of: task, task-name, hostname, /);
  assert.match(byPointer.get('/signals/2/summary')!, /^must be a text: a string, or an object with "en"/);
  assert.match(byPointer.get('/signals/3/name')!, /not a valid signal name/);
  assert.equal(byPointer.get('/signals/3/access/modules'), 'must list at least 1 item(s)');
  assert.equal(byPointer.get('/signals/3/params/0/name'), '"not valid" is not a valid Python identifier');
  assert.equal(problemsOf(JSON.stringify({ catalogVersion: 2, signals: [] }))[0].message, 'must be 1, not 2');
  assert.equal(problemsOf(JSON.stringify({ signals: [] }))[0].message, 'missing required property "catalogVersion"');
  assert.match(problemsOf('[]')[0].message, /^not a Celery Signals catalog/);
});

test('access is checked per kind: app signals need an attribute and a matching name', () => {
  const mixed = problemsOf(catalogText([{ ...orderPlaced, name: 'app.on_x', access: { kind: 'app-attribute', modules: ['a'] } }]));
  assert.deepEqual(
    mixed.map((p) => p.message).sort(),
    ['missing required property "attribute"', 'unknown property "modules" (allowed: kind, attribute)'],
  );
  const misnamed = problemsOf(catalogText([{ ...orderPlaced, name: 'on_x', access: { kind: 'app-attribute', attribute: 'on_x' } }]));
  assert.equal(misnamed[0].message, 'an app signal must be named "app.on_x" after its attribute');
  const dotted = problemsOf(catalogText([{ ...orderPlaced, name: 'signals.order_placed' }]));
  assert.match(dotted[0].message, /must be the bare name code imports/);
});

test('duplicates and the always-sent keywords are refused', () => {
  const problems = problemsOf(
    catalogText([orderPlaced, { ...orderPlaced, params: [{ name: 'order' }, { name: 'order' }, { name: 'sender' }] }]),
  );
  assert.deepEqual(
    problems.map((p) => `${p.pointer} ${p.message}`),
    [
      '/signals/1/name signal "order_placed" is already defined at /signals/0',
      '/signals/1/params/1/name parameter "order" is listed twice',
      '/signals/1/params/2/name "sender" is sent to every receiver already; do not list it in params',
    ],
  );
});

test('a file that is not meant as a catalog is refused without quoting its content', () => {
  const secrets = ['root:x:0:0:root:/root:/bin/bash\nPASSWORD=hunter2\n', '{"password": "hunter2"}', '["hunter2"]', '"hunter2"', 'PASSWORD=hunter2\u0000'];
  for (const text of secrets) {
    const problems = loadUserCatalog({ text, file: 'x.json' }).problems;
    assert.equal(problems.length, 1, text);
    assert.match(problems[0].message, /^not a Celery Signals catalog/);
    assert.doesNotMatch(formatCatalogProblem(problems[0]), /hunter2|root|password/i);
  }
});

test('unreadable sources are problems, never exceptions', () => {
  const dir = tempDir();
  assert.deepEqual(loadUserCatalog(path.join(dir, 'missing.json')).problems.map((p) => p.message), ['the catalog file was not read: it does not exist']);
  assert.deepEqual(loadUserCatalog(dir).problems.map((p) => p.message), ['the catalog file was not read: it is a folder; only regular files are read']);
  const hostile = ['\u0000\u0001binary', 'null', '"just a string"', '['.repeat(5000), '{"catalogVersion": 1, "signals": [null, 3, "x"]}', '\ufeff{}'];
  for (const text of hostile) {
    const result = loadUserCatalog({ text });
    assert.equal(result.catalog, undefined, text.slice(0, 20));
    assert.ok(result.problems.length > 0 && result.problems.every((p) => p.message.length > 0 && p.file === '<catalog>'));
  }
});

test('a valid user catalog gets defaults, and merges after the bundled one', () => {
  const dir = tempDir();
  const file = path.join(dir, 'shop.celery-signals.json');
  fs.writeFileSync(file, catalogText([orderPlaced, { name: 'task_failure', access: { kind: 'module', modules: ['celery.signals'] }, params: [{ name: 'only' }] }]));
  const { catalog, problems } = loadCatalogs([file]);
  assert.deepEqual(problems, []);

  const order = catalog.fromModule('shop.signals', 'order_placed');
  assert.ok(order, 'the user signal is found through its module');
  assert.ok(catalog.isSignalModule('shop.signals'));
  assert.equal(order.category, 'custom');
  assert.equal(order.inStarImport, true);
  assert.deepEqual(order.summary, { en: 'Sent when an order is placed.', 'zh-cn': '下单时发送。' });
  assert.deepEqual(catalog.keywordsOf(order).map((p) => p.name), ['sender', 'signal', 'order', 'coupon']);
  const [orderParam, coupon] = order.params;
  assert.deepEqual(orderParam.description, { en: 'The new order.', 'zh-cn': 'The new order.' }, 'a plain string serves both languages');
  assert.deepEqual([coupon.type, coupon.tsType, coupon.mayBeNone, coupon.sometimesAbsent], ['Any', 'unknown', true, true]);

  assert.equal(catalog.latestCeleryVersion, '5.6.3', 'the bundled catalog still sets the default version');
  assert.ok(catalog.fromAppAttribute('on_after_configure'), 'bundled signals are still there');
  assert.deepEqual(catalog.get('task_failure')?.params.map((p) => p.name), ['only'], "the user's definition replaces the bundled one");
});

test("a user's module is judged for unknown names only once its other names are listed", () => {
  const bare = loadUserCatalog({ text: catalogText([orderPlaced]) });
  const listed = loadUserCatalog({ text: catalogText([orderPlaced], { modules: [{ name: 'shop.signals', otherNames: ['Signal', 'logger'] }] }) });
  assert.deepEqual([...bare.problems, ...listed.problems], []);
  assert.equal(new Catalog([bare.catalog!]).lacksName('shop.signals', 'order_placd', '5.6.3'), false);
  const { catalog } = loadCatalogs([{ text: catalogText([orderPlaced], { modules: [{ name: 'shop.signals', otherNames: ['Signal', 'logger'] }] }) }]);
  assert.equal(catalog.lacksName('shop.signals', 'order_placd', '5.6.3'), true);
  assert.equal(catalog.lacksName('shop.signals', 'logger', '5.6.3'), false);
  assert.equal(catalog.lacksName('celery.contrib.testing.worker', 'start_worker', '5.6.3'), false, 'the bundled namespaces stay');
  const misspelt = problemsOf(catalogText([orderPlaced], { modules: [{ name: 'shop.signals', otherNames: ['Signal'], namesCompleteSince: 'soon' }] }));
  assert.ok(misspelt.some((p) => p.pointer === '/modules/0/namesCompleteSince'), JSON.stringify(misspelt));
});

test('invalid files are skipped without hiding valid ones', () => {
  const dir = tempDir();
  const good = path.join(dir, 'good.json');
  const bad = path.join(dir, 'bad.json');
  fs.writeFileSync(good, catalogText([orderPlaced]));
  fs.writeFileSync(bad, '{ nope');
  const { catalog, problems } = loadCatalogs([bad, good]);
  assert.ok(catalog.fromModule('shop.signals', 'order_placed'));
  assert.deepEqual(problems.map((p) => p.file), [bad]);
});

test('the JSON reader accepts exactly what JSON.parse accepts', () => {
  const samples = [
    '{"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"]}', '  [ ]  ', '"\\/"', '0', '-0.0', '1E+2', '{"a":{}}', '{"a":1,"a":2}',
    '01', '1.', '.5', '+1', '{"a" 1}', '[1 2]', '"\\x"', '"\t"', 'tru', 'nul', '[1,]', '{,}', '"\\u12G4"', '1 2', '{"a":1}}',
  ];
  for (const sample of samples) {
    let expected: unknown;
    let valid = true;
    try {
      expected = JSON.parse(sample);
    } catch {
      valid = false;
    }
    const read = readJson(sample);
    assert.equal(read.ok, valid, sample);
    if (read.ok) assert.deepEqual(read.value, expected, sample);
  }
});

test('the loader works from an esbuild bundle, as the server and CLI ship it', async () => {
  const dir = tempDir();
  const entry = path.join(dir, 'entry.ts');
  fs.writeFileSync(
    entry,
    [
      `import { loadUserCatalog, formatCatalogProblem } from ${JSON.stringify(path.join(root, 'server/src/catalog/load'))};`,
      `const good = loadUserCatalog({ text: ${JSON.stringify(catalogText([orderPlaced]))} });`,
      `const bad = loadUserCatalog({ text: '{"catalogVersion": 1, "signals": [{"nmae": 1}]}', file: 'x.json' });`,
      'console.log(JSON.stringify({ good: good.catalog?.signals[0].name, bad: bad.problems.map(formatCatalogProblem) }));',
    ].join('\n'),
  );
  const outfile = path.join(dir, 'bundle.js');
  await esbuild.build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'silent' });
  const run = spawnSync(process.execPath, [outfile], { encoding: 'utf8', cwd: dir });
  assert.equal(run.status, 0, run.stderr);
  const out = JSON.parse(run.stdout) as { good: string; bad: string[] };
  assert.equal(out.good, 'order_placed');
  assert.deepEqual(out.bad, [
    'x.json:1:35: missing required property "name" (at /signals/0)',
    'x.json:1:35: missing required property "access" (at /signals/0)',
    'x.json:1:35: missing required property "params" (at /signals/0)',
    'x.json:1:36: unknown property "nmae" (did you mean "name"?) (at /signals/0/nmae)',
  ]);
});
