/** Turning findings into the CLI's text and JSON output. */
import type { Finding, Severity } from '../analysis/diagnostics';
import type { DocsLanguage } from '../catalog/types';
import { LineIndex, type LineRange } from '../analysis/text';

export interface FileFindings {
  file: string;
  text: string;
  findings: Finding[];
  /** Where the text's lines start, when already known (the project index's). */
  lineStarts?: readonly number[];
}

/** The line index of a result's text, made from the line starts it carries when it has them. */
export function lineIndexOf(result: FileFindings): LineIndex {
  return new LineIndex(result.text, result.lineStarts && [...result.lineStarts]);
}

export interface JsonFinding {
  file: string;
  range: LineRange;
  severity: Severity;
  code: string;
  message: string;
  fixes: { title: string; preferred: boolean; edits: { range: LineRange; newText: string }[] }[];
  related?: { range: LineRange; message: string }[];
  tags?: string[];
}

export function toJson(results: readonly FileFindings[]): JsonFinding[] {
  const out: JsonFinding[] = [];
  for (const result of results) {
    const { file, findings } = result;
    if (findings.length === 0) continue;
    const index = lineIndexOf(result);
    for (const f of findings) {
      const item: JsonFinding = {
        file,
        range: index.rangeOf(f.span),
        severity: f.severity,
        code: f.code,
        message: f.message,
        fixes: f.fixes.map((fix) => ({
          title: fix.title,
          preferred: fix.preferred ?? false,
          edits: fix.edits.map((e) => ({ range: index.rangeOf(e.span), newText: e.newText })),
        })),
      };
      if (f.related?.length) item.related = f.related.map((r) => ({ range: index.rangeOf(r.span), message: r.message }));
      if (f.tags?.length) item.tags = [...f.tags];
      out.push(item);
    }
  }
  return out;
}

/** `path:line:col: severity code message`, one-based for people and compilers' conventions. */
export function toTextLines(results: readonly FileFindings[]): string[] {
  const lines: string[] = [];
  for (const result of results) {
    const { file, findings } = result;
    if (findings.length === 0) continue;
    const index = lineIndexOf(result);
    for (const f of findings) {
      const { line, character } = index.positionAt(f.span.start);
      lines.push(`${file}:${line + 1}:${character + 1}: ${f.severity} ${f.code} ${f.message}`);
    }
  }
  return lines;
}

const LABELS: [Severity, string, string][] = [
  ['error', 'error', 'errors'],
  ['warning', 'warning', 'warnings'],
  ['information', 'info', 'infos'],
  ['hint', 'hint', 'hints'],
];
const LABELS_ZH: Record<Severity, string> = { error: '错误', warning: '警告', information: '信息', hint: '提示' };

/** What a run looked at, besides the findings: the summary line reports it. */
export interface RunCounts {
  skipped: number;
  /** `.d.ts` files a folder walk left out. */
  declarationFiles?: number;
  /** Paths given on the command line that could not be checked at all. */
  pathProblems?: number;
}

/** The last line of a text report. It never says "No problems found" for a run that missed something. */
export function summaryLine(results: readonly FileFindings[], run: RunCounts, language: DocsLanguage = 'en'): string {
  const { skipped, declarationFiles = 0, pathProblems = 0 } = run;
  const zh = language === 'zh-cn';
  if (results.length === 0) {
    const why = zh
      ? [skipped ? `跳过 ${skipped} 个文件` : '', pathProblems ? `${pathProblems} 个路径无法检查` : ''].filter(Boolean)
      : [skipped ? `${skipped} file${skipped === 1 ? '' : 's'} skipped` : '', pathProblems ? `${pathProblems} path${pathProblems === 1 ? '' : 's'} could not be checked` : ''].filter(Boolean);
    if (zh) return `没有检查任何文件${why.length ? `（${why.join('，')}）` : '：没有找到 Python、TypeScript 或 JavaScript 文件'}。`;
    return `Nothing was checked${why.length ? ` (${why.join(', ')})` : ': no Python, TypeScript or JavaScript file was found'}.`;
  }
  const counts = new Map<Severity, number>();
  for (const r of results) for (const f of r.findings) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const withProblems = results.filter((r) => r.findings.length > 0).length;
  const checked = results.length;
  if (zh) {
    const declarationsZh = declarationFiles ? `，未检查 ${declarationFiles} 个声明文件（.d.ts）` : '';
    const filesWord = `检查了 ${checked} 个文件${skipped ? `，跳过 ${skipped} 个` : ''}${declarationsZh}`;
    const incomplete = pathProblems ? `不完整：${pathProblems} 个路径无法检查。` : '';
    if (total === 0) return `${pathProblems ? '已检查的文件中' : ''}未发现问题（${filesWord}）。${incomplete}`;
    const parts = LABELS.filter(([s]) => counts.get(s)).map(([s]) => `${counts.get(s)} 个${LABELS_ZH[s]}`);
    return `共 ${total} 个问题（${parts.join('、')}），分布在 ${withProblems} 个文件中（${filesWord}）。${incomplete}`;
  }
  const declarations = declarationFiles ? `, ${declarationFiles} declaration file${declarationFiles === 1 ? '' : 's'} (.d.ts) left out` : '';
  const filesWord = `${checked} file${checked === 1 ? '' : 's'} checked${skipped ? `, ${skipped} skipped` : ''}${declarations}`;
  const incomplete = pathProblems ? ` Incomplete: ${pathProblems} path${pathProblems === 1 ? '' : 's'} could not be checked.` : '';
  if (total === 0) return `No problems found${pathProblems ? ' in the files checked' : ''} (${filesWord}).${incomplete}`;
  const parts = LABELS.filter(([s]) => counts.get(s)).map(([s, one, many]) => `${counts.get(s)} ${counts.get(s) === 1 ? one : many}`);
  return `${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')}) in ${withProblems} file${withProblems === 1 ? '' : 's'} (${filesWord}).${incomplete}`;
}
