// A large document (64 KB and more) is held in pieces on the analysis thread, which reads the pieces
// rather than a flat copy of each version, and the main thread hands out the diagnostic a finding had
// while its range stays the same. Through the real server: after each edit of such a document (typing
// within a line, line breaks added and removed above findings, a handler fixed, pieces joined by a
// deletion), the diagnostics published equal those of the same text opened fresh as another document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from './lspClient';

const HANDLER = 'from celery.signals import task_failure, task_success\n\n@task_failure.connect\ndef on_failure(sender, task_id):\n    """Records the failure."""\n    pass\n\n@task_success.connect\ndef on_success(result, **kwargs):\n    log("done: ñ 😀")\n';
const REPEATS = Math.ceil((80 * 1024) / HANDLER.length);
const TEXT = Array.from({ length: REPEATS }, (_, i) => HANDLER.replaceAll('on_failure', `on_failure_${i}`).replaceAll('on_success', `on_success_${i}`)).join('\n');

function offsetOf(text: string, line: number, character: number): number {
  let at = 0;
  for (let i = 0; i < line; i++) at = text.indexOf('\n', at) + 1;
  return at + character;
}

interface Change {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  text: string;
}

function applied(text: string, change: Change): string {
  const start = offsetOf(text, change.range.start.line, change.range.start.character);
  const end = offsetOf(text, change.range.end.line, change.range.end.character);
  return text.slice(0, start) + change.text + text.slice(end);
}

const at = (line: number, character: number) => ({ line, character });
const lineCount = TEXT.split('\n').length;
const middle = Math.floor(lineCount / 2);
/** Line of the middle handler's `def on_failure_...(sender, task_id):`. */
const middleDef = TEXT.split('\n').findIndex((line, i) => i >= middle && line.startsWith('def on_failure_'));
const CHANGES: Change[] = [
  // Typed within a string in the middle: everything after moves by one on the same line.
  { range: { start: at(middleDef + 6, 15), end: at(middleDef + 6, 15) }, text: 'x' },
  // A line break at the top moves every finding one line down.
  { range: { start: at(0, 0), end: at(0, 0) }, text: '\n' },
  // A handler in the middle fixed: its finding goes.
  { range: { start: at(middleDef + 1, 29), end: at(middleDef + 1, 29) }, text: ', **kwargs' },
  // Lines joined by deleting a span across several of them (and over a piece's end).
  { range: { start: at(middleDef + 8, 0), end: at(middleDef + 40, 3) }, text: '' },
  // The top line break deleted again: findings move back up.
  { range: { start: at(0, 0), end: at(1, 0) }, text: '' },
  // A handler broken near the end of the document.
  { range: { start: at(lineCount - 40, 0), end: at(lineCount - 40, 0) }, text: '@task_failure.connect\ndef late(sender):\n    pass\n\n' },
];

test('the diagnostics of a large document edited on the analysis thread equal those of its text opened fresh', async () => {
  process.env.CELERY_SIGNALS_EARLY_LINES = '0';
  const client = await LspClient.start({ pullDiagnostics: false });
  delete process.env.CELERY_SIGNALS_EARLY_LINES;
  try {
    const uri = 'file:///project/large.py';
    client.open(uri, TEXT);
    const opened = await client.nextDiagnostics(uri, 1);
    assert.ok(opened.filter((d) => d.code === 'missing-var-kwargs').length >= REPEATS, 'every unfit handler is reported');
    let text = TEXT;
    for (const [i, change] of CHANGES.entries()) {
      text = applied(text, change);
      client.change(uri, i + 2, [change]);
      const edited = await client.nextDiagnostics(uri, i + 2);
      const fresh = `file:///project/fresh_${i}.py`;
      client.open(fresh, text);
      // Related locations name the document they are in.
      const expected = JSON.parse(JSON.stringify(await client.nextDiagnostics(fresh, 1)).replaceAll(fresh, uri)) as unknown[];
      // Reported briefly: the lists hold hundreds of diagnostics.
      const differs = expected.findIndex((d, at) => JSON.stringify(d) !== JSON.stringify(edited[at]));
      assert.ok(differs < 0 && edited.length === expected.length, `after change ${i + 1}: ${JSON.stringify(edited[differs])} instead of ${JSON.stringify(expected[differs])} (${edited.length} of ${expected.length})`);
      client.notify('textDocument/didClose', { textDocument: { uri: fresh } });
    }
    assert.equal(await client.shutdown(), 0);
  } finally {
    client.kill();
  }
});
