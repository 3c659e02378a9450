/**
 * UI steps of the "help while typing" features, run by ui.test.ts in its workbench: a handler typed
 * key by key with the parameter completion taken inside the unfinished signature (Python and
 * TypeScript), fix-all applied on save, and the language status item.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

export interface UiSteps {
  openFile(page: Page, file: string): Promise<void>;
  editorText(page: Page): Promise<string>;
  shot(page: Page, name: string): Promise<void>;
  pressUntilVisible(page: Page, key: string, target: ReturnType<Page['locator']>, what: string, notes: string[]): Promise<void>;
}

/** What makes `editor.codeActionsOnSave` run the server's fix-all on Ctrl+S. */
export const fixAllOnSaveSettings = { 'editor.codeActionsOnSave': { 'source.fixAll.celerySignals': 'explicit' } };

/** Types like a person does, one key at a time, so every intermediate text reaches the server. */
const typeSlowly = (page: Page, text: string) => page.keyboard.type(text, { delay: 25 });

async function goToLine(page: Page, line: number): Promise<void> {
  await page.keyboard.press('Control+G');
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
}

/** Problems panel rows that blame the complete handler for the half-typed one's signal. */
async function assertNothingBlamesTheRetryHandler(page: Page, file: string): Promise<void> {
  const blamed = page.locator('.markers-panel .monaco-list-row', { hasText: 'task_failure never sends' });
  assert.equal(await blamed.count(), 0, `${file}: a problem blames the task_retry handler for task_failure`);
}

async function acceptSuggestion(page: Page, steps: UiSteps, ariaLabelStart: string, what: string, notes: string[], screenshot: string): Promise<void> {
  const row = page.locator(`.suggest-widget .monaco-list-row[aria-label^="${ariaLabelStart}"]`).first();
  await steps.pressUntilVisible(page, 'Control+Space', row, what, notes);
  // Walk the focus to the row and accept it with Tab (Enter does not accept in these settings).
  const focused = page.locator('.suggest-widget .monaco-list-row.focused');
  for (let i = 0; i < 20 && !((await focused.getAttribute('aria-label')) ?? '').startsWith(ariaLabelStart); i++) await page.keyboard.press('ArrowDown');
  await steps.shot(page, screenshot);
  await page.keyboard.press('Tab');
}

export async function typePythonHandler(page: Page, steps: UiSteps, notes: string[]): Promise<void> {
  await steps.openFile(page, 'typing.py');
  await goToLine(page, 4);
  await typeSlowly(page, '@task_failure.connect\ndef on_fail()');
  // Where VS Code leaves the cursor after auto-closing the parenthesis: `def on_fail(|)`.
  await page.keyboard.press('ArrowLeft');
  await acceptSuggestion(page, steps, 'sender, task_id, exception', 'typing.py: the all-parameters item in def on_fail(|)', notes, 'typing-py-suggest-widget');
  await steps.shot(page, 'typing-py-parameters-taken');
  await page.keyboard.press('End');
  await typeSlowly(page, ':\n    print(exception)');
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').first().waitFor({ state: 'visible' });
  const text = await steps.editorText(page);
  assert.match(text, /def on_fail\(sender, task_id, exception, args, kwargs, traceback, einfo, \*\*kw\):/, `editor text:\n${text}`);
  await page.waitForTimeout(1500);
  await assertNothingBlamesTheRetryHandler(page, 'typing.py');
  assert.equal(await page.locator('.editor-instance .squiggly-error').count(), 0, 'typing.py: no error squiggle');
  await steps.shot(page, 'typing-py-done');
}

export async function typeTypeScriptHandler(page: Page, steps: UiSteps, notes: string[]): Promise<void> {
  await steps.openFile(page, 'typing.ts');
  await goToLine(page, 4);
  await typeSlowly(page, 'task_failure.connect(({  }))');
  // Inside the pattern, before `=>` is typed: `({ | }))`.
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
  await acceptSuggestion(page, steps, 'exception,', 'typing.ts: exception in ({ | })', notes, 'typing-ts-suggest-widget');
  await steps.shot(page, 'typing-ts-parameter-taken');
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await typeSlowly(page, ' => console.log(exception), { weak: false });');
  const text = await steps.editorText(page);
  assert.match(text, /task_failure\.connect\(\(\{ exception \}\) => console\.log\(exception\), \{ weak: false \}\);/, `editor text:\n${text}`);
  await page.waitForTimeout(1500);
  assert.equal(await page.locator('.editor-instance .squiggly-error').count(), 0, 'typing.ts: no error squiggle');
  await steps.shot(page, 'typing-ts-done');
}

export async function fixAllOnSave(page: Page, steps: UiSteps): Promise<void> {
  await steps.openFile(page, 'fixall.py');
  await page.locator('.editor-instance .squiggly-error').first().waitFor({ state: 'attached', timeout: 30_000 });
  await steps.shot(page, 'fixall-before-save');
  await page.keyboard.press('Control+S');
  await page.locator('.editor-instance .view-lines', { hasText: 'def ready(sender, **kwargs):' }).first().waitFor({ state: 'visible', timeout: 30_000 });
  const text = await steps.editorText(page);
  assert.match(text, /def failed\(sender, exception, \*\*kw\):\s+print\(exception\)/, `editor text after save:\n${text}`);
  assert.doesNotMatch(text, /async def/);
  await page.locator('.editor-instance .squiggly-error').first().waitFor({ state: 'detached', timeout: 30_000 });
  await steps.shot(page, 'fixall-after-save');
}

export async function showStatusItem(page: Page, steps: UiSteps, celeryVersion: string): Promise<void> {
  await steps.openFile(page, 'handlers.py');
  const entry = page.locator('[id="status.languageStatus"]').first();
  await entry.waitFor({ state: 'visible', timeout: 30_000 });
  await entry.click();
  const hover = page.locator('.hover-language-status', { hasText: `Celery ${celeryVersion}` }).first();
  await hover.waitFor({ state: 'visible', timeout: 15_000 });
  const shown = (await page.locator('.hover-language-status').allInnerTexts()).join('\n');
  assert.match(shown, /the catalog's newest release/, `status items:\n${shown}`);
  assert.match(shown, /Celery Signals: running/, `status items:\n${shown}`);
  await steps.shot(page, 'status-item');
  await page.keyboard.press('Escape');
}
