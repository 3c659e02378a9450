// The checks the extension must pass inside a real VS Code: completion of signals and handler
// parameters, hover, diagnostics, a quick-fix applied through a workspace edit, and the
// insert-handler command — each on a Python and on a TypeScript file; navigation and the signal map.
const fs = require('node:fs');
const path = require('node:path');
const h = require('./helpers');
const { assert, vscode } = h;

const checks = [];
const check = (name, fn) => checks.push([name, fn]);

function catalogSignal(name) {
  const extension = vscode.extensions.getExtension(h.EXTENSION_ID);
  const catalog = JSON.parse(fs.readFileSync(path.join(extension.extensionPath, 'schemas', 'celery-signals.json'), 'utf8'));
  return catalog.signals.find((s) => s.name === name);
}

/** Only our server's findings: the built-in TypeScript extension reports its own (unresolved imports). */
function ours(uri) {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'celery-signals');
}

const languages = {
  python: {
    file: 'handlers.py',
    scratch: 'empty.py',
    signalPrefix: ['from celery.signals import task_success\n\n\n@task_su', ''],
    // Python offers the signal itself after `@`; TypeScript offers a handler snippet per signal.
    signalItem: { label: 'task_success', kind: 'Event' },
    paramsCase: ['from celery.signals import task_prerun\n\n\n@task_prerun.connect\ndef h(sender, ', '):\n    pass\n'],
    hoverOn: ['task_failure', 2],
    paramHoverOn: ['exception', 1],
    fixCode: 'missing-var-kwargs',
    fixTitle: /^Add \*\*kw/,
    fixedText: /def on_failure\(sender, task_id, exception, \*\*kw\):/,
    inserted: [/^from celery\.signals import worker_ready\n\n\n@worker_ready\.connect\ndef on_worker_ready\(sender, \*\*kwargs\):\n    pass\n$/],
    // The cursor sits inside the existing handler; the new one goes below it, its import joins the first.
    merge: {
      before: 'from celery.signals import task_failure\n\n\n@task_failure.connect\ndef on_failure(sender, task_id, exception, **kwargs):\n    print(task_id)\napp_name = "proj"\n',
      cursorAfter: 'print(',
      after:
        'from celery.signals import task_failure, task_success\n\n\n@task_failure.connect\ndef on_failure(sender, task_id, exception, **kwargs):\n    print(task_id)\n\n\n' +
        '@task_success.connect\ndef on_task_success(sender, result, **kwargs):\n    pass\n\n\napp_name = "proj"\n',
    },
  },
  typescript: {
    file: 'handlers.ts',
    scratch: 'empty.ts',
    signalPrefix: ["import { task_success } from 'celery-signals';\n\ntask_su", ''],
    signalItem: { label: 'task_success handler', kind: 'Snippet' },
    paramsCase: ["import { task_prerun } from 'celery-signals';\n\ntask_prerun.connect(({ sender, ", ' }) => {}, { weak: false });\n'],
    hoverOn: ['task_failure', 2],
    paramHoverOn: ['exception', 1],
    fixCode: 'async-handler',
    fixTitle: /^Make the handler synchronous$/,
    fixedText: /task_prerun\.connect\(\(\{ task_id \}\) => \{/,
    inserted: [/^import \{ worker_ready \} from 'celery-signals';\n\nworker_ready\.connect\(\(\{ sender \}\) => \{\n\s*\n\}, \{ weak: false \}\);\n$/],
    merge: {
      before: "import { task_failure } from 'celery-signals';\n\ntask_failure.connect(({ task_id }) => {\n  console.log(task_id);\n}, { weak: false });\n",
      cursorAfter: 'console.',
      after:
        "import { task_failure, task_success } from 'celery-signals';\n\ntask_failure.connect(({ task_id }) => {\n  console.log(task_id);\n}, { weak: false });\n\n" +
        'task_success.connect(({ sender, result }) => {\n\t\n}, { weak: false });\n',
    },
  },
};

check('the extension activates and its language server starts', async () => {
  await h.open('handlers.py');
  const extension = vscode.extensions.getExtension(h.EXTENSION_ID);
  assert.ok(extension, `${h.EXTENSION_ID} is loaded`);
  const api = await extension.activate();
  await h.waitFor('the language server to run', () => api.isServerRunning(), 20000);
  const commands = await vscode.commands.getCommands(true);
  for (const id of ['celerySignals.insertHandler', 'celerySignals.restartServer', 'celerySignals.fixAll', 'celerySignals.showOutput']) assert.ok(commands.includes(id), id);
});

check('navigation: references, workspace symbols and code lenses reach VS Code, and the signal map view jumps to a receiver', async () => {
  const { document } = await h.open('handlers.py');
  await h.diagnosticsWith(document.uri, 'missing-var-kwargs');
  const decorator = h.positionOf(document, 'task_failure', 2, 2);
  const references = await vscode.commands.executeCommand('vscode.executeReferenceProvider', document.uri, decorator);
  assert.ok(references.some((l) => l.uri.toString() === document.uri.toString() && l.range.start.line === 3), 'the decorator is a reference');
  const symbols = await vscode.commands.executeCommand('vscode.executeWorkspaceSymbolProvider', 'task_failure');
  assert.ok(symbols.some((s) => s.name === 'task_failure: on_failure'), symbols.map((s) => s.name).join(', '));
  const lenses = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', document.uri);
  assert.ok(lenses.some((l) => l.command && l.command.title.startsWith('task_failure → on_failure · any sender')), 'a lens over on_failure');
  await vscode.commands.executeCommand('celerySignals.signalMap.focus');
  const api = await vscode.extensions.getExtension(h.EXTENSION_ID).activate();
  const tree = await api.signalMapTree();
  const life = tree.find((n) => n.label === "A task's life");
  assert.ok(life, tree.map((n) => n.label).join(', '));
  const labels = life.children.map((c) => c.label);
  assert.ok(labels.indexOf('7. task_prerun') >= 0 && labels.indexOf('7. task_prerun') < labels.indexOf('8. task_failure'), labels.join(', '));
  const failure = life.children.find((c) => c.label === '8. task_failure');
  const receiver = failure.children.find((r) => r.label === 'on_failure' && r.command.arguments[0].toString() === document.uri.toString());
  assert.ok(receiver, 'on_failure is under task_failure');
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(h.workspaceUri('empty.py')));
  await vscode.commands.executeCommand(receiver.command.command, ...receiver.command.arguments);
  const editor = vscode.window.activeTextEditor;
  assert.equal(editor.document.uri.toString(), document.uri.toString());
  assert.equal(editor.selection.start.line, 4, 'at the def of on_failure');
});

check('Fix All in File applies every safe preferred fix through the source.fixAll.celerySignals action', async () => {
  const { document } = await h.open('fixall.py');
  await h.diagnosticsWith(document.uri, 'param-not-provided');
  await vscode.commands.executeCommand('celerySignals.fixAll');
  await h.waitFor('the fixes to land', () => /def ready\(sender, \*\*kwargs\):/.test(document.getText()), 15000);
  assert.match(document.getText(), /def failed\(sender, exception, \*\*kw\):\n    print\(exception\)/);
  await vscode.commands.executeCommand('workbench.action.files.revert');
});

for (const [language, c] of Object.entries(languages)) {
  check(`${language}: diagnostics of the sample file`, async (note) => {
    const { document } = await h.open(c.file);
    const diagnostics = await h.diagnosticsWith(document.uri, c.fixCode);
    note(h.describeDiagnostics(diagnostics));
    const finding = diagnostics.find((d) => h.codeOf(d) === c.fixCode);
    assert.equal(finding.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(finding.source, 'celery-signals');
    const flagged = document.getText(finding.range);
    assert.ok(language === 'python' ? flagged === 'on_failure' : flagged.startsWith('async'), `range covers "${flagged}"`);
  });

  check(`${language}: completion offers signal names`, async (note) => {
    const { document, editor } = await h.open(c.scratch);
    await h.setText(editor, c.signalPrefix.join(''));
    const items = await h.completionItems(document.uri, document.positionAt(c.signalPrefix[0].length));
    note(items.slice(0, 12).map((i) => i.label).join(', '));
    assert.ok(h.hasItem(items, c.signalItem), `${JSON.stringify(c.signalItem)} among ${items.length} items`);
  });

  check(`${language}: completion after typing one character at a time`, async (note) => {
    const { document, editor } = await h.open(c.scratch);
    await h.setText(editor, '');
    for (const character of c.signalPrefix[0]) {
      const end = document.positionAt(document.getText().length);
      assert.ok(await editor.edit((builder) => builder.insert(end, character), { undoStopBefore: false, undoStopAfter: false }));
    }
    const items = await h.completionItems(document.uri, document.positionAt(document.getText().length));
    assert.ok(h.hasItem(items, c.signalItem), `${JSON.stringify(c.signalItem)} among ${items.length} items`);
  });

  check(`${language}: completion offers the keywords the signal sends`, async (note) => {
    const { document, editor } = await h.open(c.scratch);
    await h.setText(editor, c.paramsCase.join(''));
    const labels = await h.completionLabels(document.uri, document.positionAt(c.paramsCase[0].length));
    note(labels.slice(0, 12).join(', '));
    const sent = catalogSignal('task_prerun').params.map((p) => p.name);
    for (const name of sent) assert.ok(labels.includes(name), `${name} among ${labels.join(', ')}`);
    assert.ok(!labels.includes('exception'), 'task_prerun sends no exception');
  });

  check(`${language}: hover shows the catalog's documentation`, async () => {
    const { document } = await h.open(c.file);
    const signalHover = await h.hoverText(document.uri, h.positionOf(document, c.hoverOn[0], 2, c.hoverOn[1]));
    assert.ok(signalHover.includes(catalogSignal('task_failure').summary.en), signalHover);
    const paramHover = await h.hoverText(document.uri, h.positionOf(document, c.paramHoverOn[0], 2, c.paramHoverOn[1]));
    const exception = catalogSignal('task_failure').params.find((p) => p.name === 'exception');
    assert.ok(paramHover.includes(exception.description.en), paramHover);
  });

  check(`${language}: a quick-fix applied as a workspace edit clears the error`, async (note) => {
    const { document } = await h.open(c.file);
    const diagnostics = await h.diagnosticsWith(document.uri, c.fixCode);
    const finding = diagnostics.find((d) => h.codeOf(d) === c.fixCode);
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', document.uri, finding.range, vscode.CodeActionKind.QuickFix.value);
    note(actions.map((a) => a.title).join(' | '));
    const fix = actions.find((a) => c.fixTitle.test(a.title));
    assert.ok(fix && fix.edit, `a "${c.fixTitle}" quick-fix among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(document.getText(), c.fixedText);
    await h.waitFor(`${c.fixCode} to disappear`, () => !ours(document.uri).some((d) => h.codeOf(d) === c.fixCode));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  check(`${language}: "Insert handler for signal" writes the handler and its import`, async (note) => {
    const { document, editor } = await h.open(c.scratch);
    await h.setText(editor, '');
    assert.equal(await vscode.commands.executeCommand('celerySignals.insertHandler', 'worker_ready'), true);
    const text = document.getText();
    note(JSON.stringify(text));
    for (const pattern of c.inserted) assert.match(text, pattern);
    // The server has had the new text analysed once the signal's hover answers; then nothing is wrong.
    await h.waitFor('hover on the inserted handler', async () => (await h.hoverText(document.uri, h.positionOf(document, 'worker_ready.connect', 2))).includes('worker_ready'));
    const problems = ours(document.uri).filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning);
    assert.equal(h.describeDiagnostics(problems), '', 'the inserted handler is correct');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  check(`${language}: "Insert handler for signal" merges into the existing import and lays the handler out`, async (note) => {
    const { document, editor } = await h.open(c.scratch);
    await h.setText(editor, c.merge.before);
    const cursor = h.positionOf(document, c.merge.cursorAfter, c.merge.cursorAfter.length);
    editor.selection = new vscode.Selection(cursor, cursor);
    assert.equal(await vscode.commands.executeCommand('celerySignals.insertHandler', 'task_success'), true);
    note(JSON.stringify(document.getText()));
    // The snippet session is still on its first placeholder; the text is already complete.
    const blankLinesEmptied = (text) => text.replace(/\r\n/g, '\n').replace(/^[ \t]+$/gm, '');
    assert.equal(blankLinesEmptied(document.getText()), blankLinesEmptied(c.merge.after));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
}

check('*.celery-signals.json files are validated against the catalog schema', async (note) => {
  const { document } = await h.open('orders.celery-signals.json');
  const diagnostics = await h.waitFor('the JSON language server to check the catalog', () => {
    const found = vscode.languages.getDiagnostics(document.uri);
    return found.length ? found : undefined;
  });
  note(diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.message}`).join(' | '));
  assert.ok(diagnostics.some((d) => d.range.start.line === 1), 'catalogVersion 2 is flagged (the schema allows only 1)');
});

check('settings reach the server: docsLanguage zh-cn turns hovers Chinese', async () => {
  const { document } = await h.open('handlers.py');
  const at = h.positionOf(document, 'task_failure', 2, 2);
  const summary = catalogSignal('task_failure').summary;
  assert.ok((await h.hoverText(document.uri, at)).includes(summary.en), 'English under an English UI (auto)');
  const settings = vscode.workspace.getConfiguration('celerySignals');
  await settings.update('docsLanguage', 'zh-cn', vscode.ConfigurationTarget.Global);
  try {
    await h.waitFor('a Chinese hover', async () => (await h.hoverText(document.uri, at)).includes(summary['zh-cn']));
  } finally {
    await settings.update('docsLanguage', undefined, vscode.ConfigurationTarget.Global);
  }
  await h.waitFor('an English hover again', async () => (await h.hoverText(document.uri, at)).includes(summary.en));
});

check('celerySignals.enable turns the server (and its diagnostics) off and on again', async () => {
  const api = await vscode.extensions.getExtension(h.EXTENSION_ID).activate();
  const { document } = await h.open('handlers.py');
  await h.diagnosticsWith(document.uri, 'missing-var-kwargs');
  const settings = vscode.workspace.getConfiguration('celerySignals');
  await settings.update('enable', false, vscode.ConfigurationTarget.Global);
  try {
    await h.waitFor('the server to stop', () => !api.isServerRunning());
    await h.waitFor('our diagnostics to be cleared', () => ours(document.uri).length === 0);
  } finally {
    await settings.update('enable', undefined, vscode.ConfigurationTarget.Global);
  }
  await h.waitFor('the server to run again', () => api.isServerRunning(), 20000);
  await h.diagnosticsWith(document.uri, 'missing-var-kwargs');
});

check('"Restart Server" brings the server back', async () => {
  const api = await vscode.extensions.getExtension(h.EXTENSION_ID).activate();
  assert.equal(await vscode.commands.executeCommand('celerySignals.restartServer'), true);
  await h.waitFor('the language server to run again', () => api.isServerRunning(), 20000);
  const { document } = await h.open('handlers.py');
  const hover = await h.hoverText(document.uri, h.positionOf(document, 'task_failure', 2, 2));
  assert.ok(hover.includes('task_failure'), 'the restarted server answers');
});

module.exports = { checks };
