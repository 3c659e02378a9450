import type { TextEdit } from '../diagnostics';
import type { FileModel, SignalRef } from '../model';
import { closestName } from './support/didYouMean';
import { missingNameFailure, renameSignalEdits } from './support/signalRefs';
import { quote } from './support/sites';
import type { FileRule, RuleFinding } from './support/types';

export const unknownSignal: FileRule = {
  code: 'unknown-signal',
  defaultSeverity: 'error',
  scope: 'file',
  summary: 'A name taken from a signal module that has no such signal.',
  rationale:
    'Importing or reading a signal the module does not define fails when the module is imported (ImportError or AttributeError), so none of the handlers it would connect ever are.',
  check({ model, catalog, text }) {
    const findings: RuleFinding[] = [];
    // One suggestion and one set of edits per misspelt name, however often it is used.
    const perName = new Map<string, { suggestion?: string; edits: TextEdit[] }>();
    for (const ref of model.signalRefs) {
      if (ref.resolution !== 'unknown') continue;
      // Under `try: ... except ImportError:` the import line says it; uses sit behind the fallback.
      if (onlyImportedGuarded(model, ref) && !guardedImport(model, ref)) continue;
      let known = perName.get(`${ref.source}\u0000${ref.name}`);
      if (!known) {
        const fromModule = catalog.isSignalModule(ref.source) ? catalog.signalsOfModule(ref.source) : catalog.signals;
        const suggested = closestName(ref.name, fromModule.filter((s) => s.access.kind === 'module').map((s) => s.name));
        known = { suggestion: suggested, edits: suggested ? renameSignalEdits(text, model, ref.name, suggested) : [] };
        perName.set(`${ref.source}\u0000${ref.name}`, known);
      }
      const { suggestion, edits } = known;
      findings.push({
        span: ref.nameSpan,
        message: `${ref.source} has no signal named ${quote(ref.name)}: ${guardedImport(model, ref) ? 'this import fails and the `except ImportError` branch runs instead, so nothing is connected to it' : `${missingNameFailure(model, ref)}, and no handler in this module gets connected`}.${suggestion ? ` Did you mean ${quote(suggestion)}?` : ''}`,
        fixes: edits.length > 0 ? [{ title: `Change to ${quote(suggestion!)}`, edits, preferred: true }] : [],
      });
    }
    return findings;
  },
};

/** The reference is an import under `try: ... except ImportError:`, so the module still loads. */
function guardedImport(model: FileModel, ref: SignalRef): boolean {
  return model.imports.some((b) => b.guarded && b.span.start <= ref.nameSpan.start && ref.nameSpan.end <= b.span.end);
}

function onlyImportedGuarded(model: FileModel, ref: SignalRef): boolean {
  const imports = model.imports.filter((b) => b.kind === 'signal' && b.target.endsWith(`.${ref.name}`));
  return imports.length > 0 && imports.every((b) => b.guarded);
}
