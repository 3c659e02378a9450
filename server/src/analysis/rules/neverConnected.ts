import { LineIndex } from '../text';
import { connectsAtImport, firstImportFailure } from './support/importTime';
import type { FileRule, RuleFinding } from './support/types';

export const neverConnected: FileRule = {
  code: 'never-connected',
  defaultSeverity: 'warning',
  scope: 'file',
  summary: 'A connect that never runs because importing the module fails earlier.',
  rationale:
    'A module-level connect runs while the module is imported. When an earlier line of the module raises (a receiver refused for lacking **kwargs, an unknown connect option, a signal that cannot be imported), the import stops there and the handlers below it are never connected, however correct they are.',
  check(context) {
    const failure = firstImportFailure(context);
    if (!failure) return [];
    const { model, text } = context;
    const line = new LineIndex(text).positionAt(failure.offset).line + 1;
    const findings: RuleFinding[] = [];
    for (const site of model.sites) {
      if (site.connection.span.start <= failure.offset || !connectsAtImport(text, site)) continue;
      // A site whose own signal cannot be imported already carries that finding.
      if (failure.importedName !== undefined && site.connection.signal.name === failure.importedName) continue;
      findings.push({
        span: site.connection.style === 'call' ? (site.receiverSpan ?? site.connection.signal.nameSpan) : site.connection.signal.nameSpan,
        message: `This handler is never connected: importing the module already fails at line ${line} (${failure.reason}), before this line runs.`,
        related: [{ span: failure.span, message: 'the import stops here' }],
      });
    }
    return findings;
  },
};
