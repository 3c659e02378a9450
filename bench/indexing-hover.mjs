// Hovers while the language server indexes a project: the generated 2,000-module project is indexed
// on the server's analysis thread, and a small open file is hovered back to back until the index's
// progress report ends. The first hover waits for that file's own first analysis and is shown
// apart; every later one measures how long the server keeps a request waiting while it indexes.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateModule } from './generate.mjs';
import { generateProject } from './project-index.mjs';
import { Client, positionAt, probeOffsets, serverPath } from './server.mjs';
import { formatMs, percentile } from './stats.mjs';

export async function runIndexingHoverBench() {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'celery-signals-indexing-bench-'));
  const client = new Client();
  try {
    generateProject(workspace);
    const rootUri = pathToFileURL(workspace).toString();
    await client.request('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      capabilities: { window: { workDoneProgress: true }, textDocument: { hover: { contentFormat: ['markdown'] }, diagnostic: { dynamicRegistration: false } }, workspace: { configuration: true, workspaceFolders: true } },
    });
    // The end of the indexing progress says the index is built (the workspace report, asked for after, is large).
    let indexed = false;
    client.onNotification = (message) => {
      if (message.method === '$/progress' && message.params.value?.kind === 'end') indexed = true;
    };
    client.notify('initialized', {});
    const start = performance.now();
    const small = generateModule('python', 300, 'realistic');
    const smallUri = pathToFileURL(path.join(workspace, 'scratch_probe.py')).toString();
    client.notify('textDocument/didOpen', { textDocument: { uri: smallUri, languageId: 'python', version: 1, text: small } });
    const positions = probeOffsets(small, 20).names.map((offset) => positionAt(small, offset));
    const hovers = [];
    for (let i = 0; !indexed; i++) {
      const before = performance.now();
      await client.request('textDocument/hover', { textDocument: { uri: smallUri }, position: positions[i % positions.length] });
      hovers.push(performance.now() - before);
      if (process.env.BENCH_TRACE && hovers[hovers.length - 1] > 100) console.log(`slow hover ${hovers[hovers.length - 1].toFixed(0)} ms at ${((before - start) / 1000).toFixed(2)} s`);
    }
    const buildMs = performance.now() - start;
    const files = (await client.request('workspace/diagnostic', { previousResultIds: [] })).items.length;
    const [first, ...rest] = hovers;
    console.log('\n== hovers on a small file while the server indexes 2,000 generated modules ==');
    console.log(`indexed ${files} files in ${(buildMs / 1000).toFixed(2)} s; first hover (waits for the file's first analysis) ${formatMs(first)}`);
    console.log(`then ${rest.length} hovers: p50 ${formatMs(percentile(rest, 50))}, p99 ${formatMs(percentile(rest, 99))}, max ${formatMs(Math.max(...rest))} (target: max <= 50 ms)`);
    return { files, buildMs, first, max: Math.max(...rest) };
  } finally {
    await client.request('shutdown', null);
    client.notify('exit', null);
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!fs.existsSync(serverPath)) throw new Error(`${serverPath} is missing: run \`npm run build\` first`);
  await runIndexingHoverBench();
}
