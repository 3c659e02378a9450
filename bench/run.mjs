// `npm run bench`: prints the checker, front-end and language-server figures. Targets are in the
// README; nothing here fails on a slow machine, it only reports.
import * as os from 'node:os';
import { runCheckerBench } from './checker.mjs';
import { runCliBench } from './cli.mjs';
import { printKeystrokeBench } from './keystroke.mjs';
import { runCommentBlockBench, runPythonFrontEndBench, runPythonOpenBench } from './python-frontend.mjs';
import { runProjectIndexBench } from './project-index.mjs';
import { runServerBench } from './server.mjs';
import { runPeerBench } from './peers.mjs';
import { runIndexingHoverBench } from './indexing-hover.mjs';

console.log(`machine: ${process.platform} ${process.arch}, node ${process.version}, ${os.cpus().length} cpus, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
await runCheckerBench();
await runCliBench();
await runPythonFrontEndBench();
await runPythonOpenBench();
await runCommentBlockBench();
console.log('\n== TypeScript front end (wall p50, wall p95, CPU p50) ==');
await import('./typescript-frontend.mjs');
console.log('\n== keystroke → findings through analyzeSource with the previous tree (100 one-character edits mid-file) ==');
await printKeystrokeBench();
await runServerBench();
await runProjectIndexBench();
await runIndexingHoverBench();
await runPeerBench();
