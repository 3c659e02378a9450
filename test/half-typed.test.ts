// Typing a new handler above a complete one, key by key: at no intermediate text may the complete
// handler be judged differently from how it is judged alone (no finding borrowed from the half-typed
// handler's signal), whatever the parser makes of the unfinished code.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeText } from '../server/src/analysis/analyze';
import type { Finding } from '../server/src/analysis/diagnostics';
import { getBundledCatalog } from '../server/src/catalog/catalog';
import type { Grammar } from '../server/src/parsing/treeSitter';

const catalog = getBundledCatalog();
const options = { celeryVersion: catalog.latestCeleryVersion, includeHints: false };

/** Findings inside [start, end) of the text, with offsets made relative to `start`. */
function within(findings: Finding[], start: number, end: number): string[] {
  return findings
    .filter((f) => f.code !== 'syntax-error' && f.span.start >= start && f.span.end <= end)
    .map((f) => `${f.span.start - start} ${f.code}: ${f.message}`)
    .sort();
}

async function assertCompleteHandlerUntouched(grammar: Grammar, head: string, typed: string, complete: string): Promise<void> {
  const alone = await analyzeText(head + complete, grammar, catalog, options);
  const expected = within(alone.findings, head.length, head.length + complete.length);
  for (let i = 1; i <= typed.length; i++) {
    const partial = typed.slice(0, i);
    const { model, findings } = await analyzeText(head + partial + complete, grammar, catalog, options);
    // A text that parses is judged as written: `@task_failure.connect` typed right above another
    // decorator really stacks the two, as Python would.
    if (model.syntaxProblems.length === 0) continue;
    const start = head.length + partial.length;
    const got = within(findings, start, start + complete.length);
    const borrowed = got.filter((g) => !expected.includes(g));
    assert.deepEqual(borrowed, [], `after typing ${JSON.stringify(partial)}`);
  }
}

const PY_HEAD = 'from celery.signals import task_failure, task_retry\n\n\n';
const PY_COMPLETE = '@task_retry.connect\ndef on_retry(sender, request, **kwargs):\n    print(request)\n';

test('Python: a decorated handler typed above a complete one', () =>
  assertCompleteHandlerUntouched('python', PY_HEAD, '@task_failure.connect\ndef on_fail(sender, task_id, exception, **kwargs):\n    print(exception)\n\n\n', PY_COMPLETE));

test('Python: a connect call with a lambda typed above a complete one', () =>
  assertCompleteHandlerUntouched('python', PY_HEAD, 'task_failure.connect(lambda sender, exception, **kw: print(exception), weak=False)\n\n\n', PY_COMPLETE));

const TS_HEAD = "import { task_failure, task_retry } from 'celery-signals';\n\n";
const TS_COMPLETE = 'task_retry.connect(({ request }) => console.log(request), { weak: false });\n';

test('TypeScript: an arrow handler typed above a complete one', () =>
  assertCompleteHandlerUntouched('typescript', TS_HEAD, 'task_failure.connect(({ task_id, exception }) => {\n  console.log(task_id, exception);\n}, { weak: false });\n\n', TS_COMPLETE));

test('TypeScript: a function typed above a complete connect, then connected', () =>
  assertCompleteHandlerUntouched('typescript', TS_HEAD, 'function onFail(sender, exception) {\n  console.log(exception);\n}\ntask_failure.connect(onFail);\n\n', TS_COMPLETE));
