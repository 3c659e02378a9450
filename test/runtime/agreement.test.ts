// Runs every Python fixture case and every module of the runtime corpus through real Celery (the
// harness) and through the checker, and requires the two to agree on each handler.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyzeText } from '../../server/src/analysis/analyze';
import { getBundledCatalog } from '../../server/src/catalog/catalog';
import { parseFixture } from '../support/fixtures';
import { haveExecutable, requireTool } from '../support/system';
import { agreementFor, formatTable, SYSTEM_PYTHON, type AgreementCase, type HandlerAgreement } from './agreement';
import { runHarnessCached } from './harnessCache';

const root = path.join(__dirname, '..');

function pythonFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? pythonFiles(path.join(dir, e.name)) : e.name.endsWith('.py') ? [path.join(dir, e.name)] : []))
    .sort();
}

function casesOf(files: string[]): AgreementCase[] {
  return files.flatMap((file) =>
    parseFixture(fs.readFileSync(file, 'utf8'), '#').map((c) => ({ id: `${path.relative(root, file)} › ${c.name}`, text: c.text, hangs: c.hangs })),
  );
}

const suites = {
  'checker fixtures': casesOf(pythonFiles(path.join(root, 'fixtures', 'python'))),
  'runtime corpus': casesOf(pythonFiles(path.join(__dirname, 'corpus'))),
};

test('checker verdicts agree with real Celery', async (t) => {
  const celeryInstalled = haveExecutable(SYSTEM_PYTHON, ['-c', 'import celery, kombu']);
  if (!requireTool(t, "Debian's python3-celery", celeryInstalled, 'bash scripts/install/python-celery.sh')) return;

  const all = Object.values(suites).flat().map(({ id, text }) => ({ id, text }));
  const { report, fromCache } = await runHarnessCached(all);
  const byId = new Map(report.cases.map((c) => [c.id, c]));
  const catalog = getBundledCatalog();
  const rows: HandlerAgreement[] = [];

  for (const [suite, cases] of Object.entries(suites)) {
    await t.test(suite, async (st) => {
      for (const testCase of cases) {
        const caseReport = byId.get(testCase.id);
        await st.test(testCase.id, async () => {
          assert.ok(caseReport, 'the harness returned no report for this case');
          if (testCase.hangs) {
            // A deadlock: Celery never gets to a verdict, so the harness times out; the checker must say so.
            assert.match(caseReport.harnessError ?? '', /timed out/, 'a [hangs] case finished under real Celery');
            const { findings } = await analyzeText(testCase.text, 'python', catalog, { celeryVersion: report.celery });
            assert.ok(findings.some((f) => f.severity === 'error'), 'Celery hangs on this module, but the checker reports no error');
            return;
          }
          assert.equal(caseReport.harnessError, undefined, `the harness broke on this case:\n${caseReport.harnessError}\n${caseReport.output ?? ''}`);
          const agreements = await agreementFor(testCase, caseReport, catalog, report.celery);
          rows.push(...agreements);
          const disagreements = agreements.filter((a) => a.agrees === false);
          assert.deepEqual(
            disagreements.map((d) => `${d.handler}@${d.line}: ${d.why}`),
            [],
            `checker and Celery ${report.celery} disagree`,
          );
        });
      }
    });
  }

  const judged = rows.filter((r) => r.agrees !== 'unjudged');
  process.stdout.write(
    `\nRuntime agreement with Celery ${report.celery}: ${judged.filter((r) => r.agrees === true).length}/${judged.length} judged handlers agree` +
      ` (${rows.length - judged.length} unjudged; ${fromCache}/${all.length} cases reused from .cache/runtime-agreement)\n` +
      `${formatTable(rows)}\n\n`,
  );
});
