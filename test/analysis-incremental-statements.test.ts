// Property: a module statement's kept facts (analysis/frontends/pythonStatements) are reused only while
// everything they read from the rest of the module is unchanged. Random sequences of whole-statement
// edits that keep the module valid Python (so facts are kept and reused) and that change what other
// statements mean: deleting a connected handler, rebinding an imported signal's name, calling a
// function that connects, importing a signal after its use, renaming a handler another statement
// connects, turning a name into a class or a partial, nesting brackets or blocks past CPython's limits.
// Each incremental result must equal a fresh one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeSource, analyzeText, factMemoOf } from '../server/src/analysis/analyze';
import { getBundledCatalog } from '../server/src/catalog/catalog';
import { applied, type Replacement } from './support/edits';
import type { Tree } from '../server/src/parsing/treeSitter';

const catalog = getBundledCatalog();

/** Module statements that read, bind or connect names other statements use. */
const STATEMENTS = [
  'from celery.signals import task_failure, task_success\n',
  'from celery.signals import task_prerun\n',
  'from celery import signals\n',
  'from celery.signals import *\n',
  'import functools\n',
  'from functools import partial\n',
  'from celery.utils.dispatch import Signal\n',
  'try:\n    from celery.signals import task_retry as retried\nexcept ImportError:\n    retried = signals.task_failure\n',
  '@task_failure.connect\ndef on_failure(sender=None, exception=None, **kwargs):\n    print(exception, einfo)\n',
  '@task_success.connect(sender="proj.tasks.add")\ndef on_success(sender=None, result=None):\n    return result\n',
  'def on_failure(sender=None, task_id=None):\n    logger.info(task_id)\n',
  'def handler(sender=None, **kwargs):\n    return kwargs\n',
  'def handler(sender, result):\n    return result\n',
  // As long as the first `handler` above, and differently bound: kept facts tell them apart by text, not offsets.
  'def handler(sender, result=None, **k):\n    return (k)\n',
  'class handler:\n    def __call__(self, sender=None, **kwargs):\n        pass\n',
  'handler = partial(on_failure, task_id=1)\n',
  'handler = functools.partial(on_failure, 1)\n',
  'task_failure.connect(handler)\n',
  'task_success.connect(handler, weak=True)\n',
  'task_failure.connect(on_failure, dispatch_uid="x")\n',
  'signals.task_prerun.connect(handler)\n',
  'retried.connect(handler)\n',
  'del handler\n',
  'del on_failure\n',
  'task_failure = None\n',
  'def task_failure():\n    pass\n',
  'def setup():\n    task_failure.connect(handler)\n',
  'def setup():\n    def local(sender=None):\n        pass\n    task_success.connect(local)\n    return local\n',
  'setup()\n',
  'sig = task_failure\n',
  'sig.connect(on_failure)\n',
  // Its words change once `failed` names a signal: references are read under the module's signal names.
  'watched = (task_success, failed)\n',
  'from celery.signals import task_failure as failed\n',
  'for each in (task_failure, task_success):\n    each.connect(handler)\n',
  'einfo = "module"\n',
  'logger = None\n',
  'custom = Signal()\n',
  'custom.connect(handler)\n',
  'class Monitor:\n    def __init__(self):\n        task_success.connect(self.on_event)\n\n    def on_event(self, sender=None, result=None):\n        pass\n',
  'Monitor()\n',
  'monitor = Monitor()\n',
  'task_success.connect(monitor.on_event)\n',
  'task_failure.connect(unknown.on_event)\n',
  'class Other:\n    def on_event(self, sender=None):\n        pass\n',
  'def rename_me(sender=None, **kwargs):\n    pass\n',
  'task_prerun.connect(rename_me)\n',
  'app = Celery("proj")\n',
  'from celery import Celery\n',
  '@app.on_after_configure.connect\ndef configured(sender, **kwargs):\n    pass\n',
  'def later():\n    global task_prerun\n    task_prerun = None\n',
  // Past CPython's nesting limits (pythonNesting): each statement's part is kept with its text.
  `deep = ${'('.repeat(201)}1${')'.repeat(201)}\n`,
  `${Array.from({ length: 100 }, (_, i) => `${' '.repeat(i)}if einfo:\n`).join('')}${' '.repeat(100)}pass\n`,
];

type Operation =
  | { kind: 'insert'; at: number; statement: number }
  | { kind: 'delete'; at: number }
  | { kind: 'replace'; at: number; statement: number }
  | { kind: 'rename'; at: number; from: string; to: string }
  | { kind: 'blank'; at: number };

const fraction = fc.double({ min: 0, max: 1, noNaN: true });
const statementIndex = fc.nat({ max: STATEMENTS.length - 1 });
const NAMES = ['handler', 'on_failure', 'rename_me', 'task_failure', 'task_success', 'setup', 'Monitor', 'Other', 'sig', 'einfo', 'on_event'];
const operation: fc.Arbitrary<Operation> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fraction, statement: statementIndex }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fraction }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fraction, statement: statementIndex }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('rename' as const), at: fraction, from: fc.constantFrom(...NAMES), to: fc.constantFrom(...NAMES, 'renamed') }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('blank' as const), at: fraction }), weight: 1 },
) as fc.Arbitrary<Operation>;

/** The module as a list of statements (each ending in a line break); its text is their concatenation. */
function startsOf(statements: readonly string[]): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const statement of statements) {
    starts.push(at);
    at += statement.length;
  }
  starts.push(at);
  return starts;
}

/** Applies the operation to the statement list and returns the one text replacement it makes. */
function apply(statements: string[], op: Operation): Replacement | undefined {
  const starts = startsOf(statements);
  const index = (f: number, count: number) => Math.min(count - 1, Math.floor(f * count));
  switch (op.kind) {
    case 'insert': {
      const at = index(op.at, statements.length + 1);
      statements.splice(at, 0, STATEMENTS[op.statement]);
      return { start: starts[at], end: starts[at], inserted: STATEMENTS[op.statement] };
    }
    case 'blank': {
      const at = index(op.at, statements.length + 1);
      statements.splice(at, 0, '\n');
      return { start: starts[at], end: starts[at], inserted: '\n' };
    }
    case 'delete': {
      if (statements.length === 0) return undefined;
      const at = index(op.at, statements.length);
      const [removed] = statements.splice(at, 1);
      return { start: starts[at], end: starts[at] + removed.length, inserted: '' };
    }
    case 'replace': {
      if (statements.length === 0) return undefined;
      const at = index(op.at, statements.length);
      const before = statements[at];
      statements[at] = STATEMENTS[op.statement];
      return { start: starts[at], end: starts[at] + before.length, inserted: statements[at] };
    }
    case 'rename': {
      if (statements.length === 0) return undefined;
      const at = index(op.at, statements.length);
      const before = statements[at];
      statements[at] = before.replace(new RegExp(`\\b${op.from}\\b`, 'g'), op.to);
      return { start: starts[at], end: starts[at] + before.length, inserted: statements[at] };
    }
  }
}


const json = (value: unknown) => JSON.stringify(value);

test('kept statement facts are reused only while what they read elsewhere in the module is unchanged', async () => {
  let reused = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(statementIndex, { minLength: 6, maxLength: 30 }), fc.array(operation, { minLength: 1, maxLength: 12 }), async (initial, operations) => {
      const statements = initial.map((i) => STATEMENTS[i]);
      let text = statements.join('');
      let { tree } = await analyzeSource({ text, grammar: 'python', catalog });
      try {
        for (const [i, op] of operations.entries()) {
          const replacement = apply(statements, op);
          if (!replacement) continue;
          const step = applied(text, replacement);
          text = step.text;
          const before = (tree && factMemoOf(tree)?.reused) ?? 0;
          const incremental = await analyzeSource({ text, grammar: 'python', catalog, previous: { tree: tree!, edits: [step.edit] } });
          tree!.delete();
          tree = incremental.tree;
          const memo = tree && factMemoOf(tree);
          reused += (memo?.reused ?? 0) - before;
          const fresh = await analyzeText(text, 'python', catalog);
          assert.ok(json(incremental.model) === json(fresh.model), `models differ after operation ${i + 1} (${json(op)}) on:\n${text}`);
          assert.ok(json(incremental.findings) === json(fresh.findings), `findings differ after operation ${i + 1} (${json(op)})`);
        }
      } finally {
        tree?.delete();
      }
    }),
    { numRuns: 150 },
  );
  assert.ok(reused > 0, 'the incremental analyses reused kept statement facts');
});

test('a connect statement is read again when the handler it names is deleted, renamed or rebound elsewhere', async () => {
  const base = [
    'from celery.signals import task_failure\n',
    'def on_failure(sender=None, **kwargs):\n    print(einfo)\n',
    'task_failure.connect(on_failure)\n',
  ];
  const cases: [string, Replacement][] = [
    ['del on_failure', { start: base.join('').length, end: base.join('').length, inserted: 'del on_failure\n' }],
    ['renamed', { start: base[0].length + 4, end: base[0].length + 14, inserted: 'on_failed' }],
    ['rebound signal', { start: base.join('').length, end: base.join('').length, inserted: 'task_failure = None\n' }],
    ['signal import removed', { start: 0, end: base[0].length, inserted: '' }],
    ['signal imported after its use', { start: base.join('').length, end: base.join('').length, inserted: 'from celery.signals import task_failure\n' }],
    ['a name the handler reads bound later', { start: base.join('').length, end: base.join('').length, inserted: 'einfo = None\n' }],
    ['the handler redefined, just as long', { start: base[0].length, end: base[0].length + base[1].length, inserted: 'def on_failure(sender, task_id, **kw):\n    print(einfo)\n' }],
    ['the connecting function called', { start: base.join('').length, end: base.join('').length, inserted: 'def setup():\n    task_failure.connect(on_failure)\nsetup()\n' }],
  ];
  for (const [name, replacement] of cases) {
    const text = base.join('');
    const first = await analyzeSource({ text, grammar: 'python', catalog });
    const step = applied(text, replacement);
    const second = await analyzeSource({ text: step.text, grammar: 'python', catalog, previous: { tree: first.tree as Tree, edits: [step.edit] } });
    first.tree!.delete();
    try {
      const fresh = await analyzeText(step.text, 'python', catalog);
      assert.equal(json(second.model), json(fresh.model), name);
      assert.equal(json(second.findings), json(fresh.findings), name);
    } finally {
      second.tree!.delete();
    }
  }
});
