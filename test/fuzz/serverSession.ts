/**
 * Drives the real language server (over JSON-RPC, as an editor does) with generated documents,
 * requests at random positions and random incremental edits, and checks what it answers:
 * - no exception escapes (no error response to a well-formed request, no error in the server's log),
 * - every request is answered within a time bound,
 * - every range it returns lies inside the document,
 * - every code action's edits apply (inside the document, not overlapping),
 * - after edits, the diagnostics equal those of the same text opened fresh.
 */
import fc from 'fast-check';
import * as fs from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LspClient, ServerMessage } from '../protocol/lspClient';
import { editTextArb, type GeneratedDocument } from './documents';

export type Method = 'hover' | 'completion' | 'codeAction' | 'diagnostic';

export type Operation =
  | { kind: 'request'; method: Method; line: number; character: number }
  | { kind: 'edit'; from: number; to: number; text: string }
  | { kind: 'replaceAll'; text: string }
  | { kind: 'malformed'; method: Method; variant: number };

/** Positions: mostly inside the document, sometimes past a line's end or the last line. */
const coordinate = fc.oneof({ weight: 8, arbitrary: fc.double({ min: 0, max: 1.2, noNaN: true }) }, { weight: 1, arbitrary: fc.constant(2 ** 31 - 1) });
const method = fc.constantFrom<Method>('hover', 'completion', 'codeAction', 'diagnostic');
const offsetFraction = fc.double({ min: 0, max: 1, noNaN: true });

export const operationArb: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('request' as const), method, line: coordinate, character: coordinate }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('edit' as const), from: offsetFraction, to: offsetFraction, text: editTextArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('replaceAll' as const), text: editTextArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('malformed' as const), method, variant: fc.nat(5) }) },
);

export interface Counts {
  documents: number;
  requests: number;
  edits: number;
}

export class PropertyFailure extends Error {}

function fail(message: string): never {
  throw new PropertyFailure(message);
}

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((line) => line.length);
}

function assertInside(range: Range | undefined, lengths: number[], what: string): void {
  if (!range) return;
  const inside = (p: { line: number; character: number }) =>
    Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.line < lengths.length && p.character >= 0 && p.character <= lengths[p.line];
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  if (!inside(range.start) || !inside(range.end) || !before(range.start, range.end)) fail(`${what}: range ${JSON.stringify(range)} is not inside the document (lines: ${lengths.length})`);
}

/** Applies LSP text edits to a text; fails when one lies outside it or two overlap. */
export function applyEdits(text: string, edits: { range: Range; newText: string }[], what: string): string {
  const document = TextDocument.create('file:///x', 'plaintext', 0, text);
  const lengths = lineLengths(text);
  for (const edit of edits) assertInside(edit.range, lengths, what);
  const spans = edits.map((e) => ({ start: document.offsetAt(e.range.start), end: document.offsetAt(e.range.end), newText: e.newText })).sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < spans.length; i++) if (spans[i].start < spans[i - 1].end) fail(`${what}: edits overlap: ${JSON.stringify(edits)}`);
  let result = '';
  let at = 0;
  for (const span of spans) {
    result += text.slice(at, span.start) + span.newText;
    at = span.end;
  }
  return result + text.slice(at);
}

/** Parameters no request may accept (diagnostics take no position, so only document problems count there). */
function malformedParams(method: Method, uri: string, variant: number): unknown {
  const variants = [
    { textDocument: null, position: { line: 0, character: 0 } },
    { textDocument: { uri }, position: null },
    { textDocument: { uri }, position: { line: -1, character: 0 } },
    { textDocument: { uri }, position: { line: 0.5, character: 'x' } },
    { textDocument: { uri: 42 } },
    [],
  ];
  const usable = method === 'diagnostic' ? [variants[0], variants[4], variants[5]] : variants;
  return usable[variant % usable.length];
}

const METHODS: Record<Method, string> = {
  hover: 'textDocument/hover',
  completion: 'textDocument/completion',
  codeAction: 'textDocument/codeAction',
  diagnostic: 'textDocument/diagnostic',
};

function comparable(diagnostics: any[]): string[] {
  return diagnostics.map((d) => JSON.stringify([d.code, d.severity, d.range, d.message])).sort();
}

export class ServerFuzzer {
  readonly counts: Counts = { documents: 0, requests: 0, edits: 0 };
  private serial = 0;
  private readonly seenLog: number;

  /** Incremental != fresh cases seen in 'report' mode. */
  readonly freshMismatches: string[] = [];

  constructor(
    readonly client: LspClient,
    private readonly requestTimeoutMs: number,
    /** Incremental == fresh after each document's operations: a failure, only reported, or not checked. */
    private readonly compareWithFresh: 'fail' | 'report' | 'off' = 'fail',
  ) {
    this.seenLog = client.notifications.length;
  }

  private async timed<T>(method: string, params: unknown): Promise<T> {
    this.counts.requests++;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new PropertyFailure(`${method} was not answered within ${this.requestTimeoutMs} ms`)), this.requestTimeoutMs);
    });
    try {
      return await Promise.race([this.client.request<T>(method, params), deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Errors the server logged (a guard caught an exception) since the fuzzer started. */
  loggedErrors(): ServerMessage[] {
    return this.client.notifications.slice(this.seenLog).filter((m) => m.method === 'window/logMessage' && m.params?.type === 1);
  }

  nextUri(languageId: string): string {
    const extension = languageId === 'python' ? 'py' : languageId === 'typescriptreact' ? 'tsx' : languageId === 'javascript' ? 'js' : 'ts';
    return `file:///fuzz/doc_${++this.serial}.${extension}`;
  }

  open(uri: string, languageId: string, text: string): TextDocument {
    this.client.open(uri, text, languageId);
    this.counts.documents++;
    return TextDocument.create(uri, languageId, 1, text);
  }

  close(uri: string): void {
    this.client.notify('textDocument/didClose', { textDocument: { uri } });
  }

  /** Sends one edit and returns the document as the server should now see it. */
  edit(document: TextDocument, op: Extract<Operation, { kind: 'edit' | 'replaceAll' }>): TextDocument {
    const version = document.version + 1;
    const text = document.getText();
    const change =
      op.kind === 'replaceAll'
        ? { text: op.text }
        : (() => {
            const [from, to] = [Math.floor(op.from * text.length), Math.floor(op.to * text.length)].sort((a, b) => a - b);
            return { range: { start: document.positionAt(from), end: document.positionAt(to) }, text: op.text };
          })();
    this.client.change(document.uri, version, [change]);
    this.counts.edits++;
    return TextDocument.update(document, [change], version);
  }

  async request(document: TextDocument, op: Extract<Operation, { kind: 'request' }>): Promise<void> {
    const text = document.getText();
    const lengths = lineLengths(text);
    const line = op.line > 1.5 ? op.line : Math.floor(op.line * lengths.length);
    const lineLength = lengths[Math.min(line, lengths.length - 1)] ?? 0;
    const character = op.character > 1.5 ? op.character : Math.floor(op.character * (lineLength + 1));
    const position = { line, character };
    const textDocument = { uri: document.uri };
    const what = `${op.method} at ${JSON.stringify(position)} in ${document.uri} v${document.version}`;
    switch (op.method) {
      case 'hover': {
        const hover = await this.timed<any>(METHODS.hover, { textDocument, position });
        assertInside(hover?.range, lengths, what);
        return;
      }
      case 'completion': {
        const list = await this.timed<any>(METHODS.completion, { textDocument, position });
        for (const item of list?.items ?? []) {
          const edit = item.textEdit;
          if (edit && 'range' in edit) assertInside(edit.range, lengths, `${what}: ${item.label}`);
          if (edit && 'insert' in edit) {
            assertInside(edit.insert, lengths, `${what}: ${item.label}`);
            assertInside(edit.replace, lengths, `${what}: ${item.label}`);
          }
          const edits = [...(edit && 'range' in edit ? [edit] : []), ...(item.additionalTextEdits ?? [])];
          applyEdits(text, edits, `${what}: ${item.label}`);
        }
        return;
      }
      case 'codeAction': {
        const diagnostics = (await this.timed<any>(METHODS.diagnostic, { textDocument })).items ?? [];
        const actions = await this.timed<any[]>(METHODS.codeAction, { textDocument, range: { start: position, end: position }, context: { diagnostics } });
        for (const action of actions ?? []) {
          for (const [uri, edits] of Object.entries<any[]>(action.edit?.changes ?? {})) {
            if (uri !== document.uri) fail(`${what}: "${action.title}" edits another document, ${uri}`);
            applyEdits(text, edits, `${what}: "${action.title}"`);
          }
        }
        return;
      }
      case 'diagnostic': {
        const report = await this.timed<any>(METHODS.diagnostic, { textDocument });
        for (const d of report.items ?? []) {
          assertInside(d.range, lengths, `${what}: ${d.code}`);
          if (d.code === 'internal-error') fail(`${what}: internal-error: ${d.message}`);
        }
      }
    }
  }

  async malformed(document: TextDocument, op: Extract<Operation, { kind: 'malformed' }>): Promise<void> {
    try {
      await this.timed(METHODS[op.method], malformedParams(op.method, document.uri, op.variant));
    } catch (error) {
      if (error instanceof PropertyFailure) throw error;
      if ((error as { code?: number }).code !== -32602) fail(`${op.method} with malformed parameters: ${(error as Error).message} (code ${(error as { code?: number }).code})`);
      return;
    }
    fail(`${op.method} with malformed parameters ${JSON.stringify(malformedParams(op.method, document.uri, op.variant))} was answered without an error`);
  }

  /** One generated document through a sequence of operations; throws PropertyFailure on a violation. */
  async run(generated: GeneratedDocument, operations: Operation[]): Promise<void> {
    const uri = this.nextUri(generated.seed.languageId);
    let document = this.open(uri, generated.seed.languageId, generated.text);
    try {
      for (const op of operations) {
        if (op.kind === 'request') await this.request(document, op);
        else if (op.kind === 'malformed') await this.malformed(document, op);
        else document = this.edit(document, op);
      }
      await this.request(document, { kind: 'request', method: 'diagnostic', line: 0, character: 0 });
      if (this.compareWithFresh === 'fail') await this.compareFresh(document);
      if (this.compareWithFresh === 'report') {
        await this.compareFresh(document).catch((error: unknown) => {
          if (!(error instanceof PropertyFailure)) throw error;
          this.freshMismatches.push(error.message);
        });
      }
      const errors = this.loggedErrors();
      if (errors.length > 0) fail(`the server logged errors: ${errors.map((m) => m.params.message).join('\n').slice(0, 2000)}`);
      if (this.client.process.exitCode !== null) fail(`the server exited with ${this.client.process.exitCode}`);
    } finally {
      this.close(uri);
    }
  }

  /** Whether the server stopped analysing a document because it was too slow (then there is nothing to compare). */
  private gaveUpOn(uri: string): boolean {
    const name = uri.split('/').pop()!;
    return this.client.notifications.some((m) => m.method === 'window/showMessage' && m.params.message.includes(`${name} is not checked because parsing it took longer`));
  }

  async compareFresh(document: TextDocument): Promise<void> {
    if (this.gaveUpOn(document.uri)) return;
    const edited = (await this.timed<any>(METHODS.diagnostic, { textDocument: { uri: document.uri } })).items ?? [];
    const freshUri = this.nextUri(document.languageId);
    this.open(freshUri, document.languageId, document.getText());
    try {
      const fresh = (await this.timed<any>(METHODS.diagnostic, { textDocument: { uri: freshUri } })).items ?? [];
      const [a, b] = [comparable(edited), comparable(fresh)];
      if (JSON.stringify(a) !== JSON.stringify(b)) {
        fail(`incremental != fresh for ${document.uri} v${document.version}:\n  after edits: ${a.join('\n    ')}\n  fresh:       ${b.join('\n    ')}\n  text: ${JSON.stringify(document.getText().slice(0, 3000))}`);
      }
    } finally {
      this.close(freshUri);
    }
  }
}

/** Resident set size of a process in bytes (Linux), or undefined elsewhere. */
export function rssOf(pid: number): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
