// Property: the checker's memo of per-site findings (analysis/findingsMemo.ts) never changes what it
// finds. Random edits of the fixture modules, with settings changing now and then, are judged the way
// the server judges a document (the memo of the previous version and what the edit changed) and
// from scratch; both must give the same findings, spans, fixes and messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { analyzeSource, checkModel, type CheckOptions } from '../server/src/analysis/analyze';
import { FindingsMemo } from '../server/src/analysis/findingsMemo';
import { originsNoted } from '../server/src/analysis/siteOrigins';
import { rules } from '../server/src/analysis/rules/index';
import { getBundledCatalog } from '../server/src/catalog/catalog';
import { grammarFor, type Tree } from '../server/src/parsing/treeSitter';
import { fixtureFiles } from './support/fixtures';
import { applied, type Replacement } from './support/edits';

const catalog = getBundledCatalog();
const fixturesRoot = path.join(__dirname, 'fixtures');
const corpus = fixtureFiles()
  .filter((file) => /\.(py|ts)$/.test(file))
  .map((file) => ({ file: path.relative(fixturesRoot, file), text: fs.readFileSync(file, 'utf8') }));

/** Pieces that change what rules read: parameters, connect options, tasks, line layout, strings. */
const PIECES = ['x', '\n', '    ', ', **kwargs', 'sender=None, ', 'einfo', '"', '#', ')', ', weak=False', ', dispatch_uid="uid"', '@app.task\ndef add():\n    pass\n', 'app.conf.x\n', ''];
const VERSIONS = ['', '4.4', '5.2.6', '5.3'];

/** Whole statements, typed at the start of a line: tasks that sender filters name, other connections. */
const STATEMENTS = ['@app.task\ndef add():\n    pass\n', '@shared_task(name="proj.tasks.add")\ndef add():\n    pass\n', 'add = None\n', 'import os\n', '\n'];

type Step =
  | { kind: 'type'; at: number; piece: string }
  | { kind: 'statement'; at: number; statement: string }
  /** Copies whole lines elsewhere: a decorator copied above another definition connects it twice. */
  | { kind: 'copy'; from: number; lines: number; to: number }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'settings'; version: number; off: number; hints: boolean };

const fraction = fc.double({ min: 0, max: 1, noNaN: true });
const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('type' as const), at: fraction, piece: fc.constantFrom(...PIECES) }), weight: 5 },
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fraction, length: fc.nat({ max: 15 }) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('statement' as const), at: fraction, statement: fc.constantFrom(...STATEMENTS) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('copy' as const), from: fraction, lines: fc.integer({ min: 1, max: 3 }), to: fraction }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('settings' as const), version: fc.nat({ max: VERSIONS.length - 1 }), off: fc.nat({ max: rules.length }), hints: fc.boolean() }), weight: 1 },
) as fc.Arbitrary<Step>;

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The replacement an edit step makes. */
function replacementOf(text: string, s: Exclude<Step, { kind: 'settings' }>): Replacement {
  // Never past the end of the text (fast-check's doubles reach 1 exactly): an editor's change is clamped.
  const at = (f: number) => Math.min(text.length, Math.floor(f * (text.length + 1)));
  if (s.kind === 'type') return { start: at(s.at), end: at(s.at), inserted: s.piece };
  if (s.kind === 'delete') return { start: at(s.at), end: Math.min(text.length, at(s.at) + s.length), inserted: '' };
  const starts = lineStartsOf(text);
  const line = (f: number) => starts[Math.min(starts.length - 1, Math.floor(f * starts.length))];
  if (s.kind === 'statement') return { start: line(s.at), end: line(s.at), inserted: s.statement };
  const first = starts.indexOf(line(s.from));
  const block = text.slice(starts[first], starts[first + s.lines] ?? text.length);
  return { start: line(s.to), end: line(s.to), inserted: block.endsWith('\n') ? block : `${block}\n` };
}

function optionsOf(settings: Extract<Step, { kind: 'settings' }>): CheckOptions {
  const off = rules[settings.off];
  return { celeryVersion: VERSIONS[settings.version], includeHints: settings.hints, ...(off && { severities: { [off.code]: 'off' as const } }) };
}

const json = (value: unknown) => JSON.stringify(value);

test('findings reused from the previous version of a document equal judging it afresh, over random edits and settings', async () => {
  let reused = 0;
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...corpus), fc.array(step, { minLength: 1, maxLength: 10 }), async (fixture, steps) => {
      const grammar = grammarFor(fixture.file)!;
      let text = fixture.text;
      let options: CheckOptions = { celeryVersion: '' };
      const memo = new FindingsMemo();
      let { tree, model } = await analyzeSource({ text, grammar, catalog });
      checkModel(model, catalog, options, text, { memo });
      try {
        for (const [i, s] of steps.entries()) {
          let changed = { start: 0, oldEnd: 0, newEnd: 0 };
          if (s.kind === 'settings') options = optionsOf(s);
          else {
            const edit = applied(text, replacementOf(text, s));
            const next = await analyzeSource({ text: edit.text, grammar, catalog, previous: { tree: tree as Tree, edits: [edit.edit] } });
            tree?.delete();
            ({ tree, model } = next);
            text = edit.text;
            changed = { start: edit.edit.startIndex, oldEnd: edit.edit.oldEndIndex, newEnd: edit.edit.newEndIndex };
          }
          const incremental = checkModel(model, catalog, options, text, { memo, changed });
          reused += memo.reused;
          const fresh = checkModel(model, catalog, options, text);
          assert.ok(json(incremental) === json(fresh), `findings differ after step ${i + 1} (${json(s)}) of ${fixture.file}`);
        }
      } finally {
        tree?.delete();
      }
    }),
    { numRuns: 120 },
  );
  // Otherwise the property would hold trivially.
  assert.ok(reused > 0, 'some sites kept their findings');
});

test('a site keeps its findings after an edit elsewhere, moved with it, and is judged again when its own lines change', async () => {
  const text = ['from celery.signals import task_failure', '', '@task_failure.connect', 'def on_failure(sender=None):', '    pass', ''].join('\n');
  const memo = new FindingsMemo();
  const options: CheckOptions = { celeryVersion: '' };
  const first = await analyzeSource({ text, grammar: 'python', catalog });
  const before = checkModel(first.model, catalog, options, text, { memo });
  assert.ok(before.length > 0, 'the handler lacks **kwargs');
  const above = applied(text, { start: 0, end: 0, inserted: 'import os\n' });
  const second = await analyzeSource({ text: above.text, grammar: 'python', catalog, previous: { tree: first.tree as Tree, edits: [above.edit] } });
  first.tree!.delete();
  const changed = { start: 0, oldEnd: 0, newEnd: 10 };
  const moved = checkModel(second.model, catalog, options, above.text, { memo, changed });
  assert.equal(memo.reused, 1);
  assert.equal(json(moved), json(checkModel(second.model, catalog, options, above.text)));
  assert.equal(moved[0].span.start, before[0].span.start + 10);
  const inside = applied(above.text, { start: above.text.indexOf('sender=None'), end: above.text.indexOf('sender=None'), inserted: '**kwargs, ' });
  const third = await analyzeSource({ text: inside.text, grammar: 'python', catalog, previous: { tree: second.tree as Tree, edits: [inside.edit] } });
  second.tree!.delete();
  const judged = checkModel(third.model, catalog, options, inside.text, { memo, changed: { start: inside.edit.startIndex, oldEnd: inside.edit.oldEndIndex, newEnd: inside.edit.newEndIndex } });
  third.tree!.delete();
  assert.equal(memo.reused, 0);
  assert.equal(json(judged), json(checkModel(third.model, catalog, options, inside.text)));
});

test('a statement moved by edit after edit keeps no chain of the copies made of its sites', async () => {
  // Each copy notes its origin; were every origin kept, each edit above a handler would keep one more
  // copy of its sites alive for as long as the document is open.
  let text = ['from celery.signals import task_failure', '', '@task_failure.connect', 'def on_failure(sender=None):', '    pass', ''].join('\n');
  const memo = new FindingsMemo();
  const options: CheckOptions = { celeryVersion: '' };
  let { tree, model } = await analyzeSource({ text, grammar: 'python', catalog });
  checkModel(model, catalog, options, text, { memo });
  for (let i = 0; i < 12; i++) {
    const above = applied(text, { start: 0, end: 0, inserted: '#\n' });
    const next = await analyzeSource({ text: above.text, grammar: 'python', catalog, previous: { tree: tree as Tree, edits: [above.edit] } });
    tree!.delete();
    ({ tree, model } = next);
    text = above.text;
    checkModel(model, catalog, options, text, { memo, changed: { start: 0, oldEnd: 0, newEnd: 2 } });
    assert.equal(memo.reused, 1, `edit ${i + 1}: the moved site keeps its findings`);
  }
  tree!.delete();
  assert.equal(model.sites.length, 1);
  assert.ok(originsNoted(model.sites[0]) <= 2, `${originsNoted(model.sites[0])} copies noted behind the site`);
});

/** Statements whose findings depend on others: tasks that sender filters name, a handler connected twice. */
const MODULE_STATEMENTS = [
  'from celery import Celery, shared_task\n',
  'from celery.signals import task_failure, task_success, task_prerun, before_task_publish, after_setup_logger\n',
  'app = Celery("proj")\n',
  '@app.task\ndef add(x, y):\n    return x + y\n',
  '@shared_task(name="proj.tasks.add")\ndef add(x, y):\n    return x + y\n',
  '@app.task(name="proj.tasks.mul")\ndef mul(x, y):\n    return x * y\n',
  '@task_prerun.connect(sender="proj.tasks.add")\ndef before(sender=None, task_id=None, **kwargs):\n    pass\n',
  '@before_task_publish.connect(sender=add)\ndef published(sender=None, body=None, **kwargs):\n    pass\n',
  '@task_prerun.connect(sender="add")\ndef by_local_name(task_id=None, **kwargs):\n    pass\n',
  '@task_failure.connect\ndef on_event(sender=None, **kwargs):\n    pass\n',
  'task_success.connect(on_event)\n',
  'after_setup_logger.connect(on_event)\n',
  'def on_event(sender=None, result=None):\n    return result\n',
  'task_failure.connect(on_event, sender=add)\n',
  '\n',
];

test('findings reused across whole-statement edits follow the tasks and other connections they read', async () => {
  let reused = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.nat({ max: MODULE_STATEMENTS.length - 1 }), { minLength: 4, maxLength: 14 }),
      fc.array(fc.record({ insert: fc.boolean(), at: fraction, statement: fc.nat({ max: MODULE_STATEMENTS.length - 1 }) }), { minLength: 1, maxLength: 10 }),
      async (initial, operations) => {
        const statements = initial.map((i) => MODULE_STATEMENTS[i]);
        let text = statements.join('');
        const options: CheckOptions = { celeryVersion: '', includeHints: true };
        const memo = new FindingsMemo();
        let { tree, model } = await analyzeSource({ text, grammar: 'python', catalog });
        checkModel(model, catalog, options, text, { memo });
        try {
          for (const [i, op] of operations.entries()) {
            const index = Math.min(statements.length - (op.insert ? 0 : 1), Math.floor(op.at * (statements.length + (op.insert ? 1 : 0))));
            if (index < 0) continue;
            const start = statements.slice(0, index).join('').length;
            const removed = op.insert ? '' : statements[index];
            if (op.insert) statements.splice(index, 0, MODULE_STATEMENTS[op.statement]);
            else statements.splice(index, 1);
            const edit = applied(text, { start, end: start + removed.length, inserted: op.insert ? MODULE_STATEMENTS[op.statement] : '' });
            const next = await analyzeSource({ text: edit.text, grammar: 'python', catalog, previous: { tree: tree as Tree, edits: [edit.edit] } });
            tree?.delete();
            ({ tree, model } = next);
            text = edit.text;
            const incremental = checkModel(model, catalog, options, text, { memo, changed: { start, oldEnd: start + removed.length, newEnd: edit.edit.newEndIndex } });
            reused += memo.reused;
            assert.ok(json(incremental) === json(checkModel(model, catalog, options, text)), `findings differ after operation ${i + 1} (${json(op)}) on:\n${text}`);
          }
        } finally {
          tree?.delete();
        }
      },
    ),
    { numRuns: 150 },
  );
  assert.ok(reused > 0, 'some sites kept their findings');
});

test('what a site makes the import fail with is judged again under another Celery release', async () => {
  const text = [
    'from celery.signals import task_failure, task_success',
    'def refused(sender=None):',
    '    pass',
    'task_failure.connect(refused)',
    '@task_success.connect',
    'def later(sender=None, **kwargs):',
    '    pass',
    '',
  ].join('\n');
  const { tree, model } = await analyzeSource({ text, grammar: 'python', catalog });
  tree?.delete();
  const memo = new FindingsMemo();
  const unchanged = { start: 0, oldEnd: 0, newEnd: 0 };
  for (const celeryVersion of ['5.3', '4.0', '5.3', '4.0']) {
    const options: CheckOptions = { celeryVersion };
    const codes = checkModel(model, catalog, options, text, { memo, changed: unchanged }).map((f) => f.code);
    assert.equal(json(codes), json(checkModel(model, catalog, options, text).map((f) => f.code)));
    assert.equal(codes.includes('never-connected'), celeryVersion === '5.3', `never-connected under ${celeryVersion}`);
  }
});
