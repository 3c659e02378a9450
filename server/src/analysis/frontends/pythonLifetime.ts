/**
 * What keeps a weakly connected Python receiver alive besides the signal: for a nested function, its
 * defining function (handing it on, or still running after the connect); for a bound method, its
 * instance.
 */
import type { SyntaxNode } from '../../parsing/treeSitter';
import type { HandlerSite, LocalLifetime, Span } from '../model';
import type { Navigator } from './pythonSyntax';
import { namedChildrenOf, sameNode } from './pythonSyntax';

const nestedScopes = new Set(['function_definition', 'lambda', 'class_definition']);
/** Containers a value passes through on its way to where it is kept: `[alert]`, `{"a": alert}`, `(alert,)`. */
const VALUE_CONTAINERS = new Set(['list', 'tuple', 'set', 'dictionary', 'pair', 'expression_list', 'parenthesized_expression', 'pattern_list']);
/** Methods that store their argument in a collection or registry. */
const STORING_METHODS = new Set(['append', 'add', 'extend', 'insert', 'register', 'setdefault']);

/** For a nested function connected at `connect`: whether its defining function hands it on or keeps running. */
export function localLifetimeOf(nav: Navigator, definition: SyntaxNode, name: string, connect: Span): LocalLifetime | undefined {
  const enclosing = nav.ancestors(definition).find((a) => a.type === 'function_definition');
  const body = enclosing?.childForFieldName('body');
  if (!body) return undefined;
  const inside = (node: SyntaxNode, span: Span) => span.start <= node.startIndex && node.endIndex <= span.end;
  const handedOn = body.descendantsOfType('identifier').some((id) => {
    if (!id || id.text !== name || inside(id, { start: definition.startIndex, end: definition.endIndex }) || inside(id, connect)) return false;
    return keptBy(nav.ancestors(id), id);
  });
  return { handedOn, afterConnect: afterConnect(body, name, Math.max(definition.endIndex, connect.end)) };
}

/** True when the use of the name stores or passes on the value (not when it only rebinds or calls it). */
function keptBy(ancestors: readonly SyntaxNode[], use: SyntaxNode): boolean {
  let value = use;
  for (const ancestor of ancestors) {
    if (VALUE_CONTAINERS.has(ancestor.type)) {
      value = ancestor;
      continue;
    }
    switch (ancestor.type) {
      case 'return_statement':
      case 'yield':
      case 'keyword_argument':
        return true;
      case 'assignment':
        return sameNode(ancestor.childForFieldName('right'), value);
      case 'argument_list': {
        const callee = ancestors[ancestors.indexOf(ancestor) + 1]?.childForFieldName('function');
        return callee?.type === 'attribute' && STORING_METHODS.has(callee.childForFieldName('attribute')?.text ?? '');
      }
      default:
        return false;
    }
  }
  return false;
}

/** The calls and `yield`s of the function body after `after`, stopping at `del name`; nested scopes do not run. */
function afterConnect(body: SyntaxNode, name: string, after: number): NonNullable<LocalLifetime['afterConnect']> {
  const calls = new Set<string>();
  let yields = false;
  let stopped = false;
  // An explicit stack (children pushed last-first to keep document order): bodies can nest deeper
  // than the JS stack, and a call missed here would make a live closure look dead.
  const stack: SyntaxNode[] = [body];
  while (stack.length > 0 && !stopped) {
    const node = stack.pop()!;
    if (node.endIndex <= after) continue;
    if (node.startIndex >= after) {
      if (node.type === 'delete_statement' && deletes(node, name)) {
        stopped = true;
        continue;
      }
      if (nestedScopes.has(node.type)) continue;
      if (node.type === 'yield') yields = true;
      const callee = node.type === 'call' ? node.childForFieldName('function') : null;
      if (callee) calls.add(callee.text.replace(/\s+/g, ''));
    }
    const children = namedChildrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return { calls: [...calls], yields };
}

function deletes(statement: SyntaxNode, name: string): boolean {
  return namedChildrenOf(statement).some((target) => target.text === name || (target.type === 'expression_list' && namedChildrenOf(target).some((t) => t.text === name)));
}

/**
 * `Reporter().on_success` is held by nothing but the connect; `self.collect` is as short-lived as its
 * instance when the module creates every instance of the class in a bare expression statement.
 */
export function instanceLifetimeOf(nav: Navigator, site: HandlerSite, receiver: SyntaxNode): HandlerSite['instanceLifetime'] {
  if (receiver.type !== 'attribute') return undefined;
  const object = receiver.childForFieldName('object');
  if (object?.type === 'call') return 'temporary';
  if (object?.type !== 'identifier' || object.text !== 'self' || site.connection.positionalReceiver) return undefined;
  const owner = nav.ancestors(receiver).find((a) => a.type === 'class_definition');
  const ownerName = owner?.childForFieldName('name');
  if (!owner || !ownerName || !nav.isAtModuleLevel(owner)) return undefined;
  // Answered once per class and file, but asked (for the record) by every statement that needs it.
  nav.questions?.spelled(ownerName.text);
  let perClass = discardedClasses.get(nav);
  if (!perClass) discardedClasses.set(nav, (perClass = new Map()));
  let discarded = perClass.get(ownerName.text);
  if (discarded === undefined) perClass.set(ownerName.text, (discarded = onlyDiscarded(nav, ownerName)));
  return discarded ? 'discarded' : undefined;
}

/** Every connect of a `self` method in a class asks the same question: answered once per class and file. */
const discardedClasses = new WeakMap<Navigator, Map<string, boolean>>();

function onlyDiscarded(nav: Navigator, className: SyntaxNode): boolean {
  const uses = nav.identifiersSpelled(className.text).filter((id) => !sameNode(id, className));
  return (
    uses.length > 0 &&
    uses.every((use) => {
      const [call, statement, module] = nav.ancestors(use!);
      return call?.type === 'call' && sameNode(call.childForFieldName('function'), use) && statement?.type === 'expression_statement' && module?.type === 'module';
    })
  );
}
