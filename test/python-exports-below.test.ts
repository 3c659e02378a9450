/**
 * dependenciesWrittenBelow finds the dotted names written after every imported name with one pattern.
 * It must find what one pattern per name finds, each on its own (matches of different names may
 * overlap, `a . b.c`; those of one name never do).
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { dependenciesWrittenBelow, type ModuleExports } from '../server/src/project/pythonExports';

/** One pattern per imported name and module, as the exports pass searched before. */
function onePatternEach(text: string, imported: Map<string, string[]>): Set<string> {
  const found = new Set<string>();
  for (const [local, modules] of imported) {
    for (const module of modules) {
      const pattern = new RegExp(`(?<![\\w.])${local}((?:[ \\t]*\\.[ \\t]*[A-Za-z_]\\w*)+)`, 'g');
      for (const match of text.matchAll(pattern)) {
        const parts = [module, ...match[1].split('.').map((part) => part.trim()).filter(Boolean)];
        for (let i = 1; i < parts.length; i++) found.add(parts.slice(0, i + 1).join('.'));
      }
    }
  }
  return found;
}

test('one pattern for every imported name finds what one pattern each finds', () => {
  const names = ['a', 'b', 'ab', 'a_b', 'time', 'x1'];
  // Dotted chains of names (dots spaced or not) between separators, so that most texts write a dotted
  // name after an imported one, and some chains hold an imported name after a spaced dot.
  const dot = fc.constantFrom('.', ' . ', '\t.', '.\t');
  const chain = fc.tuple(fc.constantFrom(...names), fc.array(fc.tuple(dot, fc.constantFrom(...names, 'z')), { maxLength: 3 })).map(([head, rest]) => head + rest.map(([d, n]) => d + n).join(''));
  const piece = fc.oneof({ arbitrary: chain, weight: 3 }, { arbitrary: fc.constantFrom(' ', '\n', '(', ')', ' . ', '#', 'q.', '1'), weight: 2 });
  const imports = fc.array(fc.tuple(fc.constantFrom(...names), fc.constantFrom('pkg', 'pkg.sub', 'other')), { minLength: 1, maxLength: 5 });
  let nonEmpty = 0;
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 60 }), imports, (pieces, pairs) => {
      const text = pieces.join('');
      const imported = new Map<string, string[]>();
      for (const [local, module] of pairs) {
        const modules = imported.get(local) ?? [];
        if (!modules.includes(module)) modules.push(module);
        imported.set(local, modules);
      }
      const exports: ModuleExports = { names: new Map(), starImports: [], imports: [], dependencies: [], tasksOpen: false, runsAtImport: [] };
      dependenciesWrittenBelow(text, imported, exports);
      const expected = onePatternEach(text, imported);
      if (expected.size > 0) nonEmpty++;
      assert.deepEqual(new Set(exports.dependencies), expected, JSON.stringify({ text, pairs }));
    }),
    { numRuns: 2000 },
  );
  assert.ok(nonEmpty > 500, `${nonEmpty} texts with dependencies`);
});

test('overlapping names are kept apart: each name counts its own matches', () => {
  const exports: ModuleExports = { names: new Map(), starImports: [], imports: [], dependencies: [], tasksOpen: false, runsAtImport: [] };
  dependenciesWrittenBelow('a . b.c\nx . x.z\n', new Map([['a', ['pa']], ['b', ['pb']], ['x', ['px']]]), exports);
  assert.deepEqual(new Set(exports.dependencies), new Set(['pa.b', 'pa.b.c', 'pb.c', 'px.x', 'px.x.z']));
});
