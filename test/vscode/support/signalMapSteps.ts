/**
 * The signal map view in the workbench, run by ui.test.ts: the view opened from the command palette
 * shows the open files' receivers under their signals, in the order Celery sends them, and a click on
 * a receiver opens it at its definition.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { UiSteps } from './typingSteps';

export async function browseSignalMap(page: Page, steps: UiSteps): Promise<void> {
  await steps.openFile(page, 'handlers.py');
  await page.locator('.squiggly-error').first().waitFor({ state: 'attached', timeout: 30_000 });
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
  await page.keyboard.type('Focus on Celery Signal Map');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Celery Signal Map' }).first().waitFor({ state: 'visible' });
  await page.keyboard.press('Enter');

  // The map shares the side bar with the file tree: fold the file tree so every row of the map shows.
  const folders = page.locator('.pane-header', { hasText: /^workspace/i }).first();
  if ((await folders.getAttribute('aria-expanded')) === 'true') await folders.click();
  const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Celery Signal Map' }) }).first();
  const rows = pane.locator('.monaco-list-row');
  const receiver = rows.filter({ hasText: 'on_failure' }).filter({ hasText: 'handlers' }).first();
  await receiver.waitFor({ state: 'visible', timeout: 30_000 });
  const shown = (await rows.allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
  const prerun = shown.findIndex((r) => r.startsWith('7. task_prerun'));
  const failure = shown.findIndex((r) => r.startsWith('8. task_failure'));
  assert.ok(shown[0].startsWith("A task's life"), `rows:\n${shown.join('\n')}`);
  assert.ok(prerun > 0 && failure > prerun, `task_prerun is listed before task_failure:\n${shown.join('\n')}`);
  await steps.shot(page, 'signal-map');

  // Start from another file (Quick Open, the file tree is folded), so the click has to open handlers.py.
  // F1 then Backspace (the browser keeps Ctrl+P for printing): the palette without `>` opens files.
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
  await page.keyboard.press('Backspace');
  await page.keyboard.type('insert.py');
  // Clicked rather than chosen with Enter: the list can still be re-sorted when Enter lands.
  const insertRow = page.locator('.quick-input-list .monaco-list-row', { hasText: 'insert.py' }).first();
  await insertRow.waitFor({ state: 'visible' });
  await insertRow.click();
  await page.locator('.tab.active[aria-label*="insert.py"]').waitFor({ state: 'visible' });
  await receiver.click();
  await page.locator('.tab.active[aria-label*="handlers.py"]').waitFor({ state: 'visible', timeout: 15_000 });
  const position = page.locator('.statusbar-item', { hasText: /^Ln \d+, Col \d+/ }).first();
  await position.waitFor({ state: 'visible' });
  assert.match((await position.innerText()).trim(), /^Ln 5, Col 15 \(10 selected\)/, 'the name on_failure is selected');
  await steps.shot(page, 'signal-map-opened');
  await folders.click();
}
