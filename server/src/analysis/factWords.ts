/**
 * Which files are worth parsing: a file in which none of the "fact words" appears as a whole word
 * cannot give any front end a fact, so its analysis is known without parsing it: an empty model and
 * no finding. The CLI uses this to skip most files of a large tree (parsing is most of its time).
 *
 * Why the words are enough (each front end finds facts in one of two ways):
 * - By searching the text for a word and asking the tree what is there: `connect` (connect sites,
 *   connects on unbound or rebound names, receivers of custom signals, connections hidden in code that
 *   does not parse), `task`/`shared_task` after `@` (Python tasks), `conf` (module code reading an
 *   app's configuration), the task factories and app constructors of TypeScript, and the words a
 *   project index looks for (`Signal(...)`, `.send(...)`, `Celery(...)`).
 * - By reading imports and names, which must spell what they bind: a signal by its name (or an app
 *   signal by its attribute); a signal module by its path, whose first segment an absolute import
 *   writes and whose last segment a relative one writes (`from . import signals`); the TypeScript
 *   module `celery-signals`. These come from the catalog in use, so a user's own signals count too.
 * Rules read only the model; the one rule that reads syntax problems (`syntax-error`) reports only
 * those that hide a connection or break a handler, both of which need `connect`.
 *
 * A project index must pass the catalog it derives (project signals and signal modules) and give a
 * file skipped under a smaller catalog another look once that catalog grows.
 */
import type { Catalog } from '../catalog/catalog';
import { APP_CONSTRUCTORS, CANONICAL_SIGNAL_MODULE } from './frontends/typescriptSignals';
import { TASK_FACTORIES } from './frontends/typescriptTasks';

/** Words the Python front end searches the text for (see python.ts, pythonConnect.ts, pythonImportRun.ts). */
const PYTHON_SEARCH_WORDS = ['connect', 'task', 'shared_task', 'conf'];

/** Words the TypeScript/JavaScript front end searches for or compares names with (typescript*.ts). */
const TYPESCRIPT_SEARCH_WORDS = ['connect', ...TASK_FACTORIES, ...APP_CONSTRUCTORS, ...segmentsOf(CANONICAL_SIGNAL_MODULE)];

/** What the project index reads besides handlers: custom signals, sends, apps. */
const PROJECT_WORDS = ['Signal', 'send', 'send_robust', 'Celery'];

function segmentsOf(name: string): string[] {
  return name.split(/[^A-Za-z0-9_$]+/).filter(Boolean);
}

/** Every word whose presence may give a front end something to report, for `catalog`. */
export function factWords(catalog: Catalog): string[] {
  const words = new Set<string>([...PYTHON_SEARCH_WORDS, ...TYPESCRIPT_SEARCH_WORDS, ...PROJECT_WORDS]);
  for (const signal of catalog.signals) {
    if (signal.access.kind === 'app-attribute') words.add(signal.access.attribute);
    else {
      words.add(signal.name.split('.').pop()!);
      for (const module of signal.access.modules) {
        const segments = module.split('.');
        words.add(segments[0]);
        words.add(segments[segments.length - 1]);
      }
    }
  }
  words.delete('');
  return [...words].sort();
}

const patterns = new WeakMap<Catalog, RegExp>();

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/**
 * True when `text` holds one of the catalog's fact words, not as part of a longer identifier. False
 * means: parsing the text would give a model without sites, signal references, imports, tasks, sends
 * or import-time facts, so no rule could report anything.
 */
export function mayHoldFacts(text: string, catalog: Catalog): boolean {
  let pattern = patterns.get(catalog);
  if (!pattern) {
    pattern = new RegExp(`(?<![A-Za-z0-9_])(?:${factWords(catalog).map(escapeRegExp).join('|')})(?![A-Za-z0-9_])`);
    patterns.set(catalog, pattern);
  }
  return pattern.test(text);
}
