// `npm run check-examples`: the checker over a clean demo (exit status 0) and over examples that are
// wrong on purpose (exit status 1, each handler marked "# Mistake"). Succeeds when both end as expected.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const demos = [
  { title: 'Clean demo: handlers Celery runs as written', paths: ['examples/clean'], expected: 0 },
  { title: 'Wrong demo: every handler marked "# Mistake" is wrong on purpose', paths: ['examples/shop', 'examples/monitoring'], expected: 1 },
];

let failed = false;
for (const demo of demos) {
  console.log(`\n== ${demo.title}\n$ celery-signals check ${demo.paths.join(' ')}`);
  const { status } = spawnSync(process.execPath, ['server/out/cli.js', 'check', ...demo.paths], { cwd: root, stdio: 'inherit' });
  const ok = status === demo.expected;
  failed ||= !ok;
  console.log(`exit status ${status}${ok ? ', as expected' : `, but ${demo.expected} was expected`} (0: no errors, 1: errors found, 2: could not check)`);
}
process.exit(failed ? 1 : 0);
