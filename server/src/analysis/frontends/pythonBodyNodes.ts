/**
 * The few nodes of a handler's own body that its facts come from: accesses on its parameters
 * (`body["id"]`, `kwargs.get("x")`, `sender.name`) and `yield`/`await`. One call into wasm lists the
 * candidates; the text at each one's start rules out all but those that begin with a parameter's name,
 * and only those are followed down from the body. A walk over every node of the body
 * made several trips into wasm per node, and bodies are mostly code that touches no parameter.
 */
import type { SyntaxNode } from '../../parsing/treeSitter';
import { PathsDown, type PathStep } from './pythonCursor';
import type { SourceText } from '../sourceText';

/** Nodes that start another scope: what lies inside them is not the handler's own body. */
const nestedScopes: ReadonlySet<string> = new Set(['function_definition', 'lambda', 'class_definition']);
/** Nodes under which code may not run on every call. */
const conditionalTypes: ReadonlySet<string> = new Set([
  'if_statement',
  'conditional_expression',
  'boolean_operator',
  'try_statement',
  'for_statement',
  'while_statement',
  'with_statement',
  'match_statement',
  'list_comprehension',
  'dictionary_comprehension',
  'set_comprehension',
  'generator_expression',
]);
const accessTypes = ['subscript', 'call', 'attribute'];
const keywordTypes = ['yield', 'await'];
const candidateTypes = [...accessTypes, ...keywordTypes];
/** Walks never see anonymous nodes' insides nor nested scopes' bodies. */
const HIDDEN = 1;
const CONDITIONAL = 2;
/**
 * Paths longer than this are not kept: a read that deep lies more than 400 levels below the body,
 * where mapping reads are not looked for (an elif clause is the only step that does not count).
 */
const MAX_KEPT_PATH = 1000;

function flagsOf(type: string | undefined): number {
  if (type === undefined || nestedScopes.has(type)) return HIDDEN;
  return conditionalTypes.has(type) ? CONDITIONAL : 0;
}

/** A node of the body's own scope. */
export interface OwnNode {
  node: SyntaxNode;
  type: string;
  parent: SyntaxNode | undefined;
  /** Under a node whose code may not run on every call (an if, a loop, a try, a comprehension...). */
  conditional: boolean;
  /** The steps from the body (first) to the node (last), unless there are more than MAX_KEPT_PATH. */
  path?: PathStep[];
}

export class HandlerBodyNodes {
  /** Accesses whose text starts with one of the names, then yields and awaits, each in document order. */
  readonly accesses: OwnNode[] = [];
  readonly keywords: OwnNode[] = [];

  /** `names`: the parameters whose accesses are wanted. */
  constructor(
    readonly body: SyntaxNode,
    text: SourceText,
    names: ReadonlySet<string>,
  ) {
    const start = body.startIndex;
    // Most bodies touch their parameters only as plain names (`getattr(sender, ...)`): their text
    // tells so without asking the tree. Broken code may hold more between a name and its `.` or `[`.
    if (!body.hasError && !mayHoldCandidates(text.slice(start, body.endIndex), names)) return;
    const paths = new PathsDown(body, flagsOf);
    for (const node of body.descendantsOfType(candidateTypes)) {
      if (!node) continue;
      const at = node.startIndex;
      // An access starts with its object (`kwargs` in `kwargs.get(...)`); a yield with its keyword.
      const keyword = text.startsWith('yield', at) || text.startsWith('await', at);
      const access = startsWithAny(text, at, names);
      if (!keyword && !access) continue;
      const path = paths.to(node);
      // Only named nodes are visited, and nothing inside a nested def, lambda or class.
      if (!path || path[path.length - 1].flags & HIDDEN) continue;
      const type = path[path.length - 1].type!;
      const parent = path[path.length - 2];
      const own: OwnNode = { node, type, parent: parent?.node, conditional: !!parent && (parent.flags & CONDITIONAL) !== 0 };
      if (path.length <= MAX_KEPT_PATH) own.path = path.slice();
      if (keywordTypes.includes(type)) this.keywords.push(own);
      else if (access) this.accesses.push(own);
    }
  }

  has(keyword: 'yield' | 'await'): boolean {
    return this.keywords.some((own) => own.type === keyword);
  }
}

/** The body nodes of a function definition, or undefined for a lambda (or a def without a body). */
export function handlerBodyNodes(definition: SyntaxNode, text: SourceText, names: ReadonlySet<string>): HandlerBodyNodes | undefined {
  const body = definition.type === 'lambda' ? null : definition.childForFieldName('body');
  return body ? new HandlerBodyNodes(body, text, names) : undefined;
}

/**
 * Whether `code` may hold a yield, an await or an access on one of `names`: a name followed by `.`
 * or `[` with only what the grammar skips between tokens (white space, comments, line continuations).
 */
function mayHoldCandidates(code: string, names: ReadonlySet<string>): boolean {
  if (code.includes('yield') || code.includes('await')) return true;
  for (const name of names) {
    if (name.length === 0) continue;
    for (let at = code.indexOf(name); at >= 0; at = code.indexOf(name, at + 1)) {
      const next = code[afterSkipped(code, at + name.length)];
      if (next === '.' || next === '[') return true;
    }
  }
  return false;
}

/** The grammar's extras: white space, `\\` line continuations and comments. */
const skipped = /(?:[\s\f\uFEFF\u2060\u200B]|\\(?:\r?\n|\0)|#[^\r\n]*)*/y;

function afterSkipped(code: string, from: number): number {
  skipped.lastIndex = from;
  skipped.exec(code);
  return skipped.lastIndex;
}

function startsWithAny(text: SourceText, start: number, names: ReadonlySet<string>): boolean {
  for (const name of names) if (name.length > 0 && text.startsWith(name, start)) return true;
  return false;
}

