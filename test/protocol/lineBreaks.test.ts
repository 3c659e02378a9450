// Line breaks over the real server: diagnostic ranges stay inside their line in CRLF files, and edits
// with a lone `\r`, a CRLF, a reversed range or a range past the end leave the document exactly where a
// fresh open of the same text would: same diagnostics, same ranges.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withServer, type LspClient } from './lspClient';
import { applyLspChange, lspOffsetAt, lspPositionAt } from '../support/lspText';

const CRLF_BROKEN = [
  'from celery.signals import task_failure, task_success',
  '',
  '',
  '@task_failure.connect',
  'def on_failure(sender, task_id, exception',
  '    print(task_id)',
  '',
  '',
  '@task_success.connect',
  'def on_success(sender, result):',
  '    print(result)',
  '',
].join('\r\n');

/** Every line's content without its terminator, the way LSP numbers lines. */
const lineContents = (text: string): string[] => text.split(/\r\n|\r|\n/);

function assertRangesInsideLines(text: string, diagnostics: any[]): void {
  const lines = lineContents(text);
  for (const d of diagnostics) {
    for (const end of [d.range.start, d.range.end]) {
      assert.ok(end.line < lines.length, `${d.code} points past the last line`);
      assert.ok(end.character <= lines[end.line].length, `${d.code} at ${JSON.stringify(d.range)} runs past the end of line ${end.line} (${lines[end.line].length} characters)`);
    }
  }
}

const comparable = (diagnostics: any[]) => diagnostics.map((d) => `${d.code} ${JSON.stringify(d.range)} ${d.severity} ${d.message}`).sort();

let fresh = 0;
async function freshDiagnostics(client: LspClient, text: string): Promise<any[]> {
  const uri = `file:///project/fresh_${fresh++}.py`;
  client.open(uri, text);
  return client.nextDiagnostics(uri, 1);
}

test('syntax errors in a CRLF file end on their own line', async () => {
  await withServer({ pullDiagnostics: false, settings: { severity: { 'syntax-error': 'error' } } }, async (client) => {
    const uri = 'file:///project/crlf_broken.py';
    client.open(uri, CRLF_BROKEN);
    const diagnostics = await client.nextDiagnostics(uri, 1);
    assert.ok(diagnostics.some((d) => d.code === 'syntax-error'), `expected a syntax error, got ${JSON.stringify(comparable(diagnostics))}`);
    assertRangesInsideLines(CRLF_BROKEN, diagnostics);
  });
});

test('edits with lone \\r, CRLF, reversed and out-of-range ranges agree with a fresh open', async () => {
  await withServer({ pullDiagnostics: false }, async (client) => {
    const uri = 'file:///project/crlf_edits.py';
    let text = CRLF_BROKEN;
    client.open(uri, text);
    await client.nextDiagnostics(uri, 1);
    const at = (needle: string) => lspPositionAt(text, text.indexOf(needle));
    const changes = [
      // Close the broken signature with a lone `\r` after it: a line break for LSP, not for tree-sitter.
      () => ({ range: { start: at('\r\n    print(task_id)'), end: at('\r\n    print(task_id)') }, text: '):\r' }),
      // A reversed range that replaces `result` by `retval, **kwargs`.
      () => {
        const start = lspOffsetAt(text, at('result)'));
        return { range: { start: lspPositionAt(text, start + 'result'.length), end: lspPositionAt(text, start) }, text: 'retval, **kwargs' };
      },
      // A character far past the end of its line, and a line past the end of the file.
      () => ({ range: { start: { ...at('@task_success'), character: 400 }, end: { ...at('@task_success'), character: 400 } }, text: '\r\n# note' }),
      () => ({ range: { start: { line: 999, character: 0 }, end: { line: 1000, character: 5 } }, text: '\r\n@task_failure.connect\r\ndef again(sender, **kw):\r\n    pass\r\n' }),
    ];
    let version = 1;
    for (const make of changes) {
      const change = make();
      text = applyLspChange(text, change);
      client.change(uri, ++version, [change]);
      const edited = await client.nextDiagnostics(uri, version);
      assert.deepEqual(comparable(edited), comparable(await freshDiagnostics(client, text)), `after change ${version - 1}: ${JSON.stringify(change)}`);
      assertRangesInsideLines(text, edited);
    }
  });
});
