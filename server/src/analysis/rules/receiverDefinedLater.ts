import { connectsAtImport } from './support/importTime';
import { quote } from './support/sites';
import type { SiteRule } from './support/types';

export const receiverDefinedLater: SiteRule = {
  code: 'receiver-defined-later',
  defaultSeverity: 'error',
  scope: 'site',
  summary: 'A module-level connect of a function defined further down.',
  rationale: 'Module code runs top to bottom: when the connect line runs, the function below does not exist yet, so the line raises NameError and the import of the module stops there.',
  check({ site, text, model }) {
    const handler = site.handler;
    if (site.connection.style !== 'call' || !handler || !site.receiverSpan) return [];
    if (handler.definedIn !== 'module' || site.receiverKind !== 'reference') return [];
    if (handler.definitionSpan.start < site.connection.span.start || !connectsAtImport(text, site)) return [];
    const name = quote(handler.name ?? 'This function');
    if (model.language === 'python') {
      return [
        {
          span: site.receiverSpan,
          message: `${name} is defined further down, so when this line runs at import time the name does not exist yet: it raises NameError and the module stops loading here. Move the connect below the definition.`,
        },
      ];
    }
    // JavaScript hoists function declarations; a function stored in a const, let or var is not there yet.
    if (handler.kind === 'function') return [];
    return [
      {
        span: site.receiverSpan,
        message: `${name} is assigned further down, so when this line runs at import time it holds no function yet (ReferenceError for const and let, undefined for var) and the module stops loading here. Move the connect below the assignment, or use a function declaration.`,
      },
    ];
  },
};
