/**
 * Annotated fixture files: real source with expected diagnostics written as caret comments under the
 * line they point at, split into cases by `### name` comment lines.
 *
 *     @task_prerun.connect(sender="proj.tasks.add")
 *     #                           ^^^^^^^^^^^^^^^^ warning[sender-kind-mismatch]: never called
 *
 * An annotation line holds only the comment token, spaces, one run of carets and `severity[code]`
 * (optionally `: message fragment`). It annotates the nearest non-annotation line above it and is
 * removed before analysis. `### name [hints]` opts a case into hint diagnostics, and
 * `### name [celery=4.0.0]` checks it against that Celery release instead of the latest, and
 * `### name [hangs]` marks a module real Celery never finishes loading (the runtime suite expects that).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding, Severity } from '../../server/src/analysis/diagnostics';
import { LineIndex } from '../../server/src/analysis/text';

export interface ExpectedFinding {
  code: string;
  severity: Severity;
  /** Zero-based line in the case's cleaned text, and UTF-16 columns [start, end). */
  line: number;
  start: number;
  end: number;
  messageFragment?: string;
  /** One-based line of the annotation in the fixture file, for failure messages. */
  fileLine: number;
}

export interface FixtureCase {
  name: string;
  /** The case's source with annotation lines removed. */
  text: string;
  expected: ExpectedFinding[];
  includeHints: boolean;
  /** The Celery release to check against, when the case names one. */
  celeryVersion?: string;
  /** `[hangs]`: real Celery never finishes this module (a deadlock), so the runtime harness times out on it. */
  hangs: boolean;
  /** One-based line in the fixture file where the case's text starts. */
  fileLine: number;
}

const SEVERITIES = 'error|warning|information|hint';

export function commentTokenFor(fileName: string): string {
  return /\.pyi?$/.test(fileName) ? '#' : '//';
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function parseFixture(source: string, commentToken: string): FixtureCase[] {
  const token = escapeRegExp(commentToken);
  const annotation = new RegExp(`^\\s*${token}( *)(\\^+) *(${SEVERITIES})\\[([\\w.-]+)\\](?::\\s*(.*?))?\\s*$`);
  const header = new RegExp(`^\\s*${token}\\s*###\\s*(.*?)\\s*((?:\\[[\\w.=-]+\\]\\s*)*)$`);
  const lines = source.split('\n');
  const cases: FixtureCase[] = [];
  type Open = { name: string; tags: string; fileLine: number; kept: string[]; expected: ExpectedFinding[] };
  let current: Open | undefined;
  const finish = () => {
    if (!current) return;
    const text = current.kept.join('\n');
    if (current.expected.length > 0 || text.trim().length > 0) {
      const version = /\[celery=([\d.]+)\]/.exec(current.tags)?.[1];
      cases.push({
        name: current.name,
        text,
        expected: current.expected,
        includeHints: current.tags.includes('[hints]'),
        celeryVersion: version,
        hangs: current.tags.includes('[hangs]'),
        fileLine: current.fileLine,
      });
    }
  };
  const start = (name: string, tags: string, fileLine: number) => {
    finish();
    current = { name, tags, fileLine, kept: [], expected: [] };
  };
  lines.forEach((line, index) => {
    const headerMatch = header.exec(line);
    if (headerMatch) {
      start(headerMatch[1], headerMatch[2] ?? '', index + 1);
      current!.kept.push(line);
      return;
    }
    if (!current) start('(whole file)', '', index + 1);
    const match = annotation.exec(line);
    if (!match) {
      current!.kept.push(line);
      return;
    }
    const caretColumn = line.indexOf('^');
    const target = current!.kept.length - 1;
    if (target < 0) throw new Error(`fixture line ${index + 1}: an annotation needs a line above it in its case`);
    current!.expected.push({
      severity: match[3] as Severity,
      code: match[4],
      line: target,
      start: caretColumn,
      end: caretColumn + match[2].length,
      messageFragment: match[5] || undefined,
      fileLine: index + 1,
    });
  });
  finish();
  return cases;
}

export interface ActualFinding {
  code: string;
  severity: Severity;
  line: number;
  start: number;
  /** End column, on `line` when the finding ends on its own line, else -1. */
  end: number;
  message: string;
}

export function locate(text: string, findings: Finding[]): ActualFinding[] {
  const index = new LineIndex(text);
  return findings.map((f) => {
    const start = index.positionAt(f.span.start);
    const end = index.positionAt(f.span.end);
    return { code: f.code, severity: f.severity, line: start.line, start: start.character, end: end.line === start.line ? end.character : -1, message: f.message };
  });
}

function matches(expected: ExpectedFinding, actual: ActualFinding): boolean {
  return (
    expected.code === actual.code &&
    expected.severity === actual.severity &&
    expected.line === actual.line &&
    expected.start === actual.start &&
    expected.end === actual.end &&
    (!expected.messageFragment || actual.message.includes(expected.messageFragment))
  );
}

export interface Comparison {
  missing: ExpectedFinding[];
  unexpected: ActualFinding[];
}

/** Set comparison: each expectation consumes one matching finding. */
export function compareFindings(expected: ExpectedFinding[], actual: ActualFinding[]): Comparison {
  const remaining = [...actual];
  const missing: ExpectedFinding[] = [];
  for (const e of expected) {
    const i = remaining.findIndex((a) => matches(e, a));
    if (i >= 0) remaining.splice(i, 1);
    else missing.push(e);
  }
  return { missing, unexpected: remaining };
}

function annotationLine(commentToken: string, start: number, end: number, text: string): string {
  const width = Math.max(1, end - start);
  const pad = Math.max(0, start - commentToken.length);
  return `${commentToken}${' '.repeat(pad)}${'^'.repeat(width)} ${text}`;
}

/** The case's text with the given findings written in as annotations, for readable failures. */
export function renderAnnotated(text: string, findings: ActualFinding[], commentToken: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  lines.forEach((line, i) => {
    out.push(line);
    for (const f of findings.filter((x) => x.line === i)) {
      const end = f.end < 0 ? line.length : f.end;
      out.push(annotationLine(commentToken, f.start, end, `${f.severity}[${f.code}]: ${f.message}`));
    }
  });
  return out.join('\n');
}

export function describeComparison(testCase: FixtureCase, comparison: Comparison, actual: ActualFinding[], commentToken: string): string {
  const lines = testCase.text.split('\n');
  const parts = [`case "${testCase.name}" (fixture line ${testCase.fileLine})`];
  for (const m of comparison.missing) {
    parts.push(`  missing (fixture line ${m.fileLine}): ${m.severity}[${m.code}] at ${m.line + 1}:${m.start + 1}-${m.end + 1}${m.messageFragment ? ` "${m.messageFragment}"` : ''}`);
    parts.push(`    ${lines[m.line] ?? ''}`);
  }
  for (const u of comparison.unexpected) {
    parts.push(`  unexpected: ${u.severity}[${u.code}] at ${u.line + 1}:${u.start + 1}-${u.end + 1}: ${u.message}`);
    parts.push(`    ${lines[u.line] ?? ''}`);
  }
  parts.push('  what the checker reports, as annotations:');
  parts.push(renderAnnotated(testCase.text, actual, commentToken).replace(/^/gm, '    | '));
  return parts.join('\n');
}

/** Every fixture module under test/fixtures (Python, TypeScript, JavaScript), in a stable order. */
export function fixtureFiles(dir = path.join(__dirname, '..', 'fixtures')): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? fixtureFiles(path.join(dir, e.name)) : /\.(py|ts|tsx|js)$/.test(e.name) ? [path.join(dir, e.name)] : []))
    .sort();
}
