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

/** The function, lambda or class whose body holds `node`, skipping the intermediate blocks. */
export function enclosingDefinitionKind(node: SyntaxNode): 'module' | 'class' | 'function' {
  for (let ancestor = node.parent; ancestor; ancestor = ancestor.parent) {
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
