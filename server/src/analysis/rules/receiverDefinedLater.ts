import type { Span } from '../model';
import { connectsAtImport } from './support/importTime';
import { quote } from './support/sites';
import type { SiteContext, SiteRule } from './support/types';

export interface UsedTooEarly {
  name: string;
  span: Span;
  role: 'receiver' | 'sender';
}

/** A name a module-level connect needs at import time that the module only defines further down. */
export function usedBeforeDefinition(context: SiteContext): UsedTooEarly | undefined {
  const { site, text, model } = context;
  // The front end knows Python's scopes: names it marks unbound raise NameError wherever the connect runs.
  if (site.receiverUnbound && site.receiverSpan) return { name: site.receiverWritten ?? 'the receiver', span: site.receiverSpan, role: 'receiver' };
  const unbound = site.connection.arguments.find((a) => a.value.kind === 'name' && a.value.unbound);
  if (unbound?.value.kind === 'name') return { name: unbound.value.name, span: unbound.valueSpan, role: unbound.keyword === 'sender' ? 'sender' : 'receiver' };
  if (!connectsAtImport(text, site)) return undefined;
  const handler = site.handler;
  if (site.connection.style === 'call' && site.receiverKind === 'reference' && site.receiverSpan && handler?.definedIn === 'module') {
    // JavaScript hoists function declarations; a function stored in a const, let or var is not there yet.
    const hoisted = model.language !== 'python' && handler.kind === 'function';
    if (!hoisted && handler.definitionSpan.start > site.connection.span.start) return { name: handler.name ?? 'the receiver', span: site.receiverSpan, role: 'receiver' };
  }
  return undefined;
}

export const receiverDefinedLater: SiteRule = {
  code: 'receiver-defined-later',
  defaultSeverity: 'error',
  scope: 'site',
  summary: 'A module-level connect that names a receiver (or sender) defined further down.',
  rationale:
    'Module code runs top to bottom: when the connect line runs, a function or task defined below it does not exist yet, so the line raises NameError and the import of the module stops there.',
  check(context) {
    const later = usedBeforeDefinition(context);
    if (!later) return [];
    const name = quote(later.name);
    if (context.model.language !== 'python') {
      return [
        {
          span: later.span,
          message: `${name} is assigned further down, so when this line runs at import time it holds no function yet (ReferenceError for const and let, undefined for var) and the module stops loading here. Move the connect below the assignment, or use a function declaration.`,
        },
      ];
    }
    const what = later.role === 'sender' ? 'sender filter' : 'connect';
    return [
      {
        span: later.span,
        message: `${name} is defined further down, so when this ${what} runs at import time the name does not exist yet: it raises NameError and the module stops loading here. Move the ${later.role === 'sender' ? 'handler' : 'connect'} below the definition.`,
      },
    ];
  },
};
