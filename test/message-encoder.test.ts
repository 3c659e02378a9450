// Property: the server's message encoder (lsp/messageEncoder.ts), which splices the kept JSON of
// diagnostics it sent before, writes exactly what JSON.stringify writes, for publishes, pull answers
// and any other message, however many times the same diagnostics are sent and whatever they hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Diagnostic, Message } from 'vscode-languageserver/node';
import { encodedOnce, messageEncoder, messageJson } from '../server/src/lsp/messageEncoder';

const position = fc.record({ line: fc.nat(), character: fc.nat() });
const range = fc.record({ start: position, end: position });
// Text with quotes, backslashes, control characters, `$&` (special in String.replace) and non-ASCII.
const text = fc.string({ unit: fc.constantFrom('a', '"', '\\', '\u0000', '\n', '$', '&', '`', 'é', '🙂', ' ') });
const diagnostic: fc.Arbitrary<Diagnostic> = fc.record(
  {
    range,
    severity: fc.constantFrom(1, 2, 3, 4) as fc.Arbitrary<1 | 2 | 3 | 4>,
    code: text,
    source: fc.constant('celery-signals'),
    message: text,
    data: fc.record({ code: text }),
    tags: fc.array(fc.constantFrom(1, 2) as fc.Arbitrary<1 | 2>, { minLength: 1 }),
    relatedInformation: fc.array(fc.record({ location: fc.record({ uri: text, range }), message: text })),
  },
  { requiredKeys: ['range', 'message'] },
);

test('a message with kept diagnostics is written as JSON.stringify writes it, and as vscode-jsonrpc encodes it', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(diagnostic, { maxLength: 8 }), text, fc.option(fc.integer()), fc.boolean(), async (list, uri, version, pull) => {
      const diagnostics = encodedOnce(list);
      const message = (
        pull ? { jsonrpc: '2.0', id: 7, result: { kind: 'full', resultId: uri, items: diagnostics } } : { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version, diagnostics } }
      ) as unknown as Message;
      // Twice: the second time every diagnostic's JSON is the kept one.
      for (let round = 0; round < 2; round++) assert.equal(messageJson(message), JSON.stringify(message));
      const bytes = await messageEncoder.encode(message, { charset: 'utf-8' });
      assert.equal(Buffer.from(bytes).toString('utf8'), JSON.stringify(message));
    }),
    { numRuns: 300 },
  );
});

test('a list that was not marked, and every other message, is encoded afresh', () => {
  const diagnostics: Diagnostic[] = [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'before' }];
  const message = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a.py', diagnostics } } as Message;
  assert.equal(messageJson(message), JSON.stringify(message));
  // Unmarked lists may change between two sends: nothing of the first is kept.
  diagnostics[0].message = 'after';
  assert.equal(messageJson(message), JSON.stringify(message));
  assert.match(messageJson(message), /"after"/);
  const other = { jsonrpc: '2.0', id: 1, result: { items: 'not a list', diagnostics: [1, 2] } } as Message;
  assert.equal(messageJson(other), JSON.stringify(other));
});
