/**
 * The module-level bindings a TypeScript/JavaScript file takes from other modules: `import`
 * (default, namespace, named, `import x = require()`) and `require()` (whole module or destructured).
 */
import type { SyntaxNode } from '../../parsing/treeSitter';
import { namedChildrenOf, propertyKeyName, stringLiteralValue, unwrapExpression } from './typescriptSyntax';

export interface ModuleBinding {
  localName: string;
  /** The exported name for named imports; undefined for a namespace (or default) binding. */
  importedName?: string;
  specifier: string;
  /** The node that introduces the local name (specifier, namespace import, declarator or pattern property). */
  node: SyntaxNode;
  /** The local name as written. */
  nameNode: SyntaxNode;
  /** The import or declaration statement. */
  statement: SyntaxNode;
}

function requireSpecifier(value: SyntaxNode | null): string | undefined {
  if (!value) return undefined;
  const call = unwrapExpression(value);
  if (call.type !== 'call_expression' || call.childForFieldName('function')?.text !== 'require') return undefined;
  const first = call.childForFieldName('arguments')?.firstNamedChild;
  return first ? stringLiteralValue(first) : undefined;
}

function bindingsOfImport(statement: SyntaxNode, out: ModuleBinding[]): void {
  // TypeScript's CommonJS form: `import signals = require('celery-signals')`.
  const requireClause = namedChildrenOf(statement).find((c) => c.type === 'import_require_clause');
  if (requireClause) {
    const local = requireClause.firstNamedChild;
    const from = requireClause.childForFieldName('source');
    const specifier = from ? stringLiteralValue(from) : undefined;
    if (local?.type === 'identifier' && specifier !== undefined) out.push({ localName: local.text, specifier, node: requireClause, nameNode: local, statement });
    return;
  }
  const source = statement.childForFieldName('source');
  const specifier = source ? stringLiteralValue(source) : undefined;
  const clause = namedChildrenOf(statement).find((c) => c.type === 'import_clause');
  if (specifier === undefined || !clause) return;
  for (const part of namedChildrenOf(clause)) {
    if (part.type === 'identifier') out.push({ localName: part.text, specifier, node: part, nameNode: part, statement });
    else if (part.type === 'namespace_import' && part.firstNamedChild) {
      out.push({ localName: part.firstNamedChild.text, specifier, node: part, nameNode: part.firstNamedChild, statement });
    } else if (part.type === 'named_imports') {
      for (const item of namedChildrenOf(part)) {
        const name = item.childForFieldName('name');
        const local = item.childForFieldName('alias') ?? name;
        if (name && local) out.push({ localName: local.text, importedName: name.text, specifier, node: item, nameNode: local, statement });
      }
    }
  }
}

function bindingsOfRequire(declaration: SyntaxNode, out: ModuleBinding[]): void {
  for (const declarator of namedChildrenOf(declaration)) {
    if (declarator.type !== 'variable_declarator') continue;
    const specifier = requireSpecifier(declarator.childForFieldName('value'));
    const pattern = declarator.childForFieldName('name');
    if (specifier === undefined || !pattern) continue;
    if (pattern.type === 'identifier') {
      out.push({ localName: pattern.text, specifier, node: declarator, nameNode: pattern, statement: declaration });
      continue;
    }
    if (pattern.type !== 'object_pattern') continue;
    for (const property of namedChildrenOf(pattern)) {
      if (property.type === 'shorthand_property_identifier_pattern') {
        out.push({ localName: property.text, importedName: property.text, specifier, node: property, nameNode: property, statement: declaration });
      } else if (property.type === 'pair_pattern') {
        const key = property.childForFieldName('key');
        const value = property.childForFieldName('value');
        const importedName = key ? propertyKeyName(key) : undefined;
        if (importedName && value?.type === 'identifier') {
          out.push({ localName: value.text, importedName, specifier, node: property, nameNode: value, statement: declaration });
        }
      }
    }
  }
}

export function moduleBindings(root: SyntaxNode): ModuleBinding[] {
  const bindings: ModuleBinding[] = [];
  for (const statement of namedChildrenOf(root)) {
    if (statement.type === 'import_statement') bindingsOfImport(statement, bindings);
    else if (statement.type === 'lexical_declaration' || statement.type === 'variable_declaration') bindingsOfRequire(statement, bindings);
  }
  return bindings;
}
