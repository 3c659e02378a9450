// The examples are documentation: every handler marked "# Mistake" must be reported, and every
// handler marked "# Correct" must not be.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyzeText } from '../server/src/analysis/analyze';
import { LineIndex } from '../server/src/analysis/text';
import { getBundledCatalog } from '../server/src/catalog/catalog';

const examples = path.join(__dirname, '..', 'examples');
const MARKER = /^\s*# (Correct|Mistake|Deprecated)\b/;

function pythonFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? pythonFiles(full) : e.name.endsWith('.py') ? [full] : [];
  });
}

for (const file of pythonFiles(examples)) {
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const marked = lines.map((l, i) => ({ i, m: MARKER.exec(l) })).filter((x) => x.m);
  if (marked.length === 0) continue;
  test(`examples/${path.relative(examples, file)}: marked handlers are judged as marked`, async () => {
    const { findings } = await analyzeText(text, 'python', getBundledCatalog());
    const index = new LineIndex(text);
    const reported = findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => ({ line: index.positionAt(f.span.start).line, code: f.code }));
    marked.forEach(({ i, m }, k) => {
      const end = k + 1 < marked.length ? marked[k + 1].i : lines.length;
      const inside = reported.filter((r) => r.line > i && r.line < end);
      if (m![1] === 'Correct') assert.deepEqual(inside, [], `line ${i + 1} is marked correct`);
      else assert.ok(inside.length > 0, `line ${i + 1} is marked as a mistake but nothing is reported`);
    });
  });
}
