// The packaged extension (.vsix installed with --install-extension) in the real VS Code workbench
// (code-server + headless Chromium), driven by keyboard like a user: type a handler, see the signal in
// the suggest widget, the squiggle, the Problems entry, and apply the quick-fix with Ctrl+. .
// Each step leaves a screenshot in .test-artifacts/screenshots/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { requireChromium, requireCodeServer } from './support/codeServer';
import { openBrowser, startCodeServer } from './support/session';
import { fixAllOnSave, fixAllOnSaveSettings, showStatusItem, typePythonHandler, typeTypeScriptHandler, type UiSteps } from './support/typingSteps';
import { browseSignalMap } from './support/signalMapSteps';
import { buildVsix } from './support/vsix';
import { getBundledCatalog } from '../../server/src/catalog/catalog';

const root = path.resolve(__dirname, '..', '..');
const screenshots = path.join(root, '.test-artifacts', 'screenshots');

/** Editor settings that make typed text land exactly as typed (no auto-closing, no auto-suggest). */
const typingSettings = {
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoIndent': 'none',
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.suggestOnTriggerCharacters': false,
  'editor.acceptSuggestionOnEnter': 'off',
  // Only extension-provided items in the suggest widget: no words from the buffer, no tsserver items.
  'editor.wordBasedSuggestions': 'off',
  'typescript.suggest.enabled': false,
  'editor.formatOnType': false,
  'editor.minimap.enabled': false,
  'workbench.tips.enabled': false,
  'typescript.validate.enable': false,
  // The protocol log lands in the kept folder's logs when a run fails.
  'celerySignals.trace.server': 'verbose',
  // Each case reads the Problems view for the one file it edits; the workspace's other fixture files,
  // indexed, would add their own problems to it.
  'celerySignals.projectIndex': false,
  ...fixAllOnSaveSettings,
};

interface Case {
  file: string;
  /** Typed before Ctrl+Space; the suggest widget must then list `expectSuggestion`. */
  beforeSuggest: string;
  /** CSS selector of the server's item in the suggest widget (rows carry "label, detail, kind" labels). */
  expectSuggestion: string;
  /** Typed after the suggest widget is closed, completing the handler. */
  afterSuggest: string;
  squiggleText: string;
  problemCode: string;
  /** Line:column (1-based) inside the flagged code, where Ctrl+. is pressed. */
  fixAt: string;
  fixTitle: string;
  fixedLine: RegExp;
}

const cases: Case[] = [
  {
    file: 'empty.py',
    beforeSuggest: 'from celery.signals import task_failure\n\n\n@task_fa',
    expectSuggestion: '.monaco-list-row[aria-label^="task_failure,"]:has(.codicon-symbol-event)',
    afterSuggest: 'ilure.connect\ndef on_failure(sender, task_id, exception):\n    print(task_id)\n',
    squiggleText: 'on_failure',
    problemCode: 'missing-var-kwargs',
    fixAt: '5:7',
    fixTitle: 'Add **kw',
    fixedLine: /def on_failure\(sender, task_id, exception, \*\*kw\):/,
  },
  {
    file: 'empty.ts',
    beforeSuggest: "import { task_prerun } from 'celery-signals';\n\ntask_pre",
    expectSuggestion: '.monaco-list-row[aria-label^="task_prerun handler,"]:has(.codicon-symbol-snippet)',
    afterSuggest: 'run.connect(async ({ task_id }) => {\nconsole.log(task_id);\n}, { weak: false });\n',
    squiggleText: 'async',
    problemCode: 'async-handler',
    fixAt: '3:23',
    fixTitle: 'Make the handler synchronous',
    fixedLine: /task_prerun\.connect\(\(\{ task_id \}\) => \{/,
  },
];

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(screenshots, `${name}.png`) });
}

/** The editor's visible text, with the non-breaking spaces Monaco renders turned back into spaces. */
async function editorText(page: Page): Promise<string> {
  const text = await page.locator('.editor-instance .view-lines').first().innerText();
  return text.replace(/\u00a0/g, ' ');
}

async function openFile(page: Page, file: string): Promise<void> {
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: file }).first().click();
  await page.locator(`.tab.active[aria-label*="${file}"]`).waitFor({ state: 'visible' });
  await page.locator('.editor-instance .view-lines').first().click();
}

/**
 * Presses `key` until `target` shows, at most four times. Right after a burst of typing or a jump,
 * the workbench sometimes answers the first press with an empty widget ("No code actions available");
 * a user presses again, and so does the test, noting it so the output shows how often it happens.
 */
async function pressUntilVisible(page: Page, key: string, target: Locator, what: string, notes: string[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press(key);
    try {
      await target.waitFor({ state: 'visible', timeout: 5_000 });
      if (attempt > 1) notes.push(`${what} appeared on press ${attempt} of ${key}`);
      return;
    } catch (error) {
      if (attempt === 4) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

async function runCase(page: Page, c: Case, step: (name: string) => string, notes: string[]): Promise<void> {
  await openFile(page, c.file);
  await page.keyboard.type(c.beforeSuggest);
  // Python: the signal as an Event item; TypeScript: the server's "<signal> handler" snippet (the
  // contributed static snippet is labelled "<signal>" instead, so it cannot stand in for the server).
  const suggestion = page.locator(`.suggest-widget ${c.expectSuggestion}`).first();
  await pressUntilVisible(page, 'Control+Space', suggestion, `${c.file}: the signal suggestion`, notes);
  await shot(page, step('suggest-widget'));
  await page.keyboard.press('Escape');

  await page.keyboard.type(c.afterSuggest);
  const squiggle = page.locator('.squiggly-error').first();
  await squiggle.waitFor({ state: 'attached', timeout: 30_000 });
  await shot(page, step('squiggle'));

  await page.keyboard.press('Control+Shift+M');
  const problem = page.locator('.markers-panel .monaco-list-row', { hasText: c.problemCode }).first();
  await problem.waitFor({ state: 'visible', timeout: 30_000 });
  await shot(page, step('problems-panel'));

  await page.locator('.editor-instance .view-lines').first().click();
  await page.keyboard.press('Control+G');
  await page.keyboard.type(c.fixAt);
  await page.keyboard.press('Enter');
  const action = page.locator('.action-widget .monaco-list-row', { hasText: c.fixTitle }).first();
  await pressUntilVisible(page, 'Control+.', action, `${c.file}: the quick-fix menu`, notes);
  await shot(page, step('quick-fix-menu'));
  // The menu re-renders while it settles, so pick the entry with the keyboard rather than a click.
  const focused = page.locator('.action-widget .monaco-list-row.focused');
  for (let i = 0; i < 10 && !((await focused.textContent()) ?? '').includes(c.fixTitle); i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');

  await page.locator('.markers-panel .monaco-list-row', { hasText: c.problemCode }).first().waitFor({ state: 'detached', timeout: 30_000 });
  const text = await editorText(page);
  assert.match(text, c.fixedLine, `editor text after the fix:\n${text}`);
  assert.equal(await page.locator('.editor-instance .squiggly-error').count(), 0, 'no error squiggle is left');
  await shot(page, step('fixed'));
}

/** The command from the palette, then the signal from its quick pick (the one-line docs shown). */
async function insertHandlerFromPalette(page: Page, notes: string[]): Promise<void> {
  await openFile(page, 'insert.py');
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
  await page.keyboard.type('Celery Signals: Insert handler');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Insert handler for signal' }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');
  // Wait for the command's own quick pick (every signal listed) before typing into it.
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'before_task_publish' }).first().waitFor({ state: 'visible', timeout: 15_000 });
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'worker_ready' }).first();
  await page.keyboard.type('worker_ready');
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  const catalog = JSON.parse(fs.readFileSync(path.join(root, 'schemas', 'celery-signals.json'), 'utf8'));
  const summary: string = catalog.signals.find((s: { name: string }) => s.name === 'worker_ready').summary.en;
  assert.ok(((await row.textContent()) ?? '').includes(summary), 'the quick pick shows the signal\'s one-line doc');
  await shot(page, 'py-insert-handler-quick-pick');
  await page.keyboard.press('Enter');
  await page.locator('.editor-instance .view-lines', { hasText: '@worker_ready.connect' }).first().waitFor({ state: 'visible', timeout: 15_000 });
  const text = await editorText(page);
  assert.match(text, /from celery\.signals import worker_ready\s+@worker_ready\.connect\s+def on_worker_ready\(sender, \*\*kwargs\):/);
  await shot(page, 'py-insert-handler-inserted');
  notes.push('insert handler: quick pick and insertion checked');
}

test('a user types a handler, sees suggestion, squiggle and problem, and applies the quick-fix', { timeout: 480_000 }, async (t) => {
  if (!requireCodeServer(t) || !requireChromium(t)) return;
  fs.mkdirSync(screenshots, { recursive: true });
  const vsix = await buildVsix();
  t.diagnostic(`.vsix ${(vsix.bytes / 1024).toFixed(0)} KiB built in ${(vsix.buildMs / 1000).toFixed(1)} s`);
  const server = await startCodeServer({ workspaceFrom: path.join(__dirname, 'workspace'), vsix: vsix.file, settings: typingSettings });
  const browser = await openBrowser(path.join(server.dir, 'browser'));
  const page = browser.page;
  let passed = false;
  try {
    const installed = fs.readdirSync(server.extensionsDir);
    assert.ok(installed.some((d) => d.startsWith('celery-signals.celery-signals-')), `installed: ${installed.join(', ')}`);
    await page.goto(server.workbenchUrl());
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    // Opening a file with a known mistake starts the server; its squiggle says the server is ready.
    await openFile(page, 'handlers.py');
    await page.locator('.squiggly-error').first().waitFor({ state: 'attached', timeout: 60_000 });
    await shot(page, 'py-existing-file');
    const notes: string[] = [];
    let failures = 0;
    const only = process.env.CELERY_SIGNALS_UI_ONLY;
    for (const c of cases.filter((k) => !only || k.file.includes(only))) {
      const started = Date.now();
      const language = path.extname(c.file).slice(1);
      await t.test(c.file, async () => {
        try {
          await runCase(page, c, (name) => `${language}-${name}`, notes);
        } catch (error) {
          failures++;
          await shot(page, `${language}-failure`);
          await page.keyboard.press('Escape');
          throw error;
        }
      });
      t.diagnostic(`${c.file}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    if (!only || only === 'insert') {
      await t.test('Insert handler for signal… from the command palette', async () => {
        try {
          await insertHandlerFromPalette(page, notes);
        } catch (error) {
          failures++;
          await shot(page, 'insert-failure');
          throw error;
        }
      });
    }
    const steps: UiSteps = { openFile, editorText, shot, pressUntilVisible };
    const typingSteps: [string, string, () => Promise<void>][] = [
      ['typing', 'a Python handler typed key by key takes the parameters inside def on_fail(|)', () => typePythonHandler(page, steps, notes)],
      ['typing', 'a TypeScript handler typed key by key takes a keyword inside ({ | }) before =>', () => typeTypeScriptHandler(page, steps, notes)],
      ['fixall', 'saving applies every safe fix (editor.codeActionsOnSave)', () => fixAllOnSave(page, steps)],
      ['status', 'the language status item shows the Celery version and the server state', () => showStatusItem(page, steps, getBundledCatalog().latestCeleryVersion)],
      ['signalmap', 'the signal map lists receivers in the order Celery sends their signals, and a click opens one', () => browseSignalMap(page, steps)],
    ];
    for (const [key, name, run] of typingSteps.filter(([k]) => !only || only === k)) {
      await t.test(name, async () => {
        try {
          await run();
        } catch (error) {
          failures++;
          await shot(page, `${key}-failure`);
          await page.keyboard.press('Escape');
          throw error;
        }
      });
    }
    for (const note of notes) t.diagnostic(note);
    passed = failures === 0;
  } finally {
    await browser.close();
    await server.stop();
    if (passed) fs.rmSync(server.dir, { recursive: true, force: true });
    else t.diagnostic(`kept ${server.dir} for inspection; screenshots in ${screenshots}`);
  }
});
