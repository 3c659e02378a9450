// Property: after an edit, the module statements read around it (the previous ones before and after
// it, moved, and those the reparse restructured read from the tree) are exactly the statements a fresh
// read of the whole tree finds. Edits include ones that restructure code far away: an opened string
// or bracket, a removed colon, a new line break inside a string, comments and decorators.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { readModuleStatements } from '../server/src/analysis/frontends/pythonModuleStatements';
import { parseText } from '../server/src/parsing/treeSitter';
import { applied } from './support/edits';

const fixtures = path.join(__dirname, 'fixtures/python');
const modules = fs
  .readdirSync(fixtures)
  .sort()
  .flatMap((dir) => fs.readdirSync(path.join(fixtures, dir)).filter((file) => file.endsWith('.py')).map((file) => fs.readFileSync(path.join(fixtures, dir, file), 'utf8')));

const SNIPPETS = ['"""', "'''", '"', '(', ')', '[', ':', '\n', '\n\n', '    ', '#', 'x', '@dec\n', 'def f():\n    pass\n', 'é', '\\\n', ''];

function extents(statements: { starts: number[]; ends: number[] }): [number, number][] {
  return statements.starts.map((start, i) => [start, statements.ends[i]]);
}

test('the statements read around an edit are the statements of the whole new tree', async () => {
  // As in the front end: only between two trees without syntax errors (with errors, every statement is read).
  let compared = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.nat(modules.length - 1),
      fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.nat(40), fc.constantFrom(...SNIPPETS)), { minLength: 1, maxLength: 4 }),
      async (which, edits) => {
        let text = modules[which];
        let tree = await parseText('python', text);
        let statements = readModuleStatements(tree.rootNode);
        try {
          for (const [where, length, inserted] of edits) {
            const start = Math.floor(where * text.length);
            const change = applied(text, { start, end: Math.min(text.length, start + length), inserted });
            const wasBroken = tree.rootNode.hasError;
            tree.edit(change.edit);
            const next = await parseText('python', change.text, tree);
            const fresh = readModuleStatements(next.rootNode);
            if (!wasBroken && !next.rootNode.hasError) {
              const changed = { start: change.edit.startIndex, oldEnd: change.edit.oldEndIndex, newEnd: change.edit.newEndIndex };
              const around = readModuleStatements(next.rootNode, { starts: statements.starts, ends: statements.ends, changed, oldTree: tree, tree: next });
              assert.deepEqual(extents(around), extents(fresh));
              for (const [i, node] of around.nodes.entries()) if (node) assert.equal(node.id, fresh.nodes[i]!.id);
              compared++;
            }
            tree.delete();
            tree = next;
            text = change.text;
            statements = fresh;
          }
        } finally {
          tree.delete();
        }
      },
    ),
    { numRuns: 1500 },
  );
  // Most random edits break the syntax; enough of them must not, or this test checks nothing. Runs
  // compare about 340 (315 to 365 in six runs, 290 once): 200 leaves room for unlucky seeds.
  assert.ok(compared >= 200, `only ${compared} edits left both trees without errors`);
});
