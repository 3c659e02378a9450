/**
 * Reuses the harness's reports between runs on one machine. What Celery does with a case depends
 * only on the case's text, the harness sources and the installed Celery and kombu, so together they
 * are the key; changing any of them reruns the case. Off under CI (a clean checkout starts empty
 * anyway) and with CELERY_AGREEMENT_CACHE=0. Reports the harness could not finish are never kept.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inCI } from '../support/system';
import { runHarness, SYSTEM_PYTHON, type AgreementCase, type HarnessReport } from './agreement';

const CACHE_DIR = path.join(__dirname, '..', '..', '.cache', 'runtime-agreement');
const HARNESS_DIR = path.join(__dirname, 'harness');

type CaseReport = HarnessReport['cases'][number];

function fingerprint(): string {
  const hash = createHash('sha256');
  for (const file of fs.readdirSync(HARNESS_DIR).filter((f) => f.endsWith('.py')).sort()) {
    hash.update(file).update(fs.readFileSync(path.join(HARNESS_DIR, file)));
  }
  const versions = execFileSync(SYSTEM_PYTHON, ['-c', 'import celery, kombu; print(celery.__version__, kombu.__version__)'], { encoding: 'utf8' });
  return hash.update(versions).digest('hex');
}

export interface CachedRun {
  report: HarnessReport;
  fromCache: number;
}

export async function runHarnessCached(cases: AgreementCase[]): Promise<CachedRun> {
  if (inCI || process.env.CELERY_AGREEMENT_CACHE === '0') return { report: await runHarness(cases), fromCache: 0 };
  const base = fingerprint();
  const fileFor = (c: AgreementCase) => path.join(CACHE_DIR, `${createHash('sha256').update(base).update(c.text).digest('hex')}.json`);
  const reports = new Map<string, CaseReport>();
  let celery: string | undefined;
  const missing: AgreementCase[] = [];
  for (const c of cases) {
    const file = fileFor(c);
    if (!fs.existsSync(file)) {
      missing.push(c);
      continue;
    }
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as { celery: string; report: CaseReport };
    celery = stored.celery;
    reports.set(c.id, { ...stored.report, id: c.id });
  }
  if (missing.length > 0) {
    const fresh = await runHarness(missing);
    celery = fresh.celery;
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    for (const [index, report] of fresh.cases.entries()) {
      reports.set(report.id, report);
      if (report.harnessError === undefined) fs.writeFileSync(fileFor(missing[index]), JSON.stringify({ celery, report }));
    }
  }
  return { report: { celery: celery!, cases: cases.map((c) => reports.get(c.id)!) }, fromCache: cases.length - missing.length };
}
