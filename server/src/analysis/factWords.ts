/**
 * Which files are worth parsing: a file that holds no "fact word" cannot give any front end a fact,
 * so its analysis is known without parsing it: an empty model and no finding. The CLI uses this to
 * leave most files of a large tree unparsed (parsing is most of its time).
 *
 * Why the words are enough (each front end finds facts in one of two ways):
 * - By searching the text for a word and asking the tree what is there: `task`/`shared_task` after
 *   `@` (Python tasks), `conf` (module code reading an app's configuration), the task factories and
 *   `connect` of TypeScript, and what a project index looks for (`Signal(...)`, `Celery(...)`).
 * - Python searches for `connect` too, but a `.connect` there is a fact only through some other word:
 *   a connect site, a rebound signal name or a connection hidden in code that does not parse needs a
 *   signal the file names (below); a receiver of the module's own signal needs its `Signal(...)`; a
 *   name nothing binds counts only beside a star import of a signal module, which writes its path.
 *   So a Python file whose only word is `connect` (a socket, a database, Django's signals) has no
 *   fact, and is not parsed for it.
 * - By reading imports and names, which must spell what they bind: a signal by its name, an app
 *   signal by its attribute, a signal module by its path. An absolute import writes every segment of
 *   the path (`from celery import signals`, `import celery.signals as s`), and so does the TypeScript
 *   specifier `celery-signals`: such a path is found when all its segments are there. A relative import
 *   (`from . import signals`) writes at least the last one, and resolves only when the front end is
 *   told the file's module, within that module's top-level package: there the last segment is enough.
 *   Names and paths come from the catalog in use, so a user's own signals count too.
 * A `.send(...)` is a fact only on a signal the file names (above) or on a `Signal(...)` it creates, so
 * `send` needs no word of its own. Rules read only the model; the one rule that reads syntax problems
 * (`syntax-error`) reports only those that hide a connection or break a handler, both needing `connect`.
 *
 * In Python the words count only where they are code: a front end never finds a fact in a comment, nor
 * in a string that is a statement of its own (a docstring), since nothing reads its value. Words in
 * other strings do count (`getattr(signals, "task_failure")` reads a signal by a string). Which text is
 * prose is read by a scanner that stops at whatever it cannot place for sure (pythonProse.ts). Five of
 * the six standard-library files that hold a fact word hold it only in a comment or a docstring.
 *
 * A project index must pass the catalog it derives (project signals and signal modules) and give a
 * file skipped under a smaller catalog another look once that catalog grows.
 */
import type { Catalog } from '../catalog/catalog';
import type { Grammar } from '../../../shared/languages';
import { CANONICAL_SIGNAL_MODULE } from './frontends/typescriptSignals';
import { TASK_FACTORIES } from './frontends/typescriptTasks';
import { PythonProse } from './pythonProse';

/** Words the Python front end searches the text for that can give a fact alone (python.ts, pythonImportRun.ts; not `connect`: see above). */
const PYTHON_SEARCH_WORDS = ['task', 'shared_task', 'conf'];

/**
 * Two of them matter to Python only where they are written a certain way, so a Python file that
 * writes them otherwise (`from django.conf import settings`, a variable named `task`) is not parsed
 * for them:
 * - a task is found by its decorator (python.ts, project/pythonExports.ts): `@`, maybe a dotted path,
 *   then `task` or `shared_task`. A module without one has no task list a rule reads (an empty one
 *   counts as unknown), so its `task(...)` calls (pythonExports.ts: tasksOpen) change nothing.
 * - a configuration read is `X.conf.y` or `X.conf[...]` (pythonImportRun.ts): `conf` followed by the
 *   keyword `import` ends a module path and is never one.
 */
const PYTHON_ONLY_IN_CONTEXT = new Set(['task', 'shared_task', 'conf']);
const PYTHON_CONTEXTS = [
  // The rest of the decorator's line (or of its continued lines) holds the word: the path may be
  // spaced, continued with a backslash or spelled in any script.
  String.raw`@(?:[^\n]|\\\n)*?(?<![A-Za-z0-9_])(?:task|shared_task)(?![A-Za-z0-9_])`,
  String.raw`(?<![A-Za-z0-9_])conf(?![A-Za-z0-9_])(?![ \t]+import(?![A-Za-z0-9_]))`,
];

/** Words the TypeScript/JavaScript front end searches for or compares names with (typescript*.ts). */
const TYPESCRIPT_SEARCH_WORDS = ['connect', ...TASK_FACTORIES];

/** What the project index reads besides handlers: custom signals (and so their sends) and apps. */
const PROJECT_WORDS = ['Signal', 'Celery'];

export interface FactWords {
  /** Any one of these makes a file worth parsing. */
  words: string[];
  /** So does a match of one of these patterns (regular expression sources): words that count only in context. */
  contexts: string[];
  /** So do all the segments of one of these module paths. */
  paths: string[][];
}

/**
 * The fact words for `catalog`. `module`: the dotted module name of the file, when the front end is
 * told it (relative imports then resolve). `grammar`: the front end that reads the file; without it,
 * the words of every front end.
 */
export function factWords(catalog: Catalog, module?: string, grammar?: Grammar): FactWords {
  const searched = grammar === undefined ? [...PYTHON_SEARCH_WORDS, ...TYPESCRIPT_SEARCH_WORDS] : grammar === 'python' ? PYTHON_SEARCH_WORDS.filter((word) => !PYTHON_ONLY_IN_CONTEXT.has(word)) : TYPESCRIPT_SEARCH_WORDS;
  const words = new Set<string>([...searched, ...PROJECT_WORDS]);
  // Keyed by their segments: `celery-signals` and `celery.signals` are found by the same words.
  const canonical = CANONICAL_SIGNAL_MODULE.split(/[^A-Za-z0-9_$]+/);
  const paths = new Map<string, string[]>([[canonical.join('.'), canonical]]);
  const ownPackage = module?.split('.')[0];
  for (const signal of catalog.signals) {
    if (signal.access.kind === 'app-attribute') words.add(signal.access.attribute);
    else {
      words.add(signal.name.split('.').pop()!);
      for (const signalModule of signal.access.modules) {
        const segments = signalModule.split('.');
        paths.set(signalModule, segments);
        if (segments[0] === ownPackage) words.add(segments[segments.length - 1]);
      }
    }
  }
  words.delete('');
  const contexts = grammar === 'python' ? PYTHON_CONTEXTS : [];
  return { words: [...words].sort(), contexts, paths: [...paths.values()].filter((p) => p.every(Boolean)) };
}

/** Finds whole words (not inside a longer identifier), or a match of one of `contexts`. */
function wordPattern(words: readonly string[], contexts: readonly string[] = []): RegExp {
  const whole = `(?<![A-Za-z0-9_])(?:${words.map((w) => w.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')).join('|')})(?![A-Za-z0-9_])`;
  return new RegExp([whole, ...contexts].join('|'));
}

interface Patterns {
  anyWord: RegExp;
  paths: RegExp[][];
  /** A word, or the first segment of a path: what a text needs at least (one pass rules most texts out). */
  anyStart: RegExp;
}

/**
 * One set of patterns per catalog, grammar and top-level package, and only the package of a signal
 * module changes the words (factWords): every other package shares the patterns of a file outside
 * any (a tree's top-level modules are as many packages, and each would make its own).
 */
const patterns = new WeakMap<Catalog, { packages: Set<string>; perPackage: Map<string, Patterns> }>();

function patternsFor(catalog: Catalog, module: string | undefined, grammar: Grammar | undefined): Patterns {
  let known = patterns.get(catalog);
  if (!known) {
    const packages = new Set(catalog.signals.flatMap((signal) => (signal.access.kind === 'app-attribute' ? [] : signal.access.modules.map((path) => path.split('.')[0]))));
    patterns.set(catalog, (known = { packages, perPackage: new Map() }));
  }
  const ownPackage = module?.split('.')[0];
  const key = `${grammar ?? ''}\u0000${ownPackage !== undefined && known.packages.has(ownPackage) ? ownPackage : ''}`;
  let found = known.perPackage.get(key);
  if (!found) {
    const { words, contexts, paths } = factWords(catalog, module, grammar);
    found = {
      anyWord: wordPattern(words, contexts),
      paths: paths.map((segments) => segments.map((segment) => wordPattern([segment]))),
      anyStart: wordPattern([...new Set([...words, ...paths.map((segments) => segments[0])])], contexts),
    };
    known.perPackage.set(key, found);
  }
  return found;
}

/**
 * True when `text` holds a fact word, or every segment of a signal module's path. False means: parsing
 * the text would give a model without sites, signal references, imports, tasks, sends or import-time
 * facts, so no rule could report anything. `module` and `grammar` as for factWords. In Python a word
 * counts only in code, not in a comment or a string statement (pythonProse.ts).
 */
export function mayHoldFacts(text: string, catalog: Catalog, module?: string, grammar?: Grammar): boolean {
  const { anyWord, paths, anyStart } = patternsFor(catalog, module, grammar);
  if (!anyStart.test(text)) return false;
  const written = (pattern: RegExp) => pattern.test(text);
  if (!anyWord.test(text) && !paths.some((segments) => segments.every(written))) return false;
  if (grammar !== 'python') return true;
  const prose = new PythonProse(text);
  const inCode = (pattern: RegExp) => writtenInCode(pattern, text, prose);
  return inCode(anyWord) || paths.some((segments) => segments.every(inCode));
}

/** Each pattern's global copy, to walk its matches. */
const globalCopies = new WeakMap<RegExp, RegExp>();

/**
 * True when a match of `pattern` starts or ends outside prose. Matches are tried at every offset (a
 * match in a comment may cover the start of one in code), but rarely: most texts have a word in code first.
 */
function writtenInCode(pattern: RegExp, text: string, prose: PythonProse): boolean {
  let global = globalCopies.get(pattern);
  if (!global) globalCopies.set(pattern, (global = new RegExp(pattern.source, 'g')));
  global.lastIndex = 0;
  for (let match = global.exec(text); match; match = global.exec(text)) {
    if (!prose.isProse(match.index) || !prose.isProse(match.index + match[0].length - 1)) return true;
    global.lastIndex = match.index + 1;
  }
  return false;
}
