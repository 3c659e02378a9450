/** `--fix` over the checked files: writes (or, with --dry-run, diffs) each file a fix changed. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CheckOptions } from '../analysis/analyze';
import { fixAll } from '../analysis/fixAll';
import type { Catalog } from '../catalog/catalog';
import type { Grammar } from '../parsing/treeSitter';
import { messageTable } from '../analysis/rules/support/messages';
import type { DocsLanguage } from '../catalog/types';
import { unifiedDiff } from './diff';
import type { FileFindings } from './report';

export interface FixRun {
  dryRun: boolean;
  cwd: string;
  catalog: Catalog;
  /** Options for one file, as `FileFindings.file` names it (the Celery release may differ per project). */
  optionsOf(file: string): CheckOptions;
  grammarOf(file: string): Grammar;
  /** Where "what changed" lines go: stdout for people, stderr when stdout carries JSON or SARIF. */
  log(line: string): void;
  diff(text: string): void;
  language: DocsLanguage;
}

const say = messageTable('cli --fix', {
  notWritten: {
    en: (file: string, reason: string) => `${file}: could not write the fixes (${reason})`,
    'zh-cn': (file: string, reason: string) => `${file}：无法写入修复（${reason}）`,
  },
  fixed: {
    en: (file: string, count: number, codes: string) => `${file}: fixed ${count} problem${count === 1 ? '' : 's'} (${codes})`,
    'zh-cn': (file: string, count: number, codes: string) => `${file}：已修复 ${count} 个问题（${codes}）`,
  },
  wouldFix: {
    en: (file: string, count: number, codes: string) => `${file}: would fix ${count} problem${count === 1 ? '' : 's'} (${codes})`,
    'zh-cn': (file: string, count: number, codes: string) => `${file}：将修复 ${count} 个问题（${codes}）`,
  },
});

function describe(codes: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const code of codes) counts.set(code, (counts.get(code) ?? 0) + 1);
  return [...counts].map(([code, n]) => (n > 1 ? `${code} ×${n}` : code)).join(', ');
}

/** Updates `results` in place to what is left after fixing; returns how many fixes were applied. */
export async function fixFiles(results: FileFindings[], run: FixRun): Promise<number> {
  let applied = 0;
  for (const result of results) {
    // A file with nothing to fix is not analysed again.
    if (!result.findings.some((f) => f.fixes.some((x) => x.preferred))) continue;
    const fixed = await fixAll(result.text, run.grammarOf(result.file), run.catalog, run.optionsOf(result.file));
    if (fixed.text === result.text) continue;
    const fixedCodes = fixed.fixed.map((f) => f.code);
    if (run.dryRun) {
      run.diff(unifiedDiff(result.file, result.text, fixed.text));
    } else {
      try {
        fs.writeFileSync(path.resolve(run.cwd, result.file), fixed.text);
      } catch (e) {
        run.log(say.notWritten(result.file, (e as NodeJS.ErrnoException).code ?? String(e))[run.language]);
        continue;
      }
    }
    run.log((run.dryRun ? say.wouldFix : say.fixed)(result.file, fixedCodes.length, describe(fixedCodes))[run.language]);
    applied += fixedCodes.length;
    Object.assign(result, { text: fixed.text, findings: fixed.findings, lineStarts: undefined });
  }
  return applied;
}
