/** Which receivers Celery loses right after connecting them: weakly held, with nothing else holding them. */
import type { Handler, HandlerSite } from '../../model';
import { optionArguments, quote } from './sites';

export interface WeakLoss {
  /** What is lost, for messages: "this partial", "`alert`, defined inside a function,". */
  what: string;
  inlineFunction: boolean;
}

/** True when the options keep a strong reference (weak=False, or retry=True which forces it). */
export function strongOptions(site: HandlerSite): boolean {
  const options = optionArguments(site);
  const weak = options.find((o) => o.option === 'weak')?.argument;
  const retry = options.find((o) => o.option === 'retry')?.argument;
  if (retry && !(retry.value.kind === 'bool' && !retry.value.value) && retry.value.kind !== 'none') return true;
  return weak !== undefined && !(weak.value.kind === 'bool' && weak.value.value);
}

export function weakLoss(site: HandlerSite, text: string): WeakLoss | undefined {
  if (site.connection.positionalReceiver || strongOptions(site)) return undefined;
  const handler = site.handler;
  if (site.deletedAt) return { what: `${quote(handler?.name ?? 'this receiver')} once \`del\` removes the module's name for it`, inlineFunction: false };
  if (site.receiverKind === 'partial') return { what: 'this partial', inlineFunction: false };
  if (site.receiverKind === 'call') return { what: 'the function this call returns', inlineFunction: false };
  if (site.receiverKind === 'attribute' && site.receiverSpan) {
    // `Reporter().on_success`: the bound method is held weakly and so is its throwaway instance.
    const receiver = text.slice(site.receiverSpan.start, site.receiverSpan.end);
    if (/\)\s*\.\s*\w+$/.test(receiver)) return { what: 'this bound method of a temporary instance', inlineFunction: false };
    if (/^self\s*\.\s*\w+$/.test(receiver) && instancesAreDiscarded(text, site.receiverSpan.start)) {
      return { what: 'this bound method (the module creates the instance and keeps no reference to it)', inlineFunction: false };
    }
  }
  const functionExpression = handler && (handler.kind === 'lambda' || handler.kind === 'arrow' || handler.kind === 'function-expression');
  const inlineFunction = site.receiverKind ? site.receiverKind === 'lambda' : Boolean(functionExpression && !site.receiverSpan);
  if (inlineFunction) return { what: 'this inline function', inlineFunction };
  if (handler?.definedIn === 'function' && !escapesEnclosingFunction(text, handler)) return { what: `${quote(handler.name ?? 'this function')}, defined inside a function,`, inlineFunction };
  return undefined;
}

/**
 * True when the enclosing function hands the nested function on (returns it, stores it, appends it
 * somewhere), so something may keep it alive after all. Reads the lines after the definition that
 * are still inside the enclosing block.
 */
function escapesEnclosingFunction(text: string, handler: Handler): boolean {
  if (!handler.name) return false;
  const lineStart = text.lastIndexOf('\n', handler.definitionSpan.start - 1) + 1;
  const indent = handler.definitionSpan.start - lineStart;
  const rest = text.slice(handler.definitionSpan.end).split('\n');
  const block: string[] = [];
  for (const line of rest.slice(1)) {
    if (line.trim() === '') continue;
    if (line.length - line.trimStart().length < indent) break;
    block.push(line);
  }
  const name = handler.name.replace(/[^\w]/g, '');
  const handedOn = new RegExp(`(\\breturn\\b.*\\b${name}\\b|[=:]\\s*\\[?\\s*${name}\\b|\\.(append|add|extend|register|setdefault)\\(\\s*${name}\\b|\\byield\\b.*\\b${name}\\b)`);
  return block.some((line) => handedOn.test(line.replace(/#.*$/, '')));
}

/**
 * For `connect(self.method)` inside a class: true when the module creates instances of that class
 * only as bare expression statements (`Collector()`), so nothing keeps the instance, nor its method.
 */
function instancesAreDiscarded(text: string, offset: number): boolean {
  const classes = [...text.slice(0, offset).matchAll(/^class[ \t]+(\w+)/gm)];
  const owner = classes[classes.length - 1]?.[1];
  if (!owner) return false;
  const uses = [...text.matchAll(new RegExp(`\\b${owner}\\b`, 'g'))].filter((m) => m.index > 0 && !/class[ \t]+$/.test(text.slice(Math.max(0, m.index - 10), m.index)));
  if (uses.length === 0) return false;
  return uses.every((m) => {
    const lineStart = text.lastIndexOf('\n', m.index - 1) + 1;
    const lineEnd = text.indexOf('\n', m.index);
    const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
    return new RegExp(`^${owner}[ \\t]*\\([^\\n]*\\)[ \\t]*(#.*)?$`).test(line);
  });
}
