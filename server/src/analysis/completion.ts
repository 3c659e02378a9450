/**
 * Completion as plain data: which items to offer at an offset, given the document text, its model
 * and the catalog. The language server turns these into LSP completion items.
 */
import type { Catalog } from '../catalog/catalog';
import type { DocsLanguage, SignalSpec } from '../catalog/types';
import { compareVersions } from '../catalog/versions';
import type { TextEdit } from './diagnostics';
import { enclosingCall, enclosingOptionsObject, inCommentOrString, linePrefix, wordAt, type EnclosingCall } from './completionContext';
import { importPlanner } from './completionImports';
import { completeHandlerParams } from './completionParams';
import { label, localize } from './hoverLocale';
import { signalMarkdown } from './hover';
import type { FileModel, Span, TaskDefinition } from './model';
import { snippetLanguageOf } from '../../../shared/languages';
import { attributeOf, snippetsFor } from './snippets';
import type { CeleryVersionOrigin } from './versionOrigin';

export type CompletionKind = 'signal' | 'parameter' | 'keyword' | 'value' | 'snippet';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  insertText: string;
  /** `insertText` uses snippet syntax (`${1:name}`, `$0`). */
  isSnippet?: boolean;
  /** The text the insertion replaces: the word being typed. */
  replaceSpan: Span;
  additionalEdits?: TextEdit[];
  deprecated?: boolean;
  sortText?: string;
  filterText?: string;
}

export interface TaskElsewhere {
  task: TaskDefinition;
  /** Dotted module of the file defining it, when known. */
  module?: string;
}

export interface CompletionInput {
  text: string;
  offset: number;
  model: FileModel;
  catalog: Catalog;
  docsLanguage: DocsLanguage;
  celeryVersion: string;
  /** Where the project's files gave `celeryVersion`; signal documentation names it. */
  celeryVersionOrigin?: CeleryVersionOrigin;
  /** Dotted module name of this document (`proj.tasks`), used for default task names. */
  moduleName?: string;
  /** Tasks defined in the other open documents. */
  otherTasks?: TaskElsewhere[];
  /** The character that made the editor ask (`.`, `@`, space...); undefined when the user asked. */
  triggerCharacter?: string;
}

export const CONNECT_OPTIONS = ['sender', 'weak', 'dispatch_uid', 'retry'] as const;

const CONNECT_OPTION_DOCS: Record<(typeof CONNECT_OPTIONS)[number], { en: string; 'zh-cn': string }> = {
  sender: { en: 'Only call the handler when the signal is sent by this sender.', 'zh-cn': '仅当信号由该 sender 发送时才调用处理函数。' },
  weak: { en: 'Keep only a weak reference to the handler (default True): a local function can vanish.', 'zh-cn': '只保留处理函数的弱引用（默认 True）：局部函数可能被回收。' },
  dispatch_uid: { en: 'A unique id so connecting the same handler twice registers it once.', 'zh-cn': '唯一标识，重复连接同一处理函数时只注册一次。' },
  retry: { en: 'Retry the handler with backoff when it raises (Celery 4.4+).', 'zh-cn': '处理函数抛出异常时按退避策略重试（Celery 4.4+）。' },
};

function signalDetail(signal: SignalSpec, input: CompletionInput): string {
  const notes: string[] = [];
  if (signal.since && compareVersions(input.celeryVersion, signal.since) < 0) notes.push(`${label('newerThanConfigured', input.docsLanguage)} ${signal.since}+`);
  if (signal.deprecated) notes.push(label('deprecated', input.docsLanguage));
  const summary = localize(signal.summary, input.docsLanguage);
  return [summary && summary !== signal.name ? summary : signal.category, ...notes].join(' · ');
}

function signalEntry(signal: SignalSpec, input: CompletionInput, replaceSpan: Span, insertText: string, additionalEdits?: TextEdit[]): CompletionEntry {
  return {
    label: attributeOf(signal),
    kind: 'signal',
    detail: signalDetail(signal, input),
    documentation: signalMarkdown(input.catalog, signal, input),
    insertText,
    replaceSpan,
    additionalEdits,
    deprecated: !!signal.deprecated,
    // Deprecated and too-new signals sort after the ones the configured release offers.
    sortText: `${signal.deprecated || (signal.since && compareVersions(input.celeryVersion, signal.since) < 0) ? 'z' : 'a'}${attributeOf(signal)}`,
  };
}

function moduleSignals(catalog: Catalog): SignalSpec[] {
  return catalog.signals.filter((s) => s.access.kind === 'module');
}

/** `from celery.signals import a, |` (also inside parentheses spanning lines). */
function importCompletions(input: CompletionInput, replaceSpan: Span): CompletionEntry[] | undefined {
  const before = input.text.slice(Math.max(0, input.offset - 600), replaceSpan.start);
  const statement = /(?:^|\n)[ \t]*from[ \t]+([\w.]+)[ \t]+import[ \t]+(\([^)]*|[^\n(]*)$/.exec(before);
  if (!statement) return undefined;
  const module = statement[1];
  if (!input.catalog.isSignalModule(module)) return [];
  const listed = new Set(statement[2].match(/[A-Za-z_]\w*/g) ?? []);
  return input.catalog
    .signalsOfModule(module)
    .filter((s) => !listed.has(attributeOf(s)))
    .map((s) => signalEntry(s, input, replaceSpan, attributeOf(s)));
}

/** Names the file binds to a Celery app: `app` by convention, or anything assigned `Celery(...)`. */
function appNames(text: string): Set<string> {
  const names = new Set(['app', 'celery_app']);
  for (const m of text.matchAll(/^[ \t]*([A-Za-z_]\w*)[ \t]*(?::[^=\n]*)?=[ \t]*(?:new[ \t]+)?(?:celery\.)?Celery[ \t]*\(/gm)) names.add(m[1]);
  return names;
}

/** `signals.|` on a module binding, `app.|` on a Celery app. */
function attributeCompletions(input: CompletionInput, prefix: string, replaceSpan: Span): CompletionEntry[] | undefined {
  // Only the line's tail: on a long line this backtracking pattern would take quadratic time.
  const access = /([A-Za-z_$][\w.$]*)\.\w*$/.exec(prefix.slice(-256));
  if (!access) return undefined;
  const object = access[1];
  const binding = input.model.imports.find((b) => b.kind === 'module' && b.localName === object);
  const module = binding?.target ?? (input.catalog.isSignalModule(object) ? object : undefined);
  if (module) return input.catalog.signalsOfModule(module).map((s) => signalEntry(s, input, replaceSpan, attributeOf(s)));
  if (appNames(input.text).has(object)) {
    return input.catalog.appAttributes.map((attribute) => {
      const signal = input.catalog.fromAppAttribute(attribute)!;
      return signalEntry(signal, input, replaceSpan, attribute);
    });
  }
  return undefined;
}

/** `@|` and `@task_|`: a decorator naming a signal, importing it when needed. */
function decoratorCompletions(input: CompletionInput, replaceSpan: Span): CompletionEntry[] {
  const planImport = importPlanner(input.text, input.model, input.model.language);
  return moduleSignals(input.catalog).map((signal) => {
    const module = (signal.access as { modules: string[] }).modules[0];
    const plan = planImport(module, attributeOf(signal));
    return signalEntry(signal, input, replaceSpan, `${plan.localName}.connect`, plan.edit ? [plan.edit] : undefined);
  });
}

/** The signal a `<expression>.connect(` call is on. */
function signalOfCallee(input: CompletionInput, call: EnclosingCall): SignalSpec | undefined {
  const expression = call.callee.replace(/\.connect$/, '');
  const expressionEnd = call.calleeEnd - '.connect'.length;
  const ref = input.model.signalRefs.find((r) => r.resolution === 'catalog' && r.expressionSpan.end === expressionEnd);
  if (ref) return input.catalog.get(ref.name);
  const parts = expression.split('.');
  const attribute = parts[parts.length - 1];
  const binding = input.model.imports.find((b) => b.localName === (parts.length === 1 ? attribute : parts.slice(0, -1).join('.')));
  if (binding?.kind === 'signal') {
    const dot = binding.target.lastIndexOf('.');
    return input.catalog.fromModule(binding.target.slice(0, dot), binding.target.slice(dot + 1));
  }
  if (binding?.kind === 'module') return input.catalog.fromModule(binding.target, attribute);
  if (parts.length > 1 && appNames(input.text).has(parts[0])) return input.catalog.fromAppAttribute(attribute);
  return moduleSignals(input.catalog).find((s) => attributeOf(s) === attribute);
}

function quoted(value: string, quote: string): string {
  return `${quote}${value.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`)}${quote}`;
}

function senderCompletions(input: CompletionInput, signal: SignalSpec, valueSpan: Span, typedQuote: string): CompletionEntry[] {
  const here = input.model.tasks.map((task) => ({ task, module: input.moduleName }));
  const all: TaskElsewhere[] = [...here, ...(input.otherTasks ?? [])];
  if (signal.sender.kind === 'task') {
    return all.map(({ task, module }) => ({
      label: task.localName,
      kind: 'value' as const,
      detail: module ? `task (${module})` : 'task',
      insertText: task.localName,
      replaceSpan: valueSpan,
    }));
  }
  if (signal.sender.kind === 'task-name') {
    const quote = typedQuote || "'";
    // Celery names a task `<module>.<function>` unless told otherwise; without the module, no guess.
    const names = new Set(all.flatMap(({ task, module }) => task.registeredName ?? (module ? [`${module}.${task.localName}`] : [])));
    return [...names].map((name) => ({ label: quoted(name, quote), kind: 'value' as const, detail: 'task name', insertText: quoted(name, quote), replaceSpan: valueSpan, filterText: quoted(name, quote) }));
  }
  // Other senders are runtime objects (or nothing at all for `none`); no literal would be right.
  return [];
}

/** `connect(` keywords in Python (`sender=`), options-object keys in TypeScript (`sender: `). */
function connectCompletions(input: CompletionInput, call: EnclosingCall, replaceSpan: Span, style: 'keyword' | 'property'): CompletionEntry[] {
  const signal = signalOfCallee(input, call);
  const separator = style === 'keyword' ? '=' : ':';
  const senderValue = new RegExp(`^\\s*sender\\s*${separator}\\s*(['"]?)[\\w.]*$`).exec(call.currentArgument);
  if (senderValue) {
    if (!signal) return [];
    const typedValue = /['"]?[\w.]*$/.exec(call.currentArgument)![0];
    const valueStart = input.offset - typedValue.length;
    let valueEnd = replaceSpan.end;
    if (senderValue[1] && input.text[valueEnd] === senderValue[1]) valueEnd++;
    return senderCompletions(input, signal, { start: valueStart, end: valueEnd }, senderValue[1]);
  }
  if (!/^\s*\w*$/.test(call.currentArgument)) return [];
  const given = new Set(call.keywordsBefore);
  return CONNECT_OPTIONS.filter((o) => !given.has(o)).map((option, i) => ({
    label: style === 'keyword' ? `${option}=` : option,
    kind: 'keyword' as const,
    detail: signal ? `${signal.name}.connect` : 'connect',
    documentation: CONNECT_OPTION_DOCS[option][input.docsLanguage] || CONNECT_OPTION_DOCS[option].en,
    insertText: style === 'keyword' ? `${option}=` : `${option}: `,
    replaceSpan,
    filterText: option,
    sortText: String(i),
  }));
}

/** Snippets at the start of a statement. */
function snippetCompletions(input: CompletionInput, replaceSpan: Span): CompletionEntry[] {
  const language = snippetLanguageOf(input.model.language);
  const planImport = importPlanner(input.text, input.model, input.model.language);
  return snippetsFor(input.catalog, language, input.celeryVersion).map((snippet) => {
    const plan = snippet.importModule ? planImport(snippet.importModule, snippet.importName!) : undefined;
    return {
      label: `${snippet.prefix} handler`,
      kind: 'snippet' as const,
      detail: localize(snippet.summary, input.docsLanguage) || snippet.signal,
      documentation: '```' + language + '\n' + snippet.body.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d/g, '') + '\n```',
      insertText: snippet.body,
      isSnippet: true,
      replaceSpan,
      additionalEdits: plan?.edit ? [plan.edit] : undefined,
      deprecated: snippet.deprecated,
      filterText: snippet.prefix,
      sortText: `~${snippet.prefix}`,
    };
  });
}

export function completeAt(input: CompletionInput): CompletionEntry[] {
  const { text, offset } = input;
  const { word, span: replaceSpan } = wordAt(text, offset);
  const prefix = linePrefix(text, offset);
  const python = input.model.language === 'python';
  if (inCommentOrString(prefix, python ? 'python' : 'script')) {
    // A quoted sender= value is the one place a string gets completions.
    const call = enclosingCall(text, offset);
    if (call && /\.connect$/.test(call.callee) && /^\s*sender\s*=\s*['"][\w.]*$/.test(call.currentArgument)) return connectCompletions(input, call, replaceSpan, 'keyword');
    const options = python ? undefined : enclosingOptionsObject(text, offset);
    if (options && /\.connect$/.test(options.callee) && /^\s*sender\s*:\s*['"][\w.]*$/.test(options.currentArgument)) return connectCompletions(input, options, replaceSpan, 'property');
    return [];
  }
  if (python) {
    const imported = importCompletions(input, replaceSpan);
    if (imported) return imported;
  }
  const attribute = attributeCompletions(input, prefix, replaceSpan);
  if (attribute) return attribute;
  if (/\.\w*$/.test(prefix)) return [];
  if (python && /^\s*@\w*$/.test(prefix)) return decoratorCompletions(input, replaceSpan);
  const params = completeHandlerParams(input, replaceSpan);
  if (params) return params;
  const call = enclosingCall(text, offset);
  if (call && /\.connect$/.test(call.callee)) return python ? connectCompletions(input, call, replaceSpan, 'keyword') : [];
  const options = python ? undefined : enclosingOptionsObject(text, offset);
  if (options && /\.connect$/.test(options.callee)) return connectCompletions(input, options, replaceSpan, 'property');
  // A space or newline typed at the start of a line is not a request for a handler snippet.
  if (/^\s*\w*$/.test(prefix) && !call && !(input.triggerCharacter && word === '')) return snippetCompletions(input, replaceSpan);
  return [];
}
