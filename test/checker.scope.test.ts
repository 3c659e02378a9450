// What the checker must leave alone: signals that are not Celery's.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeText } from '../server/src/analysis/analyze';
import { getBundledCatalog } from '../server/src/catalog/catalog';

test("receivers of blinker's or Django's Signal are not judged by Celery's rules", async () => {
  for (const module of ['blinker', 'django.dispatch']) {
    const text = `from ${module} import Signal\n\norder_refunded = Signal()\n\n\n@order_refunded.connect\ndef log_refund(sender):\n    print("refund", sender)\n`;
    const { findings } = await analyzeText(text, 'python', getBundledCatalog());
    assert.deepEqual(findings.map((f) => f.code), [], module);
  }
});

test("receivers of Celery's own Signal class are", async () => {
  const text = `from celery.utils.dispatch import Signal\n\norder_refunded = Signal()\n\n\n@order_refunded.connect\ndef log_refund(sender):\n    print("refund", sender)\n`;
  const { findings } = await analyzeText(text, 'python', getBundledCatalog());
  assert.deepEqual(findings.map((f) => f.code), ['custom-signal-no-kwargs']);
});

test('a front end failure becomes one internal-error finding, which settings can silence', async () => {
  const broken = new Proxy(getBundledCatalog(), {
    get() {
      throw new Error('catalog exploded');
    },
  });
  const loud = await analyzeText('from celery.signals import task_failure\n', 'python', broken, { celeryVersion: '5.6.3' });
  assert.deepEqual(loud.findings.map((f) => [f.code, f.severity]), [['internal-error', 'warning']]);
  assert.match(loud.findings[0].message, /catalog exploded/);
  const quiet = await analyzeText('from celery.signals import task_failure\n', 'python', broken, { celeryVersion: '5.6.3', severities: { 'internal-error': 'off' } });
  assert.deepEqual(quiet.findings, []);
});
