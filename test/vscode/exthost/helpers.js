// Small helpers for the extension-host checks: opening workspace files, waiting for the server's
// answers (diagnostics arrive asynchronously), and reading completion/hover results as plain text.
const vscode = require('vscode');
const assert = require('node:assert/strict');
const path = require('node:path');

const EXTENSION_ID = 'celery-signals.celery-signals';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function workspaceUri(name) {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  assert.ok(folder, 'the harness opens a workspace folder');
  return vscode.Uri.file(path.join(folder.uri.fsPath, name));
}

async function open(name) {
  const document = await vscode.workspace.openTextDocument(workspaceUri(name));
  const editor = await vscode.window.showTextDocument(document);
  return { document, editor };
}

async function waitFor(what, probe, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) return last;
    await sleep(200);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

function codeOf(diagnostic) {
  return typeof diagnostic.code === 'object' && diagnostic.code ? String(diagnostic.code.value) : String(diagnostic.code);
}

function describeDiagnostics(diagnostics) {
  return diagnostics.map((d) => `${codeOf(d)}@${d.range.start.line}:${d.range.start.character}`).join(', ');
}

async function diagnosticsWith(uri, code) {
  return waitFor(`a ${code} diagnostic in ${path.basename(uri.fsPath)}`, () => {
    const diagnostics = vscode.languages.getDiagnostics(uri);
    return diagnostics.some((d) => codeOf(d) === code) ? diagnostics : undefined;
  });
}

/** Position of the `occurrence`-th match of `needle`, shifted by `delta` characters. */
function positionOf(document, needle, delta = 0, occurrence = 1) {
  const text = document.getText();
  let offset = -1;
  for (let i = 0; i < occurrence; i++) offset = text.indexOf(needle, offset + 1);
  assert.ok(offset >= 0, `"${needle}" is in ${path.basename(document.uri.fsPath)}`);
  return document.positionAt(offset + delta);
}

/** Completion items of every provider (ours and the built-in ones) as { label, kind name }. */
async function completionItems(uri, position, trigger) {
  const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', uri, position, trigger);
  return list.items.map((item) => ({
    label: typeof item.label === 'string' ? item.label : item.label.label,
    kind: vscode.CompletionItemKind[item.kind],
  }));
}

async function completionLabels(uri, position, trigger) {
  return (await completionItems(uri, position, trigger)).map((item) => item.label);
}

function hasItem(items, wanted) {
  return items.some((item) => item.label === wanted.label && item.kind === wanted.kind);
}

async function hoverText(uri, position) {
  const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, position);
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

/** Replaces the whole text of the open document (to set up a case) and waits for the change to land. */
async function setText(editor, text) {
  const document = editor.document;
  const full = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
  assert.ok(await editor.edit((builder) => builder.replace(full, text)));
}

module.exports = {
  EXTENSION_ID, assert, codeOf, completionItems, completionLabels, hasItem, describeDiagnostics, diagnosticsWith, hoverText, open, positionOf, setText, sleep, vscode, waitFor, workspaceUri,
};
