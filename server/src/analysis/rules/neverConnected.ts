import { LineIndex } from '../text';
import { connectsAtImport, firstImportFailure } from './support/importTime';
import type { FileRule, RuleFinding } from './support/types';

/**
 * For a connect inside a module-level function (`def connect_signals(): ...`), where the module first
 * calls that function at its top level; undefined when it never does (the call happens elsewhere).
 */
function moduleLevelCallOfEnclosingFunction(text: string, offset: number): number | undefined {
  const before = text.slice(0, offset);
  const def = /^def[ \t]+(\w+)[ \t]*\(/gm;
  let name: string | undefined;
  let defStart = -1;
  for (let match = def.exec(before); match; match = def.exec(before)) {
    name = match[1];
    defStart = match.index;
  }
  if (!name) return undefined;
  // The connect must still be inside that def: no module-level statement between them.
  if (/\n[^\s#]/.test(before.slice(defStart + 1).replace(/\n\)/g, ''))) return undefined;
  const call = new RegExp(`^${name}[ \\t]*\\(`, 'm').exec(text.slice(offset));
  return call ? offset + call.index : undefined;
}

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
      const runsAt = connectsAtImport(text, site) ? site.connection.span.start : moduleLevelCallOfEnclosingFunction(text, site.connection.span.start);
      if (runsAt === undefined || runsAt <= failure.offset) continue;
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
