// The bundles ship the tree-sitter runtime as scripts/treeSitterRuntime.mjs patches it (Node objects
// laid out differently, the transfer buffer read as an Int32Array); tests that run from source use it
// as published. Property: over our fixtures and random cuts of them (broken code included), every
// Node API the analysis uses, and the others a patch could reach, answers the same through the
// published runtime, the patched one, and the patched one on its fallback path for big-endian hosts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import type * as TreeSitter from '@vscode/tree-sitter-wasm';
import { fixtureFiles } from './support/fixtures';

const root = path.resolve(__dirname, '..');
const wasmDir = path.join(root, 'node_modules/@vscode/tree-sitter-wasm/wasm');
const published = fs.readFileSync(path.join(wasmDir, 'tree-sitter.js'), 'utf8');

type Runtime = typeof TreeSitter;
interface Loaded {
  parsers: Record<'python' | 'typescript', TreeSitter.Parser>;
  runtime: Runtime;
}

async function load(source: string, folder: string, name: string): Promise<Loaded> {
  const file = path.join(folder, `${name}.cjs`);
  fs.writeFileSync(file, source);
  const runtime = require(file) as Runtime;
  await runtime.Parser.init({ locateFile: (f: string) => path.join(wasmDir, f) });
  const parserFor = async (grammar: string) => {
    const parser = new runtime.Parser();
    parser.setLanguage(await runtime.Language.load(fs.readFileSync(path.join(wasmDir, `tree-sitter-${grammar}.wasm`))));
    return parser;
  };
  return { runtime, parsers: { python: await parserFor('python'), typescript: await parserFor('typescript') } };
}

/** What a node says about itself, by every accessor that marshals it; positions by value. */
function describe(node: TreeSitter.Node | null): unknown {
  if (!node) return null;
  return [node.type, node.typeId, node.isNamed, node.isMissing, node.hasError, node.startIndex, node.endIndex, { ...node.startPosition }, { ...node.endPosition }, node.childCount, node.namedChildCount, node.text.slice(0, 24)];
}

/** Everything read from one tree, through children, fields, parents, siblings, cursors, searches and queries. */
function observe(tree: TreeSitter.Tree, runtime: Runtime): unknown[] {
  const seen: unknown[] = [];
  const fields = tree.language.fields.filter((f): f is string => typeof f === 'string');
  const visit = (node: TreeSitter.Node, depth: number) => {
    seen.push(describe(node), describe(node.parent), describe(node.nextSibling), describe(node.previousNamedSibling), describe(node.firstChild));
    seen.push(node.children.map((c) => c?.startIndex), node.namedChildren.map((c) => c?.type));
    for (const field of fields) {
      const child = node.childForFieldName(field);
      if (child) seen.push(field, describe(child), child.equals(node.childForFieldName(field)!), node.childrenForFieldName(field).map(describe));
    }
    // A name no field has, and one every object has as a property (field ids are looked up by name).
    seen.push(node.childForFieldName('no_such_field'), node.childrenForFieldName('no_such_field'), node.childForFieldName('toString'));
    if (node.childCount > 0) seen.push(describe(node.child(node.childCount - 1)), describe(node.namedChild(0)), describe(node.childWithDescendant(node.child(0)!)));
    if (depth < 400) for (const child of node.namedChildren) if (child) visit(child, depth + 1);
  };
  visit(tree.rootNode, 0);
  const rootNode = tree.rootNode;
  seen.push(rootNode.descendantsOfType('identifier').map(describe));
  for (let index = 0; index < rootNode.endIndex; index += 37) seen.push(describe(rootNode.descendantForIndex(index)), describe(rootNode.namedDescendantForIndex(index, index + 3)));
  const cursor = rootNode.walk();
  // Depth first through every node, anonymous ones included, until the walk is back at the root.
  walking: for (let steps = 0; steps < 2000; steps++) {
    seen.push(cursor.nodeType, cursor.nodeTypeId, cursor.nodeIsNamed, cursor.currentFieldId, cursor.currentFieldName, cursor.currentDepth);
    seen.push(cursor.startIndex, cursor.endIndex, { ...cursor.startPosition }, { ...cursor.endPosition }, describe(cursor.currentNode));
    if (steps % 97 === 0) {
      // A second cursor walks on its own, and goes where the first one is when reset to it.
      // (Not `copy()`: the published runtime copies whatever the transfer buffer last held.)
      const other = rootNode.walk();
      seen.push(other.gotoFirstChild() && describe(other.currentNode), describe(cursor.currentNode));
      other.resetTo(cursor);
      seen.push(describe(other.currentNode), other.currentDepth);
      other.delete();
    }
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) break walking;
  }
  cursor.delete();
  const query = new runtime.Query(tree.language, '(identifier) @name');
  seen.push(query.captures(rootNode).map((capture) => [capture.name, describe(capture.node)]));
  query.delete();
  return seen;
}

/** A node kept across tree.edit and then node.edit moves the same way in every runtime. */
function observeEdit(tree: TreeSitter.Tree, text: string): unknown[] {
  const kept = tree.rootNode.descendantsOfType('identifier').slice(-3);
  const start = Math.floor(text.length / 3);
  const edit = { startIndex: start, oldEndIndex: start, newEndIndex: start + 3, startPosition: { row: 0, column: start }, oldEndPosition: { row: 0, column: start }, newEndPosition: { row: 1, column: 2 } };
  tree.edit(edit);
  return kept.map((node) => {
    node!.edit(edit);
    return [node!.startIndex, { ...node!.startPosition }, node!.type];
  });
}

function fixtureTexts(): { grammar: 'python' | 'typescript'; text: string }[] {
  // The TypeScript grammar reads JavaScript too; TSX needs its own and is left out.
  return fixtureFiles()
    .filter((file) => !file.endsWith('.tsx'))
    .map((file) => ({ grammar: file.endsWith('.py') ? 'python' : 'typescript', text: fs.readFileSync(file, 'utf8') }));
}

test('the patched tree-sitter runtime answers as the published one, on its fast path and on its big-endian fallback', async () => {
  const { patchTreeSitterRuntime } = (await import(path.join(root, 'scripts/treeSitterRuntime.mjs'))) as { patchTreeSitterRuntime(source: string): string };
  const patched = patchTreeSitterRuntime(published);
  const fallback = patched.replace('new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;', 'false;');
  assert.notEqual(patched, published);
  assert.notEqual(fallback, patched, 'the fallback copy must take the path for big-endian hosts');
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tree-sitter-runtime-'));
  try {
    const runtimes = [await load(published, folder, 'published'), await load(patched, folder, 'patched'), await load(fallback, folder, 'fallback')];
    const texts = fixtureTexts();
    assert.ok(texts.length > 20, `fixtures found: ${texts.length}`);
    const compare = (grammar: 'python' | 'typescript', text: string) => {
      const [expected, ...others] = runtimes.map(({ parsers, runtime }) => {
        const tree = parsers[grammar].parse(text)!;
        try {
          return [observe(tree, runtime), observeEdit(tree, text)];
        } finally {
          tree.delete();
        }
      });
      for (const other of others) assert.deepEqual(other, expected);
    };
    for (const { grammar, text } of texts) compare(grammar, text);
    // Cuts make broken code: ERROR and MISSING nodes, which take other paths through the runtime.
    fc.assert(
      fc.property(fc.nat(texts.length - 1), fc.nat(), fc.nat(200), (which, at, length) => {
        const { grammar, text } = texts[which];
        const start = at % (text.length + 1);
        compare(grammar, text.slice(0, start) + text.slice(start + length));
      }),
      { numRuns: 60 },
    );
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
