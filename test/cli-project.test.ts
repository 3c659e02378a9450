// `celery-signals check .` judges the files as one project: the fixture projects' cross-module findings
// come out of the CLI too, with their exit status, and `--fix` applies a fix that needs the project.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { project, run } from './support/cliProject';
import { fixtureProjects } from './support/projectFixtures';

function copyOf(name: string): string {
  const fixture = fixtureProjects().find((p) => p.name === name)!;
  return project(Object.fromEntries([...fixture.texts].map(([file, text]) => [path.relative(fixture.root, file), text])));
}

test('check . reports what only the whole project shows, and exits 1 on its errors', async () => {
  const dir = copyOf('custom-signals');
  const { code, stdout } = await run(['check', '.', '--format', 'json'], dir);
  assert.equal(code, 1);
  const report = JSON.parse(stdout);
  const text = JSON.stringify(report);
  assert.match(text, /param-not-provided/);
  assert.match(text, /coupon/);
});

test('checking one module alone knows nothing of the project, so it stays quiet where the project is needed', async () => {
  const dir = copyOf('custom-signals');
  const { code, stdout } = await run(['check', 'orders/listeners.py', '--format', 'json'], dir);
  assert.equal(code, 0, stdout);
});

test('--fix renames a task-name filter to the registered name the project index knows', async () => {
  const dir = copyOf('tasks-as-senders');
  const { code } = await run(['check', '.', '--fix'], dir);
  assert.ok(code === 0 || code === 1);
  const hooks = fs.readFileSync(path.join(dir, 'src/billing/hooks.py'), 'utf8');
  assert.match(hooks, /sender='billing\.tasks\.charge'\)\ndef charge_published\(/);
});
