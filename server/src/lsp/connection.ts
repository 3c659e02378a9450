/**
 * The server's connection, as vscode-languageserver makes it from the command line (`--stdio`,
 * `--node-ipc`, `--socket`, `--pipe`), except that over stdio messages are written with our encoder
 * (messageEncoder.ts), which does not encode a diagnostic it sent before again.
 */
import { inspect } from 'node:util';
import { createConnection, ProposedFeatures, StreamMessageWriter, type Connection } from 'vscode-languageserver/node';
import { messageEncoder } from './messageEncoder';

export function createServerConnection(): Connection {
  if (!process.argv.includes('--stdio')) return createConnection(ProposedFeatures.all);
  const writer = new StreamMessageWriter(process.stdout, { charset: 'utf-8', contentTypeEncoder: messageEncoder });
  // Typed as a pair of streams, but a writer is taken at run time; stdin itself (not a reader made of it)
  // keeps the library's exit when the client closes it.
  const connection = createConnection(ProposedFeatures.all, process.stdin, writer as unknown as NodeJS.WritableStream);
  keepConsoleOffStdout(connection);
  return connection;
}

/**
 * stdout carries the protocol: whatever a library prints goes to the client's log instead, as
 * vscode-languageserver arranges it when it makes the stdio connection itself.
 */
function keepConsoleOffStdout(connection: Connection): void {
  const text = (args: unknown[]) => args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg))).join(' ');
  console.log = console.info = console.debug = (...args: unknown[]) => connection.console.log(text(args));
  console.dir = (value: unknown) => connection.console.log(inspect(value));
  console.trace = (...args: unknown[]) => connection.console.log(`Trace: ${text(args)}\n${new Error().stack ?? ''}`);
  console.warn = (...args: unknown[]) => connection.console.warn(text(args));
  console.error = (...args: unknown[]) => connection.console.error(text(args));
}
