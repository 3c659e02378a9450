// Quick-fixes on TypeScript/JavaScript handlers: they must edit the destructuring pattern and the
// options object the way a TS user writes them, and leave code that no longer has the finding.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeText } from '../server/src/analysis/analyze';
import { getBundledCatalog } from '../server/src/catalog/catalog';
import { checkFix as checkFixIn } from './support/checkFix';
import type { Grammar } from '../server/src/parsing/treeSitter';

const catalog = getBundledCatalog();
const options = { celeryVersion: catalog.latestCeleryVersion, includeHints: true };

const checkFix = (before: string, code: string, title: string | RegExp, expected: string, grammar: Grammar = 'typescript') =>
  checkFixIn(before, code, title, expected, grammar);

const IMPORTS = "import { task_failure, task_success, task_prerun, worker_ready } from 'celery-signals';\nimport { app } from './app';\n";

test('renaming a shorthand property renames its uses, keeping object-literal keys', () =>
  checkFix(
    `${IMPORTS}function onFailure({ task_id, exc }) {\n  console.log(task_id, exc, { exc });\n}\ntask_failure.connect(onFailure);\n`,
    'unknown-param',
    'Rename `exc` to `exception`',
    `${IMPORTS}function onFailure({ task_id, exception }) {\n  console.log(task_id, exception, { exc: exception });\n}\ntask_failure.connect(onFailure);\n`,
  ));

test('renaming the key of a renamed property leaves the local variable alone', () =>
  checkFix(
    `${IMPORTS}function onFailure({ exc: error = null }) {\n  console.log(error);\n}\ntask_failure.connect(onFailure);\n`,
    'unknown-param',
    'Rename `exc` to `exception`',
    `${IMPORTS}function onFailure({ exception: error = null }) {\n  console.log(error);\n}\ntask_failure.connect(onFailure);\n`,
  ));

test('a keyword read in the body is destructured before the rest element', () =>
  checkFix(
    `${IMPORTS}function onFailure({ sender, ...rest }) {\n  console.log(sender.name, exception, rest);\n}\ntask_failure.connect(onFailure);\n`,
    'undeclared-kwarg-read',
    'Add `exception` as a parameter',
    `${IMPORTS}function onFailure({ sender, exception, ...rest }) {\n  console.log(sender.name, exception, rest);\n}\ntask_failure.connect(onFailure);\n`,
  ));

test('a handler without parameters gets a destructuring pattern, not a plain parameter', async () => {
  await checkFix(
    `${IMPORTS}function onFailure() {\n  console.log(einfo);\n}\ntask_failure.connect(onFailure);\n`,
    'undeclared-kwarg-read',
    'Add `einfo` as a parameter',
    `${IMPORTS}function onFailure({ einfo }) {\n  console.log(einfo);\n}\ntask_failure.connect(onFailure);\n`,
  );
  await checkFix(
    `${IMPORTS}function ready() {}\nworker_ready.connect(ready);\n`,
    'missing-signal-params',
    /Add all parameters/,
    `${IMPORTS}function ready({ sender }) {}\nworker_ready.connect(ready);\n`,
  );
});

test('weak=False becomes an options object, or a property of the existing one', async () => {
  await checkFix(
    `${IMPORTS}task_prerun.connect(({ task_id }) => console.log(task_id));\n`,
    'weak-local-receiver',
    'Connect with { weak: false }',
    `${IMPORTS}task_prerun.connect(({ task_id }) => console.log(task_id), { weak: false });\n`,
  );
  await checkFix(
    `${IMPORTS}export function install() {\n  function ready({ sender }) {}\n  worker_ready.connect(ready, { dispatch_uid: 'ready' });\n}\n`,
    'weak-local-receiver',
    'Connect with { weak: false }',
    `${IMPORTS}export function install() {\n  function ready({ sender }) {}\n  worker_ready.connect(ready, { dispatch_uid: 'ready', weak: false });\n}\n`,
    'javascript',
  );
});

test('a task passed to the decorator factory becomes the sender option', () =>
  checkFix(
    `${IMPORTS}export const add = app.task((x: number) => x);\nclass Hooks {\n  @task_success.connect(add)\n  static done({ result }) {}\n}\n`,
    'task-as-receiver',
    'Pass `add` as { sender: add }',
    `${IMPORTS}export const add = app.task((x: number) => x);\nclass Hooks {\n  @task_success.connect({ sender: add })\n  static done({ result }) {}\n}\n`,
  ));

test('a string sender on a task signal: filter on the task object, or drop the options object', async () => {
  const task = "export const add = app.task((x: number) => x, { name: 'proj.add' });\nfunction done({ result }) {}\n";
  await checkFix(
    `${IMPORTS}${task}task_success.connect(done, { sender: 'proj.add', dispatch_uid: 'done' });\n`,
    'sender-kind-mismatch',
    'Filter on the task object `add`',
    `${IMPORTS}${task}task_success.connect(done, { sender: add, dispatch_uid: 'done' });\n`,
  );
  await checkFix(
    `${IMPORTS}${task}task_success.connect(done, { sender: 'proj.add' });\n`,
    'sender-kind-mismatch',
    'Remove the sender filter',
    `${IMPORTS}${task}task_success.connect(done);\n`,
  );
});

test('an async handler without await is made synchronous; a misspelt signal is renamed', async () => {
  await checkFix(
    `${IMPORTS}async function done({ result }) {\n  console.log(result);\n}\ntask_success.connect(done);\n`,
    'async-handler',
    'Make the handler synchronous',
    `${IMPORTS}function done({ result }) {\n  console.log(result);\n}\ntask_success.connect(done);\n`,
  );
  await checkFix(
    "import * as signals from 'celery-signals';\nfunction done({ retval }) {}\nexport const hook = signals.task_posturn.connect(done);\n",
    'unknown-signal',
    /task_postrun/,
    "import * as signals from 'celery-signals';\nfunction done({ retval }) {}\nexport const hook = signals.task_postrun.connect(done);\n",
  );
});

test('the async-handler message describes JavaScript, not Python coroutines', async () => {
  const { findings } = await analyzeText(`${IMPORTS}async function done({ result }) { await save(result); }\ntask_success.connect(done);\n`, 'typescript', catalog, options);
  const finding = findings.find((f) => f.code === 'async-handler');
  assert.ok(finding);
  assert.match(finding.message, /unhandled promise rejection/);
  assert.doesNotMatch(finding.message, /coroutine/);
  assert.deepEqual(finding.fixes, [], 'a handler that awaits cannot simply drop `async`');
});
