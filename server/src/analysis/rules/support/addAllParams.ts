/**
 * "Add all parameters": declares the keywords the signal sends that the handler does not name yet.
 * Shared by the missing-signal-params hint and the refactor offered on every handler, so both write
 * the same, valid signature.
 */
import type { Fix, TextEdit } from '../../diagnostics';
import { connectionsOfHandler } from './connections';
import { once } from './once';
import {
  appendParams,
  catchAll,
  catchAllName,
  defaultLiteral,
  insertionIsKeywordOnly,
  insertNamedParams,
  positionalDefaultsPresent,
  renameParam,
} from './paramEdits';
import type { HandlerParam } from '../../model';
import { messageTable } from './messages';
import type { HandlerContext } from './types';
import type { SourceText } from '../../sourceText';

const titles = messageTable('add-all-parameters', {
  // Worded like the "Add all parameters" refactor, so the light bulb lists the hint's fix and it as one.
  all: { en: (signal: string) => `Add all parameters of ${signal}`, 'zh-cn': (signal: string) => `添加 ${signal} 的全部参数` },
  common: { en: () => 'Add the parameters every connected signal sends', 'zh-cn': () => '添加所有已连接信号都会发送的参数' },
});

/**
 * Keywords the handler does not declare, in the signal's order, leaving `signal` to the catch-all.
 * `*args` declares nothing (Celery passes every keyword by name), a bound `self`/`cls` neither, and a
 * sender that is always None is not worth naming.
 */
export function undeclaredSentKeywords(context: HandlerContext): string[] {
  return once(context, UNDECLARED, findUndeclared);
}

/** The hint and its fix both ask. */
const UNDECLARED = Symbol('undeclared keywords');

function findUndeclared(context: HandlerContext): string[] {
  const { handler, signal } = context;
  const rest = catchAll(handler);
  const boundSelf = (p: HandlerParam, i: number) =>
    i === 0 && (handler.implicitFirstParam !== undefined || (handler.definedIn === 'class' && /^(self|cls)$/.test(p.name)));
  const declared = new Set(handler.params.filter((p, i) => p !== rest && p.kind !== 'var-positional' && !boundSelf(p, i)).map((p) => p.name));
  return [...context.sent.byName.keys()].filter(
    (name) => name !== 'signal' && !declared.has(name) && !(name === 'sender' && signal.sender.kind === 'none'),
  );
}

/** A TypeScript handler whose one plain parameter receives the whole keyword object (`(kw) => ...`). */
export function takesWholeObject(context: HandlerContext): boolean {
  const { handler, text } = context;
  return handler.paramStyle === 'object' && handler.params.length === 1 && handler.params[0].kind === 'object-rest' && text.charAt(handler.paramsSpan.start) !== '{';
}

/** The fix, and whether it declares every keyword of this signal (and so answers its hint). */
export function addAllParamsFix(context: HandlerContext): { fix: Fix; complete: boolean } | undefined {
  const { handler, signal, text, model } = context;
  // The whole object already holds every keyword; a pattern would have to replace the reads of it.
  if (takesWholeObject(context)) return undefined;
  // A catch-all the body reads (`kwargs.get('result')`, `rest.sender`) would lose every keyword
  // declared by name; nothing in the model says which ones it reads, so nothing is declared.
  const rest = catchAll(handler);
  if (rest && (handler.paramReads ?? []).some((r) => r.name === rest.name)) return undefined;
  const connections = connectionsOfHandler(context);
  // A keyword only some connected signals send would be missing from the others' calls.
  const names = undeclaredSentKeywords(context).filter((name) => connections.every((c) => c.sent.byName.has(name)));
  const python = model.language === 'python';
  const needsCatchAll = python && handler.paramStyle === 'keywords' && !rest;
  if (names.length === 0 && !needsCatchAll) return undefined;
  const byName = handler.paramStyle === 'keywords';
  const defaulted = names.map((name) =>
    connections.some((c) => {
      const spec = c.sent.byName.get(name)!;
      // `sender` may be None on some signals, but it is always sent, so it needs no default.
      return byName && (spec.sometimesAbsent || (python && spec.mayBeNone && name !== 'sender'));
    }),
  );
  const assign = python ? '=' : ' = ';
  const declarations = names.map((name, i) => (defaulted[i] ? `${name}${assign}${defaultLiteral(model.language)}` : name));
  const requiredAfterDefault = defaulted.some((d, i) => d && defaulted.slice(i + 1).some((later) => !later));
  // Python forbids a required positional parameter after a defaulted one; keyword-only ones are free.
  if (python && byName && declarations.length && !insertionIsKeywordOnly(handler) && (positionalDefaultsPresent(handler) || requiredAfterDefault)) {
    declarations[0] = `*, ${declarations[0]}`;
  }
  const taken = (n: string) => connections.some((c) => c.sent.byName.has(n)) || handler.params.some((p) => p !== rest && p.name === n);
  const freeCatchAll = catchAllName(taken);
  const edits: TextEdit[] = needsCatchAll ? [appendParams(text, handler, [...declarations, `**${freeCatchAll}`])] : [insertNamedParams(text, handler, declarations)];
  // `**kwargs` next to task_prerun's own `kwargs` keyword: the catch-all moves aside for it.
  if (rest && python && names.includes(rest.name)) edits.push(...renameParam(handler, rest, freeCatchAll));
  // Likewise `*args` next to an `args` keyword; it is always empty, so only its name changes.
  const positionalRest = handler.params.find((p) => p.kind === 'var-positional');
  if (positionalRest && python && names.includes(positionalRest.name)) {
    const free = (n: string) => !taken(n) && n !== freeCatchAll;
    edits.push(...renameParam(handler, positionalRest, ['positional', 'extra_args', 'other_args'].find(free) ?? 'unused_args'));
  }
  const complete = names.length === undeclaredSentKeywords(context).length;
  if (!complete && names.length === 0) return undefined;
  const title = complete ? titles.all(signal.name) : titles.common();
  return { fix: { title: title.en, titles: title, edits }, complete };
}
