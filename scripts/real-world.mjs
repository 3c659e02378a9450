// Precision harness: runs the CLI over real projects and counts what it reports, per project and per
// rule, so a rule change is tried on code nobody wrote for our tests before it lands.
// Usage: npm run real-world -- [--list] [--celery-version X.Y.Z] <folder...>
//   --list  also prints every error and warning (hints are only counted)
// Not part of `npm test`: the trees are large and live outside the repository.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'server/out/cli.js');
const SEVERITIES = ['error', 'warning', 'information', 'hint'];
const FINDING = /^(.+?):(\d+):(\d+): (error|warning|information|hint) ([\w-]+) (.*)$/;
const CHECKED = /\((\d+) files? checked(?:, (\d+) skipped)?(?:, (\d+) declaration files? \(\.d\.ts\) left out)?\)\.$/;

function parseArguments(argv) {
  const options = { list: false, extra: [], folders: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--list') options.list = true;
    else if (argv[i] === '--celery-version') options.extra.push('--celery-version', argv[++i]);
    else options.folders.push(argv[i]);
  }
  return options;
}

function checkFolder(folder, extra) {
  const run = spawnSync(process.execPath, [cli, 'check', '--hints', ...extra, folder], {
    cwd: folder,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  const findings = [];
  let checked;
  let skipped = 0;
  for (const line of run.stdout.split('\n')) {
    const finding = FINDING.exec(line);
    if (finding) findings.push({ file: finding[1], line: Number(finding[2]), severity: finding[4], code: finding[5], message: finding[6] });
    const summary = CHECKED.exec(line);
    if (summary) {
      checked = Number(summary[1]);
      skipped = Number(summary[2] ?? 0) + Number(summary[3] ?? 0);
    }
  }
  return { folder, status: run.status, checked, skipped, findings, stderr: run.stderr };
}

function perRule(findings) {
  const table = new Map();
  for (const f of findings) {
    if (!table.has(f.code)) table.set(f.code, Object.fromEntries(SEVERITIES.map((s) => [s, 0])));
    table.get(f.code)[f.severity]++;
  }
  return [...table.entries()].sort(([a], [b]) => a.localeCompare(b));
}

function report(result, list) {
  const name = path.basename(result.folder);
  const checked = result.checked === undefined ? 'no summary (see stderr)' : `${result.checked} files checked, ${result.skipped} skipped or left out`;
  console.log(`\n${name}: ${checked}, exit status ${result.status}`);
  const totals = Object.fromEntries(SEVERITIES.map((s) => [s, result.findings.filter((f) => f.severity === s).length]));
  console.log(`  total: ${totals.error} errors, ${totals.warning} warnings, ${totals.information} infos, ${totals.hint} hints`);
  for (const [code, counts] of perRule(result.findings)) {
    const parts = SEVERITIES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
    console.log(`  ${code.padEnd(34)} ${parts.join(', ')}`);
  }
  if (list) {
    for (const f of result.findings) if (f.severity === 'error' || f.severity === 'warning') console.log(`    ${f.file}:${f.line}: ${f.severity} ${f.code} ${f.message}`);
  }
  if (result.status !== 0 && result.status !== 1) console.log(`  stderr: ${result.stderr.trim().split('\n').slice(-3).join(' | ')}`);
}

const options = parseArguments(process.argv.slice(2));
if (options.folders.length === 0) {
  console.error('usage: npm run real-world -- [--list] [--celery-version X.Y.Z] <folder...>');
  process.exit(2);
}
if (!fs.existsSync(cli)) {
  console.error('real-world: build first (npm run build)');
  process.exit(2);
}
let unexpected = 0;
for (const folder of options.folders.map((f) => path.resolve(f))) {
  if (!fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory()) {
    console.error(`real-world: ${folder} is not a folder`);
    unexpected++;
    continue;
  }
  const result = checkFolder(folder, options.extra);
  report(result, options.list);
  if (result.status !== 0 && result.status !== 1) unexpected++;
}
process.exitCode = unexpected > 0 ? 1 : 0;
