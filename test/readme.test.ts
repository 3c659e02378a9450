/**
 * The README is the rules' documentation: every rule the checker can report has a section headed
 * with its code and default severity, and the README documents no code that does not exist.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rules } from '../server/src/analysis/rules/index';

const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
const documented = new Map([...readme.matchAll(/^### `([a-z0-9-]+)` — (error|warning|information|hint)$/gm)].map((m) => [m[1], m[2]]));

test('every rule has a README section with its default severity and a rationale', () => {
  for (const rule of rules) {
    assert.equal(documented.get(rule.code), rule.defaultSeverity, `README section for ${rule.code}`);
    const section = readme.split(/^### /m).find((s) => s.startsWith(`\`${rule.code}\``))!;
    assert.ok(section.split('\n').slice(1).join(' ').trim().length > 80, `${rule.code} needs a rationale in the README`);
  }
});

test('the README documents no rule that does not exist', () => {
  const codes = new Set(rules.map((r) => r.code));
  for (const code of documented.keys()) assert.ok(codes.has(code), `README documents unknown rule ${code}`);
});

test('the README starts with the two set-up commands that .ci/run uses', () => {
  const ci = fs.readFileSync(path.join(__dirname, '..', '.ci', 'run'), 'utf8');
  assert.match(readme, /npm ci && npm run check-examples/);
  assert.match(readme, /npm ci && npm test/);
  assert.match(ci, /^npm ci && npm test$/m);
});
