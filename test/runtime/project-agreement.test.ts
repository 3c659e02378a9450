// A multi-module package imported by real Celery (Debian's 5.2.6): its re-exported and its own signals
// are fired the way Celery and the project's own code fire them, and every receiver that raises must
// carry an error or warning from the project index, every one that runs cleanly none.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { ProjectIndex } from '../../server/src/project/projectIndex';
import { getBundledCatalog } from '../../server/src/catalog/catalog';
import { fixtureProjects, memorySetup } from '../support/projectFixtures';
import { haveExecutable, requireTool } from '../support/system';
import { SYSTEM_PYTHON } from './agreement';

const catalog = getBundledCatalog();

/** The keywords Celery's call site of a signal passes (from the catalog), with plain values. */
function keywordsOf(signal: string): Record<string, unknown> {
  const spec = catalog.get(signal)!;
  return Object.fromEntries(spec.params.filter((p) => p.name !== 'sender' && p.name !== 'signal').map((p) => [p.name, null]));
}

const celerySends = (...signals: string[]) => signals.map((signal) => ({ signal: `celery.signals.${signal}`, keywords: keywordsOf(signal) }));

const plans: Record<string, object> = {
  'custom-signals': {
    modules: ['orders.events', 'orders.checkout', 'orders.listeners'],
    calls: [
      { function: 'orders.checkout.place', args: ['order-1', 10] },
      { function: 'orders.checkout.place_quietly', args: ['order-2'] },
    ],
  },
  'reexported-signals': {
    modules: ['shop.signals', 'shop.monitoring', 'shop.aliases'],
    sends: celerySends('task_failure'),
  },
  'signal-module-aliases': {
    modules: ['app', 'app.handlers_a', 'app.handlers_b', 'app.handlers_c'],
    sends: celerySends('task_failure', 'task_prerun', 'worker_ready'),
  },
  'star-reexports': {
    modules: ['billing', 'billing.receivers'],
    sends: celerySends('task_failure', 'task_prerun', 'worker_ready'),
  },
};

function copyOf(project: ReturnType<typeof fixtureProjects>[number]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `celery-signals-runtime-${project.name}-`));
  for (const [file, text] of project.texts) {
    const target = path.join(dir, path.relative(project.root, file));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  }
  return dir;
}

test('the project index agrees with real Celery on a multi-module package', async (t) => {
  if (!requireTool(t, "Debian's python3-celery", haveExecutable(SYSTEM_PYTHON, ['-c', 'import celery']), 'bash scripts/install/python-celery.sh')) return;
  for (const project of fixtureProjects().filter((p) => plans[p.name])) {
    await t.test(project.name, async () => {
      const dir = copyOf(project);
      const run = spawnSync(SYSTEM_PYTHON, [path.join(__dirname, 'project', 'dispatch.py'), dir, JSON.stringify(plans[project.name])], { encoding: 'utf8', timeout: 60_000 });
      assert.equal(run.status, 0, run.stderr);
      const outcomes = JSON.parse(run.stdout.trim().split('\n').pop()!) as Record<string, string>;
      const index = await ProjectIndex.build(memorySetup(project.root, project.texts, { options: { celeryVersion: '5.2.6', includeHints: false } }), [...project.texts.keys()]);
      const disagreements: string[] = [];
      for (const file of index.files()) {
        for (const site of file.model.sites) {
          const name = site.handler?.name;
          if (!name || !(name in outcomes)) continue;
          const span = site.handler!.definitionSpan;
          // On the connect (a decorator, or a call written after the def) or on the receiver's own def.
          const within = (start: number, { start: from, end }: { start: number; end: number }) => start >= from && start < end;
          const flagged = file.findings.some((f) => (f.severity === 'error' || f.severity === 'warning') && (within(f.span.start, site.connection.span) || within(f.span.start, span)));
          const raised = outcomes[name].startsWith('raised');
          if (flagged !== raised) disagreements.push(`${name}: Celery says ${outcomes[name]}, the index ${flagged ? 'flags it' : 'says nothing'}`);
        }
      }
      assert.ok(Object.keys(outcomes).length >= 3, `too few receivers ran: ${JSON.stringify(outcomes)}`);
      assert.deepEqual(disagreements, []);
    });
  }
});
