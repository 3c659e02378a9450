/**
 * Loads the tree-sitter runtime and grammars shipped by @vscode/tree-sitter-wasm, once per process.
 *
 * The wasm files are looked up next to the running bundle first (the packaged extension and the
 * built CLI copy them to `server/out/wasm`), then in node_modules (tests run from source).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as TreeSitter from '@vscode/tree-sitter-wasm';

import { languageFor, type Grammar } from '../../../shared/languages';
import { withoutLongCommentBlocks } from './commentRuns';
import { ChunkedText } from '../analysis/chunkedText';
import { flatText, type SourceText } from '../analysis/sourceText';

export type { Grammar } from '../../../shared/languages';
export type { Tree, Node as SyntaxNode, Query, Language, Parser, Point, Edit, QueryMatch, QueryCapture } from '@vscode/tree-sitter-wasm';

function findWasmDir(): string {
  const candidates = [path.join(__dirname, 'wasm'), path.join(__dirname, '..', 'wasm')];
  for (const dir of candidates) {
    if (fs.existsSync(path.join(dir, 'tree-sitter.wasm'))) return dir;
  }
  const pkg = require.resolve('@vscode/tree-sitter-wasm/package.json');
  return path.join(path.dirname(pkg), 'wasm');
}

let initialised: Promise<void> | undefined;
const languages = new Map<Grammar, Promise<TreeSitter.Language>>();
const parsers = new Map<Grammar, TreeSitter.Parser>();
const queries = new Map<string, TreeSitter.Query>();

/** What this module uses of WebAssembly, which Node provides and the TypeScript libraries in use do not declare. */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => object;
}
const { WebAssembly: wasm } = globalThis as unknown as { WebAssembly: WasmApi };

function init(): Promise<void> {
  if (!initialised) {
    const wasmDir = findWasmDir();
    // The runtime is read and compiled at once (compiling is lazy: a few milliseconds), not through
    // the asynchronous path, whose steps each wait for a free turn of the event loop and for V8's one
    // helper thread: while a server starts, that put the grammar behind the first document opened.
    const options = {
      locateFile: (file: string) => path.join(wasmDir, file),
      instantiateWasm: (imports: object, receive: (instance: object, module: object) => unknown) => {
        const module = new wasm.Module(fs.readFileSync(path.join(wasmDir, 'tree-sitter.wasm')));
        return receive(new wasm.Instance(module, imports), module);
      },
    };
    initialised = TreeSitter.Parser.init(options);
  }
  return initialised;
}

export async function loadLanguage(grammar: Grammar): Promise<TreeSitter.Language> {
  await init();
  let language = languages.get(grammar);
  if (!language) {
    language = TreeSitter.Language.load(fs.readFileSync(path.join(findWasmDir(), `tree-sitter-${grammar}.wasm`)));
    languages.set(grammar, language);
  }
  return language;
}

/** One parser per grammar, reused: creating parsers per request is the expensive part. */
export async function getParser(grammar: Grammar): Promise<TreeSitter.Parser> {
  const existing = parsers.get(grammar);
  if (existing) return existing;
  const language = await loadLanguage(grammar);
  const parser = new TreeSitter.Parser();
  parser.setLanguage(language);
  parsers.set(grammar, parser);
  return parser;
}

/** Queries are compiled once per grammar and source text (compiling costs milliseconds). */
export function compileQuery(language: TreeSitter.Language, grammar: Grammar, source: string): TreeSitter.Query {
  const key = `${grammar}\u0000${source}`;
  let query = queries.get(key);
  if (!query) {
    query = new TreeSitter.Query(language, source);
    queries.set(key, query);
  }
  return query;
}

/**
 * How long the server lets one parse run on its main thread before it gives up on the document.
 * CELERY_SIGNALS_PARSE_TIME_LIMIT_MS sets another limit (tests use it to show which thread has one).
 */
export const PARSE_TIME_LIMIT_MS = Number(process.env.CELERY_SIGNALS_PARSE_TIME_LIMIT_MS) || 2000;

export class ParseTimeout extends Error {
  constructor(readonly limitMs: number) {
    super(`parsing took longer than ${limitMs / 1000} s`);
  }
}

/**
 * `parser.parse` with a deadline, checked by tree-sitter's progress callback. A cancelled parser
 * would resume the abandoned text on its next call, so it is reset before the error is thrown.
 */
export function parseWithin(parser: TreeSitter.Parser, text: string | TreeSitter.ParseCallback, oldTree: TreeSitter.Tree | undefined, limitMs: number): TreeSitter.Tree | null {
  const deadline = performance.now() + limitMs;
  let timedOut = false;
  // The typings declare a void callback, but the runtime cancels when it returns true.
  const progressCallback = (() => (timedOut = performance.now() > deadline)) as unknown as TreeSitter.ParseOptions['progressCallback'];
  const tree = parser.parse(text, oldTree ?? null, { progressCallback });
  if (!tree && timedOut) {
    parser.reset();
    throw new ParseTimeout(limitMs);
  }
  return tree;
}

/** Trees parsed from a text whose long comment blocks were blanked (see commentRuns.ts). */
const blankedTrees = new WeakSet<TreeSitter.Tree>();

/**
 * Parses a whole text (reusing `oldTree` when given); the caller owns the returned tree and must
 * `delete()` it. With `limitMs`, a parse that takes longer throws ParseTimeout.
 */
export async function parseText(grammar: Grammar, text: SourceText, oldTree?: TreeSitter.Tree, limitMs?: number): Promise<TreeSitter.Tree> {
  const parser = await getParser(grammar);
  const parsed = grammar === 'python' ? withoutLongCommentBlocks(text) : text;
  const blanked = parsed !== text;
  // An edit can make or break a block far from the edited range, which tree.edit never hears of,
  // so a tree is reused only when neither it nor the new text had a block blanked.
  const reused = oldTree && !blanked && !blankedTrees.has(oldTree) ? oldTree : undefined;
  const input = parseInput(parsed);
  const tree = limitMs === undefined ? parser.parse(input, reused ?? null) : parseWithin(parser, input, reused, limitMs);
  if (!tree) throw new Error(`tree-sitter could not parse the ${grammar} text`);
  if (blanked) blankedTrees.add(tree);
  return tree;
}

/**
 * What the parser reads: a string as it is, or the pieces of a large document, one piece (from the
 * offset asked for) at a time. The tree keeps the callback for `node.text`, which then reads the
 * pieces of that version too; no flat copy of the whole text is made either way.
 */
function parseInput(text: SourceText): string | TreeSitter.ParseCallback {
  if (text instanceof ChunkedText) return (index: number) => text.pieceFrom(index);
  return flatText(text);
}

/** True when `tree` was parsed from a text whose long comment blocks were blanked. */
export function hadCommentsBlanked(tree: TreeSitter.Tree): boolean {
  return blankedTrees.has(tree);
}

/** Picks the grammar for a file name or LSP language id (from the language table). */
export function grammarFor(fileNameOrLanguageId: string): Grammar | undefined {
  return languageFor(fileNameOrLanguageId)?.grammar;
}
