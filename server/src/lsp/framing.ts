/**
 * Watches the framing of the stdio stream next to the protocol library. When a frame's header is
 * broken (no Content-Length, a non-number, a line without ':'), nothing after it can be delimited:
 * the library would report the error and then stay silent forever. Exiting instead lets the client
 * notice and restart the server. A well-framed body that is not JSON is the library's business (it
 * answers a parse error and carries on), so only the headers are judged here.
 */
import type { Readable } from 'node:stream';

const HEADER_END = Buffer.from('\r\n\r\n', 'ascii');
/** A header larger than this is not a header: the stream is garbage. */
const MAX_HEADER_BYTES = 8 * 1024;

/** Why a header block cannot frame a message, or the body length it announces. */
export function bodyLengthOf(header: string): number | string {
  let length: number | undefined;
  for (const line of header.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) return `a header line has no "name: value" shape`;
    if (line.slice(0, colon).trim().toLowerCase() === 'content-length') {
      const value = line.slice(colon + 1).trim();
      if (!/^\d+$/.test(value)) return 'the Content-Length header is not a number';
      length = Number(value);
    }
  }
  return length ?? 'a message header has no Content-Length';
}

export function watchFraming(input: Readable, onCorrupt: (reason: string) => void): void {
  let header = Buffer.alloc(0);
  let bodyLeft = 0;
  let corrupt = false;
  input.on('data', (chunk: Buffer) => {
    let data = chunk;
    while (!corrupt && data.length > 0) {
      if (bodyLeft > 0) {
        const skipped = Math.min(bodyLeft, data.length);
        bodyLeft -= skipped;
        data = data.subarray(skipped);
        continue;
      }
      header = Buffer.concat([header, data]);
      data = Buffer.alloc(0);
      const end = header.indexOf(HEADER_END);
      if (end < 0) {
        if (header.length > MAX_HEADER_BYTES) fail('no end of a message header within 8 KB');
        break;
      }
      const length = bodyLengthOf(header.subarray(0, end).toString('ascii'));
      if (typeof length === 'string') {
        fail(length);
        break;
      }
      data = header.subarray(end + HEADER_END.length);
      header = Buffer.alloc(0);
      bodyLeft = length;
    }
  });
  function fail(reason: string): void {
    corrupt = true;
    onCorrupt(reason);
  }
}
