/**
 * Every reference to a signal in a Python file (for hover and go-to-docs), found by searching the
 * text for the few names that can start one and checking each hit in the tree, which is far cheaper
 * than visiting every node.
 */
import type { SyntaxNode } from '../../parsing/treeSitter';
import type { SignalRef } from '../model';
import { importFactsOf, type SignalModuleIndex } from './pythonImports';
import type { PythonResolver } from './pythonResolve';
import { sameNode } from './pythonSyntax';

const importParents = new Set(['dotted_name', 'aliased_import', 'import_statement', 'import_from_statement', 'relative_import']);

/** Places where a name is defined or used as a keyword rather than read. */
function isDefiningName(name: SyntaxNode, parent: SyntaxNode): boolean {
  switch (parent.type) {
    case 'keyword_argument':
    case 'function_definition':
    case 'class_definition':
    case 'default_parameter':
    case 'typed_default_parameter':
      return sameNode(parent.childForFieldName('name'), name);
    case 'parameters':
    case 'lambda_parameters':
    case 'typed_parameter':
    case 'list_splat_pattern':
    case 'dictionary_splat_pattern':
    case 'global_statement':
    case 'nonlocal_statement':
    case 'keyword_pattern':
      return true;
    default:
      return false;
  }
}

/** The words a signal reference can start with in this file, as one pattern (and as a key for it). */
export function referenceWords(resolver: PythonResolver): { pattern: RegExp; key: string } {
  const catalogOnes = catalogWords(resolver.catalog);
  const own = [...resolver.module.signalOrModuleNames].join(' ');
  const last = lastWords.get(catalogOnes);
  if (last?.own === own) return last.words;
  const candidates = new Set<string>([...catalogOnes, ...resolver.module.signalOrModuleNames]);
  const words = [...candidates];
  const found = { pattern: new RegExp(`\\b(?:${words.map(escapeRegExp).join('|')})\\b`, 'g'), key: words.join(' ') };
  lastWords.set(catalogOnes, { own, words: found });
  return found;
}

/** Per catalog, the last words made, with the file's own names they were made for (a keystroke rarely changes them). */
const lastWords = new WeakMap<readonly string[], { own: string; words: { pattern: RegExp; key: string } }>();

/** The words that can start a reference in any file: the same for every file the catalog judges. */
const wordsByCatalog = new WeakMap<PythonResolver['catalog'], readonly string[]>();

function catalogWords(catalog: PythonResolver['catalog']): readonly string[] {
  let words = wordsByCatalog.get(catalog);
  if (!words) {
    const found = new Set<string>(['celery', 'signals', ...catalog.appAttributes]);
    for (const spec of catalog.signals) if (spec.access.kind === 'module') found.add(spec.name.split('.').pop()!);
    wordsByCatalog.set(catalog, (words = [...found]));
  }
  return words;
}

/**
 * The signal references that the words found at `words` ([start, length], in text order, all in one
 * module statement) start. Names already judged as part of a known reference (every connect site's
 * signal, import lines) need no second look.
 */
export function referencesAt(words: readonly (readonly [number, number])[], resolver: PythonResolver, modules: SignalModuleIndex, judged: JudgedStarts): SignalRef[] {
  const refs: SignalRef[] = [];
  const add = (ref: SignalRef | undefined): void => {
    if (ref) refs.push(ref);
  };
  const appAttributes = new Set(resolver.catalog.appAttributes);
  const seenImports = new Set<number>();
  for (let i = 0; i < words.length; i++) {
    const start = words[i][0];
    const length = words[i][1];
    if (judged.has(start)) continue;
    const name = resolver.nav.nodeAt(start, start + length);
    if (!name || name.type !== 'identifier' || name.startIndex !== start || name.endIndex !== start + length) continue;
    const ancestors = resolver.nav.ancestors(name);
    const parent = ancestors[0];
    if (!parent) continue;
    try {
      if (importParents.has(parent.type)) {
        const statement = ancestors.find((ancestor) => ancestor.type === 'import_statement' || ancestor.type === 'import_from_statement');
        if (statement && !seenImports.has(statement.startIndex)) {
          seenImports.add(statement.startIndex);
          for (const imported of importFactsOf(statement, modules).names) add(imported.signalRef);
        }
      } else if (parent.type === 'attribute' && sameNode(parent.childForFieldName('attribute'), name)) {
        if (appAttributes.has(name.text)) add(resolver.signalOf(parent));
      } else if (!isDefiningName(name, parent)) {
        add(signalStartingAt(name, ancestors, resolver));
      }
    } catch {
      // A reference we cannot judge in broken code is simply not reported.
    }
  }
  return refs;
}

/** Where known references start: a word there is part of one. */
export function judgedStarts(known: readonly SignalRef[]): JudgedStarts {
  const starts = new Array<number>(known.length * 2);
  for (let i = 0; i < known.length; i++) {
    starts[2 * i] = known[i].nameSpan.start;
    starts[2 * i + 1] = known[i].expressionSpan.start;
  }
  return new JudgedStarts(starts.sort((a, b) => a - b));
}

/** Where known references start, in order (one array rather than a set: a large module has hundreds). */
export class JudgedStarts {
  constructor(private readonly sorted: readonly number[]) {}

  has(start: number): boolean {
    const at = this.firstFrom(start);
    return at < this.sorted.length && this.sorted[at] === start;
  }

  /** The starts in [start, end], relative to `start` and joined by commas (what a statement's facts are read under). */
  relativeBetween(start: number, end: number): string {
    let joined = '';
    let previous = -1;
    for (let at = this.firstFrom(start); at < this.sorted.length && this.sorted[at] <= end; at++) {
      if (this.sorted[at] === previous) continue;
      previous = this.sorted[at];
      joined = joined === '' ? `${previous - start}` : `${joined},${previous - start}`;
    }
    return joined;
  }

  private firstFrom(start: number): number {
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.sorted[mid] < start) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

/** Every reference to a signal in the file, once each, in text order: the known ones, then those found from words. */
export function mergedReferences(known: readonly SignalRef[], found: Iterable<readonly SignalRef[]>): SignalRef[] {
  const refs = known.slice();
  for (const list of found) for (const ref of list) refs.push(ref);
  // The sort is stable: of references at the same place, the first reported comes first and is the one kept.
  refs.sort((a, b) => a.expressionSpan.start - b.expressionSpan.start || a.nameSpan.start - b.nameSpan.start);
  let kept = 0;
  for (const ref of refs) {
    let repeated = false;
    for (let j = kept - 1; j >= 0 && !repeated; j--) {
      const earlier = refs[j];
      if (earlier.expressionSpan.start !== ref.expressionSpan.start || earlier.nameSpan.start !== ref.nameSpan.start) break;
      repeated = earlier.expressionSpan.end === ref.expressionSpan.end;
    }
    if (!repeated) refs[kept++] = ref;
  }
  refs.length = kept;
  return refs;
}

/** `task_failure`, or `signals.task_failure` / `celery.signals.task_failure` read from its first name. */
function signalStartingAt(name: SyntaxNode, ancestors: readonly SyntaxNode[], resolver: PythonResolver): SignalRef | undefined {
  const direct = resolver.signalOf(name);
  if (direct) return direct;
  let current = name;
  for (const parent of ancestors) {
    if (parent.type !== 'attribute' || !sameNode(parent.childForFieldName('object'), current)) return undefined;
    const path = resolver.modulePathOf(current);
    if (path === undefined) return undefined;
    if (resolver.modules.isSignalModule(path)) return resolver.signalOf(parent);
    current = parent;
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
