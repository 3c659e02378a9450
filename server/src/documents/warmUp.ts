/**
 * Runs the whole pipeline once on small handler modules before the first document arrives, so that
 * the first open does not pay for loading grammars, compiling queries and V8's first compilation.
 *
 * Python always; TypeScript only where it is likely to be opened, since a warmed grammar stays in the
 * thread's memory (about 7 MB for TypeScript on the main thread, 3 MB more on the analysis thread).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
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

/** A workspace folder with a Node project file probably holds the JavaScript or TypeScript a user opens. */
const NODE_PROJECT_FILES = ['package.json', 'tsconfig.json', 'jsconfig.json'];

/** The grammars worth warming up on the main thread for these workspace folders. */
export function grammarsToWarmUp(workspaceRoots: readonly string[]): Grammar[] {
  const nodeProject = workspaceRoots.some((root) => NODE_PROJECT_FILES.some((file) => fs.existsSync(path.join(root, file))));
  return nodeProject ? ['python', 'typescript'] : ['python'];
}

/** The analysis thread warms Python only: a JavaScript or TypeScript file of 64 KB or more is rare. */
export async function warmUpAnalysis(grammars: readonly Grammar[] = ['python']): Promise<void> {
  const catalog = getBundledCatalog();
  for (const grammar of grammars) {
    const sample = SAMPLES[grammar];
    if (sample !== undefined) await analyzeText(sample, grammar, catalog);
  }
}
