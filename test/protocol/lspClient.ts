/**
 * A minimal LSP client for protocol tests: starts the real server as a child process and speaks
 * JSON-RPC over its stdio with Content-Length framing, as an editor does. It answers the requests
 * the server sends (workspace/configuration, capability registration) and records notifications.
 */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { withCursor, type Position } from './fixtureText';

export const repoRoot = path.resolve(__dirname, '..', '..');
const bundle = path.join(repoRoot, 'server/out/server.js');
const source = path.join(repoRoot, 'server/src/server.ts');

function newestSourceTime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** The built bundle when it is at least as new as the sources, otherwise the sources through tsx. */
export function serverCommand(): string[] {
  // A build that started just before a source was saved may predate it despite a later time stamp.
  const BUILD_WINDOW_MS = 10_000;
  const bundleFresh = fs.existsSync(bundle) && fs.statSync(bundle).mtimeMs >= newestSourceTime(path.join(repoRoot, 'server/src')) + BUILD_WINDOW_MS;
  // An absolute loader path, so the command also works from an editor's working directory.
  const tsx = pathToFileURL(path.join(repoRoot, 'node_modules/tsx/dist/loader.mjs')).toString();
  return bundleFresh ? [bundle, '--stdio'] : ['--import', tsx, source, '--stdio'];
}

export interface ServerMessage {
  jsonrpc: '2.0';
  id?: number | string | null;
  method?: string;
  params?: any;
  result?: any;
  error?: { code: number; message: string };
}

export interface StartOptions {
  pullDiagnostics?: boolean;
  configuration?: boolean;
  locale?: string;
  rootPath?: string;
  /** More workspace folders after `rootPath` (a multi-root workspace). */
  moreFolders?: string[];
  /** What the client answers for the `celerySignals` section. */
  settings?: Record<string, unknown>;
  /** Runs this executable (e.g. an installed `celery-signals-language-server`) instead of the repository's server. */
  executable?: string;
  initializationOptions?: Record<string, unknown>;
  /** Let the server index the workspace folder (off by default: most tests look at one document). */
  projectIndex?: boolean;
  /** Added to the server's environment. */
  environment?: Record<string, string>;
}

export class LspClient {
  readonly process: ChildProcessWithoutNullStreams;
  readonly notifications: ServerMessage[] = [];
  readonly serverRequests: ServerMessage[] = [];
  settings: Record<string, unknown>;
  stderr = '';
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void; method: string }>();
  private readonly waiters: { test: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];
  readonly exited: Promise<number | null>;

  constructor(readonly options: StartOptions = {}) {
    this.settings = options.settings ?? {};
    const [command, args] = options.executable ? [options.executable, ['--stdio']] : [process.execPath, serverCommand()];
    const env = options.environment && { ...process.env, ...options.environment };
    this.process = spawn(command, args, { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'], env });
    this.process.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    this.process.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => this.process.on('exit', (code) => resolve(code)));
  }

  static async start(options: StartOptions = {}): Promise<LspClient> {
    const client = new LspClient(options);
    await client.initialize();
    return client;
  }

  initializeResult: any;

  async initialize(): Promise<any> {
    const root = this.options.rootPath ?? repoRoot;
    const result = await this.request('initialize', {
      processId: process.pid,
      locale: this.options.locale ?? 'en',
      rootUri: pathToFileURL(root).toString(),
      workspaceFolders: [root, ...(this.options.moreFolders ?? [])].map((folder) => ({ uri: pathToFileURL(folder).toString(), name: path.basename(folder) })),
      initializationOptions: { projectIndex: this.options.projectIndex ?? false, ...this.options.initializationOptions },
      capabilities: {
        ...(this.options.projectIndex && { window: { workDoneProgress: true } }),
        workspace: {
          configuration: this.options.configuration ?? true,
          didChangeConfiguration: { dynamicRegistration: true },
          diagnostics: { refreshSupport: true },
          ...(this.options.projectIndex && { didChangeWatchedFiles: { dynamicRegistration: true } }),
        },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: true },
          completion: {
            completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'], tagSupport: { valueSet: [1] }, deprecatedSupport: true },
          },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'refactor.rewrite'] } }, isPreferredSupport: true },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] } },
          ...(this.options.pullDiagnostics ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
        },
      },
    });
    this.notify('initialized', {});
    this.initializeResult = result;
    return result;
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const length = Number(/Content-Length: (\d+)/i.exec(header)?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body) as ServerMessage);
    }
  }

  private dispatch(message: ServerMessage): void {
    if (message.method && message.id !== undefined) {
      this.serverRequests.push(message);
      this.answerServerRequest(message);
    } else if (message.method) {
      this.notifications.push(message);
    } else if (typeof message.id === 'number' && this.pending.has(message.id)) {
      const waiting = this.pending.get(message.id)!;
      this.pending.delete(message.id);
      if (message.error) waiting.reject(Object.assign(new Error(`${waiting.method}: ${message.error.message}`), { code: message.error.code }));
      else waiting.resolve(message.result);
    }
    for (const waiter of [...this.waiters]) {
      if (waiter.test(message)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    }
  }

  private answerServerRequest(message: ServerMessage): void {
    let result: unknown = null;
    if (message.method === 'workspace/configuration') {
      result = (message.params.items as { section?: string }[]).map((item) => (item.section === 'celerySignals' ? this.settings : null));
    }
    this.write({ jsonrpc: '2.0', id: message.id, result });
  }

  writeRaw(bytes: string | Buffer): void {
    this.process.stdin.write(bytes);
  }

  write(message: object): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.writeRaw(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  /** A request the server leaves unanswered fails after `timeoutMs` instead of holding the suite. */
  request<T = any>(method: string, params: unknown, timeoutMs = 120_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.pending.delete(id)) reject(new Error(`${method} got no answer in ${timeoutMs} ms; stderr: ${this.stderr.slice(-2000)}`));
      }, timeoutMs);
      timer.unref();
      const settle = { resolve: (value: T) => (clearTimeout(timer), resolve(value)), reject: (error: Error) => (clearTimeout(timer), reject(error)), method };
      this.pending.set(id, settle);
      this.write({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.write({ jsonrpc: '2.0', method, params });
  }

  /** The next message (already received or to come) that passes `test`. */
  waitFor(test: (m: ServerMessage) => boolean, timeoutMs = 15_000, includePast = false): Promise<ServerMessage> {
    if (includePast) {
      const past = [...this.notifications, ...this.serverRequests].find(test);
      if (past) return Promise.resolve(past);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for a server message; stderr: ${this.stderr.slice(-2000)}`)), timeoutMs);
      this.waiters.push({ test, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  }

  /** The next publishDiagnostics for `uri` (optionally for a given version). */
  async nextDiagnostics(uri: string, version?: number): Promise<any[]> {
    const message = await this.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && (version === undefined || m.params.version === version));
    return message.params.diagnostics;
  }

  async pullDiagnostics(uri: string): Promise<any[]> {
    const report = await this.request('textDocument/diagnostic', { textDocument: { uri } });
    return report.items;
  }

  open(uri: string, text: string, languageId = 'python', version = 1): void {
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, contentChanges: unknown[]): void {
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  async shutdown(): Promise<number | null> {
    await this.request('shutdown', null);
    this.notify('exit', null);
    return this.exited;
  }

  kill(): void {
    if (this.process.exitCode === null) this.process.kill();
  }
}

/** Runs `body` against a fresh server, then checks it shuts down cleanly (exit code 0). */
export async function withServer(options: StartOptions, body: (client: LspClient) => Promise<void>): Promise<void> {
  const client = await LspClient.start(options);
  try {
    await body(client);
    assert.equal(await client.shutdown(), 0);
  } finally {
    client.kill();
  }
}

export interface SharedServer {
  readonly client: LspClient;
  /** Opens a fixture (cursor at `$0`, or at the end without one) as a new document. */
  open(marked: string, languageId: string, extension: string): { uri: string; text: string; position: Position };
}

/** One server for all the cases of a test file: started before them, checked to exit 0 after. */
export function sharedServer(options: StartOptions): SharedServer {
  let started: LspClient | undefined;
  let documents = 0;
  before(async () => {
    started = await LspClient.start(options);
  });
  after(async () => {
    assert.equal(await started?.shutdown(), 0);
  });
  const server: SharedServer = {
    get client(): LspClient {
      if (!started) throw new Error('the shared server has not started yet');
      return started;
    },
    open(marked, languageId, extension) {
      const { text, position } = withCursor(marked.includes('$0') ? marked : `${marked}$0`);
      const uri = `file:///project/document_${++documents}.${extension}`;
      server.client.open(uri, text, languageId);
      return { uri, text, position };
    },
  };
  return server;
}
