/**
 * Outgoing messages as JSON, byte for byte what vscode-jsonrpc's own encoder writes, except that a
 * diagnostic sent before is not encoded again. After a keystroke in a large file nearly every
 * diagnostic is the one published for the previous version (the features keep those objects, see
 * features/diagnostics.ts), and turning a few hundred of them into JSON again cost the main thread
 * more than the rest of the publish. Only lists handed to `encodedOnce` are spliced, and their
 * diagnostics are never changed after that, so each one's JSON is kept with the object itself.
 */
import type { Diagnostic, Message } from 'vscode-languageserver/node';

const lists = new WeakSet<readonly Diagnostic[]>();
const encoded = new WeakMap<Diagnostic, string>();

/** Marks a list of diagnostics that will not change any more: its members' JSON may be kept. */
export function encodedOnce<T extends readonly Diagnostic[]>(diagnostics: T): T {
  lists.add(diagnostics);
  return diagnostics;
}

/** The diagnostics of a publish (`params.diagnostics`) or a pull's answer (`result.items`), if marked. */
function markedList(message: Message): readonly Diagnostic[] | undefined {
  const { params, result } = message as { params?: { diagnostics?: unknown }; result?: { items?: unknown } };
  const list = (params && typeof params === 'object' ? params.diagnostics : undefined) ?? (result && typeof result === 'object' ? result.items : undefined);
  return Array.isArray(list) && lists.has(list) ? list : undefined;
}

function diagnosticJson(diagnostic: Diagnostic): string {
  let json = encoded.get(diagnostic);
  if (json === undefined) encoded.set(diagnostic, (json = JSON.stringify(diagnostic)));
  return json;
}

/** The message as JSON.stringify writes it. */
export function messageJson(message: Message): string {
  const list = markedList(message);
  if (!list) return JSON.stringify(message);
  // The list is written as a string no text can hold (a fresh object each time), then replaced.
  const token = `\u0000${Math.random()}\u0000`;
  const json = JSON.stringify(message, (_key, value: unknown) => (value === list ? token : value));
  const at = json.indexOf(JSON.stringify(token));
  if (at < 0) return JSON.stringify(message);
  let items = '';
  for (let i = 0; i < list.length; i++) items += (i > 0 ? ',' : '') + diagnosticJson(list[i]);
  return `${json.slice(0, at)}[${items}]${json.slice(at + JSON.stringify(token).length)}`;
}

/** For vscode-jsonrpc's stream writer (`contentTypeEncoder`). */
export const messageEncoder = {
  name: 'application/json',
  encode(message: Message, options: { charset: BufferEncoding }): Promise<Uint8Array> {
    try {
      return Promise.resolve(Buffer.from(messageJson(message), options.charset));
    } catch (error) {
      return Promise.reject(error);
    }
  },
};
