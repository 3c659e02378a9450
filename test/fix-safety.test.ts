// Every quick-fix and refactor is safe: applied alone, it removes the finding it was offered on and
// adds no error, warning or syntax problem, for every connection of the function. Checked over the
// whole fixture corpus, then over generated handlers connected to one or two signals; and fix-all
// over the corpus never leaves more errors than it found.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { analyzeText } from '../server/src/analysis/analyze';
import { fixAllText } from '../server/src/analysis/fixAll';
import { getBundledCatalog } from '../server/src/catalog/catalog';
import { grammarFor } from '../server/src/parsing/treeSitter';
import { commentTokenFor, fixtureFiles, parseFixture } from './support/fixtures';
import { unsafeFixesIn, type UnsafeFix } from './support/fixSafety';

const fixturesRoot = path.join(__dirname, 'fixtures');


function describe(unsafe: UnsafeFix[]): string {
  return unsafe.map((u) => `[${u.title}] on ${u.on}\n  ${u.problem}\n--- before\n${u.before}\n--- after\n${u.after}`).join('\n\n');
}

test('every fix offered on the fixture corpus is safe', async (t) => {
  let tried = 0;
  const unsafe: string[] = [];
  for (const file of fixtureFiles(fixturesRoot)) {
    for (const testCase of parseFixture(fs.readFileSync(file, 'utf8'), commentTokenFor(file))) {
      const result = await unsafeFixesIn(testCase.text, grammarFor(file)!, testCase.celeryVersion);
      tried += result.tried;
      if (result.unsafe.length) unsafe.push(`${path.relative(fixturesRoot, file)} :: ${testCase.name}\n${describe(result.unsafe)}`);
    }
  }
  // The corpus offers a few hundred fixes; far fewer would mean the harness stopped finding them.
  t.diagnostic(`${tried} fixes and refactors tried, ${unsafe.length} fixture cases with an unsafe one`);
  assert.ok(tried > 300, `only ${tried} fixes were tried`);
  assert.equal(unsafe.length, 0, `${unsafe.length} unsafe fixes:\n${unsafe.join('\n\n')}`);
});

const SIGNALS = ['task_failure', 'task_success', 'task_prerun', 'task_postrun', 'task_retry', 'worker_ready', 'after_task_publish', 'task_internal_error'];
// Keywords of those signals, names of other signals' keywords, and near misses.
const NAMES = ['sender', 'task_id', 'task', 'args', 'kwargs', 'exception', 'exc', 'einfo', 'traceback', 'result', 'retval', 'retvalue', 'state', 'status', 'request', 'reason', 'headers', 'body', 'routing_key'];

const param = fc.record({ name: fc.constantFrom(...NAMES), withDefault: fc.boolean() });
const handlerShape = fc.record({
  signals: fc.uniqueArray(fc.constantFrom(...SIGNALS), { minLength: 1, maxLength: 2 }),
  params: fc.uniqueArray(param, { maxLength: 5, selector: (p) => p.name }),
  catchAll: fc.boolean(),
  reads: fc.uniqueArray(fc.constantFrom(...NAMES), { maxLength: 3 }),
  secondByCall: fc.boolean(),
  form: fc.constantFrom('function', 'method', 'lambda'),
});

type Shape = typeof handlerShape extends fc.Arbitrary<infer T> ? T : never;

function pythonModule(shape: Shape): string {
  const params = shape.params.map((p) => (p.withDefault ? `${p.name}=None` : p.name));
  // Python forbids a required parameter after a defaulted one: make the rest keyword-only.
  const firstDefault = shape.params.findIndex((p) => p.withDefault);
  if (firstDefault >= 0 && shape.params.slice(firstDefault).some((p) => !p.withDefault)) params.splice(firstDefault, 0, '*');
  if (shape.catchAll) params.push('**kwargs');
  const [first, second] = shape.signals;
  const imports = `from celery.signals import ${shape.signals.join(', ')}\n\n\n`;
  if (shape.form === 'lambda') {
    const printed = shape.reads.length ? `print(${shape.reads.join(', ')})` : 'None';
    return imports + shape.signals.map((s) => `${s}.connect(lambda ${params.join(', ')}: ${printed}, weak=False)\n`).join('');
  }
  if (shape.form === 'method') {
    const body = shape.reads.length ? shape.reads.map((r) => `        print(${r})`).join('\n') : '        pass';
    const connects = shape.signals.map((s) => `${s}.connect(hooks.handle)\n`).join('');
    return `${imports}class Hooks:\n    def handle(${['self', ...params].join(', ')}):\n${body}\n\n\nhooks = Hooks()\n${connects}`;
  }
  const decorators = [`@${first}.connect`, ...(second && !shape.secondByCall ? [`@${second}.connect`] : [])];
  const body = shape.reads.length ? shape.reads.map((r) => `    print(${r})`).join('\n') : '    pass';
  const call = second && shape.secondByCall ? `\n\n${second}.connect(handle)\n` : '\n';
  return `${imports}${decorators.join('\n')}\ndef handle(${params.join(', ')}):\n${body}\n${call}`;
}

/** `secondByCall` picks the form here: plain parameters read by name instead of one destructured object. */
function typescriptModule(shape: Shape): string {
  const properties = shape.params.map((p) => (p.withDefault ? `${p.name} = null` : p.name));
  if (shape.catchAll) properties.push('...rest');
  const list = shape.secondByCall ? properties.join(', ') : `{ ${properties.join(', ')} }`;
  const body = shape.reads.map((r) => `  console.log(${r});`).join('\n');
  const connects = shape.signals.map((s) => `${s}.connect(handle);`).join('\n');
  return `import { ${shape.signals.join(', ')} } from 'celery-signals';\n\nfunction handle(${list}) {\n${body}\n}\n${connects}\n`;
}

async function assertSafe(text: string, grammar: 'python' | 'typescript'): Promise<void> {
  const { unsafe } = await unsafeFixesIn(text, grammar);
  assert.equal(unsafe.length, 0, describe(unsafe));
}

test('every fix on generated Python functions, methods and lambdas connected to one or two signals is safe', () =>
  fc.assert(fc.asyncProperty(handlerShape, (shape) => assertSafe(pythonModule(shape), 'python')), { numRuns: 200, seed: 1 }));

test('every fix on generated TypeScript handlers (one object, or plain parameters) is safe', () =>
  fc.assert(fc.asyncProperty(handlerShape, (shape) => assertSafe(typescriptModule(shape), 'typescript')), { numRuns: 100, seed: 2 }));

test('fix-all on every fixture case leaves no more errors and no more syntax problems than it found', async (t) => {
  const catalog = getBundledCatalog();
  let errorsBefore = 0;
  let errorsAfter = 0;
  for (const file of fixtureFiles(fixturesRoot)) {
    const grammar = grammarFor(file)!;
    for (const testCase of parseFixture(fs.readFileSync(file, 'utf8'), commentTokenFor(file))) {
      const options = { celeryVersion: testCase.celeryVersion ?? catalog.latestCeleryVersion, includeHints: true };
      const before = await analyzeText(testCase.text, grammar, catalog, options);
      const fixed = await fixAllText(testCase.text, grammar, catalog, options);
      const after = await analyzeText(fixed, grammar, catalog, options);
      const errors = (r: typeof before) => r.findings.filter((f) => f.severity === 'error').length;
      const where = `${path.relative(fixturesRoot, file)} :: ${testCase.name}\n${fixed}`;
      assert.ok(errors(after) <= errors(before), where);
      assert.ok(after.model.syntaxProblems.length <= before.model.syntaxProblems.length, where);
      errorsBefore += errors(before);
      errorsAfter += errors(after);
    }
  }
  t.diagnostic(`fix-all: ${errorsBefore} errors before, ${errorsAfter} after`);
  assert.ok(errorsAfter < errorsBefore / 2, `fix-all cleared only ${errorsBefore - errorsAfter} of ${errorsBefore} errors`);
});
