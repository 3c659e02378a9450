/**
 * The Python front end: turns a tree-sitter Python tree into the shared FileModel.
 *
 * It never visits the whole tree. Module-level bindings come from the module's statements; connect
 * sites, tasks and signal references are found by searching the text for their tell-tale words and
 * checking each hit in the tree; only handler bodies (and the functions around them) are walked.
 */
import type { Catalog } from '../../catalog/catalog';
import type { SyntaxNode, Tree } from '../../parsing/treeSitter';
import type { FileModel, SignalSend, Span, TaskDefinition } from '../model';
import type { ExtractOptions, FrontEnd } from './frontend';
import type { SourceText } from '../sourceText';
import { ConnectSiteFinder } from './pythonConnect';
import { SignalModuleIndex } from './pythonImports';
import { configReadsOf } from './pythonImportRun';
import { scanModule } from './pythonModule';
import { moduleNestingProblems } from './pythonNesting';
import { PythonResolver } from './pythonResolve';
import { readStatements } from './pythonStatements';
import { previousExtents, StatementMemo } from './pythonStatementMemo';
import { readModuleStatements } from './pythonModuleStatements';
import { ModuleAnswers } from './pythonStatementDeps';
import { shiftedSpans } from './factMemo';
import { findSends } from './pythonSends';
import { collectSyntaxProblems, Navigator, plainStringValue, spanOf } from './pythonSyntax';

export const extractPython: FrontEnd = (tree: Tree, text: SourceText, catalog: Catalog, options?: ExtractOptions): FileModel => {
  const root = tree.rootNode;
  const modules = new SignalModuleIndex(catalog, options?.module);
  // With syntax errors a statement's tree may depend on the code around it: nothing is reused then.
  const broken = root.hasError;
  const reuse = options?.memo && !options.within && !broken ? options.memo : undefined;
  const before = reuse && options?.edited && previousExtents(reuse, options.edited.tree);
  const nav = new Navigator(root, text, readModuleStatements(root, before ? { ...before, changed: options!.edited!.changed, oldTree: options!.edited!.tree, tree } : undefined));
  if (!reuse) options?.memo?.hold();
  const answers = new ModuleAnswers(nav);
  const statements = new StatementMemo(reuse, answers, options?.edited);
  const moduleFacts = scanModule(nav, modules, statements);
  answers.module = moduleFacts;
  const { tasks, taskDefinitions } = findTasks(nav, statements);
  const resolver = new PythonResolver(moduleFacts, modules, catalog, taskDefinitions, nav);
  const finder = new ConnectSiteFinder(resolver, modules, options?.memo);
  const read = readStatements({ resolver, finder, modules, importRefs: moduleFacts.importRefs, statements, within: options?.within });
  const sites = read.sites;
  // The next analysis, edited from this tree, finds the unchanged statements by position.
  statements.keepTable(tree);
  return {
    language: 'python',
    sites,
    reboundSignalUses: read.rebound,
    importRun: {
      configReads: configReadsOf(nav, statements),
      starImports: moduleFacts.starImports,
      // Only a star import of a signal module could have been meant to bind such a name.
      unboundConnects: moduleFacts.starImports.length > 0 ? read.unboundConnects : [],
      customSignalReceivers: read.customReceivers,
    },
    signalRefs: read.signalRefs,
    imports: moduleFacts.imports,
    tasks,
    ...withSends(findSends(resolver, statements)),
    syntaxProblems: [...moduleNestingProblems(text, statements, broken), ...collectSyntaxProblems(root)].sort((a, b) => a.span.start - b.span.start),
  };
};

function withSends(sends: SignalSend[]): { sends?: SignalSend[] } {
  return sends.length > 0 ? { sends } : {};
}

/** `@app.task`, `@<anything>.task(...)`, `@shared_task`, `@celery.task`, with or without arguments. */
function findTasks(nav: Navigator, statements: StatementMemo): { tasks: TaskDefinition[]; taskDefinitions: Set<number> } {
  const tasks: TaskDefinition[] = [];
  const taskDefinitions = new Set<number>();
  const pattern = /^[ \t]*@[ \t]*((?:[A-Za-z_]\w*[ \t]*\.[ \t]*)*)(task|shared_task)\b/gm;
  for (const words of statements.words(pattern, 'tasks', () => true)) {
    const statement = words.statement;
    // A task's decorator and definition lie in one statement: its facts depend on nothing else.
    const facts = statements.ownFacts('tasks', statement, () => tasksAt(words.absolute(), nav));
    const shift = statements.shift;
    for (const { task, definition } of facts) {
      if (taskDefinitions.has(definition.start + shift)) continue;
      taskDefinitions.add(definition.start + shift);
      tasks.push(shift === 0 ? task : shiftedSpans(task, shift));
    }
  }
  return { tasks, taskDefinitions };
}

function tasksAt(words: readonly (readonly [number, number])[], nav: Navigator): { task: TaskDefinition; definition: Span }[] {
  const found: { task: TaskDefinition; definition: Span }[] = [];
  // Indexed loops and reads: unoptimised, for-of and array destructuring make objects per step.
  for (let i = 0; i < words.length; i++) {
    const start = words[i][0];
    const at = start + nav.text.slice(start, start + words[i][1]).indexOf('@');
    const atSign = nav.nodeAt(at, at + 1);
    const ancestors = atSign ? nav.ancestors(atSign) : [];
    const decorator = ancestors[0];
    const decorated = ancestors[1];
    if (!decorator || decorator.type !== 'decorator') continue;
    const definition = decorated?.type === 'decorated_definition' ? decorated.childForFieldName('definition') : null;
    const name = definition?.type === 'function_definition' ? definition.childForFieldName('name') : null;
    if (!definition || !name || found.some((task) => task.definition.start === definition.startIndex)) continue;
    found.push({ task: { localName: name.text, registeredName: registeredNameOf(decorator), span: spanOf(name) }, definition: spanOf(definition) });
  }
  return found;
}

function registeredNameOf(decorator: SyntaxNode): string | undefined {
  const call = decorator.firstNamedChild;
  if (call?.type !== 'call') return undefined;
  const args = call.childForFieldName('arguments');
  for (const arg of args?.namedChildren ?? []) {
    if (arg?.type !== 'keyword_argument' || arg.childForFieldName('name')?.text !== 'name') continue;
    const value = arg.childForFieldName('value');
    return value ? plainStringValue(value) : undefined;
  }
  return undefined;
}
