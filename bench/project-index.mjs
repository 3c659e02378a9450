// Project index benchmark: a generated project of 2,000 Python modules (about 200k lines) is indexed
// in a child process (so its peak RSS is the index's own), then one edit that changes what other
// modules see (a new keyword in a project signal's send) is applied and timed. The bare tree-sitter
// parse of the same files is the floor the build time is compared with.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FILES = 2000;
const LINES_PER_FILE = 100;

/** Plain application code: what most modules of a Celery project are. */
function plainModule(i) {
  const lines = [`"""Module ${i} of the generated project."""`, 'import logging', 'from dataclasses import dataclass', '', 'log = logging.getLogger(__name__)', ''];
  for (let k = 0; lines.length < LINES_PER_FILE - 8; k++) {
    lines.push('@dataclass', `class Record${k}:`, '    key: str', '    value: int = 0', '', `def compute_${k}(items, factor=${k}):`, '    total = 0', '    for item in items:', '        total += item.value * factor', '    return total', '');
  }
  return lines.join('\n') + '\n';
}

function handlerModule(i) {
  const lines = [
    'from proj.events import order_placed',
    'from proj.signals import failure, task_success',
    `from proj.tasks_${i % 20} import job_${i % 20}`,
    'from celery.signals import task_prerun',
    '',
    '@failure.connect',
    `def on_failure_${i}(sender=None, task_id=None, exception=None, **kwargs):`,
    '    print(task_id, exception)',
    '',
    `@task_prerun.connect(sender=job_${i % 20})`,
    `def before_${i}(sender=None, task_id=None, **kwargs):`,
    '    print(task_id)',
    '',
    '@order_placed.connect',
    `def on_order_${i}(sender, order, total, **kwargs):`,
    '    print(order, total)',
    '',
  ];
  return lines.join('\n') + plainModule(i).split('\n').slice(6, LINES_PER_FILE - lines.length).join('\n') + '\n';
}

export function generateProject(dir) {
  const write = (file, text) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  write('proj/__init__.py', '');
  write('proj/celery.py', 'from celery import Celery\n\napp = Celery("proj")\n');
  write('proj/signals.py', 'from celery.signals import task_failure as failure, task_success\n');
  write('proj/events.py', 'from celery.utils.dispatch import Signal\n\norder_placed = Signal(name="order_placed")\n');
  write('proj/shop.py', 'from .events import order_placed\n\n\ndef place(order):\n    order_placed.send(sender=None, order=order, total=1)\n');
  for (let t = 0; t < 20; t++) write(`proj/tasks_${t}.py`, `from proj.celery import app\n\n\n@app.task\ndef job_${t}(x):\n    return x\n`);
  let written = 25;
  for (let i = 0; written < FILES; i++, written++) {
    const pkg = `proj/area_${i % 40}`;
    if (i < 40) write(`${pkg}/__init__.py`, ''), written++;
    write(`${pkg}/module_${i}.py`, i % 10 === 0 ? handlerModule(i) : plainModule(i));
  }
}

export async function runProjectIndexBench() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'celery-signals-index-bench-'));
  try {
    generateProject(dir);
    const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'bench/project-index-child.mjs'), dir], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
    if (child.status !== 0) throw new Error(child.stderr);
    const r = JSON.parse(child.stdout.trim().split('\n').pop());
    console.log('\n== Project index (2,000 generated modules) ==');
    console.log(`files ${r.files}, lines ${r.lines}, findings ${r.findings}`);
    console.log(`build: ${(r.buildMs / 1000).toFixed(2)} s (target <= 3 s); bare tree-sitter parse of the same files ${(r.parseMs / 1000).toFixed(2)} s: ratio ${(r.buildMs / r.parseMs).toFixed(2)}x`);
    console.log(`peak RSS: ${(r.peakRssKb / 1024).toFixed(0)} MB (target <= 200 MB)`);
    console.log(`edit -> update: an edit no other module sees ${r.plainEditMs.toFixed(1)} ms; send gains a keyword ${r.sendEditMs.toFixed(1)} ms, ${r.sendEditChanged} receivers' findings changed in other files; a re-export added ${r.exportEditMs.toFixed(1)} ms (target <= 50 ms)`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runProjectIndexBench();
