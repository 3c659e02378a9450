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
    const below = descriptorBelow(site);
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
    // The fix moves the decorator's whole line above the connect line, keeping its indentation.
    const connectLineStart = text.lastIndexOf('\n', site.connection.span.start) + 1;
    const lineStart = text.lastIndexOf('\n', below.decorator.start - 1) + 1;
    const lineEnd = text.indexOf('\n', below.decorator.end);
    const moved = `${text.slice(lineStart, below.decorator.start)}@${kind}\n`;
    return [
      {
        span: site.connection.signal.nameSpan,
        message: `This connect receives the ${kind} object wrapped around ${quote(handler.name ?? 'the function')}, not the function: ${outcome}. Put @${kind} above @${site.connection.signal.name}.connect.`,
        fixes: [
          {
            title: `Put @${kind} above the connect decorator`,
            edits: [
              { span: { start: lineStart, end: lineEnd < 0 ? text.length : lineEnd + 1 }, newText: '' },
              { span: { start: connectLineStart, end: connectLineStart }, newText: moved },
            ],
            preferred: true,
          },
        ],
      },
    ];
  },
};
