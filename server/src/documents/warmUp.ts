/**
 * Runs the whole pipeline once on small handler modules before the first document arrives, so that
 * the first open does not pay for loading grammars, compiling queries and V8's first compilation.
 */
import { analyzeText } from '../analysis/analyze';
import { getBundledCatalog } from '../catalog/catalog';
import type { Grammar } from '../parsing/treeSitter';

const SAMPLES: Partial<Record<Grammar, string>> = {
  python: [
    'from celery import Celery, shared_task',
    'from celery.signals import task_failure, task_prerun, worker_ready',
    '',
    "app = Celery('proj')",
    '',
    '@shared_task',
    'def add(x, y):',
    '    return x + y',
    '',
    '@task_failure.connect(sender=add)',
    'def on_failure(sender=None, task_id=None, exception=None, **kwargs):',
    "    print(kwargs.get('einfo'), exception)",
    '',
    '@task_prerun.connect',
    'def on_prerun(sender, task_id, task):',
    '    pass',
    '',
    'def ready(**kwargs):',
    '    pass',
    '',
    'worker_ready.connect(ready, weak=False)',
    '',
  ].join('\n'),
  typescript: [
    "import { task_failure, worker_ready } from 'celery-signals';",
    '',
    'task_failure.connect(({ sender, task_id, exception }: { sender: unknown; task_id: string; exception: Error }) => {',
    '  console.log(sender, task_id, exception);',
    '});',
    'worker_ready.connect(() => undefined);',
    '',
  ].join('\n'),
};

export async function warmUpAnalysis(grammars: readonly Grammar[] = ['python', 'typescript']): Promise<void> {
  const catalog = getBundledCatalog();
  for (const grammar of grammars) {
    const sample = SAMPLES[grammar];
    if (sample !== undefined) await analyzeText(sample, grammar, catalog);
  }
}
