/** Which receivers Celery loses right after connecting them: weakly held, with nothing else holding them. */
import type { HandlerSite, LocalLifetime } from '../../model';
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

export function weakLoss(site: HandlerSite): WeakLoss | undefined {
  if (site.connection.positionalReceiver || strongOptions(site)) return undefined;
  const handler = site.handler;
  if (site.deletedAt) return { what: `${quote(handler?.name ?? 'this receiver')} once \`del\` removes the module's name for it`, inlineFunction: false };
  if (site.receiverKind === 'partial') return { what: 'this partial', inlineFunction: false };
  if (site.receiverKind === 'call') return { what: 'the function this call returns', inlineFunction: false };
  if (site.receiverKind === 'attribute') {
    // `Reporter().on_success`: the bound method is held weakly and so is its throwaway instance.
    if (site.instanceLifetime === 'temporary') return { what: 'this bound method of a temporary instance', inlineFunction: false };
    if (site.instanceLifetime === 'discarded') {
      return { what: 'this bound method (the module creates the instance and keeps no reference to it)', inlineFunction: false };
    }
  }
  const functionExpression = handler && (handler.kind === 'lambda' || handler.kind === 'arrow' || handler.kind === 'function-expression');
  const inlineFunction = site.receiverKind ? site.receiverKind === 'lambda' : Boolean(functionExpression && !site.receiverSpan);
  if (inlineFunction) return { what: 'this inline function', inlineFunction };
  if (handler?.definedIn === 'function' && !keptByDefiningFunction(site.localLifetime)) {
    return { what: `${quote(handler.name ?? 'this function')}, defined inside a function,`, inlineFunction };
  }
  return undefined;
}

/** Calls that cannot send a Celery signal: printing, logging, conversions and type tests. */
const INERT_CALL = /^(print|len|repr|str|int|float|bool|dict|list|set|tuple|type|isinstance|issubclass|super|(_?log|_?logger|logging|LOG|LOGGER)(\.\w+)*)$/;

/**
 * A nested function's local name keeps it alive for as long as the function that defines it runs.
 * True when that function hands it on, or goes on, after connecting it, to do something that may send
 * the signal (any call but printing and logging, as Celery's own tests connect a handler and then
 * call apply_async() or get() in the same function) or suspends with `yield` (a pytest fixture).
 */
function keptByDefiningFunction(lifetime: LocalLifetime | undefined): boolean {
  if (!lifetime) return false;
  const after = lifetime.afterConnect;
  return lifetime.handedOn || (after !== undefined && (after.yields || after.calls.some((call) => !INERT_CALL.test(call))));
}
