/** Small helpers over tree-sitter Python nodes shared by the Python front end's files. */
import type { SyntaxNode } from '../../parsing/treeSitter';
import type { Span, SyntaxProblem } from '../model';
import type { ModuleQuestions } from './pythonStatementDeps';
import { readModuleStatements, statementNode, type ModuleStatements } from './pythonModuleStatements';
import type { SourceText } from '../sourceText';

export function spanOf(node: SyntaxNode): Span {
  return { start: node.startIndex, end: node.endIndex };
}

/** One call into the parser for all named children (each node property read is a call of its own). */
export function namedChildrenOf(node: SyntaxNode): SyntaxNode[] {
  return node.namedChildren.filter((child): child is SyntaxNode => child !== null);
}

/** Node objects are created afresh on every access; `id` identifies the node itself. */
export function sameNode(a: SyntaxNode | null | undefined, b: SyntaxNode | null | undefined): boolean {
  return !!a && !!b && a.id === b.id;
}

export const comprehensionTypes: ReadonlySet<string> = new Set([
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'generator_expression',
]);

/**
 * Parent look-ups that stay cheap in big files. tree-sitter nodes keep no parent pointer: `node.parent`
 * searches down from the root every time, which costs a scan of the module's thousands of statements
 * per step. Here one descent from the root records the parent of every node on the way.
 */
export class Navigator {
  /** The module's statements with their extents, for binary search by offset. */
  private readonly nodes: (SyntaxNode | undefined)[];
  private readonly starts: number[];
  private readonly ends: number[];
  private readonly scopeEnds: number[] = [];
  /**
   * While one module statement's facts are read for reuse, what they ask of the rest of the module
   * is recorded here (see pythonStatementDeps).
   */
  questions?: ModuleQuestions;
  /** The ancestors of the last few nodes asked about, by node id (unique within the tree). */
  private readonly recentAncestors = new Map<number, readonly SyntaxNode[]>();

  constructor(
    readonly root: SyntaxNode,
    readonly text: SourceText,
    statements: ModuleStatements = readModuleStatements(root),
  ) {
    this.nodes = statements.nodes;
    this.starts = statements.starts;
    this.ends = statements.ends;
  }

  /** The module statement at `index` (0 to statementCount - 1). */
  statement(index: number): SyntaxNode {
    let node = this.nodes[index];
    if (!node) {
      node = statementNode(this.root, this.starts[index], this.ends[index]) ?? namedChildrenOf(this.root)[index];
      this.nodes[index] = node;
    }
    return node;
  }

  get statementCount(): number {
    return this.starts.length;
  }

  /** Where every module statement starts and ends, by index. */
  get extents(): { starts: readonly number[]; ends: readonly number[] } {
    return { starts: this.starts, ends: this.ends };
  }

  statementStart(index: number): number {
    return this.starts[index];
  }

  statementEnd(index: number): number {
    return this.ends[index];
  }

  /**
   * What a module statement's facts are read from: its text and what precedes it on its first line
   * (a statement after `;` sits at a column of its own).
   */
  statementText(index: number): string {
    const start = this.starts[index];
    return this.text.slice(this.text.lastIndexOf('\n', start - 1) + 1, this.ends[index]);
  }

  /** The index of the module statement holding [start, end), or -1. */
  statementIndex(start: number, end: number): number {
    // The last statement starting at or before `start`; it holds the range if it also ends after it.
    let low = 0;
    let high = this.starts.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (this.starts[mid] <= start) {
        found = mid;
        low = mid + 1;
      } else high = mid - 1;
    }
    return found >= 0 && this.ends[found] >= end ? found : -1;
  }

  /** The module statement holding `node`, found without asking the tree. */
  statementAt(node: SyntaxNode): SyntaxNode | undefined {
    const index = this.statementIndex(node.startIndex, node.endIndex);
    return index >= 0 ? this.statement(index) : undefined;
  }

  /**
   * Per module statement, the offset before which code runs in module scope: the whole statement
   * for a simple statement without lambdas, the decorators of a definition, nothing otherwise.
   */
  private moduleScopeEnd(index: number): number {
    let end = this.scopeEnds[index];
    if (end !== undefined) return end;
    const statement = this.statement(index);
    const start = this.starts[index];
    end = start;
    switch (statement.type) {
      case 'expression_statement':
      case 'import_statement':
      case 'import_from_statement':
      case 'return_statement':
      case 'delete_statement':
      case 'assert_statement':
      case 'raise_statement':
        if (!this.text.slice(start, this.ends[index]).includes('lambda')) end = this.ends[index];
        break;
      case 'decorated_definition': {
        const definitionStart = statement.childForFieldName('definition')?.startIndex ?? start;
        if (!this.text.slice(start, definitionStart).includes('lambda')) end = definitionStart;
        break;
      }
    }
    this.scopeEnds[index] = end;
    return end;
  }

  /**
   * True when `node` is certainly evaluated in module scope: it sits in a simple module statement
   * without lambdas, or in the decorators of a module-level definition. False means "look closer".
   */
  isInModuleScope(node: SyntaxNode): boolean {
    const start = node.startIndex;
    const end = node.endIndex;
    const index = this.statementIndex(start, end);
    return index >= 0 && end <= this.moduleScopeEnd(index);
  }

  /** A module statement itself, or the definition of a decorated module statement. */
  isAtModuleLevel(node: SyntaxNode): boolean {
    const start = node.startIndex;
    const end = node.endIndex;
    const index = this.statementIndex(start, end);
    if (index < 0) return false;
    if (this.starts[index] === start && this.ends[index] === end) return true;
    // The definition a module-level decorator sits on; not whatever else ends where it ends (the last
    // statement of its body, a function nested there).
    const statement = this.statement(index);
    return this.ends[index] === end && statement.type === 'decorated_definition' && statement.childForFieldName('definition')?.startIndex === start;
  }

  /**
   * The ancestors of `node`, nearest first, root last: one descent from its module statement, so
   * take the whole list once rather than asking parent by parent.
   */
  ancestors(node: SyntaxNode): readonly SyntaxNode[] {
    // The same node is often asked about again at once (a reference, then the scope lookups for it).
    const recent = this.recentAncestors.get(node.id);
    if (recent) return recent;
    if (this.recentAncestors.size >= 16) this.recentAncestors.clear();
    const chain = this.descend(node);
    this.recentAncestors.set(node.id, chain);
    return chain;
  }

  private descend(node: SyntaxNode): SyntaxNode[] {
    const index = this.statementIndex(node.startIndex, node.endIndex);
    if (index < 0) return node.id === this.root.id ? [] : [this.root];
    const chain: SyntaxNode[] = [this.root];
    let current = this.statement(index);
    for (let depth = 0; current.id !== node.id && depth < 10_000; depth++) {
      chain.push(current);
      const next = current.childWithDescendant(node);
      if (!next || next.id === current.id) break;
      current = next;
    }
    return chain.reverse();
  }

  parentOf(node: SyntaxNode): SyntaxNode | null {
    return this.ancestors(node)[0] ?? null;
  }

  /**
   * Every identifier node whose text is `name`. Each one is spelled out at its place in the text, so
   * searching the text and asking the tree about each hit finds them all, without creating a node
   * for every identifier of the module (asked once per name, that made big modules quadratic).
   */
  identifiersSpelled(name: string): SyntaxNode[] {
    const found: SyntaxNode[] = [];
    if (name.length === 0) return found;
    this.questions?.spelled(name);
    for (let at = this.text.indexOf(name); at >= 0; at = this.text.indexOf(name, at + 1)) {
      // A hit inside a longer word (`Monitor4` in `Monitor42`) is no identifier of its own.
      if (asciiLetter(this.text.charCodeAt(at - 1)) || asciiLetter(this.text.charCodeAt(at + name.length)) || isDigit(this.text.charCodeAt(at + name.length))) continue;
      const node = this.nodeAt(at, at + name.length);
      if (node?.type === 'identifier' && node.startIndex === at && node.endIndex === at + name.length) found.push(node);
    }
    return found;
  }

  /** The indices of the module statements whose text holds `name` (as a word or inside one), in order. */
  statementsSpelling(name: string): number[] {
    this.questions?.spelled(name);
    const found: number[] = [];
    for (let at = this.text.indexOf(name); at >= 0 && name.length > 0; at = this.text.indexOf(name, at + 1)) {
      const index = this.statementIndex(at, at + name.length);
      if (index >= 0 && found[found.length - 1] !== index) found.push(index);
    }
    return found;
  }

  /** The node of this type spanning exactly [start, end): one kept facts named by position. */
  nodeSpanning(start: number, end: number, type: string): SyntaxNode {
    const node = this.nodeAt(start, end);
    if (node && node.type === type && node.startIndex === start && node.endIndex === end) return node;
    // A node whose only child spans the same text (an expression statement and its call) may be meant.
    const outer = node ? this.ancestors(node).find((a) => a.type === type && a.startIndex === start && a.endIndex === end) : undefined;
    if (!outer) throw new Error(`no ${type} at ${start}-${end}`);
    return outer;
  }

  /** The node spanning exactly [start, end), searched from its module statement rather than the root. */
  nodeAt(start: number, end: number): SyntaxNode | null {
    const index = this.statementIndex(start, end);
    return (index >= 0 ? this.statement(index) : this.root).descendantForIndex(start, end);
  }
}

/**
 * [A-Za-z_]: a name never starts right after one, nor ends right before one or a digit (the token
 * would go on). A digit before may end a number (`1x`). NaN, outside the text, is none.
 */
function asciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The function, lambda or class whose body holds `node`, skipping the intermediate blocks. */
export function enclosingDefinitionKind(node: SyntaxNode, nav: Navigator): 'module' | 'class' | 'function' {
  if (nav.isAtModuleLevel(node)) return 'module';
  for (const ancestor of nav.ancestors(node)) {
    const type = ancestor.type;
    if (type === 'function_definition' || type === 'lambda') return 'function';
    if (type === 'class_definition') return 'class';
  }
  return 'module';
}

/**
 * The value of a plain string literal (`'x'`, `"x"`, `r'x'`, `u'x'`), or undefined for anything
 * else, f-strings with placeholders and implicit concatenations included.
 */
export function plainStringValue(node: SyntaxNode): string | undefined {
  if (node.type !== 'string') return undefined;
  const start = node.firstChild;
  if (!start || start.type !== 'string_start') return undefined;
  const prefix = start.text.replace(/['"]+$/, '').toLowerCase();
  if (prefix.includes('b')) return undefined;
  let value = '';
  for (const child of namedChildrenOf(node)) {
    if (child.type === 'interpolation') return undefined;
    if (child.type === 'string_content') value += prefix.includes('r') ? child.text : unescape(child.text);
  }
  return value;
}

export function isBytesLiteral(node: SyntaxNode): boolean {
  if (node.type === 'concatenated_string') return isBytesLiteral(node.firstNamedChild ?? node);
  if (node.type !== 'string') return false;
  const start = node.firstChild;
  return !!start && start.type === 'string_start' && /b/i.test(start.text.replace(/['"]+$/, ''));
}

const simpleEscapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', '\\': '\\', "'": "'", '"': '"' };

function unescape(text: string): string {
  return text.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)/g, (whole, code: string) => {
    if (code.length > 1) return String.fromCharCode(parseInt(code.slice(1), 16));
    return simpleEscapes[code] ?? whole;
  });
}

const maxProblems = 50;

/** ERROR and MISSING nodes, found by descending only into subtrees that contain one. */
export function collectSyntaxProblems(root: SyntaxNode): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  if (!root.hasError) return problems;
  // An explicit stack (children pushed last-first to keep document order): errors can nest deeper than
  // the JS stack. Each entry remembers whether it sits in a string or a type: an f-string's format spec
  // or a return annotation the grammar cannot read hides no handler.
  const stack: { node: SyntaxNode; inString: boolean }[] = [{ node: root, inString: false }];
  while (stack.length > 0 && problems.length < maxProblems) {
    const { node, inString } = stack.pop()!;
    const inert = inString || node.previousNamedSibling?.type === 'type' ? { inert: true } : {};
    if (node.isMissing) {
      problems.push({ span: spanOf(node), message: `Syntax error: missing ${describeMissing(node)}`, ...inert });
      continue;
    }
    if (node.isError) {
      problems.push({ span: spanOf(node), message: errorMessage(node), ...inert });
      continue;
    }
    for (let i = node.childCount - 1; i >= 0; i--) {
      const child = node.child(i);
      if (child && (child.hasError || child.isMissing)) stack.push({ node: child, inString: inString || node.type === 'string' || node.type === 'type' });
    }
  }
  return problems;
}

function describeMissing(node: SyntaxNode): string {
  return node.isNamed ? node.type.replace(/_/g, ' ') : `"${node.type}"`;
}

function errorMessage(node: SyntaxNode): string {
  const text = node.text.trim();
  if (!text) return 'Syntax error';
  const firstLine = text.split(/\r?\n/, 1)[0];
  const shown = firstLine.length > 30 ? `${firstLine.slice(0, 30)}…` : firstLine;
  return `Syntax error: unexpected \`${shown}\``;
}
