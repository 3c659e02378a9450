/**
 * nestingProblems looks at a text with two native searches before it scans it in JavaScript; texts
 * near both limits (deep indentation in spaces, tabs and form feeds, deep brackets among strings,
 * comments and continued lines) must get exactly what the full scan gives.
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { nestingProblems, scanNesting } from '../server/src/analysis/frontends/pythonNesting';

const noise = fc.constantFrom('x = 1', 'f(a, b)', '"(["', "'{'", '# ((((', '"""\n(\n"""', 'a[0]', '\\', '', 'y: int');
const indentUnit = fc.constantFrom(' ', ' ', ' ', '\t', '\f');

/** Lines indented one step deeper each time, by spaces (sometimes a tab), the deepest line possibly all tabs. */
const ladder = fc
  .record({
    levels: fc.integer({ min: 90, max: 106 }),
    tabbed: fc.array(fc.integer({ min: 0, max: 105 }), { maxLength: 6 }),
    allTabsAtEnd: fc.boolean(),
    lineEnd: fc.constantFrom('\n', '\r\n', '\r'),
    extra: fc.array(fc.tuple(fc.integer({ min: 0, max: 105 }), noise), { maxLength: 4 }),
  })
  .map(({ levels, tabbed, allTabsAtEnd, lineEnd, extra }) => {
    const lines: string[] = [];
    for (let level = 0; level < levels; level++) {
      // A tab in place of the first space moves the line to the next multiple of 8, out of order at times.
      const indent = tabbed.includes(level) ? '\t' + ' '.repeat(Math.max(0, level - 8)) : ' '.repeat(level);
      lines.push(`${indent}if x:`);
      for (const [at, text] of extra) if (at === level) lines.push(`${indent} ${text}`);
    }
    lines.push(allTabsAtEnd ? '\t'.repeat(13) + 'pass' : ' '.repeat(levels) + 'pass');
    return lines.join(lineEnd) + lineEnd;
  });

const brackets = fc
  .record({ depth: fc.integer({ min: 180, max: 215 }), between: fc.array(noise, { maxLength: 5 }), close: fc.boolean() })
  .map(({ depth, between, close }) => {
    let text = 'x = ';
    for (let i = 0; i < depth; i++) text += '([{'[i % 3] + (i % 40 === 0 && between.length > 0 ? between[(i / 40) % between.length] : '');
    return close ? text + '1' + ')]}'.repeat(Math.ceil(depth / 3)) : text;
  });

const scattered = fc.array(fc.oneof(noise, indentUnit, fc.constantFrom('\n', '\r', '(', ')', '[', '{', '}', ']')), { maxLength: 400 }).map((parts) => parts.join(''));

test('nestingProblems gives what the full scan gives, near both limits and far from them', () => {
  let problems = 0;
  fc.assert(
    fc.property(fc.oneof(ladder, brackets, scattered), (text) => {
      const expected = scanNesting(text);
      if (expected.length > 0) problems++;
      assert.deepEqual(nestingProblems(text), expected);
    }),
    { numRuns: 600 },
  );
  // The generators reach the limits often enough for the property to say something.
  assert.ok(problems > 60, `only ${problems} texts had a nesting problem`);
});

test('the brackets that count are the 201st opening one and those around it, whatever they open', () => {
  assert.equal(nestingProblems('('.repeat(201)).length, 1);
  assert.equal(nestingProblems('([{'.repeat(67)).length, 1);
  assert.deepEqual(nestingProblems('('.repeat(200)), []);
  assert.deepEqual(nestingProblems('"' + '('.repeat(300) + '"'), []);
});
