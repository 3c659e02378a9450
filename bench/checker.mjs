// Checker benchmark: per-file latency (parse + extract + check) on generated 1k- and 10k-line
// modules, and throughput over a large tree, both in-process and through the CLI end to end.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateModule } from './generate.mjs';
import { cpuMs, formatMs, percentile } from './stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { analyzeText } = await import(path.join(root, 'server/src/analysis/analyze.ts'));
const { getBundledCatalog } = await import(path.join(root, 'server/src/catalog/catalog.ts'));
const catalog = getBundledCatalog();
const options = { celeryVersion: catalog.latestCeleryVersion };

async function latency(language, lines, runs, profile) {
  const grammar = language === 'python' ? 'python' : 'typescript';
  const text = generateModule(language, lines, profile);
  await analyzeText(text, grammar, catalog, options); // warm-up: grammar load, query compilation, JIT
  const wall = [];
  const cpu = [];
  let findings = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const cpuStart = cpuMs();
    const result = await analyzeText(text, grammar, catalog, options);
    cpu.push(cpuMs() - cpuStart);
    wall.push(performance.now() - start);
    findings = result.findings.length;
  }
  return {
    profile,
    language,
    lines: text.split('\n').length,
    findings,
    p50: percentile(wall, 50),
    p95: percentile(wall, 95),
    cpu50: percentile(cpu, 50),
    cpu95: percentile(cpu, 95),
  };
}

export async function runCheckerBench() {
  console.log('\n== checker: the rules alone per keystroke, reusing the findings of unchanged sites (bench/check-rules.mjs) ==');
  const rules = spawnSync(process.execPath, [path.join(root, 'bench/check-rules.mjs'), '10000', 'realistic'], { encoding: 'utf8', cwd: root });
  console.log((rules.stdout || rules.stderr).trim());
  console.log('\n== checker: per-file latency (parse + extract + check, in-process) ==');
  console.log('(wall clock, and CPU time of this process, which a busy machine skews less)');
  console.log('profile    language     lines   findings   wall p50   wall p95    cpu p50    cpu p95');
  for (const profile of ['realistic', 'dense']) {
    for (const language of ['python', 'typescript']) {
      for (const [lines, runs] of [[1_000, 40], [10_000, 15]]) {
        const r = await latency(language, lines, runs, profile);
        console.log(`${r.profile.padEnd(10)} ${r.language.padEnd(10)} ${String(r.lines).padStart(7)} ${String(r.findings).padStart(10)} ${formatMs(r.p50)} ${formatMs(r.p95)} ${formatMs(r.cpu50)} ${formatMs(r.cpu95)}`);
      }
    }
  }

  const files = 120;
  const linesPerFile = 1_000;
  const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'celery-signals-bench-'));
  let totalLines = 0;
  for (let i = 0; i < files; i++) {
    const language = i % 4 === 3 ? 'typescript' : 'python';
    const text = generateModule(language, linesPerFile, 'realistic');
    totalLines += text.split('\n').length;
    const dir = path.join(tree, `pkg${i % 12}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `module_${i}.${language === 'python' ? 'py' : 'ts'}`), text);
  }

  console.log(`\n== checker: throughput over a tree of ${files} files, ${totalLines} lines ==`);
  const texts = fs.readdirSync(tree).flatMap((d) => fs.readdirSync(path.join(tree, d)).map((f) => path.join(tree, d, f)));
  const start = performance.now();
  const cpuStart = cpuMs();
  for (const file of texts) {
    await analyzeText(fs.readFileSync(file, 'utf8'), file.endsWith('.py') ? 'python' : 'typescript', catalog, options);
  }
  const inProcess = performance.now() - start;
  const inProcessCpu = cpuMs() - cpuStart;
  const rate = (ms) => Math.round(totalLines / (ms / 1000)).toLocaleString('en');
  console.log(`in-process: ${formatMs(inProcess)} wall (${rate(inProcess)} lines/s), ${formatMs(inProcessCpu)} CPU (${rate(inProcessCpu)} lines/s)`);

  const cli = path.join(root, 'server/out/cli.js');
  const cliStart = performance.now();
  const run = spawnSync(process.execPath, [cli, 'check', tree, '--format', 'json'], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const cliTime = performance.now() - cliStart;
  const count = run.stdout ? JSON.parse(run.stdout).length : 0;
  console.log(`CLI end to end (node start, walk, read, check, JSON): ${formatMs(cliTime)}, ${Math.round(totalLines / (cliTime / 1000)).toLocaleString('en')} lines/s, ${count} findings, exit ${run.status}`);
  fs.rmSync(tree, { recursive: true, force: true });
}
