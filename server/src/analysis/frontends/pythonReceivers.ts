/**
 * Receivers that are not plain functions, reduced to the function Celery ends up calling: an
 * instance of a class with `__call__`, `functools.partial(fn, ...)`, and a function under a user
 * decorator (Celery connects the wrapper the decorator returns).
 */
import type { SyntaxNode } from '../../parsing/treeSitter';
import type { PythonResolver } from './pythonResolve';
import { namedChildrenOf, spanOf } from './pythonSyntax';
import type { Span } from '../model';

/** The dotted origin of an expression when imports tell it (`functools.partial`, `functools.wraps`). */
export function qualifiedName(node: SyntaxNode, resolver: PythonResolver): string | undefined {
  if (node.type === 'identifier') {
    const binding = resolver.resolveName(node.text, node, true);
    if (binding?.kind === 'imported') return binding.qualified;
    if (binding?.kind === 'module') return binding.module;
    return undefined;
  }
  if (node.type !== 'attribute') return undefined;
  const object = node.childForFieldName('object');
  const attribute = node.childForFieldName('attribute');
  const base = object ? qualifiedName(object, resolver) : undefined;
  return base && attribute ? `${base}.${attribute.text}` : undefined;
}

/** The last `def name` directly in a class body. */
export function methodOf(cls: SyntaxNode, name: string): SyntaxNode | undefined {
  const body = cls.childForFieldName('body');
  if (!body) return undefined;
  let found: SyntaxNode | undefined;
  for (const statement of namedChildrenOf(body)) {
    const definition = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    if (definition?.type === 'function_definition' && definition.childForFieldName('name')?.text === name) found = definition;
  }
  return found;
}

/** `Cls(...)` where `Cls` is a class of this file. */
export function instantiatedClass(value: SyntaxNode, resolver: PythonResolver): SyntaxNode | undefined {
  if (value.type !== 'call') return undefined;
  const callee = value.childForFieldName('function');
  if (callee?.type !== 'identifier') return undefined;
  const binding = resolver.resolveName(callee.text, callee, true);
  return binding?.kind === 'class' ? binding.node : undefined;
}

/** The function a name or expression refers to in this file: a def, or a class's `__call__` through an instance. */
export interface CallableTarget {
  definition: SyntaxNode;
  implicitFirstParam?: 'self';
}

export function callableOf(node: SyntaxNode, resolver: PythonResolver): CallableTarget | undefined {
  if (node.type === 'identifier') {
    const binding = resolver.resolveName(node.text, node, true);
    if (binding?.kind === 'def') return { definition: binding.node };
    if (binding?.kind === 'value') {
      const cls = instantiatedClass(binding.value, resolver);
      const call = cls && methodOf(cls, '__call__');
      return call ? { definition: call, implicitFirstParam: 'self' } : undefined;
    }
    return undefined;
  }
  const cls = instantiatedClass(node, resolver);
  const call = cls && methodOf(cls, '__call__');
  return call ? { definition: call, implicitFirstParam: 'self' } : undefined;
}

export interface PartialCall {
  target: SyntaxNode;
  span: Span;
  positional: number;
  keywords: string[];
}

/** `functools.partial(fn, a, key=b)`: the wrapped callable and what it binds. */
export function partialCall(node: SyntaxNode, resolver: PythonResolver): PartialCall | undefined {
  if (node.type !== 'call') return undefined;
  const callee = node.childForFieldName('function');
  if (!callee || qualifiedName(callee, resolver) !== 'functools.partial') return undefined;
  const args = namedChildrenOf(node.childForFieldName('arguments') ?? node).filter((arg) => arg.type !== 'comment');
  const [target, ...bound] = args;
  if (!target || target.type === 'keyword_argument' || target.type.endsWith('splat')) return undefined;
  // A splat binds an unknown number of arguments: nothing can be said about the rest.
  if (bound.some((arg) => arg.type === 'list_splat' || arg.type === 'dictionary_splat')) return undefined;
  return {
    target,
    span: spanOf(node),
    positional: bound.filter((arg) => arg.type !== 'keyword_argument').length,
    keywords: bound.flatMap((arg) => (arg.type === 'keyword_argument' ? [arg.childForFieldName('name')?.text ?? ''] : [])),
  };
}

export interface WrapperFacts {
  /** The decorator expression. */
  span: Span;
  decorator: string;
  /** The function Celery calls: the nested def the decorator returns, or the wrapper class's `__call__`. */
  definition: SyntaxNode;
  implicitFirstParam?: 'self';
  /** `functools.wraps`/`update_wrapper` set `__wrapped__`, so `inspect.signature` reports the inner function. */
  followsWrapped: boolean;
  /** A class instance: it has no `__code__`, so every Celery release asks `inspect.signature`. */
  isInstance: boolean;
  /** The wrapper hands its keywords on to the wrapped function (`fn(*args, **kwargs)`). */
  forwardsKeywords: boolean;
}

const WRAPS = new Set(['functools.wraps', 'functools.update_wrapper']);

/** A decorator written in this file: a def returning a nested function, or a class with `__call__`. */
export function wrapperOf(decorator: SyntaxNode, resolver: PythonResolver): WrapperFacts | undefined {
  const expression = decorator.firstNamedChild;
  if (expression?.type !== 'identifier') return undefined;
  const binding = resolver.resolveName(expression.text, expression, true);
  if (binding?.kind === 'class') {
    const call = methodOf(binding.node, '__call__');
    const init = methodOf(binding.node, '__init__');
    if (!call) return undefined;
    return {
      span: spanOf(expression),
      decorator: expression.text,
      definition: call,
      implicitFirstParam: 'self',
      followsWrapped: !!init && callsWrapHelper(init, resolver),
      isInstance: true,
      forwardsKeywords: forwardsKeywords(call, ['self.*'], resolver),
    };
  }
  if (binding?.kind !== 'def') return undefined;
  const outer = binding.node;
  const wrapped = resolver.parameters.of(outer)[0]?.name;
  const returned = returnedNames(outer);
  const body = outer.childForFieldName('body');
  for (const statement of body ? namedChildrenOf(body) : []) {
    const inner = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    if (inner?.type !== 'function_definition') continue;
    const name = inner.childForFieldName('name')?.text;
    if (!name || !returned.has(name)) continue;
    const decorated = statement.type === 'decorated_definition' ? statement : undefined;
    const viaDecorator = decorated ? namedChildrenOf(decorated).some((d) => d.type === 'decorator' && isWrapHelperCall(d.firstNamedChild, resolver)) : false;
    return {
      span: spanOf(expression),
      decorator: expression.text,
      definition: inner,
      followsWrapped: viaDecorator || callsWrapHelper(outer, resolver),
      isInstance: false,
      forwardsKeywords: forwardsKeywords(inner, wrapped ? [wrapped] : [], resolver),
    };
  }
  return undefined;
}

/** Names a function returns directly (`return wrapper`, `return functools.wraps(fn)(wrapper)`). */
function returnedNames(fn: SyntaxNode): Set<string> {
  const names = new Set<string>();
  const body = fn.childForFieldName('body');
  for (const statement of body ? namedChildrenOf(body) : []) {
    if (statement.type !== 'return_statement') continue;
    const value = statement.firstNamedChild;
    if (value?.type === 'identifier') names.add(value.text);
    else if (value?.type === 'call') {
      for (const arg of namedChildrenOf(value.childForFieldName('arguments') ?? value)) if (arg.type === 'identifier') names.add(arg.text);
    }
  }
  return names;
}

function isWrapHelperCall(node: SyntaxNode | null | undefined, resolver: PythonResolver): boolean {
  if (node?.type !== 'call') return false;
  let callee = node.childForFieldName('function');
  // `functools.wraps(fn)(wrapper)`
  if (callee?.type === 'call') callee = callee.childForFieldName('function');
  const name = callee ? qualifiedName(callee, resolver) : undefined;
  return name !== undefined && WRAPS.has(name);
}

/** `update_wrapper(...)` or `wraps(fn)(...)` called anywhere in the function's own body. */
function callsWrapHelper(fn: SyntaxNode, resolver: PythonResolver): boolean {
  const body = fn.childForFieldName('body');
  return !!body && body.descendantsOfType('call').some((call) => isWrapHelperCall(call, resolver));
}

/** The wrapper calls the wrapped function with its own `**kwargs`. */
function forwardsKeywords(wrapper: SyntaxNode, wrappedNames: string[], resolver: PythonResolver): boolean {
  const params = resolver.parameters.of(wrapper);
  const catchAll = params.find((p) => p.kind === 'var-keyword')?.name;
  const body = wrapper.childForFieldName('body');
  if (!catchAll || !body) return false;
  return body.descendantsOfType('call').some((call) => {
    const callee = call?.childForFieldName('function');
    if (!callee || !wrappedNames.some((name) => name === callee.text || (name.endsWith('.*') && callee.text.startsWith(name.slice(0, -1))))) return false;
    return namedChildrenOf(call!.childForFieldName('arguments') ?? call!).some((arg) => arg.type === 'dictionary_splat' && arg.firstNamedChild?.text === catchAll);
  });
}
