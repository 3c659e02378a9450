// `npm run bench`: prints the checker and language-server figures. Targets are in the README;
// nothing here fails on a slow machine, it only reports.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCheckerBench } from './checker.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
console.log(`machine: ${process.platform} ${process.arch}, node ${process.version}, ${(await import('node:os')).cpus().length} cpus`);
await runCheckerBench();
if (fs.existsSync(path.join(here, 'server.mjs'))) {
  const { runServerBench } = await import('./server.mjs');
  await runServerBench();
}
