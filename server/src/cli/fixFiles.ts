/** `--fix` over the checked files: writes (or, with --dry-run, diffs) each file a fix changed. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../analysis/diagnostics';
import { unifiedDiff } from './diff';
import { fixText } from './fix';
import type { FileFindings } from './report';

export interface FixRun {
  dryRun: boolean;
  cwd: string;
  check(file: string, text: string): Promise<Finding[]>;
  /** Where "what changed" lines go: stdout for people, stderr when stdout carries JSON or SARIF. */
  log(line: string): void;
  diff(text: string): void;
}

function describe(codes: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const code of codes) counts.set(code, (counts.get(code) ?? 0) + 1);
  return [...counts].map(([code, n]) => (n > 1 ? `${code} ×${n}` : code)).join(', ');
}

/** Updates `results` in place to what is left after fixing; returns how many fixes were applied. */
export async function fixFiles(results: FileFindings[], run: FixRun): Promise<number> {
  let applied = 0;
  for (const result of results) {
    const fixed = await fixText(result.text, result.findings, (text) => run.check(result.file, text));
    if (fixed.withheld) run.log(`${result.file}: left unchanged by a fix that would not have helped: ${fixed.withheld}`);
    if (fixed.text === result.text) continue;
    const verb = run.dryRun ? 'would fix' : 'fixed';
    if (run.dryRun) {
      run.diff(unifiedDiff(result.file, result.text, fixed.text));
    } else {
      try {
        fs.writeFileSync(path.resolve(run.cwd, result.file), fixed.text);
      } catch (e) {
        run.log(`${result.file}: could not write the fixes (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
        continue;
      }
    }
    run.log(`${result.file}: ${verb} ${fixed.fixedCodes.length} problem${fixed.fixedCodes.length === 1 ? '' : 's'} (${describe(fixed.fixedCodes)})`);
    applied += fixed.fixedCodes.length;
    Object.assign(result, { text: fixed.text, findings: fixed.findings });
  }
  return applied;
}
