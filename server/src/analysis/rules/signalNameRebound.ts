import { LineIndex } from '../text';
import { quote } from './support/sites';
import type { FileRule } from './support/types';

export const signalNameRebound: FileRule = {
  code: 'signal-name-rebound',
  defaultSeverity: 'error',
  scope: 'file',
  summary: '`.connect` on a name the module rebound from its signal to something else.',
  rationale:
    'A handler defined with the same name as its signal (`@task_success.connect` over `def task_success(...)`) replaces the module\'s name for the signal with the function. A later `task_success.connect` then looks up `connect` on a function and raises AttributeError while the module is imported, so the import stops and nothing below it is connected.',
  check({ model, text }) {
    const uses = model.reboundSignalUses ?? [];
    if (uses.length === 0) return [];
    const lines = new LineIndex(text);
    return uses.map((use) => ({
      span: use.span,
      message: `${quote(use.name)} is no longer the ${use.signal} signal here: the definition at line ${lines.positionAt(use.reboundAt.start).line + 1} rebound the name, so \`.connect\` raises AttributeError when the module is imported and nothing after it is connected. Rename that function.`,
      related: [{ span: use.reboundAt, message: `rebinds ${quote(use.name)}` }],
    }));
  },
};
