/** GitHub Actions workflow commands: each finding becomes an annotation on the pull request's diff. */
import type { Severity } from '../analysis/diagnostics';
import { lineIndexOf, type FileFindings } from './report';

const COMMANDS: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

// The runner splits a command at `::` and its properties at `,`, and reads one line per command.
const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function toGithubCommands(results: readonly FileFindings[]): string[] {
  const lines: string[] = [];
  for (const result of results) {
    const { file, findings } = result;
    const index = lineIndexOf(result);
    for (const f of findings) {
      const { start, end } = index.rangeOf(f.span);
      const properties = [`file=${escapeProperty(file)}`, `line=${start.line + 1}`, `col=${start.character + 1}`, `endLine=${end.line + 1}`];
      if (end.line === start.line) properties.push(`endColumn=${end.character + 1}`);
      properties.push(`title=${escapeProperty(`celery-signals ${f.code}`)}`);
      lines.push(`::${COMMANDS[f.severity]} ${properties.join(',')}::${escapeData(f.message)}`);
    }
  }
  return lines;
}
