/**
 * Module-level facts of a Python file, gathered from the module's statements only (compound
 * statements are entered, function and class bodies are not): every module binding in source order,
 * the import bindings that matter for signals, and references to signals on import lines.
 */
import type { SyntaxNode } from '../../parsing/treeSitter';
import type { ImportBinding, ImportRun, SignalRef, Span } from '../model';
import { importFactsOf, type SignalModuleIndex } from './pythonImports';
import { ScopeWalker, type Binding, type Scope } from './pythonScopes';
import { namedChildrenOf, type Navigator } from './pythonSyntax';
import type { StatementMemo } from './pythonStatementMemo';
import { shiftedSpans } from './factMemo';
import { wordsOf } from './pythonSends';
import { matchAt, type SourceText } from '../sourceText';

export interface ModuleEntry {
  binding: Binding;
  /** Where the binding statement starts, to tell which binding is in force at a module-level use. */
  start: number;
  /** Inside an if/try/loop/with/match body: it may or may not have run. */
  conditional: boolean;
  /** An import in a `try` body whose `except` catches ImportError. */
  guarded?: boolean;
  /** Where the binding's node is (def, class, value, element), without asking the tree. */
  nodeSpan?: Span;
}

/** Every module binding of a name, in source order. */
export interface ModuleEntries {
  get(name: string): ModuleEntry[] | undefined;
  has(name: string): boolean;
}

export interface ModuleFacts {
  entries: ModuleEntries;
  /** The names of `entries` with a signal or module binding among theirs, in the order first bound. */
  signalOrModuleNames: Set<string>;
  /** Names bound at module level in ways a statement scan cannot order (`global x` in functions, `:=`). */
  looselyBound: Set<string>;
  /** A star import from a module whose exports we do not know: any name may be bound. */
  starEverything: boolean;
  imports: ImportBinding[];
  starImports: ImportRun['starImports'];
  importRefs: SignalRef[];
  classes: SyntaxNode[];
  /** Where each of `classes` is, without asking the tree. */
  classSpans: Span[];
  /** `del name` statements of the module body, unconditional ones only. */
  deletions: { name: string; node: SyntaxNode; span: Span }[];
}

/** A node named by position and type: kept facts name nodes this way and find them again when asked. */
interface NodeRef extends Span {
  type: string;
}

/** A Binding with its node (if any) named by a NodeRef: plain data, as statement facts must be. */
type PlainBinding =
  | Exclude<Binding, { kind: 'def' | 'class' | 'value' | 'element' }>
  | { kind: 'def' | 'class' | 'value' | 'element'; node: NodeRef };

/** What one module statement adds to the module's facts, spans absolute. */
interface ScannedStatement {
  entries: { name: string; binding: PlainBinding; at: Span; conditional: boolean; guarded?: boolean }[];
  imports: ImportBinding[];
  starImports: ImportRun['starImports'];
  importRefs: SignalRef[];
  classes: NodeRef[];
  deletions: { name: string; node: NodeRef }[];
  looselyBound: string[];
  starEverything: boolean;
}

const clauseTypes = new Set([
  'block',
  'if_statement',
  'elif_clause',
  'else_clause',
  'try_statement',
  'except_clause',
  'except_group_clause',
  'finally_clause',
  'while_statement',
  'for_statement',
  'with_statement',
  'match_statement',
  'case_clause',
]);

/**
 * The module's facts, read statement by statement: each module statement's part depends on its text
 * alone, so an unchanged statement's part is kept (`statements`) and its nodes are found again only
 * when a look-up needs them.
 */
export function scanModule(nav: Navigator, modules: SignalModuleIndex, statements: StatementMemo): ModuleFacts {
  const nodes = new StatementNodes(nav);
  const entries = new LazyEntries(nodes);
  const facts: ModuleFacts = {
    entries,
    signalOrModuleNames: new Set(),
    looselyBound: new Set(),
    starEverything: false,
    imports: [],
    starImports: [],
    importRefs: [],
    classes: [],
    classSpans: [],
    deletions: [],
  };
  const classNodes: LazyNode[] = [];
  const read = (index: number) => scanStatement(nav.statement(index), nav.text, modules, nodes.read);
  for (let index = 0; index < nav.statementCount; index++) {
    const scanned = statements.ownFacts('scan', index, read);
    const shift = statements.shift;
    for (let at = 0; at < scanned.entries.length; at++) {
      const { name, binding } = scanned.entries[at];
      if (binding.kind === 'signal' || binding.kind === 'module') facts.signalOrModuleNames.add(name);
      entries.add(name, scanned.entries, at, shift);
    }
    // Most statements import nothing and define no class: no copies made for them.
    if (scanned.imports.length > 0) facts.imports.push(...shiftedSpans(scanned.imports, shift));
    if (scanned.starImports.length > 0) facts.starImports.push(...shiftedSpans(scanned.starImports, shift));
    if (scanned.importRefs.length > 0) facts.importRefs.push(...shiftedSpans(scanned.importRefs, shift));
    // Indexed loops: most of these lists are empty, and an unoptimised for-of makes objects even then.
    for (let i = 0; i < scanned.classes.length; i++) {
      const cls = scanned.classes[i];
      classNodes.push(new LazyNode(nodes, cls, shift));
      facts.classSpans.push(moved(cls, shift));
    }
    for (let i = 0; i < scanned.deletions.length; i++) {
      const { name, node } = scanned.deletions[i];
      const deletion = new LazyNode(nodes, node, shift);
      facts.deletions.push({ name, span: moved(node, shift), get node() { return deletion.node; } });
    }
    for (let i = 0; i < scanned.looselyBound.length; i++) facts.looselyBound.add(scanned.looselyBound[i]);
    if (scanned.starEverything) facts.starEverything = true;
  }
  let classes: SyntaxNode[] | undefined;
  Object.defineProperty(facts, 'classes', { get: () => (classes ??= classNodes.map((node) => node.node)) });
  const text = nav.text;
  // Searched per statement (kept with it), so that an edit searches only the statements it touched.
  let declaredUpTo = 0;
  for (const [start] of wordsOf(statements, /\b(?:global|nonlocal)\s/g, 'global')) {
    // A declaration's names never start another one (`global a, nonlocal` names `nonlocal`).
    if (start < declaredUpTo) continue;
    const declared = /(?:global|nonlocal)\s+([A-Za-z_]\w*(?:[ \t]*,[ \t]*[A-Za-z_]\w*)*)/y;
    const match = matchAt(text, declared, start);
    if (!match) continue;
    declaredUpTo = start + match[0].length;
    for (const name of match[1].split(',')) facts.looselyBound.add(name.trim());
  }
  for (const [at] of wordsOf(statements, /:=/g, 'walrus')) {
    const name = /([A-Za-z_]\w*)\s*$/.exec(text.slice(Math.max(0, at - 80), at));
    if (name) facts.looselyBound.add(name[1]);
  }
  return facts;
}

/**
 * The module's entries, made for a name when it is first looked up: most names a large module binds
 * (every function) are never looked up after an edit, so their entries are never made.
 */
class LazyEntries implements ModuleEntries {
  /** Per name, the last of its bindings (an index into the arrays below); each links to the one before. */
  private readonly lastOf = new Map<string, number>();
  private readonly lists: ScannedStatement['entries'][] = [];
  private readonly positions: number[] = [];
  private readonly shifts: number[] = [];
  private readonly previous: number[] = [];
  private readonly made = new Map<string, ModuleEntry[]>();

  constructor(private readonly nodes: StatementNodes) {}

  add(name: string, list: ScannedStatement['entries'], position: number, shift: number): void {
    this.previous.push(this.lastOf.get(name) ?? -1);
    this.lastOf.set(name, this.lists.length);
    this.lists.push(list);
    this.positions.push(position);
    this.shifts.push(shift);
  }

  has(name: string): boolean {
    return this.lastOf.has(name);
  }

  get(name: string): ModuleEntry[] | undefined {
    let entries = this.made.get(name);
    if (entries) return entries;
    const last = this.lastOf.get(name);
    if (last === undefined) return undefined;
    entries = [];
    for (let at = last; at >= 0; at = this.previous[at]) entries.push(this.entryAt(at));
    entries.reverse();
    this.made.set(name, entries);
    return entries;
  }

  private entryAt(at: number): ModuleEntry {
    const { binding, at: place, conditional, guarded } = this.lists[at][this.positions[at]];
    const shift = this.shifts[at];
    const entry: ModuleEntry = { binding: bindingOf(binding, this.nodes, shift), start: place.start + shift, conditional };
    if (guarded) entry.guarded = true;
    if (binding.kind === 'def' || binding.kind === 'class' || binding.kind === 'value' || binding.kind === 'element') entry.nodeSpan = moved(binding.node, shift);
    return entry;
  }
}

function moved(span: Span, shift: number): Span {
  return shift === 0 ? span : { start: span.start + shift, end: span.end + shift };
}

/** The nodes kept facts name, for this analysis's tree. */
class StatementNodes {
  /** Nodes of the statements read in this analysis, by the NodeRef naming them (no search needed). */
  private readonly known = new WeakMap<NodeRef, SyntaxNode>();
  readonly read = (ref: NodeRef, node: SyntaxNode): void => void this.known.set(ref, node);

  constructor(private readonly nav: Navigator) {}

  find(ref: NodeRef, shift: number): SyntaxNode {
    const start = ref.start + shift;
    return this.known.get(ref) ?? this.nav.nodeSpanning(start, start + ref.end - ref.start, ref.type);
  }
}

/** A node named by a kept NodeRef, found in the tree the first time it is asked for. */
class LazyNode {
  private found?: SyntaxNode;

  constructor(
    private readonly nodes: StatementNodes,
    private readonly ref: NodeRef,
    private readonly shift: number,
  ) {}

  get node(): SyntaxNode {
    return (this.found ??= this.nodes.find(this.ref, this.shift));
  }
}

/** A def, class, value or element binding whose node is found when first read (one object each). */
class LazyBinding extends LazyNode {
  constructor(
    readonly kind: 'def' | 'class' | 'value' | 'element',
    nodes: StatementNodes,
    ref: NodeRef,
    shift: number,
  ) {
    super(nodes, ref, shift);
  }

  get value(): SyntaxNode {
    return this.node;
  }

  get iterable(): SyntaxNode {
    return this.node;
  }
}

function bindingOf(binding: PlainBinding, nodes: StatementNodes, shift: number): Binding {
  switch (binding.kind) {
    case 'def':
    case 'class':
    case 'value':
    case 'element':
      return new LazyBinding(binding.kind, nodes, binding.node, shift) as Binding;
    default:
      return binding;
  }
}

/** One module statement's part of the module's facts (compound statements entered, bodies not). */
function scanStatement(topLevel: SyntaxNode, text: SourceText, modules: SignalModuleIndex, read: (ref: NodeRef, node: SyntaxNode) => void): ScannedStatement {
  let guardDepth = 0;
  const facts: ScannedStatement = { entries: [], imports: [], starImports: [], importRefs: [], classes: [], deletions: [], looselyBound: [], starEverything: false };
  const walker = new ScopeWalker(modules, text, false);
  const ref = (node: SyntaxNode): NodeRef => {
    const named: NodeRef = { start: node.startIndex, end: node.endIndex, type: node.type };
    read(named, node);
    return named;
  };
  const add = (name: string, binding: Binding, start: number, conditional: boolean): void => {
    let plain: PlainBinding;
    switch (binding.kind) {
      case 'def':
      case 'class':
        plain = { kind: binding.kind, node: ref(binding.node) };
        break;
      case 'value':
        plain = { kind: 'value', node: ref(binding.value) };
        break;
      case 'element':
        plain = { kind: 'element', node: ref(binding.iterable) };
        break;
      default:
        plain = binding;
    }
    const entry: ScannedStatement['entries'][number] = { name, binding: plain, at: { start, end: start }, conditional };
    if (guardDepth > 0) entry.guarded = true;
    facts.entries.push(entry);
  };
  const bindTargets = (target: SyntaxNode, start: number, conditional: boolean, value?: SyntaxNode, loopOver?: SyntaxNode): void => {
    const scratch: Scope = { kind: 'function', bindings: new Map(), declaredGlobal: new Set(), declaredNonlocal: new Set(), reads: [] };
    if (loopOver) walker.bindLoopTarget(target, scratch, loopOver);
    else walker.bindTarget(target, scratch, value);
    for (const [name, bindings] of scratch.bindings) for (const binding of bindings) add(name, binding, start, conditional);
  };

  const scanImport = (statement: SyntaxNode, conditional: boolean): void => {
    const imported = importFactsOf(statement, modules);
    for (const name of imported.names) {
      add(name.localName, name.binding, statement.startIndex, conditional);
      if (name.importBinding) facts.imports.push({ ...name.importBinding, ...(guardDepth > 0 && { guarded: true }), ...(!conditional && { topLevel: true }) });
      if (name.signalRef) facts.importRefs.push(name.signalRef);
    }
    if (imported.starModule === undefined) return;
    const starModule = imported.starModule;
    if (modules.isSignalModule(starModule)) {
      facts.starImports.push({ module: starModule, span: { start: statement.startIndex, end: statement.endIndex } });
      // A project module may export a signal under another name (`failed = task_failure`).
      for (const local of modules.catalog.signalAttributesOf(starModule)) {
        const spec = modules.catalog.fromModule(starModule, local)!;
        if (!spec.inStarImport) continue;
        add(local, { kind: 'signal', signal: spec.name, resolution: 'catalog', module: starModule }, statement.startIndex, conditional);
        facts.imports.push({ localName: local, target: `${starModule}.${local}`, kind: 'signal', span: { start: statement.startIndex, end: statement.endIndex }, ...(!conditional && { topLevel: true }) });
      }
    }
    // Only celery.signals has a known `__all__` (its signals); other modules may export anything.
    if (starModule !== 'celery.signals') facts.starEverything = true;
  };

  const scan = (statement: SyntaxNode, conditional: boolean, start = statement.startIndex): void => {
    switch (statement.type) {
      case 'decorated_definition': {
        const definition = statement.childForFieldName('definition');
        if (definition) scan(definition, conditional, statement.startIndex);
        return;
      }
      // The name is bound once the whole statement ran: decorators and defaults still see the old binding.
      case 'function_definition': {
        const name = statement.childForFieldName('name');
        if (name) add(name.text, { kind: 'def', node: statement }, statement.endIndex, conditional);
        return;
      }
      case 'class_definition': {
        const name = statement.childForFieldName('name');
        if (name) add(name.text, { kind: 'class', node: statement }, statement.endIndex, conditional);
        facts.classes.push(ref(statement));
        return;
      }
      case 'expression_statement':
        for (const expression of namedChildrenOf(statement)) {
          let assignment: SyntaxNode | null = expression;
          while (assignment && (assignment.type === 'assignment' || assignment.type === 'augmented_assignment')) {
            const left = assignment.childForFieldName('left');
            const right = assignment.childForFieldName('right');
            if (left) bindTargets(left, start, conditional, assignment.type === 'assignment' && right?.type !== 'assignment' ? right ?? undefined : undefined);
            assignment = right;
          }
        }
        return;
      case 'import_statement':
      case 'import_from_statement':
        scanImport(statement, conditional);
        return;
      case 'delete_statement':
        if (conditional) return;
        for (const target of namedChildrenOf(statement)) {
          const names = target.type === 'identifier' ? [target] : target.type === 'expression_list' ? namedChildrenOf(target) : [];
          for (const name of names) if (name.type === 'identifier') facts.deletions.push({ name: name.text, node: ref(name) });
        }
        return;
      case 'type_alias_statement': {
        const name = statement.firstNamedChild;
        if (name) bindTargets(name.type === 'type' ? name.firstNamedChild ?? name : name, start, conditional);
        return;
      }
      case 'ERROR':
        for (const name of statement.descendantsOfType('identifier')) if (name) facts.looselyBound.push(name.text);
        for (const child of namedChildrenOf(statement)) scan(child, true);
        return;
      default:
        if (clauseTypes.has(statement.type)) scanCompound(statement, conditional);
    }
  };

  const scanCompound = (statement: SyntaxNode, conditional: boolean): void => {
    if (statement.type === 'try_statement' && catchesImportError(statement)) {
      // The body's imports may fail without stopping the module; the except clauses are not guarded.
      for (const child of namedChildrenOf(statement)) {
        if (child.type === 'block') {
          guardDepth++;
          try {
            scan(child, true);
          } finally {
            guardDepth--;
          }
        } else if (clauseTypes.has(child.type)) scan(child, true);
      }
      return;
    }
    const nested = conditional || statement.type !== 'block';
    if (statement.type === 'for_statement') {
      const left = statement.childForFieldName('left');
      if (left) bindTargets(left, statement.startIndex, true, undefined, statement.childForFieldName('right') ?? undefined);
    }
    for (const alias of asTargetsOf(statement)) {
      for (const target of namedChildrenOf(alias)) bindTargets(target, statement.startIndex, true);
    }
    for (const child of namedChildrenOf(statement)) {
      if (statement.type === 'block') scan(child, nested);
      else if (clauseTypes.has(child.type)) scan(child, true);
    }
  };


  scan(topLevel, false);
  return facts;
}

/** Exceptions whose handler also catches a failed import. */
const IMPORT_ERROR_CATCHERS = new Set(['ImportError', 'ModuleNotFoundError', 'Exception', 'BaseException']);

/** A `try` with a bare `except:` or one naming ImportError (or a base of it), alone or in a tuple. */
function catchesImportError(statement: SyntaxNode): boolean {
  return namedChildrenOf(statement).some((clause) => {
    if (clause.type !== 'except_clause') return false;
    const caught = namedChildrenOf(clause).find((child) => child.type !== 'block' && child.type !== 'comment');
    if (!caught) return true;
    const types = caught.type === 'as_pattern' ? caught.firstNamedChild : caught;
    const names = types?.type === 'tuple' ? namedChildrenOf(types) : types ? [types] : [];
    return names.some((name) => IMPORT_ERROR_CATCHERS.has(name.text.split('.').pop() ?? ''));
  });
}

/** The `as` targets of a with statement's items or of an except clause (not of nested statements). */
function asTargetsOf(statement: SyntaxNode): SyntaxNode[] {
  const patterns: SyntaxNode[] = [];
  if (statement.type === 'with_statement') {
    for (const clause of namedChildrenOf(statement)) {
      if (clause.type !== 'with_clause') continue;
      for (const item of namedChildrenOf(clause)) {
        const value = item.childForFieldName('value');
        if (value?.type === 'as_pattern') patterns.push(value);
      }
    }
  } else if (statement.type === 'except_clause' || statement.type === 'except_group_clause') {
    for (const child of namedChildrenOf(statement)) if (child.type === 'as_pattern') patterns.push(child);
  }
  return patterns.flatMap((pattern) => {
    const alias = pattern.childForFieldName('alias');
    return alias ? [alias] : [];
  });
}
