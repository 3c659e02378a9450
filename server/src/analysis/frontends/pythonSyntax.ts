/** Small helpers over tree-sitter Python nodes shared by the Python front end's files. */
import type { SyntaxNode } from '../../parsing/treeSitter';
import type { Span, SyntaxProblem } from '../model';

export function spanOf(node: SyntaxNode): Span {
  return { start: node.startIndex, end: node.endIndex };
}

export function namedChildrenOf(node: SyntaxNode): SyntaxNode[] {
  const children: SyntaxNode[] = [];
  const count = node.namedChildCount;
  for (let i = 0; i < count; i++) {
    const child = node.namedChild(i);
    if (child) children.push(child);
  }
  return children;
}

export function sameNode(a: SyntaxNode | null | undefined, b: SyntaxNode | null | undefined): boolean {
  return !!a && !!b && a.startIndex === b.startIndex && a.endIndex === b.endIndex && a.type === b.type;
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
  private readonly parents = new Map<number, SyntaxNode | null>();
  /** The module's statements with their extents, for binary search by offset. */
  readonly statements: SyntaxNode[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  constructor(
    readonly root: SyntaxNode,
    private readonly text: string,
  ) {
    this.parents.set(root.id, null);
    const cursor = root.walk();
    if (cursor.gotoFirstChild()) {
      do {
        if (!cursor.nodeIsNamed) continue;
        const statement = cursor.currentNode;
        this.statements.push(statement);
        this.starts.push(statement.startIndex);
        this.ends.push(statement.endIndex);
        this.parents.set(statement.id, root);
      } while (cursor.gotoNextSibling());
    }
    cursor.delete();
  }

  /** The module statement holding `node`, found without asking the tree. */
  statementAt(node: SyntaxNode): SyntaxNode | undefined {
    const start = node.startIndex;
    const end = node.endIndex;
    // The last statement starting at or before `node`; it holds `node` if it also ends after it.
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
    if (found >= 0 && this.ends[found] >= end) return this.statements[found];
    return undefined;
  }

  /**
   * True when `node` is certainly evaluated in module scope: it sits in a simple module statement
   * without lambdas, or in the decorators of a module-level definition. False means "look closer".
   */
  isInModuleScope(node: SyntaxNode): boolean {
    const text = this.text;
    const statement = this.statementAt(node);
    if (!statement) return false;
    switch (statement.type) {
      case 'expression_statement':
      case 'import_statement':
      case 'import_from_statement':
      case 'return_statement':
      case 'delete_statement':
      case 'assert_statement':
      case 'raise_statement':
        return !text.slice(statement.startIndex, statement.endIndex).includes('lambda');
      case 'decorated_definition': {
        const definition = statement.childForFieldName('definition');
        return !!definition && node.endIndex <= definition.startIndex && !text.slice(statement.startIndex, definition.startIndex).includes('lambda');
      }
      default:
        return false;
    }
  }

  /** A module statement itself, or the definition of a decorated module statement. */
  isAtModuleLevel(node: SyntaxNode): boolean {
    const statement = this.statementAt(node);
    if (!statement) return false;
    if (statement.startIndex === node.startIndex && statement.endIndex === node.endIndex) return true;
    return statement.type === 'decorated_definition' && statement.endIndex === node.endIndex && node.type !== 'block';
  }

  parentOf(node: SyntaxNode): SyntaxNode | null {
    const known = this.parents.get(node.id);
    if (known !== undefined) return known;
    let current = this.statementAt(node) ?? this.root;
    for (let depth = 0; current.id !== node.id && depth < 10_000; depth++) {
      const next = current.childWithDescendant(node);
      if (!next || next.id === current.id) return node.parent;
      this.parents.set(next.id, current);
      current = next;
    }
    return this.parents.get(node.id) ?? null;
  }

  /** The ancestors of `node`, nearest first. */
  *ancestors(node: SyntaxNode): Generator<SyntaxNode> {
    for (let ancestor = this.parentOf(node); ancestor; ancestor = this.parentOf(ancestor)) yield ancestor;
  }
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
  const visit = (node: SyntaxNode): void => {
    if (problems.length >= maxProblems) return;
    if (node.isMissing) {
      problems.push({ span: spanOf(node), message: `Syntax error: missing ${describeMissing(node)}` });
      return;
    }
    if (node.isError) {
      problems.push({ span: spanOf(node), message: errorMessage(node) });
      return;
    }
    const count = node.childCount;
    for (let i = 0; i < count; i++) {
      const child = node.child(i);
      if (child && (child.hasError || child.isMissing)) visit(child);
    }
  };
  visit(root);
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
