/** textDocument/completion → analysis/completion, with tasks from every open document for `sender=`. */
import { CompletionTriggerKind, type CompletionItem, type CompletionList, type CompletionParams } from 'vscode-languageserver/node';
import { completeAt, type TaskElsewhere } from '../analysis/completion';
import { completeTyping } from '../analysis/completionRecovery';
import { toCompletionItem } from '../lsp/convert';
import type { Session } from '../lsp/session';
import { versionAssumption } from './celeryVersion';
import type { Cancellable } from '../documents/backgroundAnalysis';

/** Tasks of the other files: open documents whose analysis is at hand (never computed here), then the project index. */
function tasksElsewhere(session: Session, uri: string): TaskElsewhere[] {
  const tasks: TaskElsewhere[] = [];
  for (const file of session.projectFiles()) {
    if (file.uri === uri) continue;
    const module = file.module ?? session.moduleNameOf(file.uri);
    for (const task of file.model.tasks) tasks.push({ task, module });
  }
  return tasks;
}

export async function onCompletion(session: Session, params: CompletionParams, token?: Cancellable): Promise<CompletionList | null> {
  const analysis = await session.analysisToRead(params.textDocument.uri, token);
  if (!analysis?.model) return null;
  const assumed = versionAssumption(session, params.textDocument.uri);
  const input = {
    text: analysis.text,
    offset: analysis.index.offsetAt(params.position),
    model: analysis.model,
    catalog: session.catalogFor(params.textDocument.uri),
    docsLanguage: session.docsLanguage,
    celeryVersion: assumed.version,
    celeryVersionOrigin: assumed.origin,
    moduleName: session.moduleNameOf(params.textDocument.uri),
    otherTasks: tasksElsewhere(session, params.textDocument.uri),
    triggerCharacter: params.context?.triggerKind === CompletionTriggerKind.TriggerCharacter ? params.context.triggerCharacter : undefined,
  };
  const grammar = session.grammarOf(params.textDocument.uri);
  // A handler header still being typed is not in the tree yet: it is read from a closed copy.
  const entries = grammar ? await completeTyping(input, grammar, session.catalogFor(params.textDocument.uri)) : completeAt(input);
  const support = { snippets: session.client.snippets, deprecatedTag: session.client.deprecatedTag, markdown: session.client.markdownCompletion };
  const items = entries.map((e) => toCompletionItem(analysis.index, e, support)).filter((i): i is CompletionItem => !!i);
  return { isIncomplete: false, items };
}
