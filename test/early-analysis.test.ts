// The early diagnostics of a large document (documents/earlyAnalysis.ts) never show what the complete
// analysis will not: every Python fixture case and several generated modules are cut at every
// top-level statement boundary, and each finding of the top part must be among the whole text's
// findings with the same code, severity, range, message and related places.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { analyzeText } from '../server/src/analysis/analyze';
import type { CheckOptions } from '../server/src/analysis/checker';
import type { Finding } from '../server/src/analysis/diagnostics';
import { rules } from '../server/src/analysis/rules/index';
import { PREFIX_STABLE } from '../server/src/analysis/rules/support/prefixStability';
import { getBundledCatalog } from '../server/src/catalog/catalog';
import { earlyCut, earlyFindings } from '../server/src/documents/earlyAnalysis';
import { parseText } from '../server/src/parsing/treeSitter';
import { commentTokenFor, fixtureFiles, parseFixture } from './support/fixtures';

const catalog = getBundledCatalog();

interface Sample {
  name: string;
  text: string;
  options: CheckOptions;
}

/**
 * Modules where something further down changes what a connection above means: a rebinding, a
 * redefinition, another connection of the same function, a call of the function that connects, a
 * definition of what a handler reads. Each would give a false early finding under a looser rule.
 */
const LATER_CHANGES = [
  'from celery.signals import task_prerun\nfrom functools import partial\ndef h(x, **kw): pass\ntask_prerun.connect(partial(h, sender=1))\nh = None\n',
  'from celery.signals import task_prerun\ndef h(x, **kw): pass\ndef setup():\n    task_prerun.connect(h)\nh = 2\n',
  'from celery.signals import task_prerun\ndef h(x, **kw): pass\ndef setup():\n    task_prerun.connect(h)\ndef h(y, **kw): pass\n',
  'from celery.signals import task_prerun\ndef setup():\n    task_prerun.connect(lambda x, **kw: None)\ntask_prerun = 3\n',
  'from celery.signals import task_prerun\ndef h(x, **kw): pass\ndef setup():\n    task_prerun.connect(h, sender="a")\nfrom celery.signals import task_postrun as task_prerun\n',
  'from celery.signals import task_prerun, task_failure\n@task_prerun.connect\ndef h(sender, task_id, task, args, kwargs, exception=None, **kw): pass\ntask_failure.connect(h)\n',
  'from celery.signals import task_prerun\n@task_prerun.connect\ndef h(sender=None, **kwargs):\n    return task_id\ntask_id = 3\n',
  'from celery.signals import task_prerun\n@task_prerun.connect(sender="proj.add")\ndef h(sender=None, **kwargs): pass\nfrom celery import shared_task\n@shared_task(name="proj.add")\ndef add(): pass\n',
  'from celery.signals import task_prerun\nclass Collector:\n    def on(self, **kwargs): pass\nCollector()\ntask_prerun.connect(Collector().on)\nkept = Collector()\n',
  'from celery.signals import task_prerun\ndef setup():\n    task_prerun.connect(announce)\ndef announce(sender, **kwargs): pass\nsetup()\n',
  'from celery.signals import task_prerun\ndef h(x, **kw): pass\ntask_prerun.connect(h)\ndef broken(:\n    pass\n',
];

async function samples(): Promise<Sample[]> {
  const { generateModule } = await import('../bench/generate.mjs');
  const list: Sample[] = [];
  for (const file of fixtureFiles().filter((f) => f.endsWith('.py'))) {
    for (const testCase of parseFixture(fs.readFileSync(file, 'utf8'), commentTokenFor(file))) {
      const options = { celeryVersion: testCase.celeryVersion ?? catalog.latestCeleryVersion, includeHints: true };
      list.push({ name: `${file}: ${testCase.name}`, text: testCase.text, options });
      // Most cases end with the connection they are about: one more statement puts it in a top part.
      list.push({ name: `${file}: ${testCase.name}, with a statement after it`, text: `${testCase.text}\nprint("loaded")\n`, options });
    }
  }
  for (const [i, text] of LATER_CHANGES.entries()) list.push({ name: `later change ${i}`, text, options: { celeryVersion: catalog.latestCeleryVersion, includeHints: true } });
  for (const profile of ['realistic', 'dense'] as const) {
    for (const celeryVersion of [catalog.latestCeleryVersion, '4.4.0']) {
      list.push({ name: `generated ${profile} module, Celery ${celeryVersion}`, text: generateModule('python', 400, profile), options: { celeryVersion, includeHints: true } });
    }
  }
  return list;
}

/** Where each top-level statement that starts a line begins (the first one excepted). */
async function boundaries(text: string): Promise<number[]> {
  const tree = await parseText('python', text);
  try {
    return tree.rootNode.children.filter((node) => node!.startIndex > 0 && node!.startPosition.column === 0).map((node) => node!.startIndex);
  } finally {
    tree.delete();
  }
}

const key = (f: Finding) => JSON.stringify([f.code, f.severity, f.span.start, f.span.end, f.message, f.related?.map((r) => [r.span.start, r.span.end, r.message])]);

test('every rule is judged for the early diagnostics', () => {
  assert.deepEqual(Object.keys(PREFIX_STABLE).sort(), rules.map((rule) => rule.code).sort());
});

test('the top part of a module never gives a finding the whole module does not', async () => {
  const shownEarly = new Map<string, number>();
  let cuts = 0;
  let unparsed = 0;
  const wrong: string[] = [];
  for (const sample of await samples()) {
    const complete = new Set((await analyzeText(sample.text, 'python', catalog, sample.options)).findings.map(key));
    for (const cut of await boundaries(sample.text)) {
      const early = await earlyFindings({ text: sample.text, catalog, options: sample.options }, cut);
      cuts++;
      if (!early) {
        unparsed++;
        continue;
      }
      for (const finding of early) {
        shownEarly.set(finding.code, (shownEarly.get(finding.code) ?? 0) + 1);
        if (!complete.has(key(finding))) wrong.push(`${sample.name}, cut at ${cut}: ${finding.code} at ${finding.span.start}: ${finding.message}`);
      }
    }
  }
  assert.deepEqual(wrong, []);
  // Not vacuous: most cuts parse, and every rule trusted early did show findings early.
  assert.ok(cuts > 500 && unparsed < cuts / 2, `${cuts} cuts, ${unparsed} did not parse`);
  const trusted = Object.entries(PREFIX_STABLE).filter(([, stable]) => stable).map(([code]) => code);
  assert.deepEqual(trusted.filter((code) => !shownEarly.has(code)), []);
});

test('the early part ends where a top-level statement starts, past the lines asked for', () => {
  const text = ['import os', 'if os.name:', '    x = 1', 'else:', '    x = 2', '# note', 'y = (', '1)', 'z = 3', ''].join('\n');
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length - 1;
  assert.equal(lineOf(earlyCut(text, 1)!), 1);
  // Not before `else:` (part of the `if`), an indented line or a comment.
  assert.equal(lineOf(earlyCut(text, 3)!), 6);
  // The text alone does not tell that `1)` is inside brackets: the parse of the top part does.
  assert.equal(lineOf(earlyCut(text, 7)!), 7);
  assert.equal(earlyCut(text, 20), undefined);
});

test('a top part that does not parse cleanly gives no early findings', async () => {
  const text = 'from celery.signals import task_prerun\nx = (\n@task_prerun.connect\ndef handler(sender):\n    pass\n)\n';
  const cut = text.indexOf('@task_prerun');
  assert.equal(await earlyFindings({ text, catalog, options: { celeryVersion: catalog.latestCeleryVersion } }, cut), undefined);
});
