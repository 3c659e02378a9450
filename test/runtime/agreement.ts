/**
 * Runtime agreement: the checker's verdict on each handler against what real Celery does with it.
 *
 * The Python harness (harness/harness.py) loads each case with Debian's Celery, drives a real
 * worker and reports a verdict per handler. Here we run the checker on the same text, pinned to
 * the Celery release the harness used, and compare per handler: Celery refusing, breaking on or
 * never calling a handler must show up as an error or warning inside that handler's lines; a
 * handler Celery runs cleanly must carry none (warnings that do not predict failure excepted).
 */
import { execFile } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeText } from '../../server/src/analysis/analyze';
import type { Finding } from '../../server/src/analysis/diagnostics';
import type { Catalog } from '../../server/src/catalog/catalog';
import { LineIndex } from '../../server/src/analysis/text';

export const SYSTEM_PYTHON = '/usr/bin/python3';
const HARNESS = path.join(__dirname, 'harness', 'harness.py');

/** Verdicts that say the handler will not do its job: the checker must warn. */
const BROKEN = new Set(['refused-at-connect', 'fails-at-dispatch', 'never-called']);
/**
 * Warnings that are true of a handler Celery runs fine: a parameter that silently keeps its default
 * (`unknown-param`, and the warning form of `positional-only-param`, whose parameter has a default)
 * or an old signal name. The error form of `positional-only-param` predicts a TypeError, so it stays.
 */
function harmlessOnARunningHandler(finding: Finding): boolean {
  if (finding.code === 'unknown-param' || finding.code === 'deprecated-signal') return true;
  return finding.code === 'positional-only-param' && finding.severity === 'warning';
}

export interface AgreementCase {
  id: string;
  text: string;
  /** Real Celery deadlocks on this module: the harness is expected to time out. */
  hangs?: boolean;
}

interface HarnessSite {
  signal: string;
  line: number;
  verdict: string;
  detail: string;
}

export interface HarnessHandler {
  handler: string;
  line: number;
  ranges: [number, number][];
  verdict: string;
  detail: string;
  neverConnected: boolean;
  sites: HarnessSite[];
}

interface HarnessCaseReport {
  id: string;
  handlers?: HarnessHandler[];
  syntaxError?: string;
  harnessError?: string;
  output?: string;
}

export interface HarnessReport {
  celery: string;
  cases: HarnessCaseReport[];
}

export function runHarness(cases: AgreementCase[], jobs = Math.max(2, os.cpus().length)): Promise<HarnessReport> {
  return new Promise((resolve, reject) => {
    const child = execFile(SYSTEM_PYTHON, [HARNESS], { maxBuffer: 64 * 1024 * 1024, timeout: 600_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`harness failed: ${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout) as HarnessReport);
    });
    child.stdin!.end(JSON.stringify({ cases, jobs }));
  });
}

export interface HandlerAgreement {
  caseId: string;
  handler: string;
  line: number;
  celery: string;
  detail: string;
  /** Error/warning codes the checker put inside the handler's lines. */
  checker: string[];
  agrees: boolean | 'unjudged';
  why: string;
}

function seriousFindingsIn(handler: HarnessHandler, findings: Finding[], index: LineIndex): Finding[] {
  return findings.filter((f) => {
    if (f.severity !== 'error' && f.severity !== 'warning') return false;
    const line = index.positionAt(f.span.start).line + 1;
    return handler.ranges.some(([first, last]) => first <= line && line <= last);
  });
}

/**
 * A handler below a failed connect is never connected (the import stopped); that alone must be
 * reported. The harness also says what Celery would do with it once the earlier failure is fixed,
 * and the checker's other findings on the handler are judged against that.
 */
export function judgeHandler(caseId: string, handler: HarnessHandler, findings: Finding[], index: LineIndex): HandlerAgreement {
  const inside = seriousFindingsIn(handler, findings, index);
  const codes = [...new Set(inside.map((f) => `${f.severity === 'error' ? 'E' : 'W'}:${f.code}`))];
  const celery = handler.neverConnected ? `never-connected, then ${handler.verdict}` : handler.verdict;
  const base = { caseId, handler: handler.handler, line: handler.line, celery, detail: handler.detail, checker: codes };
  if (handler.neverConnected && inside.length === 0) {
    return { ...base, agrees: false, why: 'Celery never connects it (an earlier connect fails the import), but the checker is silent on this handler' };
  }
  const ownFindings = handler.neverConnected ? inside.filter((f) => f.code !== 'never-connected') : inside;
  if (BROKEN.has(handler.verdict)) {
    const agrees = ownFindings.length > 0;
    return { ...base, agrees, why: agrees ? '' : `Celery: ${handler.verdict} (${handler.detail}), but the checker is silent on this handler` };
  }
  if (handler.verdict === 'runs') {
    const wrong = ownFindings.filter((f) => !harmlessOnARunningHandler(f));
    const agrees = wrong.length === 0;
    return { ...base, agrees, why: agrees ? '' : `Celery runs it (${handler.detail}), but the checker says: ${wrong.map((f) => `${f.code}: ${f.message}`).join(' | ')}` };
  }
  return { ...base, agrees: handler.neverConnected ? true : 'unjudged', why: handler.detail };
}

export async function agreementFor(
  testCase: AgreementCase,
  report: HarnessCaseReport,
  catalog: Catalog,
  celeryVersion: string,
): Promise<HandlerAgreement[]> {
  const { findings } = await analyzeText(testCase.text, 'python', catalog, { celeryVersion });
  const index = new LineIndex(testCase.text);
  const handlers = report.handlers ?? [];
  const lineOf = (f: Finding) => index.positionAt(f.span.start).line + 1;
  const covers = (outer: HarnessHandler, line: number) => outer.ranges.some(([first, last]) => first <= line && line <= last);
  return handlers.map((handler) => {
    // A handler defined inside this one is judged on its own: its findings are not this handler's.
    const nested = handlers.filter(
      (other) => other !== handler && other.line > handler.line && other.ranges.every(([first, last]) => covers(handler, first) && covers(handler, last)),
    );
    const own = findings.filter((f) => !nested.some((inner) => covers(inner, lineOf(f))));
    return judgeHandler(testCase.id, handler, own, index);
  });
}

export function formatTable(rows: HandlerAgreement[]): string {
  const header = ['case', 'handler', 'Celery', 'checker', ''];
  const lines = rows.map((r) => [
    r.caseId,
    `${r.handler}@${r.line}`,
    r.celery,
    r.checker.join(' ') || '-',
    r.agrees === true ? 'ok' : r.agrees === false ? 'DISAGREE' : 'n/a',
  ]);
  const widths = header.map((h, i) => Math.min(60, Math.max(h.length, ...lines.map((l) => l[i].length))));
  const render = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [render(header), ...lines.map(render)].join('\n');
}
