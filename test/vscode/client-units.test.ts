// The client's vscode-free parts (UI string tables), and what the client may depend on: it asks the
// server for everything about signals, so it shares only shared/ with it and bundles no catalog.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allMessageTables, messagesFor, uiLanguageOf } from '../../client/src/messages';
import { signalMapNodes } from '../../client/src/signalMapTree';

const root = path.resolve(__dirname, '..', '..');

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

test('the extension code imports nothing from the server, only the shared protocol folder', () => {
  const sources = fs.readdirSync(path.join(root, 'client/src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  assert.ok(sources.includes('insertHandler.ts'));
  for (const file of sources) {
    const text = fs.readFileSync(path.join(root, 'client/src', file), 'utf8');
    for (const [, target] of text.matchAll(/from '([^']+)'/g)) {
      assert.ok(!target.startsWith('.') || !/(^|\/)(server|schemas)\//.test(target), `${file} imports ${target}`);
    }
  }
});

test('the built extension bundle carries no catalog', (t) => {
  const bundle = path.join(root, 'client/out/extension.js');
  if (!fs.existsSync(bundle)) return t.skip('run npm run build first');
  const text = fs.readFileSync(bundle, 'utf8');
  const catalog = JSON.parse(fs.readFileSync(path.join(root, 'schemas/celery-signals.json'), 'utf8'));
  const summary: string = catalog.signals.find((s: { name: string }) => s.name === 'task_failure').summary.en;
  assert.ok(!text.includes(summary), 'task_failure\'s summary is in the client bundle');
  assert.ok(!text.includes('worker_before_create_process'), 'a signal name is in the client bundle');
});

test('the signal map tree: lives, numbered signals with their process, receivers that open where they are', () => {
  const messages = messagesFor('en');
  const range = { start: { line: 4, character: 4 }, end: { line: 4, character: 18 } };
  const [life] = signalMapNodes(
    {
      lives: [
        {
          id: 'task',
          label: "A task's life",
          signals: [
            { name: 'task_failure', step: 8, summary: 'Sent when a task fails.', runsIn: 'the process running the task', receivers: [{ name: 'report_failure', uri: 'file:///p/m.py', range, container: 'p.m', sender: 'add' }] },
          ],
        },
      ],
    },
    messages,
  );
  assert.equal(life.label, "A task's life");
  const [signal] = life.children;
  assert.equal(signal.label, '8. task_failure');
  assert.equal(signal.description, 'the process running the task');
  assert.equal(signal.tooltip, 'Sent when a task fails.\nReceivers run in the process running the task.');
  const [receiver] = signal.children;
  assert.deepEqual([receiver.label, receiver.description, receiver.target], ['report_failure', 'p.m · sender=add', { uri: 'file:///p/m.py', range }]);
  assert.notEqual(receiver.id, signal.id);
});
