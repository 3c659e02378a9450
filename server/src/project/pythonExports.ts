/**
 * What a Python module binds at its top level, as other modules see it: names imported from
 * elsewhere (re-exports), aliases of dotted names, calls such as `Signal(...)` or `Celery(...)`, and
 * task definitions. Read from the module's statements only (compound statements entered, function
 * and class bodies not), so it is cheap and needs nothing but the tree.
 */
import type { SyntaxNode } from '../parsing/treeSitter';
import type { ModuleIdentity } from '../analysis/frontends/frontend';
import type { Span } from '../analysis/model';
import { absoluteModuleOf } from '../analysis/frontends/pythonImports';

export type ExportBinding =
  /** `from M import n`: whatever `n` is in `M`. */
  | { kind: 'import'; module: string; name: string }
  /** `import M as x`, or `import M` (which binds the first part). */
  | { kind: 'module'; module: string }
  /** `x = a.b.c`: what that dotted name is in this module. */
  | { kind: 'alias'; path: string[] }
  /** `x = callee(...)`: a Signal or an app, once the callee is known. */
  | { kind: 'call'; callee: string[]; span: Span; providingArgs?: string[] }
  | { kind: 'task'; registeredName?: string }
  | { kind: 'other' };

export interface ModuleExports {
  /** Every top-level binding of each name, in source order; `conditional` ones sit in `if`/`try`/loops. */
  names: Map<string, { binding: ExportBinding; conditional: boolean }[]>;
  /** Modules named by `from M import *`. */
  starImports: string[];
  /** Every absolute module an import statement names (anywhere in the file): what this file depends on. */
  imports: string[];
  /**
   * The dotted names through which the file's extraction can read project knowledge: each name it
   * imports (`M.n` for `from M import n`) and each dotted name it writes below an imported module or
   * name (`proj.signals.failure` after `import proj`); `M.*` for `from M import *`.
   */
  dependencies: string[];
  /**
   * The module may register tasks this reading cannot name: a task class, `register_task`, a task
   * decorator below the top level or used as a plain call, or a `name=` that is no string literal.
   * Then no task name can be said to be missing from it.
   */
  tasksOpen: boolean;
  /** Imports that surely run when the module is imported (module statements outside `if`/`try`/loops): what each runs, and where. */
  runsAtImport: { modules: string[]; offset: number }[];
}

const TASK_DECORATOR = /^(?:[A-Za-z_]\w*\.)*(?:task|shared_task)$/;

export function moduleExportsOf(root: SyntaxNode, text: string, self: ModuleIdentity | undefined): ModuleExports {
  const exports: ModuleExports = { names: new Map(), starImports: [], imports: [], dependencies: [], tasksOpen: false, runsAtImport: [] };
  const bind = (name: string, binding: ExportBinding, conditional: boolean) => {
    const list = exports.names.get(name);
    if (list) list.push({ binding, conditional });
    else exports.names.set(name, [{ binding, conditional }]);
  };
  // What each imported name stands for, to find the dotted names written after it (dependenciesWrittenBelow).
  const imported = new Map<string, string[]>();
  const usedBelow = (local: string, module: string) => {
    const modules = imported.get(local);
    if (!modules) imported.set(local, [module]);
    else if (!modules.includes(module)) modules.push(module);
  };
  const visit = (statement: SyntaxNode, conditional: boolean): void => {
    switch (statement.type) {
      case 'import_statement':
      case 'import_from_statement': {
        const before = exports.imports.length;
        importBindings(statement, self, exports, (name, binding) => bind(name, binding, conditional), usedBelow);
        if (!conditional) exports.runsAtImport.push({ modules: exports.imports.slice(before), offset: statement.startIndex });
        return;
      }
      case 'expression_statement': {
        const assignment = statement.firstNamedChild;
        if (assignment?.type !== 'assignment') return;
        const left = assignment.childForFieldName('left');
        const right = assignment.childForFieldName('right');
        if (left?.type === 'identifier') bind(left.text, right ? valueBinding(right) : { kind: 'other' }, conditional);
        return;
      }
      case 'decorated_definition': {
        const definition = statement.childForFieldName('definition');
        const name = definition?.childForFieldName('name');
        if (!definition || !name) return;
        const task = definition.type === 'function_definition' && mayNameTask(text, statement.startIndex, definition.startIndex) ? taskDecorator(statement) : undefined;
        const registered = task && registeredName(task);
        if (registered === null) exports.tasksOpen = true;
        bind(name.text, task ? { kind: 'task', registeredName: registered ?? undefined } : { kind: 'other' }, conditional);
        return;
      }
      case 'function_definition':
      case 'class_definition': {
        const name = statement.childForFieldName('name');
        if (name) bind(name.text, { kind: 'other' }, conditional);
        return;
      }
      default:
        for (const child of statement.namedChildren) {
          if (!child) continue;
          if (child.type === 'block' || /_clause$/.test(child.type)) for (const inner of child.namedChildren) if (inner) visit(inner, true);
        }
    }
  };
  for (const statement of root.namedChildren) if (statement) visit(statement, false);
  // Imports inside functions still make this file depend on those modules (the walk is skipped when no indented import exists).
  if (/^[ \t]+(?:from|import)[ \t]/m.test(text)) {
    for (const statement of root.descendantsOfType(['import_statement', 'import_from_statement'])) {
      if (statement && !isModuleLevel(statement)) importBindings(statement, self, exports, () => undefined, usedBelow);
    }
  }
  dependenciesWrittenBelow(text, imported, exports);
  exports.imports = [...new Set(exports.imports)];
  exports.dependencies = [...new Set(exports.dependencies)];
  if (!exports.tasksOpen) exports.tasksOpen = registersTasksOtherwise(text, exports);
  return exports;
}

/** A `Task` class, `register_task`, `app.task(fn)` as a call, or more task decorators than top-level task definitions. */
function registersTasksOtherwise(text: string, exports: ModuleExports): boolean {
  if (/\bTask\b|\bregister_task\b/.test(text) || callsTask(text)) return true;
  const decorators = text.match(/@\s*(?:[A-Za-z_]\w*\s*\.\s*)*(?:task|shared_task)\b/g)?.length ?? 0;
  let defined = 0;
  // forEach and an indexed loop: unoptimised, for-of makes objects per step (a task module binds hundreds of names).
  exports.names.forEach((bindings) => {
    for (let i = 0; i < bindings.length; i++) if (bindings[i].binding.kind === 'task') defined++;
  });
  return decorators !== defined;
}

/**
 * Whether the text calls `task` or `shared_task` outside a decorator, under a plain dotted path:
 * what `/(?<![@\w.])(?:[A-Za-z_]\w*\.)*(?:task|shared_task)\s*\(/` finds, found from each `task(`
 * backwards. That pattern tries its dotted path at every offset of the text, and handler modules
 * are long.
 */
export function callsTask(text: string): boolean {
  for (let at = text.indexOf('task'); at >= 0; at = text.indexOf('task', at + 1)) {
    CALL_AFTER.lastIndex = at + 4;
    if (!CALL_AFTER.test(text)) continue;
    if (plainPathEndsAt(text, at) || (text.startsWith('shared_', at - 7) && plainPathEndsAt(text, at - 7))) return true;
  }
  return false;
}

const CALL_AFTER = /\s*\(/y;

/** Whether the name starting at `start` is preceded by nothing but `name.` parts, with no `@`, word or dot before them. */
function plainPathEndsAt(text: string, start: number): boolean {
  for (let at = start; ; ) {
    if (at === 0) return true;
    const before = text.charCodeAt(at - 1);
    if (before !== DOT) return before !== AT && !isWordCode(before);
    let partStart = at - 1;
    while (partStart > 0 && isWordCode(text.charCodeAt(partStart - 1))) partStart--;
    const first = text.charCodeAt(partStart);
    // An empty part (`..`) or one starting with a digit is no name.
    if (partStart === at - 1 || (first >= 48 && first <= 57)) return false;
    at = partStart;
  }
}

const DOT = 46;
const AT = 64;

/** [A-Za-z0-9_], what `\w` matches. */
function isWordCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

function isModuleLevel(node: SyntaxNode): boolean {
  for (let up = node.parent; up; up = up.parent) if (up.type === 'function_definition' || up.type === 'class_definition') return false;
  return true;
}

function dotted(node: SyntaxNode): string {
  return node.text.replace(/\s+/g, '');
}

/** `usedBelow`: hears each name an import binds and the module it stands for (see dependenciesWrittenBelow). */
function importBindings(statement: SyntaxNode, self: ModuleIdentity | undefined, exports: ModuleExports, bind: (name: string, binding: ExportBinding) => void, usedBelow: (local: string, module: string) => void): void {
  if (statement.type === 'import_statement') {
    for (const item of statement.childrenForFieldName('name')) {
      if (!item) continue;
      const target = item.type === 'aliased_import' ? item.childForFieldName('name') : item;
      if (!target) continue;
      const module = dotted(target);
      exports.imports.push(module);
      const alias = item.type === 'aliased_import' ? item.childForFieldName('alias')?.text : undefined;
      usedBelow(alias ?? module.split('.')[0], alias ? module : module.split('.')[0]);
      bind(alias ?? module.split('.')[0], { kind: 'module', module: alias ? module : module.split('.')[0] });
    }
    return;
  }
  const moduleNode = statement.childForFieldName('module_name');
  const module = moduleNode ? (moduleNode.type === 'relative_import' ? absoluteModuleOf(moduleNode, self) : dotted(moduleNode)) : undefined;
  if (module === undefined) return;
  exports.imports.push(module);
  if (statement.namedChildren.some((child) => child?.type === 'wildcard_import')) {
    exports.starImports.push(module);
    exports.dependencies.push(`${module}.*`);
  }
  for (const item of statement.childrenForFieldName('name')) {
    if (!item) continue;
    const imported = item.type === 'aliased_import' ? item.childForFieldName('name') : item;
    const local = item.type === 'aliased_import' ? item.childForFieldName('alias') : item;
    if (!imported || !local) continue;
    // `from pkg import sub` may name a submodule: depend on it too.
    exports.imports.push(`${module}.${dotted(imported)}`);
    exports.dependencies.push(`${module}.${dotted(imported)}`);
    usedBelow(local.text, `${module}.${dotted(imported)}`);
    bind(local.text, { kind: 'import', module, name: dotted(imported) });
  }
}

/**
 * `import proj` reaches project knowledge only through dotted names written after it
 * (`proj.signals.failure`): each one the file writes is a dependency, not all of `proj`. One pattern
 * finds the dotted names after every imported name, and each name's matches are kept apart as if it
 * had a pattern of its own: a match of one name may hold the start of another's (`a . b.c`), so the
 * search goes on one character after each match, and a name's match counts only past the end of its
 * last one.
 */
export function dependenciesWrittenBelow(text: string, imported: ReadonlyMap<string, readonly string[]>, exports: ModuleExports): void {
  if (imported.size === 0) return;
  const names = [...imported.keys()].map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(?<![\\w.])(${names.join('|')})((?:[ \\t]*\\.[ \\t]*[A-Za-z_]\\w*)+)`, 'g');
  const endOf = new Map<string, number>();
  // The same dotted name is written again and again (`time.time()` in every handler); its dependencies once are enough.
  const seen = new Set<string>();
  // An exec loop: matchAll's iterator makes an object per match until V8 optimises it. Matches are never empty.
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    pattern.lastIndex = match.index + 1;
    const name = match[1];
    if (match.index < (endOf.get(name) ?? 0)) continue;
    endOf.set(name, match.index + match[0].length);
    const written = `${name}\u0000${match[2]}`;
    if (seen.has(written)) continue;
    seen.add(written);
    const parts = match[2].split('.').map((part) => part.trim()).filter(Boolean);
    for (const module of imported.get(name)!) {
      const path = [module, ...parts];
      for (let i = 1; i < path.length; i++) exports.dependencies.push(path.slice(0, i + 1).join('.'));
    }
  }
}

function pathOf(node: SyntaxNode): string[] | undefined {
  if (node.type === 'identifier') return [node.text];
  if (node.type !== 'attribute') return undefined;
  const object = node.childForFieldName('object');
  const attribute = node.childForFieldName('attribute');
  const base = object ? pathOf(object) : undefined;
  return base && attribute ? [...base, attribute.text] : undefined;
}

function valueBinding(value: SyntaxNode): ExportBinding {
  const path = pathOf(value);
  if (path) return { kind: 'alias', path };
  if (value.type !== 'call') return { kind: 'other' };
  const callee = value.childForFieldName('function');
  const calleePath = callee ? pathOf(callee) : undefined;
  if (!calleePath) return { kind: 'other' };
  const attribute = calleePath.length === 1 && calleePath[0] === 'getattr' ? constantGetattr(value) : undefined;
  if (attribute) return { kind: 'alias', path: attribute };
  return { kind: 'call', callee: calleePath, span: { start: value.startIndex, end: value.endIndex }, providingArgs: providingArgsOf(value) };
}

/**
 * `getattr(signals, "task_prerun")`: the attribute path it reads. Only the two-argument form with a
 * plain name string: with a default the name may not exist.
 */
function constantGetattr(call: SyntaxNode): string[] | undefined {
  const args = call.childForFieldName('arguments')?.namedChildren ?? [];
  if (args.length !== 2 || !args[0] || args[1]?.type !== 'string') return undefined;
  const object = pathOf(args[0]);
  const name = /^['"]([A-Za-z_]\w*)['"]$/.exec(args[1].text)?.[1];
  return object && name ? [...object, name] : undefined;
}

/** `providing_args=['a', 'b']` with plain string items. */
function providingArgsOf(call: SyntaxNode): string[] | undefined {
  for (const argument of call.childForFieldName('arguments')?.namedChildren ?? []) {
    if (argument?.type !== 'keyword_argument' || argument.childForFieldName('name')?.text !== 'providing_args') continue;
    const list = argument.childForFieldName('value');
    if (list?.type !== 'list' && list?.type !== 'tuple' && list?.type !== 'set') return undefined;
    const names = list.namedChildren.map((item) => (item?.type === 'string' ? /^['"](\w+)['"]$/.exec(item.text)?.[1] : undefined));
    return names.every((name) => name !== undefined) ? (names as string[]) : undefined;
  }
  return undefined;
}

/**
 * Whether the decorators in text[start, end) may hold a task decorator: its last segment is the name
 * `task` or `shared_task`, written whole (the path around it is dots, spaces and names). A signal
 * handler's `@task_failure.connect` has none, and costs no walk of its decorators.
 */
function mayNameTask(text: string, start: number, end: number): boolean {
  return WHOLE_TASK_WORD.test(text.slice(start, end));
}

const WHOLE_TASK_WORD = /(?<![A-Za-z0-9_])(?:shared_)?task(?![A-Za-z0-9_])/;

function taskDecorator(decorated: SyntaxNode): SyntaxNode | undefined {
  for (const decorator of decorated.namedChildren) {
    if (decorator?.type !== 'decorator') continue;
    const expression = decorator.firstNamedChild;
    const callee = expression?.type === 'call' ? expression.childForFieldName('function') : expression;
    if (callee && TASK_DECORATOR.test(dotted(callee))) return expression ?? undefined;
  }
  return undefined;
}

/** The `name=` of a task decorator: undefined when there is none, null when it is no plain string literal. */
function registeredName(decorator: SyntaxNode): string | null | undefined {
  if (decorator.type !== 'call') return undefined;
  for (const argument of decorator.childForFieldName('arguments')?.namedChildren ?? []) {
    if (argument?.type === 'dictionary_splat') return null;
    if (argument?.type !== 'keyword_argument' || argument.childForFieldName('name')?.text !== 'name') continue;
    return /^['"]([^'"\\]+)['"]$/.exec(argument.childForFieldName('value')?.text ?? '')?.[1] ?? null;
  }
  return undefined;
}
