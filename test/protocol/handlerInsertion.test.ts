// The Insert-handler command's requests over the real server: the signal choices come from the
// catalogs in force (a user's catalog included), and the edits merge into the existing import and lay
// the handler out with two blank lines around it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './lspClient';
import { HANDLER_INSERTION_REQUEST, SIGNAL_CHOICES_REQUEST } from '../../shared/protocol';
import { applyLspChange } from '../support/lspText';

const SHOP_CATALOG = {
  catalogVersion: 1,
  signals: [
    {
      name: 'order_placed',
      access: { kind: 'module', modules: ['shop.signals'] },
      summary: { en: 'Sent when an order is placed.', 'zh-cn': '下单时发送。' },
      sender: { kind: 'custom', type: 'shop.models.Order' },
      params: [{ name: 'order', type: 'shop.models.Order', description: 'The new order.' }],
    },
  ],
};

const HANDLERS = 'from celery.signals import task_failure\nfrom shop.signals import order_placed\n\n\n@task_failure.connect\ndef on_failure(sender, task_id, **kwargs):\n    print(task_id)\n';

test('signal choices and handler edits come from the server, user catalogs included', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'celery-signals-insert-'));
  fs.writeFileSync(path.join(dir, 'shop.celery-signals.json'), JSON.stringify(SHOP_CATALOG));
  const client = await LspClient.start({ pullDiagnostics: false, rootPath: dir, settings: { catalogs: ['shop.celery-signals.json'] } });
  try {
    const uri = pathToFileURL(path.join(dir, 'handlers.py')).toString();
    client.open(uri, HANDLERS);
    await client.nextDiagnostics(uri, 1);
    const { signals } = await client.request(SIGNAL_CHOICES_REQUEST, { textDocument: { uri } });
    const order = signals.find((s: { name: string }) => s.name === 'order_placed');
    assert.deepEqual(order, { name: 'order_placed', category: 'custom', summary: 'Sent when an order is placed.' });
    assert.deepEqual(signals.find((s: { name: string }) => s.name === 'task_sent').deprecated, { replacement: 'after_task_publish' });

    const end = { line: 7, character: 0 };
    for (const [signal, expected] of [
      ['task_success', 'from celery.signals import task_failure, task_success\n'],
      ['order_placed', 'from shop.signals import order_placed\n'],
    ] as const) {
      const plan = await client.request(HANDLER_INSERTION_REQUEST, { textDocument: { uri }, position: end, signal });
      let text = HANDLERS;
      for (const edit of plan.importEdits) text = applyLspChange(text, { range: edit.range, text: edit.newText });
      text = applyLspChange(text, { range: plan.range, text: plan.snippet.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d/g, '') });
      assert.ok(text.includes(expected), text);
      assert.match(text, new RegExp(`    print\\(task_id\\)\\n\\n\\n@${signal}\\.connect\\ndef on_${signal}\\(sender, [^)]*\\*\\*kwargs\\):\\n    pass\\n$`));
      assert.equal(text.match(/^from /gm)!.length, 2, 'no second import line');
    }
    assert.deepEqual(await client.request(HANDLER_INSERTION_REQUEST, { textDocument: { uri }, position: end, signal: 'task_posturn' }), { problem: 'unknown-signal' });
    assert.equal(await client.shutdown(), 0);
  } finally {
    client.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
