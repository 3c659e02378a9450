/**
 * Re-analysis after a small edit: when the edit stays inside one top-level function, class, call or
 * (TypeScript) declaration statement, only the connect sites in that statement (and those whose
 * handler lives there) are extracted and checked again; every other site keeps its model and
 * findings, moved by the edit's length. Anything less tidy returns undefined and the caller
 * analyses the whole file.
 */
import type { Catalog } from '../catalog/catalog';
import type { CheckOptions } from '../analysis/analyze';
import type { Finding } from '../analysis/diagnostics';
import type { FileModel, HandlerSite, SignalRef, Span } from '../analysis/model';
import type { Edit, SyntaxNode, Tree } from '../parsing/treeSitter';
import { checkFile, checkSites, type CheckedModel, type SiteFindings } from './siteChecks';

export interface PreviousAnalysis {
  text: string;
  checked: CheckedModel;
}

export type ExtractWithin = (within: Span[]) => FileModel;

/** An edit by offsets only: `[startIndex, oldEndIndex)` of the old text became `[startIndex, newEndIndex)`. */
export type OffsetEdit = Pick<Edit, 'startIndex' | 'oldEndIndex' | 'newEndIndex'>;

/** One edit equivalent to several applied in order (each against the text the previous one left). */
export function combineEdits(edits: readonly OffsetEdit[]): OffsetEdit | undefined {
  let combined: OffsetEdit | undefined;
  for (const edit of edits) {
    if (!combined) {
      combined = { startIndex: edit.startIndex, oldEndIndex: edit.oldEndIndex, newEndIndex: edit.newEndIndex };
      continue;
    }
    const oldEndIndex = combined.oldEndIndex + Math.max(0, edit.oldEndIndex - combined.newEndIndex);
    const newEndIndex = Math.max(combined.newEndIndex, edit.oldEndIndex) + (edit.newEndIndex - edit.oldEndIndex);
    combined = { startIndex: Math.min(combined.startIndex, edit.startIndex), oldEndIndex, newEndIndex };
  }
  return combined;
}

const inside = (span: Span, outer: Span): boolean => outer.start <= span.start && span.end <= outer.end;
const disjoint = (span: Span, other: Span): boolean => span.end <= other.start || other.end <= span.start;

/** What decides, per language, whether an edit inside a top-level statement can stay local. */
interface StatementRules {
  /** Statements whose edits cannot change how other statements resolve names. */
  selfContained(statement: SyntaxNode): boolean;
  /** The statement still binds the same name the same way (and declares tasks as before). */
  sameBinding(oldText: string, newText: string): boolean;
}

/** The header of a Python definition: decorators and the `def name` / `class name` it binds. */
function pythonHeader(statementText: string): { name?: string; taskDecorated: boolean; decorators: string } {
  const header = /^((?:[ \t]*@[^\n]*\n)*)[ \t]*(?:async[ \t]+)?(?:def|class)[ \t]+(\w+)/.exec(statementText);
  if (!header) return { taskDecorated: false, decorators: '' };
  return { name: header[2], taskDecorated: /\b(task|shared_task)\b/.test(header[1]), decorators: header[1] };
}

const PYTHON_STATEMENTS = new Set(['function_definition', 'decorated_definition', 'class_definition', 'expression_statement']);

const pythonRules: StatementRules = {
  selfContained: (statement) =>
    PYTHON_STATEMENTS.has(statement.type) &&
    // An assignment at module level may rebind a signal or task other statements use.
    (statement.type !== 'expression_statement' || statement.firstNamedChild?.type === 'call'),
  sameBinding(oldText, newText) {
    const before = pythonHeader(oldText);
    const after = pythonHeader(newText);
    return before.name === after.name && (!(before.taskDecorated || after.taskDecorated) || before.decorators === after.decorators);
  },
};

const SCRIPT_STATEMENTS = new Set([
  'function_declaration',
  'generator_function_declaration',
  'class_declaration',
  'abstract_class_declaration',
  'expression_statement',
  'lexical_declaration',
  'variable_declaration',
  'export_statement',
]);

/**
 * Everything before the first bracket or arrow: `function onFailure`, `const add = app.task`,
 * `task_failure.connect`. Equal heads bind the same name to the same kind of thing.
 */
function scriptHead(statementText: string): string {
  return /^[^({]*?(?=[({]|=>|$)/.exec(statementText)![0].trim();
}

const scriptRules: StatementRules = {
  selfContained: (statement) =>
    SCRIPT_STATEMENTS.has(statement.type) &&
    (statement.type !== 'expression_statement' || statement.firstNamedChild?.type === 'call_expression') &&
    // `export { a } from '...'` re-exports: only exported declarations are plain statements.
    (statement.type !== 'export_statement' || !!statement.childForFieldName('declaration')),
  sameBinding: (oldText, newText) => scriptHead(oldText) === scriptHead(newText),
};

/**
 * Moves every `{ start, end }` at or after `from` by `delta`, in place. The previous analysis owns
 * these objects and is being replaced, so mutating them saves copying most of the model per edit.
 */
function shiftInPlace(value: unknown, from: number, delta: number, moved: WeakSet<object>): void {
  if (!value || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) shiftInPlace(item, from, delta, moved);
    return;
  }
  const record = value as Record<string, unknown>;
  if (typeof record.start === 'number' && typeof record.end === 'number') {
    // Models and findings share span objects (a finding's span may be a parameter's): move each once.
    if (moved.has(record)) return;
    moved.add(record);
    if (record.start >= from) {
      record.start += delta;
      record.end = (record.end as number) + delta;
    }
  }
  for (const key in record) {
    const child = record[key];
    if (child && typeof child === 'object') shiftInPlace(child, from, delta, moved);
  }
}

function shifted<T>(value: T, from: number, delta: number, moved: WeakSet<object>): T {
  if (delta !== 0) shiftInPlace(value, from, delta, moved);
  return value;
}

/** Every span a finding mentions (its range, fix edits, related places). */
function findingSpans(finding: Finding): Span[] {
  return [finding.span, ...finding.fixes.flatMap((f) => f.edits.map((e) => e.span)), ...(finding.related ?? []).map((r) => r.span)];
}

function siteSpans(site: HandlerSite): Span[] {
  return site.handler ? [site.connection.span, site.handler.definitionSpan] : [site.connection.span];
}

export function reanalyseEdit(
  previous: PreviousAnalysis,
  edit: OffsetEdit,
  tree: Tree,
  text: string,
  catalog: Catalog,
  options: CheckOptions,
  extractWithin: ExtractWithin,
): CheckedModel | undefined {
  const delta = edit.newEndIndex - edit.oldEndIndex;
  if (text.length - previous.text.length !== delta) return undefined;
  const root = tree.rootNode;
  let statement: SyntaxNode | null = root.descendantForIndex(edit.startIndex, Math.max(edit.startIndex, edit.newEndIndex));
  while (statement?.parent && statement.parent.id !== root.id) statement = statement.parent;
  const rules = previous.checked.model.language === 'python' ? pythonRules : scriptRules;
  if (!statement || statement.id === root.id || !rules.selfContained(statement)) return undefined;

  const now: Span = { start: statement.startIndex, end: statement.endIndex };
  const before: Span = { start: now.start, end: now.end - delta };
  if (!(now.start <= edit.startIndex && edit.newEndIndex <= now.end && edit.oldEndIndex <= before.end)) return undefined;
  // The statement must bind the same name the same way, or other statements resolve differently.
  if (!rules.sameBinding(previous.text.slice(before.start, before.end), text.slice(now.start, now.end))) return undefined;

  // Everything is classified before anything moves: sites, references and findings share objects.
  const untouchedRefs = previous.checked.model.signalRefs.filter((r) => disjoint(r.expressionSpan, before));
  const untouched: SiteFindings[] = [];
  const unmoved: SiteFindings[] = [];
  const redo: Span[] = [now];
  for (const entry of previous.checked.perSite) {
    const spans = [...siteSpans(entry.site), ...entry.findings.flatMap(findingSpans)];
    if (spans.every((sp) => disjoint(sp, before))) {
      if (spans.some((sp) => sp.end >= before.end)) untouched.push(entry);
      else unmoved.push(entry);
      continue;
    }
    const connection = entry.site.connection.span;
    if (inside(connection, before)) continue;
    // Connected elsewhere, handler defined in the edited statement: that connect is redone too.
    if (!disjoint(connection, before)) return undefined;
    redo.push(connection.start >= before.end ? { start: connection.start + delta, end: connection.end + delta } : connection);
  }
  const moved = new WeakSet<object>();
  const kept = [...unmoved, ...untouched.map((entry) => shifted(entry, before.end, delta, moved))];

  const partial = extractWithin(redo);
  // Site findings depend on where the file is broken: any change outside the statement means redo all.
  const problemKey = (spans: Span[]) => spans.map((sp) => `${sp.start}-${sp.end}`).join(',');
  const oldProblems = previous.checked.model.syntaxProblems.map((p) => p.span).filter((sp) => !inside(sp, before));
  const newProblems = partial.syntaxProblems.map((p) => p.span).filter((sp) => !inside(sp, now));
  const movedProblems = oldProblems.map((sp) => (sp.start >= before.end ? { start: sp.start + delta, end: sp.end + delta } : sp));
  if (problemKey(movedProblems) !== problemKey(newProblems)) return undefined;
  const fresh = partial.sites.filter((site) => redo.some((span) => inside(site.connection.span, span)));
  const keptRefs: SignalRef[] = untouchedRefs.map((r) => shifted(r, before.end, delta, moved));
  const model: FileModel = {
    ...partial,
    sites: [...kept.map((k) => k.site), ...fresh].sort((a, b) => a.connection.span.start - b.connection.span.start),
    signalRefs: [...keptRefs, ...partial.signalRefs.filter((r) => inside(r.expressionSpan, now))].sort((a, b) => a.nameSpan.start - b.nameSpan.start),
  };
  return {
    model,
    perSite: [...kept, ...checkSites(fresh, model, catalog, options, text)],
    fileFindings: checkFile(model, catalog, options, text),
  };
}
