/**
 * Tasks in TypeScript/JavaScript, kept deliberately simple: a module-level `const` whose value is
 * `<something>.task(...)`, or a call to `task`, `sharedTask`, `shared_task`, `createTask` or
 * `defineTask`. The registered name is the first string argument or a `name: '...'` option.
 */
import type { SyntaxNode } from '../../parsing/treeSitter';
import type { TaskDefinition } from '../model';
import { namedChildrenOf, propertyKeyName, spanOf, stringLiteralValue, unwrapExpression } from './typescriptSyntax';

export const TASK_FACTORIES = new Set(['task', 'sharedTask', 'shared_task', 'createTask', 'defineTask']);

function isTaskFactoryCall(call: SyntaxNode): boolean {
  if (call.type !== 'call_expression') return false;
  const callee = call.childForFieldName('function');
  if (!callee) return false;
  if (callee.type === 'identifier') return TASK_FACTORIES.has(callee.text);
  return callee.type === 'member_expression' && callee.childForFieldName('property')?.text === 'task';
}

function registeredName(call: SyntaxNode): string | undefined {
  const args = call.childForFieldName('arguments');
  for (const arg of args ? namedChildrenOf(args) : []) {
    const value = unwrapExpression(arg);
    const literal = stringLiteralValue(value);
    if (literal !== undefined) return literal;
    if (value.type !== 'object') continue;
    for (const pair of namedChildrenOf(value)) {
      const key = pair.type === 'pair' ? pair.childForFieldName('key') : null;
      const text = key && propertyKeyName(key) === 'name' ? pair.childForFieldName('value') : null;
      const name = text ? stringLiteralValue(unwrapExpression(text)) : undefined;
      if (name !== undefined) return name;
    }
  }
  return undefined;
}

export function taskDefinitions(root: SyntaxNode): TaskDefinition[] {
  const tasks: TaskDefinition[] = [];
  for (const top of namedChildrenOf(root)) {
    const statement = top.type === 'export_statement' ? top.childForFieldName('declaration') ?? top : top;
    if (statement.type !== 'lexical_declaration' && statement.type !== 'variable_declaration') continue;
    for (const declarator of namedChildrenOf(statement)) {
      const name = declarator.childForFieldName('name');
      const value = declarator.childForFieldName('value');
      if (name?.type !== 'identifier' || !value) continue;
      const call = unwrapExpression(value);
      if (!isTaskFactoryCall(call)) continue;
      tasks.push({ localName: name.text, registeredName: registeredName(call), span: spanOf(declarator) });
    }
  }
  return tasks;
}
