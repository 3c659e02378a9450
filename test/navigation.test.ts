// Navigation as pure functions over project files: positions of files whose text is gone (only their
// line starts are kept), a project's own signal with its definition and `.send(...)` calls, and the
// table that orders Celery's signals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeText } from '../server/src/analysis/analyze';
import { receiverLenses } from '../server/src/analysis/navigation/codeLens';
import { lineStartsOf, signalNamedAt, type NavigableFile } from '../server/src/analysis/navigation/projectFiles';
import { projectDefinitionOf, signalReferences } from '../server/src/analysis/navigation/references';
import { signalMap } from '../server/src/analysis/navigation/signalMap';
import { fuzzyMatches, receiverSymbols } from '../server/src/analysis/navigation/symbols';
import { LineIndex } from '../server/src/analysis/text';
import { Catalog, bundledCatalogFile, getBundledCatalog } from '../server/src/catalog/catalog';
import { LIVES, lifePlaceOf } from '../server/src/catalog/lifeOrder';
import type { SignalSpec } from '../server/src/catalog/types';

/** Analyses `text` and keeps only what a project index keeps of a closed file: no text. */
async function closedFile(path: string, text: string, catalog: Catalog, module?: string, grammar: 'python' | 'typescript' = 'python'): Promise<NavigableFile> {
  const { model } = await analyzeText(text, grammar, catalog);
  return { path, uri: `file://${path}`, module, model, lineStarts: lineStartsOf(text) };
}

test('positions of a closed file come from its line starts and agree with the text, CRLF and astral characters included', async () => {
  const text = [
    '# 日本語 🎉 comment',
    'from celery.signals import task_failure, task_success',
    '',
    '@task_failure.connect',
    'def on_failure(sender=None, **kwargs):  # 🎉',
    '    pass',
    '',
    '@task_success.connect(sender="proj.add")',
    'def on_success(sender=None, **kwargs):',
    '    pass',
    '',
  ].join('\r\n');
  const catalog = getBundledCatalog();
  const file = await closedFile('/p/mod.py', text, catalog, 'mod');
  const index = new LineIndex(text);
  const symbols = receiverSymbols([file], '');
  assert.deepEqual(
    symbols.map((s) => s.name),
    ['task_failure: on_failure', 'task_success: on_success'],
  );
  for (const symbol of symbols) {
    const name = symbol.name.split(': ')[1];
    const at = text.indexOf(`def ${name}`) + 4;
    assert.deepEqual(symbol.location.range, index.rangeOf({ start: at, end: at + name.length }));
  }
  const lenses = receiverLenses(file, 'en');
  assert.deepEqual(lenses.map((l) => l.location.range.start.line), [3, 7]);
  assert.equal(lenses[1].title, 'task_success → on_success · sender="proj.add" · runs in the process running the task');
});

test('line starts are found after LF, CRLF and a lone CR, whichever a text mixes', () => {
  const piece = fc.constantFrom('\n', '\r\n', '\r', 'a', 'é', '🎉', ' ', '\r\r', '\n\r');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
      const text = pieces.join('');
      const expected = [0];
      for (let i = 0; i < text.length; i++) {
        if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) expected.push(i + 1);
      }
      assert.deepEqual(lineStartsOf(text), expected, JSON.stringify(text));
    }),
    { numRuns: 500 },
  );
});

const orderPlaced: SignalSpec & { definedAt: { path: string; span: { start: number; end: number } } } = {
  name: 'order_placed',
  access: { kind: 'module', modules: ['shop.signals'] },
  category: 'custom',
  summary: { en: 'An order was placed.', 'zh-cn': '下了一个订单。' },
  description: { en: '', 'zh-cn': '' },
  sender: { kind: 'custom', type: 'object', description: { en: '', 'zh-cn': '' } },
  params: [{ name: 'order', type: 'Order', tsType: 'unknown', mayBeNone: false, sometimesAbsent: false, description: { en: '', 'zh-cn': '' } }],
  process: { en: '', 'zh-cn': '' },
  pitfalls: [],
  inStarImport: true,
  definedAt: { path: '/shop/signals.py', span: { start: 26, end: 38 } },
};

test("a project's own signal: definition, references (receivers, sends and the definition) and its place in the map", async () => {
  const catalog = new Catalog([bundledCatalogFile, { catalogVersion: 1, signals: [orderPlaced] }]);
  const signalsText = 'from celery import Signal\n\norder_placed = Signal(providing_args=["order"])\n';
  orderPlaced.definedAt.span = { start: signalsText.indexOf('order_placed'), end: signalsText.indexOf('order_placed') + 12 };
  const receiverText = 'from shop.signals import order_placed\n\n\n@order_placed.connect\ndef notify(sender, order, **kwargs):\n    pass\n';
  const senderText = 'from shop.signals import order_placed\n\n\ndef place(order):\n    order_placed.send(sender=None, order=order)\n';
  const definitionFile = await closedFile('/shop/signals.py', signalsText, catalog, 'shop.signals');
  const receiverFile = await closedFile('/shop/notify.py', receiverText, catalog, 'shop.notify');
  const senderFile = await closedFile('/shop/orders.py', senderText, catalog, 'shop.orders');
  // What the project index records of `order_placed.send(...)`; the front end alone does not.
  const sendAt = senderText.indexOf('order_placed.send');
  const send = {
    signal: { name: 'order_placed', resolution: 'catalog' as const, source: 'shop.signals', nameSpan: { start: sendAt, end: sendAt + 12 }, expressionSpan: { start: sendAt, end: sendAt + 12 } },
    span: { start: sendAt, end: senderText.indexOf(')', sendAt) + 1 },
    keywords: ['order'],
    splat: false,
  };
  senderFile.model.sends = [send];
  const files = [definitionFile, receiverFile, senderFile];

  const connectAt = receiverText.indexOf('order_placed.connect');
  assert.equal(signalNamedAt(receiverFile.model, connectAt + 3)?.name, 'order_placed');
  assert.equal(signalNamedAt(senderFile.model, sendAt + 3)?.name, 'order_placed', 'a send names its signal too');
  assert.deepEqual(projectDefinitionOf(files, 'order_placed', catalog), { uri: 'file:///shop/signals.py', range: { start: { line: 2, character: 0 }, end: { line: 2, character: 12 } } });

  const references = signalReferences(files, 'order_placed', catalog, true);
  assert.deepEqual(
    references.map((r) => `${r.uri}:${r.range.start.line}:${r.range.start.character}`),
    ['file:///shop/signals.py:2:0', 'file:///shop/notify.py:3:1', 'file:///shop/orders.py:4:4'],
  );
  assert.equal(signalReferences(files, 'order_placed', catalog, false).length, 2);

  const map = signalMap(files, catalog, 'zh-cn');
  assert.deepEqual(map.lives.map((l) => [l.id, l.label]), [['other', '其他信号']]);
  assert.deepEqual(map.lives[0].signals[0], {
    name: 'order_placed',
    summary: '下了一个订单。',
    receivers: [{ name: 'notify', uri: 'file:///shop/notify.py', range: { start: { line: 4, character: 4 }, end: { line: 4, character: 10 } }, container: 'shop.notify' }],
  });
  assert.deepEqual(receiverLenses(receiverFile, 'en').map((l) => l.title), ['order_placed → notify · any sender']);
});

test('every signal of the bundled catalog has exactly one place in the lives, and the lives name only catalog signals', () => {
  const placed = LIVES.flatMap((life) => life.steps.flatMap((s) => s.signals));
  assert.equal(new Set(placed).size, placed.length, 'a signal placed twice');
  const catalogNames = bundledCatalogFile.signals.map((s) => s.name).sort();
  assert.deepEqual([...placed].sort(), catalogNames);
  for (const life of LIVES) assert.ok(life.label.en && life.label['zh-cn'], `${life.id} lacks a label`);
});

test("a task's outcome is sent before task_postrun, publishing before receipt, and a worker starts before it stops", () => {
  const step = (name: string) => lifePlaceOf(name)!.step;
  assert.ok(step('before_task_publish') < step('after_task_publish') && step('after_task_publish') < step('task_received'));
  assert.ok(step('task_received') < step('task_prerun'));
  for (const outcome of ['task_success', 'task_failure', 'task_retry']) {
    assert.ok(step('task_prerun') < step(outcome) && step(outcome) < step('task_postrun'), outcome);
    assert.equal(step(outcome), step('task_success'), 'outcomes are alternatives on one step');
  }
  assert.ok(step('worker_init') < step('worker_ready') && step('worker_ready') < step('worker_shutting_down') && step('worker_shutting_down') < step('worker_shutdown'));
  assert.equal(lifePlaceOf('not_a_signal'), undefined);
});

test('workspace symbol queries match like an editor filters: in order, any case, spaces ignored', () => {
  assert.ok(fuzzyMatches('', 'task_failure: report'));
  assert.ok(fuzzyMatches('TF rep', 'task_failure: report'));
  assert.ok(!fuzzyMatches('report task', 'task_failure: report'));
});

test('a receiver connected twice the same way is one symbol and one map entry, and a factory call gets a short name', async () => {
  const text = [
    'from celery.signals import task_prerun, task_received',
    'from proj import make_handler',
    '',
    'class Hooks:',
    '    def on_prerun(self, **kwargs):',
    '        pass',
    '',
    '    def connect_client(self):',
    '        task_prerun.connect(self.on_prerun)',
    '',
    '    def connect_worker(self):',
    '        task_prerun.connect(self.on_prerun)',
    "        task_prerun.connect(self.on_prerun, sender='proj.add')",
    '',
    'task_received.connect(make_handler(',
    '    "a long label that goes on and on",',
    '    retries=3,',
    '))',
    '',
  ].join('\n');
  const file = await closedFile('/p/hooks.py', text, getBundledCatalog(), 'hooks');
  assert.equal(receiverLenses(file, 'en').length, 4, 'a lens over every connect');
  const names = receiverSymbols([file], '').map((s) => s.name);
  assert.equal(names.filter((n) => n === 'task_prerun: on_prerun').length, 2, 'once without a filter, once with one');
  const received = names.find((n) => n.startsWith('task_received: '))!;
  assert.ok(!/\s{2}|\n/.test(received), received);
  assert.ok(received.length <= 'task_received: '.length + 48, received);
  assert.match(received, /^task_received: make_handler\("a long label/);
});

test('inline receivers are named by their kind, in Python and TypeScript', async () => {
  const catalog = getBundledCatalog();
  const python = await closedFile('/p/a.py', 'from celery.signals import task_failure\ntask_failure.connect(lambda sender=None, **kw: print(sender), weak=False)\n', catalog);
  const typescript = await closedFile(
    '/p/b.ts',
    "import { task_failure, worker_ready } from 'celery-signals';\n\ntask_failure.connect(({ sender, task_id }) => {\n  console.log(sender, task_id);\n}, { weak: false, sender: add });\n\nfunction onReady({ sender }) {}\nworker_ready.connect(onReady);\n",
    catalog,
    undefined,
    'typescript',
  );
  assert.deepEqual(receiverSymbols([python, typescript], '').map((s) => s.name), ['task_failure: lambda', 'task_failure: arrow function', 'worker_ready: onReady']);
  assert.match(receiverLenses(typescript, 'en')[0].title, /^task_failure → arrow function · sender=add · /);
});
