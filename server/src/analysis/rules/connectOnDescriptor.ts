import { descriptorBelow, quote } from './support/sites';
import type { SiteRule } from './support/types';
import { strongOptions } from './support/weakReferences';

export const connectOnDescriptor: SiteRule = {
  code: 'connect-on-descriptor',
  defaultSeverity: 'error',
  docs: {
    summary: { en: '`@signal.connect` sits above `@staticmethod` or `@classmethod`, so it connects the descriptor object instead of the function.', 'zh-cn': '`@signal.connect` 写在 `@staticmethod` 或 `@classmethod` 之上，连接的是描述符对象而不是函数。' },
    rationale:
      'Decorators are applied bottom-up, so `connect()` receives the staticmethod or classmethod object rather than a function. The dispatcher cannot take a weak reference to a staticmethod object, so connect refuses it unless `weak=False`; a classmethod object cannot be called, so every dispatch fails.',
    fix: 'Connect a module-level function, or connect the method once the class has been built.',
  },
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
    const moved = `${below.indent}@${kind}\n`;
    return [
      {
        span: site.connection.signal.nameSpan,
        message: `This connect receives the ${kind} object wrapped around ${quote(handler.name ?? 'the function')}, not the function: ${outcome}. Put @${kind} above @${site.connection.signal.name}.connect.`,
        fixes: [
          {
            title: `Put @${kind} above the connect decorator`,
            edits: [
              { span: { start: below.line.start, end: below.line.end + 1 }, newText: '' },
              { span: { start: connectLineStart, end: connectLineStart }, newText: moved },
            ],
            preferred: true,
          },
        ],
      },
    ];
  },
};
