/**
 * PythonProse calls a comment or a string statement prose, and the fact-word skip ignores words there.
 * Whatever it calls prose must be a comment, or a string without replacement fields that is a whole
 * expression statement, in tree-sitter's reading of the same valid text: on the fixtures, on part of
 * the standard library and on generated texts full of quotes, prefixes, escapes, brackets and f-strings.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { mayHoldFacts } from '../server/src/analysis/factWords';
import { PythonProse } from '../server/src/analysis/pythonProse';
import { getBundledCatalog } from '../server/src/catalog/catalog';
import { getParser, type SyntaxNode } from '../server/src/parsing/treeSitter';
import { fixtureFiles } from './support/fixtures';

const STDLIB = '/usr/lib/python3.11';

/** The stretches the scanner calls prose, as [start, end) pairs; isProse agrees at every offset. */
function proseRuns(text: string): [number, number][] {
  const ranges = new PythonProse(text).proseRanges();
  const prose = new PythonProse(text);
  let next = 0;
  for (let at = 0; at < text.length; at++) {
    while (next < ranges.length && ranges[next][1] <= at) next++;
    const inside = next < ranges.length && ranges[next][0] <= at;
    if (prose.isProse(at) !== inside) assert.fail(`isProse(${at}) is not ${inside} in ${JSON.stringify(text)}`);
  }
  return ranges;
}

function isStringStatement(node: SyntaxNode): boolean {
  const statement = node.parent;
  return statement?.type === 'expression_statement' && statement.namedChildCount === 1 && !node.namedChildren.some((child) => child?.type === 'interpolation');
}

/** Runs the tree does not read as a comment or a string statement (for a text that parses without error). */
async function misread(text: string): Promise<{ run: string; node: string }[] | undefined> {
  // The parser itself: parseText would blank long comment blocks first (commentRuns.ts).
  const tree = (await getParser('python')).parse(text);
  if (!tree) throw new Error('no tree');
  try {
    if (tree.rootNode.hasError) return undefined;
    const wrong: { run: string; node: string }[] = [];
    for (const [start, end] of proseRuns(text)) {
      let node: SyntaxNode | null = tree.rootNode.descendantForIndex(start, end - 1);
      let right = false;
      for (; node; node = node.parent) {
        if (node.startIndex > start || node.endIndex < end) continue;
        if (node.type === 'comment') right = true;
        else if (node.type === 'string') right = isStringStatement(node);
        else continue;
        break;
      }
      if (!right) wrong.push({ run: text.slice(start, end), node: node?.type ?? 'none' });
    }
    return wrong;
  } finally {
    tree.delete();
  }
}

describe('PythonProse', () => {
  test('comments and string statements are prose; strings that are values, and f-strings, are code', () => {
    const cases: [string, string[]][] = [
      ['# task_failure\nx = 1  # Signal\n', ['# task_failure', '# Signal']],
      ['"""Module: task_failure."""\n\n\ndef f():\n    \'\'\'Signal it.\'\'\'\n    return 1\n', ['"""Module: task_failure."""', "'''Signal it.'''"]],
      ['r"raw \\" still"  # after\nb\'bytes\'\nRb"x"\nU"y"\n', ['r"raw \\" still"', '# after', "b'bytes'", 'Rb"x"', 'U"y"']],
      ['"""a\r\nb"""\r\n"c"\r"d"\r', ['"""a\r\nb"""', '"c"', '"d"']],
      ['x = "task_failure"\nf("Signal")\nhook = getattr(signals, "task_failure")\n', []],
      ['"a" + b\n"a".upper()\n"a"; "b"\n"a" "b"\n', []],
      ['x = (\n    "task_failure"\n)\ny = \\\n    "Signal"\n', []],
      ['f"{task_failure}"\nF"""doc"""\nrf"{x}"\n', []],
      ['x = f"{y:\'>10}" + f"{d[\'k\']!r}"\n"after"\n', ['"after"']],
      ['x = f"{ {\'a\': 1}[\'a\'] } {{literal}}"\n"after"\n', ['"after"']],
    ];
    for (const [text, expected] of cases) assert.deepEqual(proseRuns(text).map(([s, e]) => text.slice(s, e)), expected, text);
  });

  test('what it cannot place for sure ends its work: everything after counts as code', () => {
    const cases = [
      '"open\n# task_failure\n',
      '"""never closed\n# task_failure\n',
      'ur"py2"\n# task_failure\n',
      'x = f"{d["k"]}"\n# task_failure\n',
      'x = f"{f\'{y}\'}"\n# task_failure\n',
      'x = f"\\{y}"\n# task_failure\n',
      'x = f"""{\ny  # comment\n}"""\n# task_failure\n',
    ];
    for (const text of cases) {
      const prose = new PythonProse(text);
      assert.equal(prose.isProse(text.indexOf('# task_failure')), false, text);
    }
  });

  test('the fact-word skip ignores words in prose only', () => {
    const catalog = getBundledCatalog();
    const python = (text: string) => mayHoldFacts(text, catalog, undefined, 'python');
    assert.equal(python('"""Send task_failure through Celery; see celery.signals."""\n# @app.task\nx = 1\n'), false);
    assert.equal(python('# task_failure\nfrom celery.signals import task_failure\n'), true);
    assert.equal(python('"""Signal."""\nclass Signal:\n    pass\n'), true);
    assert.equal(python('hook = getattr(registry, "task_failure")\n'), true);
    assert.equal(python('f"{task_failure}"\n'), true);
    assert.equal(python('"open\ntask_failure\n'), true);
    // A module path counts when each of its segments is written in code.
    assert.equal(python('"""celery"""\nimport signals\n'), false);
    assert.equal(python('import celery\n"""signals"""\n'), false);
    assert.equal(python('import celery\nfrom x import signals\n'), true);
    // The decorator pattern spans a continued line: the part in code counts.
    assert.equal(python('# @app \\\n@app.task\ndef add(): pass\n'), true);
    // Other front ends see every word.
    assert.equal(mayHoldFacts('// task_failure\n', catalog, undefined, 'typescript'), true);
  });

  test('what it calls prose is a comment or a string statement in tree-sitter, on real files', async () => {
    const files = fixtureFiles().filter((file) => file.endsWith('.py'));
    if (fs.existsSync(STDLIB)) {
      const modules = fs.readdirSync(STDLIB).filter((f) => f.endsWith('.py')).sort();
      for (let i = 0; i < modules.length; i += 4) files.push(path.join(STDLIB, modules[i]));
    }
    let checked = 0;
    let runs = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const wrong = await misread(text);
      if (wrong === undefined) continue;
      assert.deepEqual(wrong, [], file);
      checked++;
      runs += proseRuns(text).length;
    }
    assert.ok(checked > 40 && runs > 1000, `${checked} files, ${runs} runs of prose`);
  });

  test('what it calls prose is a comment or a string statement in tree-sitter, on generated texts', async () => {
    const content = fc.array(fc.constantFrom('a', ' ', '#', "'", '"', '\\n', '\\\\', '\\"', "\\'", '{x}', '{{', '}}', '{x:>{w}}', '{y!r}', '{d["k"]}', "{d['k']}", 'task_failure', '\\\n'), { maxLength: 6 });
    const prefix = fc.constantFrom('', '', 'r', 'b', 'rb', 'u', 'f', 'rf', 'F', 'R', 'Br');
    const quote = fc.constantFrom("'", '"', "'''", '"""');
    const string = fc.tuple(prefix, quote, content).map(([p, q, parts]) => `${p}${q}${parts.join('')}${q}`);
    // f-strings that every Python 3 reads alike, with fields, specs and nested brackets.
    const fields = fc.array(fc.constantFrom('a', ' ', '{x}', '{{}}', '{x:>{w}}', '{y!r:>4}', '{ {1: 2}[1] }', '{(lambda: 1)()}', '{z=}'), { minLength: 1, maxLength: 4 });
    const formatted = fc.tuple(fc.constantFrom('f', 'rf', 'F', 'fR'), quote, fields).map(([p, q, parts]) => `${p}${q}${parts.join('')}${q}`);
    const statement = fc.oneof(
      string,
      formatted,
      formatted.map((s) => `x = ${s}`),
      string.map((s) => `x = ${s}`),
      fc.tuple(string, string).map(([a, b]) => `f(${a},\n  ${b})`),
      fc.tuple(string, string).map(([a, b]) => `${a} ${b}`),
      string.map((s) => `${s}  # note "quoted" task_failure`),
      string.map((s) => `${s}; y = 1`),
      string.map((s) => `y = \\\n    ${s}`),
      string.map((s) => `def g():\n    ${s}\n    return 1`),
      fc.constant('# a comment with \'quotes" and {braces}'),
      fc.constant('z = [1, (2,\n  3)]'),
    );
    const texts = fc.tuple(fc.array(statement, { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\r\n')).map(([lines, end]) => lines.join(end) + end);
    let valid = 0;
    let withProse = 0;
    await fc.assert(
      fc.asyncProperty(texts, async (text) => {
        const wrong = await misread(text);
        if (wrong === undefined) return;
        valid++;
        if (proseRuns(text).length > 0) withProse++;
        assert.deepEqual(wrong, [], text);
      }),
      { numRuns: 1500 },
    );
    // Enough of the texts are valid Python, with prose in them, for the property to say something.
    assert.ok(valid > 300 && withProse > 200, `${valid} valid texts, ${withProse} with prose`);
  });
});
