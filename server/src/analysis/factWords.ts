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
 *   writes; the TypeScript module `celery-signals`. These come from the catalog in use, so a user's
 *   own signals count too. A relative import (`from . import signals`) writes the last segment
 *   instead, and resolves only when the front end is told the file's module and only within that
 *   module's top-level package: those last segments are words for files of that package alone.
 * A `.send(...)` is a fact only on a signal the file names (above) or on a `Signal(...)` it creates,
 * so `send` needs no word of its own. Rules read only the model; the one rule that reads syntax
 * problems (`syntax-error`) reports only those that hide a connection or break a handler, both of
 * which need `connect`.
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
const TYPESCRIPT_SEARCH_WORDS = ['connect', ...TASK_FACTORIES, ...APP_CONSTRUCTORS, firstWordOf(CANONICAL_SIGNAL_MODULE)];

/** What the project index reads besides handlers: custom signals (and so their sends) and apps. */
const PROJECT_WORDS = ['Signal', 'Celery'];

/** `celery` of `celery-signals`: a specifier is a string, so its first word is enough to find it. */
function firstWordOf(specifier: string): string {
  return specifier.split(/[^A-Za-z0-9_$]+/)[0];
}

/**
 * Every word whose presence may give a front end something to report, for `catalog`. `module`: the
 * dotted module name of the file, when the front end is told it (relative imports then resolve).
 */
export function factWords(catalog: Catalog, module?: string): string[] {
  const words = new Set<string>([...PYTHON_SEARCH_WORDS, ...TYPESCRIPT_SEARCH_WORDS, ...PROJECT_WORDS]);
  const ownPackage = module?.split('.')[0];
  for (const signal of catalog.signals) {
    if (signal.access.kind === 'app-attribute') words.add(signal.access.attribute);
    else {
      words.add(signal.name.split('.').pop()!);
      for (const signalModule of signal.access.modules) {
        const segments = signalModule.split('.');
        words.add(segments[0]);
        if (segments[0] === ownPackage) words.add(segments[segments.length - 1]);
      }
    }
  }
  words.delete('');
  return [...words].sort();
}

/** One pattern per catalog and top-level package (the words differ only there). */
const patterns = new WeakMap<Catalog, Map<string, RegExp>>();

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/**
 * True when `text` holds one of the fact words, not as part of a longer identifier. False means:
 * parsing the text would give a model without sites, signal references, imports, tasks, sends or
 * import-time facts, so no rule could report anything. `module` as for factWords.
 */
export function mayHoldFacts(text: string, catalog: Catalog, module?: string): boolean {
  let perPackage = patterns.get(catalog);
  if (!perPackage) patterns.set(catalog, (perPackage = new Map()));
  const ownPackage = module?.split('.')[0] ?? '';
  let pattern = perPackage.get(ownPackage);
  if (!pattern) {
    pattern = new RegExp(`(?<![A-Za-z0-9_])(?:${factWords(catalog, module).map(escapeRegExp).join('|')})(?![A-Za-z0-9_])`);
    perPackage.set(ownPackage, pattern);
  }
  return pattern.test(text);
}
