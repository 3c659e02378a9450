// The `celerySignals.severity` setting must list every rule of the registry with its default
// severity, and nothing else; this fails whenever a rule is added, renamed or changes default.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rules } from '../../server/src/analysis/rules/index';

const root = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const severity = manifest.contributes.configuration.properties['celerySignals.severity'];

test('one severity property per registered rule, with the registry default for the editor', () => {
  const fromRegistry = Object.fromEntries(rules.map((rule) => [rule.code, rule.editorDefaultSeverity ?? rule.defaultSeverity]));
  const fromManifest = Object.fromEntries(Object.entries(severity.properties).map(([code, p]) => [code, (p as { default: string }).default]));
  assert.deepEqual(fromManifest, fromRegistry);
  assert.deepEqual(severity.default, fromRegistry);
});

test('each rule can be set to any severity or off, and unknown codes are rejected', () => {
  assert.equal(severity.additionalProperties, false);
  for (const [code, property] of Object.entries(severity.properties)) {
    assert.deepEqual((property as { enum: string[] }).enum, ['error', 'warning', 'information', 'hint', 'off'], code);
  }
});
