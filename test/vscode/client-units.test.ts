// The client's vscode-free parts: UI string tables and where the insert-handler command puts imports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getBundledCatalog } from '../../server/src/catalog/catalog';
import { snippetsFor, type SnippetLanguage } from '../../server/src/analysis/snippets';
import { planImport } from '../../client/src/handlerInsertion';
import { localized } from '../../client/src/localizedText';
import { allMessageTables, messagesFor, uiLanguageOf } from '../../client/src/messages';

const catalog = getBundledCatalog();
const snippet = (language: SnippetLanguage, signal: string) => snippetsFor(catalog, language).find((s) => s.signal === signal)!;

test('VS Code display languages map to the UI languages we ship', () => {
  for (const tag of ['zh-cn', 'zh-CN', 'zh-hans']) assert.equal(uiLanguageOf(tag), 'zh-cn');
  for (const tag of ['en', 'en-us', 'de', 'zh-tw', undefined]) assert.equal(uiLanguageOf(tag), 'en');
});

test('both message tables have the same messages and none is empty', () => {
  const [english, chinese] = [allMessageTables.en, allMessageTables['zh-cn']];
  assert.deepEqual(Object.keys(chinese).sort(), Object.keys(english).sort());
  for (const table of [english, chinese]) {
    for (const [key, value] of Object.entries(table)) {
      const text = typeof value === 'function' ? value('x') : value;
      assert.ok(text.trim().length > 0, key);
    }
  }
  assert.notEqual(messagesFor('zh-cn').pickSignalPlaceholder, messagesFor('en').pickSignalPlaceholder);
});

test('catalog text falls back to English while a translation is missing', () => {
  assert.equal(localized({ en: 'Sent.', 'zh-cn': 'TODO' }, 'zh-cn'), 'Sent.');
  assert.equal(localized({ en: 'Sent.', 'zh-cn': '' }, 'zh-cn'), 'Sent.');
  assert.equal(localized({ en: 'Sent.', 'zh-cn': '已发送。' }, 'zh-cn'), '已发送。');
});

test('Python: the import goes after the last top-level import', () => {
  const text = ['"""Tasks."""', 'import os', 'from celery import Celery', '', 'app = Celery()', ''].join('\n');
  assert.deepEqual(planImport(text, snippet('python', 'task_failure'), true), {
    line: 3,
    text: 'from celery.signals import task_failure\n',
  });
});

test('Python: a parenthesised import spanning lines is skipped over', () => {
  const text = ['from celery.signals import (', '    task_success,', '    task_retry,', ')', '', 'x = 1'].join('\n');
  assert.equal(planImport(text, snippet('python', 'task_failure'), true)?.line, 4);
  assert.equal(planImport(text, snippet('python', 'task_retry'), true), undefined, 'already imported');
});

test('Python: no import when the name is imported, star-imported, or the signal is an app attribute', () => {
  assert.equal(planImport('from celery.signals import task_failure, task_success\n', snippet('python', 'task_failure'), true), undefined);
  assert.equal(planImport('from celery.signals import *\n', snippet('python', 'task_failure'), true), undefined);
  assert.ok(planImport('from celery.signals import *\n', snippet('python', 'task_failure'), false), 'star import does not cover it');
  assert.ok(planImport('from celery.signals import task_failure as tf\n', snippet('python', 'task_failure'), true), 'an alias does not bind the name');
  assert.equal(planImport('', snippet('python', 'app.on_after_configure'), true), undefined);
});

test('Python: without imports, the import goes after the shebang, comments and module docstring', () => {
  const text = ['#!/usr/bin/env python', '# -*- coding: utf-8 -*-', '"""Signal handlers.', '', 'More text.', '"""', 'x = 1'].join('\n');
  assert.equal(planImport(text, snippet('python', 'worker_ready'), true)?.line, 6);
  assert.equal(planImport('x = 1\n', snippet('python', 'worker_ready'), true)?.line, 0);
});

test('Python: imports below the first definition are not taken as the import block', () => {
  const text = ['import os', '', 'def f():', '    from celery.signals import task_failure', '    return 1'].join('\n');
  assert.equal(planImport(text, snippet('python', 'task_failure'), true)?.line, 1);
});

test('TypeScript: the import goes after the last import statement, multi-line ones included', () => {
  const text = ["import { a } from './a';", 'import {', '  b,', "} from './b';", '', 'const x = 1;'].join('\n');
  const plan = planImport(text, snippet('typescript', 'task_failure'), true);
  assert.ok(plan);
  assert.equal(plan.line, 4);
  assert.match(plan.text, /^import \{ task_failure \} from '.+';\n$/);
});

test('TypeScript: no import when the name is already imported from the signal module', () => {
  const module = snippet('typescript', 'task_failure').importModule!;
  assert.equal(planImport(`import { task_success, task_failure } from '${module}';\n`, snippet('typescript', 'task_failure'), true), undefined);
  assert.ok(planImport(`import { task_failure } from 'elsewhere';\n`, snippet('typescript', 'task_failure'), true));
});

test('a new import block is set off by blank lines; an import joining a block is not', () => {
  assert.equal(planImport('x = 1\n', snippet('python', 'task_failure'), true)?.text, 'from celery.signals import task_failure\n\n\n');
  assert.equal(planImport('import os\n', snippet('python', 'task_failure'), true)?.text, 'from celery.signals import task_failure\n');
  assert.match(planImport('const x = 1;\n', snippet('typescript', 'task_failure'), true)!.text, /';\n\n$/);
});

test('the document line ending is kept', () => {
  assert.equal(planImport('import os\r\n', snippet('python', 'task_failure'), true, '\r\n')?.text, 'from celery.signals import task_failure\r\n');
  assert.equal(planImport('x = 1\r\n', snippet('python', 'task_failure'), true, '\r\n')?.text, 'from celery.signals import task_failure\r\n\r\n\r\n');
});
