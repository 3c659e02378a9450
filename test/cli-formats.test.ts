// `celery-signals check` output for tools (SARIF 2.1.0, validated against the official OASIS schema;
// GitHub workflow commands) and `--fix` / `--fix --dry-run`, through the real entry point.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import Ajv from 'ajv-draft-04';
import { rules } from '../server/src/analysis/rules/index';
import { project, run } from './support/cliProject';


// Two fixable mistakes (no **kwargs; `reason` is not always sent) and one the checker cannot fix.
const FIXABLE = `from celery.signals import task_failure, task_retry


@task_failure.connect
def on_failure(sender, task_id, exception):
    print(task_id, exception)


@task_retry.connect
def on_retry(sender, request, reason, **kwargs):
    print(request.id, reason)
`;
const FIXED = FIXABLE.replace('task_id, exception)', 'task_id, exception, **kw)').replace('request, reason,', 'request, reason=None,');
const UNFIXABLE = `from celery.signals import task_success


@task_success.connect(sender="shop.tasks.charge")
def charged(sender=None, result=None, **kwargs):
    print(result)
`;
const CLEAN = `from celery.signals import worker_ready


@worker_ready.connect
def announce(sender=None, **kwargs):
    print("ready")
`;

function sarifValidator() {
  const schemaFile = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  // The published schema writes one `pattern` that is only valid without the u flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///base/'));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  return ajv.compile<any>(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));
}

describe('--format sarif', () => {
  test('validates against the SARIF 2.1.0 schema and carries rules, help, locations and fixes', async () => {
    const dir = project({ 'app/handlers.py': FIXABLE, 'app/billing.py': UNFIXABLE });
    const r = await run(['check', '--format', 'sarif', '.'], dir);
    assert.equal(r.code, 1, r.stderr);
    const log = JSON.parse(r.stdout);
    const validate = sarifValidator();
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    // The validator is not a rubber stamp: a result without a message is refused.
    const broken = structuredClone(log);
    delete broken.runs[0].results[0].message;
    assert.equal(validate(broken), false);

    const run0 = log.runs[0];
    assert.equal(log.version, '2.1.0');
    assert.deepEqual(run0.tool.driver.rules.map((d: { id: string }) => d.id).filter((id: string) => id !== 'internal-error'), rules.map((x) => x.code));
    for (const descriptor of run0.tool.driver.rules) {
      assert.ok(descriptor.shortDescription.text && descriptor.fullDescription.text && descriptor.help.markdown, descriptor.id);
      assert.match(descriptor.helpUri, /^https:\/\/.+#/);
    }
    const missing = run0.results.find((x: { ruleId: string }) => x.ruleId === 'missing-var-kwargs');
    assert.equal(missing.level, 'error');
    assert.equal(run0.tool.driver.rules[missing.ruleIndex].id, 'missing-var-kwargs');
    const location = missing.locations[0].physicalLocation;
    assert.deepEqual(location.artifactLocation, { uri: 'app/handlers.py', uriBaseId: '%SRCROOT%' });
    assert.equal(location.region.startLine, 5);
    assert.equal(run0.originalUriBaseIds['%SRCROOT%'].uri, `file://${dir}/`);
    const replacement = missing.fixes[0].artifactChanges[0].replacements[0];
    assert.equal(replacement.insertedContent.text, ', **kw');
    assert.equal(replacement.deletedRegion.startLine, 5);
    assert.ok(run0.results.some((x: { ruleId: string; level: string }) => x.ruleId === 'sender-kind-mismatch' && x.level === 'warning'));
  });

  test('a clean project is a valid log with no results', async () => {
    const r = await run(['check', '--format=sarif'], project({ 'ok.py': CLEAN }));
    assert.equal(r.code, 0, r.stderr);
    const log = JSON.parse(r.stdout);
    assert.ok(sarifValidator()(log));
    assert.deepEqual(log.runs[0].results, []);
  });
});

describe('--format github', () => {
  test('prints one workflow command per finding, with the position and escaped text', async () => {
    const dir = project({ 'app/handlers.py': FIXABLE, 'app/billing.py': UNFIXABLE });
    const r = await run(['check', '--format', 'github', 'app'], dir);
    assert.equal(r.code, 1);
    const commands = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    const missing = commands.find((l) => l.includes('missing-var-kwargs'));
    assert.match(missing ?? '', /^::error file=app\/handlers\.py,line=5,col=5,endLine=5,endColumn=\d+,title=celery-signals missing-var-kwargs::\S/);
    assert.ok(commands.some((l) => l.startsWith('::warning file=app/billing.py,line=4,')), commands.join('\n'));
    for (const c of commands) assert.doesNotMatch(c.split('::')[2], /\n/);
    assert.match(r.stdout, /problems? .* in 2 files/);
  });
});

describe('--fix', () => {
  test('applies the fixes, says what it changed, is idempotent and leaves unfixable files alone', async () => {
    const dir = project({ 'handlers.py': FIXABLE, 'billing.py': UNFIXABLE, 'ok.py': CLEAN });
    const billingBefore = fs.statSync(path.join(dir, 'billing.py')).mtimeMs;
    const first = await run(['check', '--fix', '.'], dir);
    assert.equal(fs.readFileSync(path.join(dir, 'handlers.py'), 'utf8'), FIXED);
    assert.match(first.stdout, /^handlers\.py: fixed 2 problems \((missing-var-kwargs, param-sometimes-absent|param-sometimes-absent, missing-var-kwargs)\)$/m);
    assert.equal(fs.readFileSync(path.join(dir, 'billing.py'), 'utf8'), UNFIXABLE);
    assert.equal(fs.statSync(path.join(dir, 'billing.py')).mtimeMs, billingBefore, 'a file without fixes is not rewritten');
    assert.doesNotMatch(first.stdout, /billing\.py: fixed|ok\.py: fixed/);
    // What is left is reported as usual, and the status reflects it (a warning only: 0).
    assert.match(first.stdout, /billing\.py:4:\d+: warning sender-kind-mismatch/);
    assert.doesNotMatch(first.stdout, /handlers\.py:\d+:\d+:/);
    assert.equal(first.code, 0);

    const second = await run(['check', '--fix', '.'], dir);
    assert.doesNotMatch(second.stdout, /fixed/);
    assert.equal(fs.readFileSync(path.join(dir, 'handlers.py'), 'utf8'), FIXED);
    assert.equal(second.code, 0);
  });

  test('--dry-run writes nothing and prints a unified diff that git apply accepts', async () => {
    const dir = project({ 'app/handlers.py': FIXABLE, 'billing.py': UNFIXABLE });
    const r = await run(['check', '--fix', '--dry-run', '.'], dir);
    assert.equal(fs.readFileSync(path.join(dir, 'app/handlers.py'), 'utf8'), FIXABLE);
    assert.match(r.stdout, /^--- a\/app\/handlers\.py\n\+\+\+ b\/app\/handlers\.py\n@@ -2,10 \+2,10 @@\n/);
    assert.match(r.stdout, /^-def on_failure\(sender, task_id, exception\):\n\+def on_failure\(sender, task_id, exception, \*\*kw\):$/m);
    assert.doesNotMatch(r.stdout, /billing/);
    assert.match(r.stderr, /app\/handlers\.py: would fix 2 problems/);
    assert.equal(r.code, 0);
    fs.writeFileSync(path.join(dir, 'fixes.patch'), r.stdout);
    const apply = spawnSync('git', ['apply', '--unsafe-paths', 'fixes.patch'], { cwd: dir, encoding: 'utf8' });
    assert.equal(apply.status, 0, apply.stderr);
    assert.equal(fs.readFileSync(path.join(dir, 'app/handlers.py'), 'utf8'), FIXED);
  });

  test('--dry-run needs --fix and text output', async () => {
    const dir = project({ 'ok.py': CLEAN });
    assert.match((await run(['check', '--dry-run'], dir)).stderr, /--dry-run only goes with --fix/);
    assert.equal((await run(['check', '--fix', '--dry-run', '--format', 'json'], dir)).code, 2);
  });
});
