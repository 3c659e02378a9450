// Deep input: nesting far beyond what people write must neither overflow the stack nor cost a handler
// its findings, and Python's own nesting limits are reported as the syntax errors Python raises.
// A rule that fails is reported where it failed without hiding the other rules' findings.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeText } from '../server/src/analysis/analyze';
import { completeAt } from '../server/src/analysis/completion';
import { ruleByCode } from '../server/src/analysis/rules/index';
import { getBundledCatalog } from '../server/src/catalog/catalog';

const catalog = getBundledCatalog();
const N = 20_000;

const HANDLER = 'from celery.signals import task_failure\n\n@task_failure.connect\ndef on_failure(sender, task_id):\n    pass\n';
const pyBody = (expression: string) => HANDLER.replace('    pass\n', `    x = ${expression}\n`);
const tsBody = (expression: string) =>
  `import { task_failure } from 'celery-signals';\nfunction recordFailure({ sender, task_id }) {\n  const x = ${expression};\n  log(exception);\n}\ntask_failure.connect(recordFailure);\n`;

const python: Record<string, string> = {
  parentheses: pyBody('('.repeat(N) + '1' + ')'.repeat(N)),
  lists: pyBody('['.repeat(N) + ']'.repeat(N)),
  calls: pyBody('f('.repeat(N) + ')'.repeat(N)),
  'a long attribute chain': pyBody('a' + '.b'.repeat(N)),
  'a long call chain': pyBody('f' + '(x)'.repeat(N)),
  'unary operators': pyBody('-'.repeat(N) + '1'),
  lambdas: pyBody('lambda: '.repeat(N) + '1'),
  comprehensions: pyBody('[x for x in '.repeat(N) + 'y' + ']'.repeat(N)),
  'nested targets': pyBody('1\n    ' + '['.repeat(N) + 'a' + ']'.repeat(N) + ' = 1'),
  'nested match patterns': pyBody('1\n    match x:\n        case ' + '['.repeat(N) + 'a' + ']'.repeat(N) + ':\n            pass'),
  'an indented line nested 5,000 deep after the handler': HANDLER + '    y = ' + '('.repeat(5000) + ')'.repeat(5000) + '\n',
  'a missing bracket at the bottom': pyBody('('.repeat(N) + '1' + ')'.repeat(N - 1)),
};

for (const [name, text] of Object.entries(python)) {
  test(`Python, ${name}: the handler keeps its finding, no internal error`, async () => {
    const codes = (await analyzeText(text, 'python', catalog)).findings.map((f) => f.code);
    assert.ok(codes.includes('missing-var-kwargs'), codes.join());
    assert.ok(!codes.includes('internal-error'), codes.join());
  });
}

const typescript: Record<string, string> = {
  parentheses: tsBody('('.repeat(N) + '1' + ')'.repeat(N)),
  arrays: tsBody('['.repeat(N) + ']'.repeat(N)),
  objects: tsBody('{a:'.repeat(N) + '1' + '}'.repeat(N)),
  arrows: tsBody('() => '.repeat(N) + '1'),
  calls: tsBody('f('.repeat(N) + ')'.repeat(N)),
  'a missing bracket at the bottom': tsBody('['.repeat(N) + '1' + ']'.repeat(N - 1)),
};

for (const [name, text] of Object.entries(typescript)) {
  test(`TypeScript, ${name}: the handler keeps its finding, no internal error`, async () => {
    const codes = (await analyzeText(text, 'typescript', catalog)).findings.map((f) => f.code);
    assert.ok(codes.includes('undeclared-kwarg-read'), codes.join());
    assert.ok(!codes.includes('internal-error'), codes.join());
  });
}

test('a broken import followed by 10,000 brackets is a syntax error, not an internal error', async () => {
  for (const text of [`from celery.signals import (\n${'['.repeat(10_000)}\n${HANDLER}`, `${HANDLER}from celery.signals import (\n${'['.repeat(10_000)}\n`]) {
    const codes = (await analyzeText(text, 'python', catalog)).findings.map((f) => f.code);
    assert.ok(codes.includes('syntax-error') && !codes.includes('internal-error'), codes.join());
  }
});

test("Python's nesting limits are syntax errors where CPython reports them", async () => {
  const syntaxMessage = async (text: string) => (await analyzeText(text, 'python', catalog)).findings.find((f) => f.code === 'syntax-error')?.message;
  assert.equal(await syntaxMessage(pyBody('('.repeat(200) + '1' + ')'.repeat(200))), undefined);
  assert.match((await syntaxMessage(pyBody('('.repeat(201) + '1' + ')'.repeat(201)))) ?? '', /too many nested parentheses/);
  assert.equal(await syntaxMessage(pyBody('"' + '('.repeat(500) + '"  # ' + '['.repeat(500))), undefined, 'brackets in strings and comments do not count');
  const indented = (levels: number) => HANDLER + Array.from({ length: levels }, (_, i) => `${' '.repeat(i)}if x:\n`).join('') + `${' '.repeat(levels)}pass\n`;
  assert.equal(await syntaxMessage(indented(99)), undefined);
  assert.match((await syntaxMessage(indented(100))) ?? '', /too many levels of indentation/);
  const codes = (await analyzeText(indented(150), 'python', catalog)).findings.map((f) => f.code);
  assert.ok(codes.includes('missing-var-kwargs'), codes.join());
});

test('a rule that throws is reported once where it failed; the other rules still report', async () => {
  const siteRule = ruleByCode('missing-var-kwargs')!;
  const fileRule = ruleByCode('syntax-error')!;
  const [siteCheck, fileCheck] = [siteRule.check, fileRule.check];
  siteRule.check = () => {
    throw new Error('site rule exploded');
  };
  fileRule.check = () => {
    throw new Error('file rule exploded');
  };
  try {
    const { findings } = await analyzeText(HANDLER.replace('(sender, task_id)', '(sender, task_id, bogus)'), 'python', catalog);
    const internal = findings.filter((f) => f.code === 'internal-error').map((f) => f.message);
    assert.equal(internal.length, 2, internal.join('\n'));
    assert.match(internal.join('\n'), /missing-var-kwargs check failed here \(site rule exploded\); the other checks ran/);
    assert.match(internal.join('\n'), /syntax-error check failed here \(file rule exploded\)/);
    assert.ok(findings.some((f) => f.code === 'param-not-provided'), findings.map((f) => f.code).join());
  } finally {
    siteRule.check = siteCheck;
    fileRule.check = fileCheck;
  }
});

test('completion at the end of a 1 MB line does not backtrack over the whole line', async () => {
  const text = `x = ${'a.'.repeat(512 * 1024)}`;
  const { model } = await analyzeText(text, 'python', catalog);
  // Quadratic before: this call did not return within minutes.
  const entries = completeAt({ text, offset: text.length, model, catalog, docsLanguage: 'en', celeryVersion: catalog.latestCeleryVersion, otherTasks: [] });
  assert.deepEqual(entries, []);
});
