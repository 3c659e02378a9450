// A module's task definitions as the project index reads them, and when it cannot name them all
// (tasksOpen): the shortcuts that spare a handler module's decorators and text a second look must
// agree with the plain reading.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { callsTask, moduleExportsOf } from '../server/src/project/pythonExports';
import { parseText } from '../server/src/parsing/treeSitter';

async function exportsOf(text: string) {
  const tree = await parseText('python', text);
  try {
    return moduleExportsOf(tree.rootNode, text, { name: 'proj.tasks', isPackage: false });
  } finally {
    tree.delete();
  }
}

test('task decorators are told from signal handlers whose signal name starts with "task"', async () => {
  const text = [
    'from celery import shared_task',
    'from celery.signals import task_failure, task_prerun',
    'from proj.app import app',
    '@task_failure.connect',
    'def on_failure(sender=None, **kwargs): ...',
    '@task_prerun.connect(weak=False)',
    'def before(**kwargs): ...',
    '@app.task(name="proj.add")',
    'def add(x, y): return x + y',
    '@shared_task',
    'def ping(): ...',
    '@app.task(bind=True)',
    '@task_failure.connect',
    'def both(self, **kwargs): ...',
    '',
  ].join('\n');
  const exports = await exportsOf(text);
  const kinds = Object.fromEntries([...exports.names].map(([name, bindings]) => [name, bindings[0].binding]));
  assert.deepEqual(kinds.on_failure, { kind: 'other' });
  assert.deepEqual(kinds.before, { kind: 'other' });
  assert.deepEqual(kinds.add, { kind: 'task', registeredName: 'proj.add' });
  assert.deepEqual(kinds.ping, { kind: 'task', registeredName: undefined });
  assert.deepEqual(kinds.both, { kind: 'task', registeredName: undefined });
  assert.equal(exports.tasksOpen, false);
});

test('a task decorator used as a plain call leaves the task list open; a handler module does not', async () => {
  assert.equal((await exportsOf('from proj.app import app\ndef add(x, y): return x + y\nadd = app.task(add)\n')).tasksOpen, true);
  assert.equal((await exportsOf('from celery import shared_task\nping = shared_task (lambda: None)\n')).tasksOpen, true);
  assert.equal((await exportsOf('from celery.signals import task_failure\n@task_failure.connect\ndef on_failure(**kw): task_failure_count(1)\n')).tasksOpen, false);
  // A method named task on something reached through a call, and a decorator, are not such calls.
  assert.equal((await exportsOf('x = get().task(1)\n')).tasksOpen, false);
});

test('the backward search for task calls finds what the dotted-path pattern finds, on any text', () => {
  const pattern = /(?<![@\w.])(?:[A-Za-z_]\w*\.)*(?:task|shared_task)\s*\(/;
  const piece = fc.constantFrom('task', 'shared_', 'shared_task', '.', '@', 'a', 'app', '1', '_', ' ', '\t', '(', ')', '\n', '..', '\u00a0', 'é', 'Task', '#');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
      const text = pieces.join('');
      assert.equal(callsTask(text), pattern.test(text), JSON.stringify(text));
    }),
    { numRuns: 20_000 },
  );
});
