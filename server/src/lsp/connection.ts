/**
 * The server's connection, as vscode-languageserver makes it from the command line (`--stdio`,
 * `--node-ipc`, `--socket`, `--pipe`), except that over stdio messages are written with our encoder
 * (messageEncoder.ts), which does not encode a diagnostic it sent before again, and each message goes
 * to stdout in one write.
 */
import { inspect } from 'node:util';
import { createConnection, ProposedFeatures, StreamMessageWriter, type Connection } from 'vscode-languageserver/node';
import { messageEncoder } from './messageEncoder';

export function createServerConnection(): Connection {
  if (!process.argv.includes('--stdio')) return createConnection(ProposedFeatures.all);
  const writer = new StreamMessageWriter(new OneWritePerMessage(process.stdout) as unknown as NodeJS.WritableStream, { charset: 'utf-8', contentTypeEncoder: messageEncoder });
  // Typed as a pair of streams, but a writer is taken at run time; stdin itself (not a reader made of it)
  // keeps the library's exit when the client closes it.
  const connection = createConnection(ProposedFeatures.all, process.stdin, writer as unknown as NodeJS.WritableStream);
  keepConsoleOffStdout(connection);
  return connection;
}

type Done = (error?: Error | null) => void;

/**
 * vscode-jsonrpc writes a message's header and then, once that write is done, its body: two writes to
 * the pipe, two wake-ups of the client, and a turn of the event loop in between. This stream holds the
 * header (the only text it is given) until the body comes and writes both at once.
 */
class OneWritePerMessage {
  private header?: Buffer;

  constructor(private readonly stream: NodeJS.WritableStream) {}

  write(data: string | Uint8Array, encodingOrDone?: BufferEncoding | Done, done?: Done): boolean {
    const callback = typeof encodingOrDone === 'function' ? encodingOrDone : done;
    if (typeof data === 'string') {
      this.header = Buffer.from(data, typeof encodingOrDone === 'string' ? encodingOrDone : 'utf-8');
      callback?.();
      return true;
    }
    const chunk = this.header ? Buffer.concat([this.header, data]) : data;
    this.header = undefined;
    return this.stream.write(chunk, callback);
  }

  end(): void {
    if (this.header) this.stream.write(this.header);
    this.header = undefined;
    this.stream.end();
  }

  on(event: string, listener: (...args: unknown[]) => void): this {
    this.stream.on(event, listener);
    return this;
  }

  off(event: string, listener: (...args: unknown[]) => void): this {
    this.stream.off(event, listener);
    return this;
  }
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
