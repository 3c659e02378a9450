/**
 * decodeSource turns plain ASCII bytes into a string without a decoder. For any ASCII bytes, with or
 * without a coding cookie that names UTF-8 or ASCII, that must be what the decoder gives.
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { decodeSource } from '../server/src/cli/sourceEncoding';

test('ASCII bytes decode as the UTF-8 decoder reads them, whatever the cookie', () => {
  const cookies = ['', '# -*- coding: utf-8 -*-\n', '# coding=ascii\n', '#!/usr/bin/env python\n# vim: set fileencoding=utf_8 :\n'];
  fc.assert(
    fc.property(fc.constantFrom(...cookies), fc.uint8Array({ max: 0x7f, maxLength: 300 }), fc.boolean(), (cookie, body, python) => {
      const bytes = new Uint8Array([...Buffer.from(cookie, 'latin1'), ...body]);
      const decoded = decodeSource(bytes, python);
      assert.deepEqual(decoded, { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) });
    }),
    { numRuns: 500 },
  );
});

test('bytes past ASCII still go through the decoder that the encoding names', () => {
  assert.deepEqual(decodeSource(Buffer.from('x = "é"\n', 'utf8'), true), { text: 'x = "é"\n' });
  assert.deepEqual(decodeSource(Buffer.from('# coding: latin-1\nx = "\xe9"\n', 'latin1'), true), { text: '# coding: latin-1\nx = "é"\n' });
  assert.ok('refused' in decodeSource(Buffer.from([0x78, 0x20, 0xff, 0x0a]), true));
  assert.ok('refused' in decodeSource(Buffer.from('# coding: ascii\nx = "\xe9"\n', 'latin1'), true));
});
