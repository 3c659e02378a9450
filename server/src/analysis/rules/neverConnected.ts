import { LineIndex } from '../text';
import { connectsAtImport, firstImportFailure } from './support/importTime';
import type { FileRule, RuleFinding } from './support/types';

/** Module-level structure read once per check: defs, statement starts and calls by name. */
class ModuleOutline {
  private readonly defs: { name: string; start: number }[] = [];
  private readonly statementStarts: number[] = [];
  private readonly calls = new Map<string, number[]>();

  constructor(text: string) {
    for (const m of text.matchAll(/^def[ \t]+(\w+)[ \t]*\(/gm)) this.defs.push({ name: m[1], start: m.index });
    for (const m of text.matchAll(/^[^\s#)\]}]/gm)) this.statementStarts.push(m.index);
    for (const m of text.matchAll(/^(\w+)[ \t]*\(/gm)) {
      const list = this.calls.get(m[1]) ?? [];
      list.push(m.index);
      this.calls.set(m[1], list);
    }
  }

  /**
   * For a connect inside a module-level function (`def connect_signals(): ...`), where the module
   * first calls that function at its top level after `offset`; undefined when it does not.
   */
  callOfEnclosingFunction(offset: number): number | undefined {
    const def = lastBefore(this.defs, offset, (d) => d.start);
    if (!def) return undefined;
    // Still inside that def: no module-level statement starts between the def line and the connect.
    const statement = lastBefore(this.statementStarts, offset, (s) => s);
    if (statement !== undefined && statement > def.start) return undefined;
    return this.calls.get(def.name)?.find((call) => call > offset);
  }
}

function lastBefore<T>(sorted: T[], offset: number, key: (item: T) => number): T | undefined {
  let low = 0;
  let high = sorted.length - 1;
  let found: T | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (key(sorted[mid]) < offset) {
      found = sorted[mid];
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
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
    let outline: ModuleOutline | undefined;
    for (const site of model.sites) {
      const runsAt = connectsAtImport(text, site)
        ? site.connection.span.start
        : model.language === 'python'
          ? site.importCallAt
          : (outline ??= new ModuleOutline(text)).callOfEnclosingFunction(site.connection.span.start);
      if (runsAt === undefined || runsAt <= failure.offset) continue;
      // A site whose own signal cannot be imported already carries that finding.
      if (failure.importedName !== undefined && site.connection.signal.name === failure.importedName) continue;
      findings.push({
        span: site.connection.style === 'call' ? (site.receiverSpan ?? site.connection.signal.nameSpan) : site.connection.signal.nameSpan,
        message: `This ${site.connection.signal.name} handler is never connected: importing the module already fails at line ${line} (${failure.reason}), before this line runs.`,
        related: [{ span: failure.span, message: 'the import stops here' }],
      });
    }
    return findings;
  },
};
