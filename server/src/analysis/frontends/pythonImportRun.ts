/**
 * What a Python module does while it is imported, besides connecting to Celery's own signals: which
 * statements read an app's configuration, and which receivers it connects to Celery `Signal`s it
 * creates itself. Rules about the order of import-time events read these facts.
 */
import type { SyntaxNode } from '../../parsing/treeSitter';
import type { ConfigRead, CustomSignalReceiver } from '../model';
import type { PythonResolver } from './pythonResolve';
import type { Navigator } from './pythonSyntax';
import type { StatementMemo } from './pythonStatementMemo';
import { wordsOf } from './pythonSends';
import { namedChildrenOf, sameNode, spanOf } from './pythonSyntax';

/** Configuration methods that store settings without loading the configuration. */
const CONFIG_WRITES = new Set(['update', 'setdefault', 'add_defaults', 'clear', 'config_from_object', 'config_from_envvar']);
/** Celery's Signal class under the names its modules export it by. */
const CELERY_SIGNAL_CLASS = new Set(['celery.utils.dispatch.Signal', 'celery.utils.dispatch.signal.Signal', 'celery.signals.Signal']);

/** `X.conf` reads in code that runs at import: outside function bodies, class bodies, lambdas and compound statements. */
export function configReadsOf(nav: Navigator, statements: StatementMemo): ConfigRead[] {
  const reads: ConfigRead[] = [];
  const words = wordsOf(statements, /\bconf\b/g, 'conf');
  for (let i = 0; i < words.length; i++) {
    const start = words[i][0];
    const name = nav.nodeAt(start, start + 4);
    if (!name || name.type !== 'identifier') continue;
    const ancestors = nav.ancestors(name);
    const conf = ancestors[0];
    const use = ancestors[1];
    const user = ancestors[2];
    if (conf?.type !== 'attribute' || !sameNode(conf.childForFieldName('attribute'), name) || !use) continue;
    const app = conf.childForFieldName('object');
    if (!app || !readsConfiguration(conf, use, user)) continue;
    if (nav.ancestors(conf).some((a) => a.type === 'block' || a.type === 'lambda')) continue;
    reads.push({ app: app.text, span: spanOf(use) });
  }
  return reads;
}

/** `app.conf.x` and `app.conf["x"]` load the configuration; writes, `in` tests and `app.conf` alone do not. */
function readsConfiguration(conf: SyntaxNode, use: SyntaxNode, user: SyntaxNode | undefined): boolean {
  const assigned = user?.type === 'assignment' && sameNode(user.childForFieldName('left'), use);
  if (use.type === 'subscript') return sameNode(use.childForFieldName('value'), conf) && !assigned && user?.type !== 'delete_statement';
  if (use.type !== 'attribute' || !sameNode(use.childForFieldName('object'), conf)) return false;
  return !assigned && !CONFIG_WRITES.has(use.childForFieldName('attribute')?.text ?? '');
}

/**
 * `signal.connect` (decorator or call) where `signal` is bound to a Celery `Signal(...)` the file
 * creates: the function connected, when it is defined here.
 */
export function customSignalReceiver(resolver: PythonResolver, attribute: SyntaxNode, topLevel: boolean): CustomSignalReceiver | undefined {
  const object = attribute.childForFieldName('object');
  if (object?.type !== 'identifier') return undefined;
  const binding = resolver.resolveName(object.text, object);
  if (binding?.kind !== 'value' || !isCelerySignalCall(resolver, binding.value)) return undefined;
  const definition = connectedDefinition(resolver, attribute);
  const name = definition?.childForFieldName('name');
  if (!definition || !name) return undefined;
  const params = resolver.parameters.header(definition).params;
  return {
    signal: object.text,
    receiver: name.text,
    nameSpan: spanOf(name),
    acceptsKeywords: params.some((param) => param.kind === 'var-keyword'),
    connectSpan: spanOf(attribute),
    topLevel,
  };
}

function connectedDefinition(resolver: PythonResolver, attribute: SyntaxNode): SyntaxNode | undefined {
  const [parent, grandparent] = resolver.nav.ancestors(attribute);
  const call = parent?.type === 'call' && sameNode(parent.childForFieldName('function'), attribute) ? parent : undefined;
  const args = call ? namedChildrenOf(call.childForFieldName('arguments') ?? call).filter((arg) => arg.type !== 'comment') : [];
  const decorator = parent?.type === 'decorator' ? parent : call && grandparent?.type === 'decorator' ? grandparent : undefined;
  if (decorator) {
    // `@sig.connect(fn)`: the positional argument is the receiver, not the decorated function.
    if (args.some((arg) => arg.type !== 'keyword_argument')) return undefined;
    const decorated = resolver.nav.parentOf(decorator);
    const definition = decorated?.type === 'decorated_definition' ? decorated.childForFieldName('definition') : null;
    return definition?.type === 'function_definition' ? definition : undefined;
  }
  const first = args[0];
  if (!call || first?.type !== 'identifier') return undefined;
  const receiver = resolver.resolveName(first.text, first, true);
  return receiver?.kind === 'def' ? receiver.node : undefined;
}

/** `Signal(...)` with Signal from Celery, by name or through its module (`dispatch.Signal`). */
export function isCelerySignalCall(resolver: PythonResolver, value: SyntaxNode): boolean {
  const callee = value.type === 'call' ? value.childForFieldName('function') : null;
  const qualified = callee ? qualifiedName(resolver, callee, 0) : undefined;
  return qualified !== undefined && CELERY_SIGNAL_CLASS.has(qualified);
}

function qualifiedName(resolver: PythonResolver, node: SyntaxNode, depth: number): string | undefined {
  if (depth > 8) return undefined;
  if (node.type === 'attribute') {
    const object = node.childForFieldName('object');
    const base = object ? qualifiedName(resolver, object, depth + 1) : undefined;
    return base === undefined ? undefined : `${base}.${node.childForFieldName('attribute')?.text}`;
  }
  if (node.type !== 'identifier') return undefined;
  const binding = resolver.resolveName(node.text, node);
  switch (binding?.kind) {
    case 'module':
      return binding.module;
    case 'imported':
      return binding.qualified;
    case 'signal':
      return `${binding.module}.${binding.signal}`;
    default:
      return undefined;
  }
}
