import type { Fix, TextEdit } from '../diagnostics';
import type { Handler } from '../model';
import { descriptorBelow, quote } from './support/sites';
import type { SiteRule } from './support/types';
import { strongOptions } from './support/weakReferences';

export const connectOnDescriptor: SiteRule = {
  code: 'connect-on-descriptor',
  defaultSeverity: 'error',
  scope: 'site',
  summary: '`@signal.connect` placed above `@staticmethod` or `@classmethod`.',
  rationale:
    'Decorators apply bottom-up, so connect() receives the staticmethod or classmethod object, not the function. A staticmethod object cannot be weakly referenced (TypeError at connect unless weak=False); a classmethod object is not callable (every dispatch fails, or connect asserts with weak=False).',
  check({ site, text, model }) {
    const handler = site.handler;
    if (model.language !== 'python' || !handler) return [];
    const below = descriptorBelow(text, site);
    if (!below) return [];
    const kind = below.kind;
    const strong = strongOptions(site);
    const outcome =
      kind === 'staticmethod'
        ? strong
          ? undefined
          : 'a staticmethod object cannot be weakly referenced, so connect raises TypeError while the class body runs and the module stops loading'
        : strong
          ? 'a classmethod object is not callable, so connect fails its "receivers must be callable" assertion while the class body runs'
          : 'a classmethod object is not callable, so every dispatch raises TypeError, which Celery logs and swallows';
    if (!outcome) return [];
    const connectLineStart = text.lastIndexOf('\n', site.connection.span.start) + 1;
    const removeDescriptorLine = { span: { start: below.line.start, end: below.line.end + 1 }, newText: '' };
    const fix =
      kind === 'staticmethod'
        ? {
            title: `Put @${kind} above the connect decorator`,
            edits: [removeDescriptorLine, { span: { start: connectLineStart, end: connectLineStart }, newText: `${below.indent}@${kind}\n` }],
            preferred: true,
          }
        : dropClassmethodFix(handler, removeDescriptorLine);
    return [
      {
        span: site.connection.signal.nameSpan,
        message: `This connect receives the ${kind} object wrapped around ${quote(handler.name ?? 'the function')}, not the function: ${outcome}. Put @${kind} above @${site.connection.signal.name}.connect.`,
        fixes: fix ? [fix] : [],
      },
    ];
  },
};

/**
 * Above @classmethod there is no reordering that works: connected from the class body the function
 * is plain and nothing fills `cls`. When the body never uses `cls`, dropping both is the repair.
 */
function dropClassmethodFix(handler: Handler, removeDescriptorLine: TextEdit): Fix | undefined {
  const [cls, next] = handler.params;
  if (!cls || !next || cls.kind !== 'positional' || (handler.paramReads ?? []).some((r) => r.name === cls.name)) return undefined;
  return {
    title: `Remove @classmethod and ${quote(cls.name)}`,
    edits: [removeDescriptorLine, { span: { start: cls.span.start, end: next.span.start }, newText: '' }],
  };
}
