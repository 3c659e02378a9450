import { addOption } from './support/connectEdits';
import { handlerAnchor, optionArguments, quote } from './support/sites';
import type { SiteRule } from './support/types';

export const weakLocalReceiver: SiteRule = {
  code: 'weak-local-receiver',
  defaultSeverity: 'warning',
  scope: 'site',
  summary: 'A lambda, nested function or inline partial connected with a weak reference.',
  rationale:
    'connect() keeps only a weak reference to the receiver unless weak=False (or retry=True) is given. A lambda, a function defined inside another function or a partial built inline has no other reference, so it is garbage-collected and never called.',
  check(context) {
    const { site, text, model } = context;
    const handler = site.handler;
    const inlinePartial = site.receiverKind === 'partial';
    const factoryResult = site.receiverKind === 'call';
    const functionExpression = handler && (handler.kind === 'lambda' || handler.kind === 'arrow' || handler.kind === 'function-expression');
    const inlineFunction = site.receiverKind ? site.receiverKind === 'lambda' : functionExpression && !site.receiverSpan;
    const local = inlineFunction || handler?.definedIn === 'function';
    if (!local && !inlinePartial && !factoryResult) return [];
    if (site.connection.positionalReceiver) return [];
    const options = optionArguments(site);
    const weak = options.find((o) => o.option === 'weak')?.argument;
    const retry = options.find((o) => o.option === 'retry')?.argument;
    if (retry && !(retry.value.kind === 'bool' && !retry.value.value) && retry.value.kind !== 'none') return [];
    if (weak && !(weak.value.kind === 'bool' && weak.value.value)) return [];
    const what = inlinePartial ? 'this partial' : factoryResult ? 'the function this call returns' : inlineFunction ? 'this inline function' : `${quote(handler?.name ?? 'this function')}, defined inside a function,`;
    const span = inlineFunction && handler ? handlerAnchor(text, handler) : (site.receiverSpan ?? (handler ? handlerAnchor(text, handler) : site.connection.span));
    const edit = weak ? { span: weak.valueSpan, newText: model.language === 'python' ? 'False' : 'false' } : addOption(text, site.connection, 'weak=False');
    return [
      {
        span,
        message: `${site.connection.signal.name}.connect keeps only a weak reference to its receivers, and nothing else keeps ${what} alive: it is garbage-collected and never called. Pass weak=False.`,
        fixes: model.language === 'python' || weak ? [{ title: 'Connect with weak=False', edits: [edit], preferred: true }] : [],
      },
    ];
  },
};
