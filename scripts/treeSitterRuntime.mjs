/**
 * Changes the build makes to the tree-sitter runtime (`@vscode/tree-sitter-wasm/wasm/tree-sitter.js`)
 * as it bundles it. Each is an exact text replacement: when the runtime no longer holds the text, the
 * build fails instead of shipping an unpatched or half-patched runtime. Tests that run from source
 * use the runtime as published; test/tree-sitter-runtime.test.ts walks trees with both and compares.
 *
 * - Node objects keep their wasm handle in a named field. The published class declares it as the
 *   indexed field `[0]`, so every Node got an elements store, defined on one of V8's slow paths. A CLI
 *   run makes about six thousand Node objects per thousand lines of handler code, and that field
 *   alone cost about a quarter of a `--jobs 1` run's CPU (docs/performance.md). The start position is
 *   kept as two numbers and made into an object only when asked for (the analysis reads offsets), and
 *   the constructor takes its values as arguments instead of one object to take apart. A node's type
 *   is read from WebAssembly once and kept: a node never changes type, and the analysis asks a third
 *   of the nodes it meets more than once (924,000 reads for 642,000 nodes over 150 handler modules).
 * - Tree cursors kept their four wasm words in indexed fields `[0]` to `[3]`, the same slow layout, and
 *   copied them in and out of the transfer buffer with `setValue`/`getValue` on every step of a walk
 *   (a handler's parameters are read with one); they are named fields now, copied as Int32Array
 *   accesses like a node's.
 * - Nodes cross into and out of WebAssembly through a transfer buffer. The runtime wrote and read it
 *   with `setValue`/`getValue`, which compare type names and go through a DataView each time; on a
 *   little-endian host (wasm memory is always little-endian) they are plain Int32Array accesses. So
 *   is the copy of the text into the parser's input buffer, a DataView call per character before.
 * - A node's children (all, named, or by field) came back as a count and an address in the transfer
 *   buffer, read with `getValue`: Int32Array reads now, as above. A field's id was looked up by
 *   searching the grammar's list of field names on every `childForFieldName` call; the names are
 *   now kept in a Map per language (the first id of a name, as that search found it). Over the 150
 *   generated modules the analysis asks for 196,000 children lists and 254,000 fields by name:
 *   together 18 ± 7 ms less wall time and 34 ± 13 ms less CPU in 16 alternating default runs.
 * - `builtinsWithoutImport` (the server bundle only): the runtime loads two Node built-ins with
 *   import(), which fails in a script compiled from a V8 code cache on Node 20 (startup/codeCache.ts).
 *   Where Node offers process.getBuiltinModule (20.16 and newer) they are taken from it instead.
 */
import * as fs from 'node:fs';

const NODE_LAYOUT = [
  // The handle's declaration, in the Node class only (Tree, TreeCursor and the others keep theirs).
  ['  // @ts-expect-error: never read\n  [0] = 0;\n  // Internal handle for Wasm\n  /** @internal */\n  _children;', '  /** Internal handle for Wasm. */\n  _handle = 0;\n  /** Where the node starts, until startPosition is asked for. */\n  _row = 0;\n  _column = 0;\n  _position = void 0;\n  /** The type id, once read (-1 before). */\n  _typeId = -1;\n  /** @internal */\n  _children;'],
  [
    '  get typeId() {\n    marshalNode(this);\n    return C._ts_node_symbol_wasm(this.tree[0]);\n  }',
    '  get typeId() {\n    if (this._typeId < 0) {\n      marshalNode(this);\n      this._typeId = C._ts_node_symbol_wasm(this.tree[0]);\n    }\n    return this._typeId;\n  }',
  ],
  [
    '  constructor(internal, {\n    id,\n    tree,\n    startIndex,\n    startPosition,\n    other\n  }) {\n    assertInternal(internal);\n    this[0] = other;\n    this.id = id;\n    this.tree = tree;\n    this.startIndex = startIndex;\n    this.startPosition = startPosition;\n  }',
    '  constructor(internal, id, tree, startIndex, row, column, other) {\n    assertInternal(internal);\n    this._handle = other;\n    this.id = id;\n    this.tree = tree;\n    this.startIndex = startIndex;\n    this._row = row;\n    this._column = column;\n  }\n  /** The position where this node starts (made once asked for: edit() changes it in place). */\n  get startPosition() {\n    return this._position ??= { row: this._row, column: this._column };\n  }\n  set startPosition(position) {\n    this._position = position;\n  }',
  ],
  ['  startIndex;\n  /** The position where this node starts. */\n  startPosition;\n  /** The tree that this node belongs to. */', '  startIndex;\n  /** The tree that this node belongs to. */'],
  ['  C.setValue(address, node[0], "i32");\n}\n__name(marshalNode, "marshalNode");', '  C.setValue(address, node._handle, "i32");\n}\n__name(marshalNode, "marshalNode");'],
  ['  const result = new Node(INTERNAL, {\n    id,\n    tree,\n    startIndex: index,\n    startPosition: { row, column },\n    other\n  });', '  const result = new Node(INTERNAL, id, tree, index, row, column, other);'],
];

const CURSOR_LAYOUT = [
  [
    '  /** @internal */\n  // @ts-expect-error: never read\n  [0] = 0;\n  // Internal handle for Wasm\n  /** @internal */\n  // @ts-expect-error: never read\n  [1] = 0;\n  // Internal handle for Wasm\n  /** @internal */\n  // @ts-expect-error: never read\n  [2] = 0;\n  // Internal handle for Wasm\n  /** @internal */\n  // @ts-expect-error: never read\n  [3] = 0;\n',
    '  /** Internal handles for Wasm. */\n  _c0 = 0;\n  _c1 = 0;\n  _c2 = 0;\n  _c3 = 0;\n',
  ],
  ['    this[0] = this[1] = this[2] = 0;', '    this._c0 = this._c1 = this._c2 = 0;'],
  [
    'function marshalTreeCursor(cursor, address = TRANSFER_BUFFER) {\n  C.setValue(address + 0 * SIZE_OF_INT, cursor[0], "i32");\n  C.setValue(address + 1 * SIZE_OF_INT, cursor[1], "i32");\n  C.setValue(address + 2 * SIZE_OF_INT, cursor[2], "i32");\n  C.setValue(address + 3 * SIZE_OF_INT, cursor[3], "i32");\n}',
    `function marshalTreeCursor(cursor, address = TRANSFER_BUFFER) {
  if (HOST_IS_LITTLE_ENDIAN && (address & 3) === 0) {
    const heap = C.HEAP32;
    const at = address >> 2;
    heap[at] = cursor._c0;
    heap[at + 1] = cursor._c1;
    heap[at + 2] = cursor._c2;
    heap[at + 3] = cursor._c3;
    return;
  }
  C.setValue(address + 0 * SIZE_OF_INT, cursor._c0, "i32");
  C.setValue(address + 1 * SIZE_OF_INT, cursor._c1, "i32");
  C.setValue(address + 2 * SIZE_OF_INT, cursor._c2, "i32");
  C.setValue(address + 3 * SIZE_OF_INT, cursor._c3, "i32");
}`,
  ],
  [
    'function unmarshalTreeCursor(cursor) {\n  cursor[0] = C.getValue(TRANSFER_BUFFER + 0 * SIZE_OF_INT, "i32");\n  cursor[1] = C.getValue(TRANSFER_BUFFER + 1 * SIZE_OF_INT, "i32");\n  cursor[2] = C.getValue(TRANSFER_BUFFER + 2 * SIZE_OF_INT, "i32");\n  cursor[3] = C.getValue(TRANSFER_BUFFER + 3 * SIZE_OF_INT, "i32");\n}',
    `function unmarshalTreeCursor(cursor) {
  if (HOST_IS_LITTLE_ENDIAN && (TRANSFER_BUFFER & 3) === 0) {
    const heap = C.HEAP32;
    const at = TRANSFER_BUFFER >> 2;
    cursor._c0 = heap[at];
    cursor._c1 = heap[at + 1];
    cursor._c2 = heap[at + 2];
    cursor._c3 = heap[at + 3];
    return;
  }
  cursor._c0 = C.getValue(TRANSFER_BUFFER + 0 * SIZE_OF_INT, "i32");
  cursor._c1 = C.getValue(TRANSFER_BUFFER + 1 * SIZE_OF_INT, "i32");
  cursor._c2 = C.getValue(TRANSFER_BUFFER + 2 * SIZE_OF_INT, "i32");
  cursor._c3 = C.getValue(TRANSFER_BUFFER + 3 * SIZE_OF_INT, "i32");
}`,
  ],
];

const TRANSFER_AS_INT32 = [
  ['function marshalNode(node, index = 0) {\n', `var HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
/** A Buffer over the wasm memory, for the parser's input (made again when the memory grows). */
var INPUT_BYTES = null;
function marshalNode(node, index = 0) {
  if (HOST_IS_LITTLE_ENDIAN) {
    const heap = C.HEAP32;
    const at = (TRANSFER_BUFFER >> 2) + index * (SIZE_OF_NODE >> 2);
    const position = node._position;
    heap[at] = node.id;
    heap[at + 1] = node.startIndex;
    heap[at + 2] = position === void 0 ? node._row : position.row;
    heap[at + 3] = position === void 0 ? node._column : position.column;
    heap[at + 4] = node._handle;
    return;
  }
`],
  ['function unmarshalNode(tree, address = TRANSFER_BUFFER) {\n', `function unmarshalNode(tree, address = TRANSFER_BUFFER) {
  if (HOST_IS_LITTLE_ENDIAN && (address & 3) === 0) {
    const heap = C.HEAP32;
    const at = address >> 2;
    const id = heap[at];
    if (id === 0) return null;
    return new Node(INTERNAL, id, tree, heap[at + 1], heap[at + 2], heap[at + 3], heap[at + 4]);
  }
`],
  // The text handed to the parser, 10 KB at a time (HEAPU16 is the module's own view, kept current).
  // Under Node, Buffer's UTF-16 write copies it natively, straight into the wasm memory: a JavaScript
  // loop over the characters cost about 7 ns each, a tenth of the parse.
  [
    '      for (var i2 = 0; i2 < numCharsToWrite; ++i2) {\n        var codeUnit = str.charCodeAt(i2);\n        LE_HEAP_STORE_I16((outPtr >> 1) * 2, codeUnit);\n        outPtr += 2;\n      }\n',
    '      if (HOST_IS_LITTLE_ENDIAN && (outPtr & 1) === 0 && typeof Buffer === "function") {\n        if (INPUT_BYTES?.buffer !== HEAPU8.buffer) INPUT_BYTES = Buffer.from(HEAPU8.buffer, HEAPU8.byteOffset, HEAPU8.byteLength);\n        INPUT_BYTES.write(str, outPtr, 2 * numCharsToWrite, "utf16le");\n        outPtr += 2 * numCharsToWrite;\n      } else if (HOST_IS_LITTLE_ENDIAN && (outPtr & 1) === 0) {\n        const heap = HEAPU16;\n        const at = outPtr >> 1;\n        for (var i2 = 0; i2 < numCharsToWrite; ++i2) heap[at + i2] = str.charCodeAt(i2);\n        outPtr += 2 * numCharsToWrite;\n      } else for (var i2 = 0; i2 < numCharsToWrite; ++i2) {\n        var codeUnit = str.charCodeAt(i2);\n        LE_HEAP_STORE_I16((outPtr >> 1) * 2, codeUnit);\n        outPtr += 2;\n      }\n',
  ],
];

/** The count and address of a list the runtime wrote to the transfer buffer (after one of these calls). */
const listReads = (call, indent) => [
  `${indent}${call}\n${indent}const count = C.getValue(TRANSFER_BUFFER, "i32");\n${indent}const buffer = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");`,
  `${indent}${call}\n${indent}const count = HOST_IS_LITTLE_ENDIAN ? C.HEAP32[TRANSFER_BUFFER >> 2] : C.getValue(TRANSFER_BUFFER, "i32");\n${indent}const buffer = HOST_IS_LITTLE_ENDIAN ? C.HEAP32[(TRANSFER_BUFFER >> 2) + 1] : C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");`,
];

const LIST_AND_FIELD_LOOKUPS = [
  listReads('C._ts_node_children_wasm(this.tree[0]);', '      '),
  listReads('C._ts_node_named_children_wasm(this.tree[0]);', '      '),
  listReads('C._ts_node_children_by_field_id_wasm(this.tree[0], fieldId);', '    '),
  [
    '  childForFieldName(fieldName) {\n    const fieldId = this.tree.language.fields.indexOf(fieldName);',
    '  childForFieldName(fieldName) {\n    const fieldId = fieldIdOf(this.tree.language, fieldName);',
  ],
  [
    '  childrenForFieldName(fieldName) {\n    const fieldId = this.tree.language.fields.indexOf(fieldName);',
    '  childrenForFieldName(fieldName) {\n    const fieldId = fieldIdOf(this.tree.language, fieldName);',
  ],
  [
    'function marshalNode(node, index = 0) {\n',
    `/** The id of a field by its name (-1 if the grammar has none): the first one, as \`fields.indexOf\` would find it. */
var FIELD_IDS = new WeakMap();
function fieldIdOf(language, fieldName) {
  let ids = FIELD_IDS.get(language);
  if (!ids) {
    ids = new Map();
    language.fields.forEach((name, id) => {
      if (!ids.has(name)) ids.set(name, id);
    });
    FIELD_IDS.set(language, ids);
  }
  return ids.get(fieldName) ?? -1;
}
function marshalNode(node, index = 0) {\n`,
  ],
];

const BUILTIN_IMPORTS = ['await import("module")', 'await import("fs/promises")'];

function replaceOnce(source, [from, to], file) {
  const at = source.indexOf(from);
  if (at < 0 || source.indexOf(from, at + 1) >= 0) throw new Error(`build: ${file} no longer holds exactly one ${JSON.stringify(from.slice(0, 60))}…`);
  return source.slice(0, at) + to + source.slice(at + from.length);
}

/** The runtime's text as the build bundles it. */
export function patchTreeSitterRuntime(source, { builtinsWithoutImport = false, file = 'tree-sitter.js' } = {}) {
  let patched = source;
  for (const replacement of [...NODE_LAYOUT, ...CURSOR_LAYOUT, ...TRANSFER_AS_INT32, ...LIST_AND_FIELD_LOOKUPS]) patched = replaceOnce(patched, replacement, file);
  if (builtinsWithoutImport) {
    for (const call of BUILTIN_IMPORTS) {
      if (!patched.includes(call)) throw new Error(`build: ${file} no longer holds ${call}`);
      const name = call.slice('await import('.length, -1);
      patched = patched.replaceAll(call, `(process.getBuiltinModule?.(${name}) ?? ${call})`);
    }
  }
  return patched;
}

/** The esbuild plugin that bundles the patched runtime. */
export function treeSitterRuntime(options = {}) {
  return {
    name: 'tree-sitter-runtime',
    setup(build) {
      build.onLoad({ filter: /tree-sitter-wasm[\\/]wasm[\\/]tree-sitter\.js$/ }, async (args) => ({
        contents: patchTreeSitterRuntime(await fs.promises.readFile(args.path, 'utf8'), { ...options, file: args.path }),
        loader: 'js',
      }));
    },
  };
}
