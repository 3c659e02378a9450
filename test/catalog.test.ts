/**
 * The bundled catalog against the schema, against the Celery facts it was written from, and against
 * the TypeScript types other code reads it through.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { bundledCatalogFile, getBundledCatalog } from '../server/src/catalog/catalog';
import { SENDER_KINDS, SIGNAL_CATEGORIES, type LocalizedText, type SignalSpec } from '../server/src/catalog/types';
import { schemaViolations } from '../server/src/catalog/validate';
import { generateValidatorSource, generatedValidatorPath } from '../server/src/catalog/generateValidator';
import { spawnSync } from 'node:child_process';
import { SYSTEM_PYTHON } from './runtime/agreement';
import { haveExecutable, requireTool } from './support/system';

const root = path.resolve(__dirname, '..');
// The reference sits beside the clone (`../shared/reference`) on developer machines and in CI.
const factsPath =
  process.env.CELERY_FACTS_FILE ??
  [path.resolve(__dirname, '../../shared/reference/celery-signals.facts.json'), '/work/shared/reference/celery-signals.facts.json'].find((f) =>
    fs.existsSync(f),
  ) ??
  path.resolve(__dirname, '../../shared/reference/celery-signals.facts.json');
const catalog = bundledCatalogFile;
const catalogSchema: unknown = JSON.parse(fs.readFileSync(path.join(root, 'schemas/signal-catalog.schema.json'), 'utf8'));

interface FactKwarg {
  name: string;
  type: string;
  present_at?: string[];
  since?: string;
}
interface FactSignal {
  name: string;
  category: string;
  import_from: string;
  kwargs: FactKwarg[];
  since: string | null;
  first_seen_tag: string;
  deprecated: { since: string; replacement: string } | null;
  removed: string | null;
  doc_anchor: string | null;
  in_celery_signals_all?: boolean;
}

function readFacts(): FactSignal[] {
  return (JSON.parse(fs.readFileSync(factsPath, 'utf8')) as { signals: FactSignal[] }).signals;
}

function factsTest(name: string, body: (facts: FactSignal[]) => void): void {
  test(name, (t) => {
    if (!requireTool(t, 'the Celery facts file', fs.existsSync(factsPath), `set CELERY_FACTS_FILE to celery-signals.facts.json`)) return;
    body(readFacts());
  });
}

/** Every localized text in a signal, with a readable label for failure messages. */
function textsOf(signal: SignalSpec): [string, LocalizedText][] {
  return [
    [`${signal.name}.summary`, signal.summary],
    [`${signal.name}.description`, signal.description],
    [`${signal.name}.sender.description`, signal.sender.description],
    [`${signal.name}.process`, signal.process],
    ...signal.pitfalls.map((p, i): [string, LocalizedText] => [`${signal.name}.pitfalls[${i}]`, p]),
    ...signal.params.map((p): [string, LocalizedText] => [`${signal.name}.params.${p.name}`, p.description]),
  ];
}

test('the precompiled schema validator is up to date (regenerate: npx tsx server/src/catalog/generateValidator.ts)', () => {
  assert.equal(fs.readFileSync(generatedValidatorPath, 'utf8'), generateValidatorSource());
});

test('the bundled catalog satisfies its own schema', () => {
  assert.deepEqual(schemaViolations(catalog), []);
  assert.equal(catalog.latestCeleryVersion, '5.6.3');
  assert.deepEqual(
    (catalog.commonParams ?? []).map((p) => p.name),
    ['sender', 'signal'],
  );
});

factsTest('it holds exactly the signals of the facts file, with the same keyword arguments in order', (facts) => {
  assert.equal(catalog.signals.length, 41);
  assert.deepEqual(catalog.signals.map((s) => s.name).sort(), facts.map((f) => f.name).sort());
  for (const fact of facts) {
    const spec = catalog.signals.find((s) => s.name === fact.name)!;
    assert.deepEqual(spec.params.map((p) => p.name), fact.kwargs.map((k) => k.name), `${fact.name}: keyword names`);
    for (const kwarg of fact.kwargs) {
      const param = spec.params.find((p) => p.name === kwarg.name)!;
      assert.equal(param.sometimesAbsent, kwarg.present_at !== undefined, `${fact.name}.${kwarg.name}: sometimesAbsent`);
      assert.equal(param.since, kwarg.since, `${fact.name}.${kwarg.name}: since`);
      if (kwarg.type.includes('None')) assert.ok(param.mayBeNone, `${fact.name}.${kwarg.name} can be None`);
    }
  }
});

factsTest('versions, deprecation, access and star-import agree with the facts', (facts) => {
  for (const fact of facts) {
    const spec = catalog.signals.find((s) => s.name === fact.name)!;
    assert.equal(spec.since, fact.since ?? fact.first_seen_tag.replace(/^v/, ''), `${fact.name}: since`);
    assert.deepEqual(spec.deprecated, fact.deprecated ?? undefined, `${fact.name}: deprecated`);
    assert.equal(spec.removed, fact.removed ?? undefined, `${fact.name}: removed`);
    if (fact.name.startsWith('app.')) {
      assert.deepEqual(spec.access, { kind: 'app-attribute', attribute: fact.name.slice(4) });
      assert.equal(spec.inStarImport, false);
    } else {
      assert.deepEqual(spec.access, { kind: 'module', modules: [fact.import_from] });
    }
    if (fact.import_from === 'celery.signals') assert.equal(spec.inStarImport, fact.in_celery_signals_all, `${fact.name}: star import`);
    const expectedCategory = fact.import_from === 'celery.contrib.testing.worker' ? 'testing' : fact.category;
    assert.equal(spec.category, expectedCategory, `${fact.name}: category`);
  }
});

factsTest('docs links follow the anchor rule: signals guide for celery.signals, API reference for app signals', (facts) => {
  for (const fact of facts) {
    const spec = catalog.signals.find((s) => s.name === fact.name)!;
    assert.ok(spec.docsUrl, `${fact.name} has a docs link`);
    const url = new URL(spec.docsUrl);
    assert.equal(url.protocol, 'https:');
    assert.equal(url.host, 'docs.celeryq.dev');
    if (fact.name.startsWith('app.')) {
      assert.equal(url.pathname, '/en/stable/reference/celery.html');
      assert.equal(url.hash, `#${fact.doc_anchor}`);
    } else if (fact.doc_anchor) {
      assert.equal(url.pathname, '/en/stable/userguide/signals.html');
      assert.equal(url.hash, `#${fact.name.replace(/_/g, '-')}`);
      assert.equal(url.hash, `#${fact.doc_anchor}`);
    } else {
      assert.match(url.pathname, /^\/en\/stable\/reference\/celery\.contrib\.testing\.worker\.html$/);
    }
  }
});

test('every text has English and Simplified Chinese, and the Chinese is Chinese', () => {
  const cjk = /[\u4e00-\u9fff]/;
  const all: [string, LocalizedText][] = [
    ...catalog.signals.flatMap(textsOf),
    ...(catalog.commonParams ?? []).map((p): [string, LocalizedText] => [`common.${p.name}`, p.description]),
  ];
  assert.ok(all.length > 300, `expected a few hundred texts, found ${all.length}`);
  for (const [label, text] of all) {
    assert.ok(text.en.trim().length > 0, `${label}: English is empty`);
    assert.ok(text['zh-cn'].trim().length > 0, `${label}: Chinese is empty`);
    assert.doesNotMatch(text.en, /\bTODO\b/, `${label}: English is a placeholder`);
    assert.match(text['zh-cn'], cjk, `${label}: zh-cn has no Chinese characters`);
    assert.doesNotMatch(text.en, cjk, `${label}: Chinese in the English text`);
    assert.notEqual(text.en, text['zh-cn'], `${label}: untranslated`);
  }
  for (const signal of catalog.signals) {
    assert.doesNotMatch(signal.summary.en, /\n/, `${signal.name}: the summary is one line`);
    for (const pitfall of signal.pitfalls) assert.ok(!pitfall.en.includes('\n') && pitfall.en.length <= 200, `${signal.name}: pitfall fits a hover line`);
  }
});

test('sender kinds say which filters can match: only task names and hostnames are strings', () => {
  for (const signal of catalog.signals) {
    const stringSender = signal.sender.type === 'str';
    assert.equal(stringSender, signal.sender.kind === 'task-name' || signal.sender.kind === 'hostname', `${signal.name}: ${signal.sender.kind}`);
    assert.equal(signal.sender.type === 'NoneType', signal.sender.kind === 'none', `${signal.name}: none sender`);
    if (signal.sender.kind === 'task') assert.equal(signal.sender.type, 'celery.app.task.Task');
  }
});

test('every tsType is a TypeScript type, nullable exactly when the value may be None', () => {
  const params = [...catalog.signals.flatMap((s) => s.params.map((p) => ({ owner: s.name, p }))), ...(catalog.commonParams ?? []).map((p) => ({ owner: 'common', p }))];
  for (const { owner, p } of params) {
    const source = ts.createSourceFile('t.ts', `type T = ${p.tsType};`, ts.ScriptTarget.ES2022, true);
    const diagnostics = (source as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
    assert.deepEqual(diagnostics.map((d) => d.messageText), [], `${owner}.${p.name}: ${p.tsType}`);
    const alias = source.statements[0];
    assert.ok(ts.isTypeAliasDeclaration(alias) && alias.end === source.text.length, `${owner}.${p.name}: one type`);
    if (p.tsType !== 'unknown') assert.equal(/\bnull\b/.test(p.tsType), p.mayBeNone, `${owner}.${p.name}: ${p.tsType} vs mayBeNone`);
  }
});

test('the SenderKind and SignalCategory consts equal the schema enums', () => {
  const definitions = (catalogSchema as { definitions: Record<string, { properties: Record<string, { enum?: string[]; properties?: Record<string, { enum?: string[] }> }> }> }).definitions;
  assert.deepEqual([...SENDER_KINDS], definitions.signal.properties.sender.properties!.kind.enum);
  assert.deepEqual([...SIGNAL_CATEGORIES], definitions.signal.properties.category.enum);
});

test('the interfaces in types.ts declare exactly the properties the schema allows', () => {
  const file = path.join(root, 'server/src/catalog/types.ts');
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const members = new Map<string, string[]>();
  for (const statement of source.statements) {
    if (!ts.isInterfaceDeclaration(statement)) continue;
    members.set(
      statement.name.text,
      statement.members.map((m) => (m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)) ? m.name.text : '?')).sort(),
    );
  }
  const schema = catalogSchema as { properties: object; definitions: Record<string, { properties: Record<string, { properties?: object }> }> };
  const keys = (o: object | undefined) => Object.keys(o ?? {}).sort();
  assert.deepEqual(members.get('CatalogFile'), keys(schema.properties));
  assert.deepEqual(members.get('SignalSpec'), keys(schema.definitions.signal.properties));
  assert.deepEqual(members.get('ParamSpec'), keys(schema.definitions.param.properties));
  assert.deepEqual(members.get('SenderSpec'), keys(schema.definitions.signal.properties.sender.properties));
  assert.deepEqual(members.get('DeprecationSpec'), keys(schema.definitions.signal.properties.deprecated.properties));
  assert.deepEqual(members.get('LocalizedText'), keys(schema.definitions.localizedText.properties));
  assert.deepEqual(members.get('ModuleSpec'), keys(schema.definitions.module.properties));
});

test("every name Debian's Celery 5.2.6 binds in a described module is a signal or a listed name", (t) => {
  if (!requireTool(t, "Debian's python3-celery", haveExecutable(SYSTEM_PYTHON, ['-c', 'import celery']), 'bash scripts/install/python-celery.sh')) return;
  const c = getBundledCatalog();
  for (const module of catalog.modules ?? []) {
    const listing = spawnSync(SYSTEM_PYTHON, ['-c', `import json, ${module.name} as m; print(json.dumps(sorted(vars(m))))`], { encoding: 'utf8' });
    assert.equal(listing.status, 0, listing.stderr);
    const bound = JSON.parse(listing.stdout) as string[];
    assert.deepEqual(bound.filter((name) => c.lacksName(module.name, name, '5.2.6')), [], `${module.name}: names Celery has but the catalog calls missing`);
  }
  assert.equal(c.lacksName('celery.contrib.testing.worker', 'start_worker', '5.2.6'), false);
  assert.equal(c.lacksName('celery.contrib.testing.worker', 'test_worker_startd', '5.6.3'), true);
  assert.equal(c.lacksName('celery.contrib.testing.worker', 'test_worker_startd', '4.4.7'), false, 'older than namesCompleteSince: not judged');
  assert.equal(c.lacksName('celery.signals', 'task_posturn', '4.4.7'), true, 'celery.signals holds nothing but signals in every release');
  assert.equal(c.lacksName('shop.signals', 'order_placed_late', '5.6.3'), false, 'a module the catalog does not describe is never judged');
});

test('the Catalog indexes module signals, testing signals and app-instance signals', () => {
  const c = getBundledCatalog();
  assert.equal(c.fromModule('celery.signals', 'task_failure')?.name, 'task_failure');
  assert.equal(c.fromModule('celery.signals', 'test_worker_started'), undefined);
  assert.equal(c.fromModule('celery.contrib.testing.worker', 'test_worker_started')?.name, 'test_worker_started');
  assert.equal(c.fromAppAttribute('on_after_configure')?.name, 'app.on_after_configure');
  assert.deepEqual(c.signalModules.sort(), ['celery.contrib.testing.worker', 'celery.signals']);
  assert.equal(c.signalsOfModule('celery.signals').length, 34);
  assert.deepEqual(c.appAttributes.sort(), ['on_after_configure', 'on_after_finalize', 'on_after_fork', 'on_configure']);
  const failure = c.get('task_failure')!;
  assert.deepEqual(
    c.keywordsOf(failure).map((p) => p.name),
    ['sender', 'signal', 'task_id', 'exception', 'args', 'kwargs', 'traceback', 'einfo'],
  );
  const retry = c.get('task_retry')!;
  assert.equal(retry.params.find((p) => p.name === 'reason')?.sometimesAbsent, true);
  assert.equal(c.get('task_sent')?.deprecated?.replacement, 'after_task_publish');
  assert.ok(c.get(c.get('task_sent')!.deprecated!.replacement!), 'the replacement exists');
});
