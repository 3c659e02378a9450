// The generated declarations (types/celery-signals.d.ts) are current and make tsc check handlers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import ts from 'typescript';

const root = path.resolve(__dirname, '..');
const declarations = path.join(root, 'types/celery-signals.d.ts');

// Reusing the previous program lets tsc keep the parsed lib files between samples (seconds each).
let previous: ts.Program | undefined;

/** Type-checks one in-memory module against the generated declarations; returns tsc's messages. */
function typeErrors(source: string): string[] {
  const sampleFile = path.join(root, 'test/__sample__.ts');
  const options: ts.CompilerOptions = { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022, types: [], skipLibCheck: false };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (file) => (path.resolve(file) === sampleFile ? source : readFile(file));
  host.fileExists = ((exists) => (file: string) => path.resolve(file) === sampleFile || exists(file))(host.fileExists.bind(host));
  host.getSourceFile = (file, languageVersion, onError, shouldCreate) =>
    path.resolve(file) === sampleFile ? ts.createSourceFile(file, source, languageVersion, true) : getSourceFile(file, languageVersion, onError, shouldCreate);
  const program = ts.createProgram([declarations, sampleFile], options, host, previous);
  previous = program;
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

test('types/celery-signals.d.ts matches the catalog (node scripts/gen-types.mjs --check)', () => {
  const result = spawnSync(process.execPath, ['scripts/gen-types.mjs', '--check'], { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
});

test('a handler that destructures what the signal sends type-checks', () => {
  const errors = typeErrors(`
    import { task_failure, task_retry, before_task_publish, type TaskFailureArgs } from 'celery-signals';
    const sendEmail = { name: 'mail.send' };
    task_failure.connect(({ sender, task_id, exception, einfo }) => {
      console.log(sender.name, task_id.toUpperCase(), exception.message, einfo);
    }, { sender: sendEmail, weak: false, dispatch_uid: 'mail' });
    task_retry.connect(({ reason }) => console.log(reason?.message));
    before_task_publish.connect(({ headers }) => console.log(headers), { sender: 'proj.tasks.add' });
    export function onFailure(kw: TaskFailureArgs): void { console.log(kw.traceback); }
    task_failure.connect(onFailure);
    declare const console: { log(...values: unknown[]): void };
  `);
  assert.deepEqual(errors, []);
});

test('a handler that destructures a property the signal never sends fails tsc', () => {
  const errors = typeErrors(`
    import { task_failure } from 'celery-signals';
    task_failure.connect(({ exc }) => { void exc; });
  `);
  assert.equal(errors.length, 1, errors.join('\n'));
  assert.match(errors[0], /Property 'exc' does not exist on type 'TaskFailureArgs'/);
});

test('a string sender on a task-object signal fails tsc', () => {
  const errors = typeErrors(`
    import { task_success } from 'celery-signals';
    task_success.connect(({ result }) => { void result; }, { sender: 'proj.tasks.add' });
  `);
  assert.equal(errors.length, 1, errors.join('\n'));
  assert.match(errors[0], /not assignable to type 'CeleryTask'/);
});

test('a keyword some send sites leave out is optional in the declarations', () => {
  const errors = typeErrors(`
    import { task_retry } from 'celery-signals';
    task_retry.connect(({ reason }) => { const message: string = reason.message; void message; });
  `);
  assert.equal(errors.length, 1, errors.join('\n'));
  assert.match(errors[0], /possibly 'undefined'/);
});
