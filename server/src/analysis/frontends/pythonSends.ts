/**
 * `.send(...)` and `.send_robust(...)` calls on signals a Python file can name: the keywords each one
 * passes are what the signal's receivers get, which is all a project's own signal promises them.
 */
import type { SyntaxNode } from '../../parsing/treeSitter';
import type { SignalRef, SignalSend } from '../model';
import { isCelerySignalCall } from './pythonImportRun';
import type { PythonResolver } from './pythonResolve';
import type { StatementMemo } from './pythonStatementMemo';
import { namedChildrenOf, sameNode, spanOf } from './pythonSyntax';

/** Found per statement (statements.words), so that an edit searches only the statements it touched. */
export function findSends(resolver: PythonResolver, statements: StatementMemo): SignalSend[] {
  const { nav } = resolver;
  const sends: SignalSend[] = [];
  const words = wordsOf(statements, /\.[ \t]*(?:send_robust|send)[ \t]*\(/g, 'sends');
  for (let i = 0; i < words.length; i++) {
    const start = words[i][0];
    const length = words[i][1];
    const written = nav.text.slice(start, start + length);
    const at = start + written.indexOf('send');
    const name = nav.nodeAt(at, at + (written.includes('send_robust') ? 'send_robust'.length : 'send'.length));
    if (name?.type !== 'identifier') continue;
    const [attribute, call] = nav.ancestors(name);
    if (attribute?.type !== 'attribute' || !sameNode(attribute.childForFieldName('attribute'), name)) continue;
    if (call?.type !== 'call' || !sameNode(call.childForFieldName('function'), attribute)) continue;
    const object = attribute.childForFieldName('object');
    const signal = object ? (resolver.signalOf(object) ?? ownSignal(resolver, object)) : undefined;
    if (!signal) continue;
    sends.push({ signal, span: spanOf(call), ...keywordsOf(call) });
  }
  return sends;
}

/** Every match of `pattern` in the module's statements, in text order, as [start, length]. */
export function wordsOf(statements: StatementMemo, pattern: RegExp, key: string): [number, number][] {
  const found: [number, number][] = [];
  for (const words of statements.words(pattern, key, () => true)) for (const word of words.absolute()) found.push(word);
  return found;
}

/** A name the module binds to a Celery `Signal(...)` it creates: the project catalog keys it `<module>.<name>`. */
function ownSignal(resolver: PythonResolver, object: SyntaxNode): SignalRef | undefined {
  const self = resolver.modules.self;
  if (!self || object.type !== 'identifier') return undefined;
  const binding = resolver.resolveName(object.text, object);
  if (binding?.kind !== 'value' || !isCelerySignalCall(resolver, binding.value)) return undefined;
  const key = `${self.name}.${object.text}`;
  const known = resolver.catalog.get(key) !== undefined;
  return { name: known ? key : object.text, resolution: known ? 'catalog' : 'unknown', source: self.name, nameSpan: spanOf(object), expressionSpan: spanOf(object) };
}

function keywordsOf(call: SyntaxNode): { keywords: string[]; splat: boolean } {
  const keywords: string[] = [];
  let splat = false;
  for (const argument of namedChildrenOf(call.childForFieldName('arguments') ?? call)) {
    if (argument.type === 'dictionary_splat') splat = true;
    if (argument.type !== 'keyword_argument') continue;
    const keyword = argument.childForFieldName('name')?.text;
    if (keyword && keyword !== 'sender') keywords.push(keyword);
  }
  return { keywords, splat };
}
