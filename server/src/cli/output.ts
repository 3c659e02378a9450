/** Prints the findings in the chosen format. */
import packageJson from '../../../package.json';
import { rules, INTERNAL_ERROR_CODE } from '../analysis/rules/index';
import { localizeFinding } from '../analysis/diagnostics';
import type { DocsLanguage } from '../catalog/types';
import type { OutputFormat } from './args';
import { toGithubCommands } from './github';
import { summaryLine, toJson, toTextLines, type FileFindings, type RunCounts } from './report';
import { toSarif } from './sarif';

const internalErrorRule = {
  code: INTERNAL_ERROR_CODE,
  defaultSeverity: 'warning' as const,
  docs: {
    summary: { en: 'celery-signals could not analyse a file.', 'zh-cn': 'celery-signals 无法分析某个文件。' },
    rationale: 'The file was not checked because the analysis failed; please report it with the file that caused it.',
  },
};

/** `results` in the chosen language: messages, fix titles and the summary. */
export function formatReport(format: OutputFormat, original: readonly FileFindings[], run: RunCounts, cwd: string, language: DocsLanguage): string {
  const results = original.map((r) => ({ ...r, findings: r.findings.map((f) => localizeFinding(f, language)) }));
  switch (format) {
    case 'json':
      return `${JSON.stringify(toJson(results), null, 2)}\n`;
    case 'sarif':
      return `${JSON.stringify(toSarif(results, { version: packageJson.version, homepage: packageJson.homepage, rules: [...rules, internalErrorRule], cwd }), null, 2)}\n`;
    case 'github': {
      const lines = toGithubCommands(results);
      return `${lines.map((l) => `${l}\n`).join('')}${summaryLine(results, run, language)}\n`;
    }
    case 'text': {
      const lines = toTextLines(results);
      return `${lines.length > 0 ? `${lines.join('\n')}\n\n` : ''}${summaryLine(results, run, language)}\n`;
    }
  }
}
