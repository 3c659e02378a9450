// The fixture format itself: annotations, case splitting, options.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareFindings, parseFixture, renderAnnotated } from './support/fixtures';

const source = [
  '# ### first case',
  'from celery.signals import task_failure',
  '@task_failure.connect',
  'def on_failure(sender):',
  '#   ^^^^^^^^^^ error[missing-var-kwargs]: ValueError',
  '#              ^^^^^^ hint[missing-signal-params]',
  '    pass',
  '# ### second case [hints] [celery=4.0.0]',
  'x = 1',
].join('\n');

test('annotations point at the nearest source line above and are removed', () => {
  const [first, second] = parseFixture(source, '#');
  assert.equal(first.name, 'first case');
  assert.ok(!first.text.includes('^'));
  assert.equal(first.text.split('\n')[3], 'def on_failure(sender):');
  assert.deepEqual(
    first.expected.map((e) => [e.severity, e.code, e.line, e.start, e.end, e.messageFragment]),
    [
      ['error', 'missing-var-kwargs', 3, 4, 14, 'ValueError'],
      ['hint', 'missing-signal-params', 3, 15, 21, undefined],
    ],
  );
  assert.equal(first.includeHints, false);
  assert.equal(second.name, 'second case');
  assert.equal(second.includeHints, true);
  assert.equal(second.celeryVersion, '4.0.0');
  assert.deepEqual(second.expected, []);
});

test('comparison is by set and reports both directions', () => {
  const [first] = parseFixture(source, '#');
  const actual = [
    { code: 'missing-var-kwargs', severity: 'error' as const, line: 3, start: 4, end: 14, message: 'raises ValueError at connect' },
    { code: 'unknown-param', severity: 'warning' as const, line: 3, start: 15, end: 21, message: 'x' },
  ];
  const result = compareFindings(first.expected, actual);
  assert.equal(result.missing.length, 1);
  assert.equal(result.missing[0].code, 'missing-signal-params');
  assert.deepEqual(result.unexpected.map((u) => u.code), ['unknown-param']);
  const wrongMessage = compareFindings(first.expected.slice(0, 1), [{ ...actual[0], message: 'something else' }]);
  assert.equal(wrongMessage.missing.length, 1);
});

test('rendering writes findings back as annotations that parse again', () => {
  const text = 'def on_failure(sender):\n    pass';
  const rendered = renderAnnotated(text, [{ code: 'missing-var-kwargs', severity: 'error', line: 0, start: 4, end: 14, message: 'msg' }], '#');
  const [again] = parseFixture(rendered, '#');
  assert.deepEqual(again.expected.map((e) => [e.line, e.start, e.end, e.code]), [[0, 4, 14, 'missing-var-kwargs']]);
});

test('TypeScript fixtures use // annotations', () => {
  const [c] = parseFixture('// ### ts\nconst x = y;\n//    ^ error[unknown-signal]', '//');
  assert.deepEqual(c.expected.map((e) => [e.line, e.start, e.end]), [[1, 6, 7]]);
});
