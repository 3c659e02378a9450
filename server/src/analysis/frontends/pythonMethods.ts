/**
 * `sig.connect(self.on_event)` / `sig.connect(obj.method)`: finds the method in this file's classes
 * and tells how it is bound (an instance passes `self`, a classmethod passes `cls`).
 */
import type { SyntaxNode } from '../../parsing/treeSitter';
import type { PythonResolver } from './pythonResolve';
import { methodOf } from './pythonReceivers';
import { namedChildrenOf, type Navigator } from './pythonSyntax';

export interface MethodReceiver {
  definition: SyntaxNode;
  implicitFirstParam?: 'self' | 'cls';
}

type Access = 'instance' | 'class';

export function findMethodReceiver(attribute: SyntaxNode, resolver: PythonResolver): MethodReceiver | undefined {
  const object = attribute.childForFieldName('object');
  const methodName = attribute.childForFieldName('attribute')?.text;
  if (!object || !methodName || object.type !== 'identifier') return undefined;
  const owner = ownerOf(object, resolver);
  let candidates: { cls: SyntaxNode; access: Access }[] = owner ? [owner] : [];
  if (!owner && mayBeInstance(object, resolver)) {
    // An object of unknown origin: accept the method only when exactly one class in the file has it.
    const withMethod = resolver.moduleClasses().filter((cls) => methodOf(cls, methodName));
    if (withMethod.length === 1) candidates = [{ cls: withMethod[0], access: 'instance' }];
  }
  for (const { cls, access } of candidates) {
    const method = methodOf(cls, methodName);
    if (!method) continue;
    const decorators = decoratorNames(method, resolver.nav);
    if (decorators.has('staticmethod')) return { definition: method };
    if (decorators.has('classmethod')) return { definition: method, implicitFirstParam: 'cls' };
    return { definition: method, implicitFirstParam: access === 'instance' ? 'self' : undefined };
  }
  return undefined;
}

/** The class `object` stands for: `self`/`cls` of the enclosing method, a class name, `x = Cls()`. */
function ownerOf(object: SyntaxNode, resolver: PythonResolver): { cls: SyntaxNode; access: Access } | undefined {
  const method = enclosingMethod(object, resolver.nav);
  if (method) {
    const first = resolver.parameters.of(method.fn)[0];
    const decorators = decoratorNames(method.fn, resolver.nav);
    if (first && first.name === object.text && !decorators.has('staticmethod')) {
      return { cls: method.cls, access: decorators.has('classmethod') ? 'class' : 'instance' };
    }
  }
  const binding = resolver.resolveName(object.text, object, true);
  if (binding?.kind === 'class') return { cls: binding.node, access: 'class' };
  if (binding?.kind === 'value' && binding.value.type === 'call') {
    const callee = binding.value.childForFieldName('function');
    if (callee?.type === 'identifier') {
      const calleeBinding = resolver.resolveName(callee.text, callee, true);
      if (calleeBinding?.kind === 'class') return { cls: calleeBinding.node, access: 'instance' };
    }
  }
  return undefined;
}

function mayBeInstance(object: SyntaxNode, resolver: PythonResolver): boolean {
  const binding = resolver.resolveName(object.text, object, true);
  if (!binding) return true;
  return binding.kind === 'param' || binding.kind === 'value' || binding.kind === 'other';
}

function enclosingMethod(node: SyntaxNode, nav: Navigator): { fn: SyntaxNode; cls: SyntaxNode } | undefined {
  const ancestors = nav.ancestors(node);
  const at = ancestors.findIndex((ancestor) => ancestor.type === 'function_definition');
  if (at < 0) return undefined;
  let holderAt = at + 1;
  if (ancestors[holderAt]?.type === 'decorated_definition') holderAt++;
  const cls = ancestors[holderAt]?.type === 'block' ? ancestors[holderAt + 1] : undefined;
  return cls?.type === 'class_definition' ? { fn: ancestors[at], cls } : undefined;
}

function decoratorNames(fn: SyntaxNode, nav: Navigator): Set<string> {
  const names = new Set<string>();
  const decorated = nav.parentOf(fn);
  if (decorated?.type !== 'decorated_definition') return names;
  for (const child of namedChildrenOf(decorated)) {
    if (child.type !== 'decorator') continue;
    const expression = child.firstNamedChild;
    const text = expression?.type === 'call' ? expression.childForFieldName('function')?.text : expression?.text;
    if (text) names.add(text.split('.').pop()!);
  }
  return names;
}
