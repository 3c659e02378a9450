import type { Fix } from '../diagnostics';
import { addObjectOption, addOption } from './support/connectEdits';
import { handlerAnchor, optionArguments } from './support/sites';
import type { SiteRule } from './support/types';
import { atLeast, RELEASES } from './support/versions';
import { weakLoss } from './support/weakReferences';

export const weakLocalReceiver: SiteRule = {
  code: 'weak-local-receiver',
  defaultSeverity: 'warning',
  scope: 'site',
  summary: 'A lambda, nested function, inline partial or temporary bound method connected with a weak reference.',
  rationale:
    'connect() keeps only a weak reference to the receiver unless weak=False (or retry=True) is given. A lambda, a function defined inside another function, a partial built inline or a method of a throwaway instance has no other reference, so it is garbage-collected and never called.',
  check(context) {
    const { site, text, model, celeryVersion } = context;
    const loss = weakLoss(site, text);
    if (!loss) return [];
    const handler = site.handler;
    const weak = optionArguments(site).find((o) => o.option === 'weak')?.argument;
    const span = loss.inlineFunction && handler ? handlerAnchor(text, handler) : (site.receiverSpan ?? (handler ? handlerAnchor(text, handler) : site.connection.span));
    const python = model.language === 'python';
    const suggestion = python ? 'weak=False' : '{ weak: false }';
    const edit = weak
      ? { span: weak.valueSpan, newText: python ? 'False' : 'false' }
      : python
        ? addOption(text, site.connection, 'weak=False')
        : addObjectOption(text, site.connection, 'weak: false');
    const fixes: Fix[] = [{ title: `Connect with ${suggestion}`, edits: [edit], preferred: true }];
    // Kept alive, a bound method is keyed by its function: the same method of the next instance would
    // be ignored (same-method-twice). A dispatch_uid per instance keeps each one.
    const boundMethod = python && site.receiverKind === 'attribute' && atLeast(celeryVersion, RELEASES.retryOption);
    const receiver = site.receiverSpan ? text.slice(site.receiverSpan.start, site.receiverSpan.end) : '';
    if (boundMethod && !weak && /^self\s*\./.test(receiver) && !optionArguments(site).some((o) => o.option === 'dispatch_uid')) {
      fixes.push({ title: 'Connect with weak=False and dispatch_uid=id(self)', edits: [addOption(text, site.connection, 'weak=False, dispatch_uid=id(self)')] });
    }
    const sameMethodNote = boundMethod
      ? ' Once it is kept, connecting the same method of another instance to this signal is ignored, as Celery keys bound methods by their function: give each instance its own dispatch_uid.'
      : '';
    return [
      {
        span,
        message: `${site.connection.signal.name}.connect keeps only a weak reference to its receivers, and nothing else keeps ${loss.what} alive: it is garbage-collected and never called. Pass ${suggestion}.${sameMethodNote}`,
        fixes,
      },
    ];
  },
};
