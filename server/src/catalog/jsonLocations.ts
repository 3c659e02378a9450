/**
 * A strict JSON reader that remembers where every value sits, so catalog problems can point at a
 * line and column. `JSON.parse` gives the value but no reliable error position, and jsonc-parser's
 * UMD build does not survive esbuild bundling, hence this small recursive-descent scanner.
 */

export interface JsonNode {
  offset: number;
  length: number;
  /** Members of an object, in source order, with where each key is written. */
  members?: { key: string; keyOffset: number; keyLength: number; value: JsonNode }[];
  items?: JsonNode[];
}

export interface JsonSyntaxError {
  offset: number;
  message: string;
}

export type JsonReadResult = { ok: true; value: unknown; root: JsonNode } | { ok: false; error: JsonSyntaxError };

/** Deeper documents are refused rather than risking the stack; no catalog comes close. */
const MAX_DEPTH = 200;

class JsonScanner {
  private pos = 0;

  constructor(private readonly text: string) {}

  readDocument(): JsonNode {
    this.skipSpace();
    const root = this.readValue(0);
    this.skipSpace();
    if (this.pos < this.text.length) this.fail('unexpected content after the end of the JSON document');
    return root;
  }

  private readValue(depth: number): JsonNode {
    if (depth > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH} levels`);
    const c = this.text[this.pos];
    if (c === '{') return this.readObject(depth);
    if (c === '[') return this.readArray(depth);
    if (c === '"') return this.readString();
    if (c === '-' || (c >= '0' && c <= '9')) return this.readNumber();
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return { offset: this.pos - word.length, length: word.length };
      }
    }
    if (c === undefined) this.fail('unexpected end of file: a value is missing');
    if (c === "'") this.fail('strings must use double quotes');
    this.fail(`unexpected character ${describe(c)}: expected a value`);
  }

  private readObject(depth: number): JsonNode {
    const start = this.pos++;
    const members: NonNullable<JsonNode['members']> = [];
    this.skipSpace();
    if (this.text[this.pos] === '}') return { offset: start, length: ++this.pos - start, members };
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') {
        if (this.text[this.pos] === '}' && members.length) this.fail('trailing comma before "}" is not allowed in JSON');
        this.fail('expected a property name in double quotes');
      }
      const keyNode = this.readString();
      const key = JSON.parse(this.text.slice(keyNode.offset, keyNode.offset + keyNode.length)) as string;
      this.skipSpace();
      if (this.text[this.pos] !== ':') this.fail(`expected ":" after property name "${key}"`);
      this.pos++;
      this.skipSpace();
      const value = this.readValue(depth + 1);
      members.push({ key, keyOffset: keyNode.offset, keyLength: keyNode.length, value });
      this.skipSpace();
      const next = this.text[this.pos];
      if (next === ',') {
        this.pos++;
        continue;
      }
      if (next === '}') return { offset: start, length: ++this.pos - start, members };
      this.fail(`expected "," or "}" after the value of "${key}"`);
    }
  }

  private readArray(depth: number): JsonNode {
    const start = this.pos++;
    const items: JsonNode[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ']') return { offset: start, length: ++this.pos - start, items };
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === ']' && items.length) this.fail('trailing comma before "]" is not allowed in JSON');
      items.push(this.readValue(depth + 1));
      this.skipSpace();
      const next = this.text[this.pos];
      if (next === ',') {
        this.pos++;
        continue;
      }
      if (next === ']') return { offset: start, length: ++this.pos - start, items };
      this.fail('expected "," or "]" after an array item');
    }
  }

  private readString(): JsonNode {
    const start = this.pos++;
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined || c === '\n' || c === '\r') {
        this.pos = start;
        this.fail('unterminated string');
      }
      if (c === '"') return { offset: start, length: ++this.pos - start };
      if (c < ' ') this.fail('control characters must be escaped inside strings');
      if (c === '\\') {
        const escape = this.text[this.pos + 1];
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) this.fail('invalid \\u escape');
          this.pos += 6;
          continue;
        }
        if (escape === undefined || !'"\\/bfnrt'.includes(escape)) this.fail('invalid escape sequence');
        this.pos += 2;
        continue;
      }
      this.pos++;
    }
  }

  private readNumber(): JsonNode {
    const match = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    match.lastIndex = this.pos;
    const found = match.exec(this.text);
    if (!found) this.fail('invalid number');
    this.pos += found[0].length;
    const after = this.text[this.pos];
    if (after !== undefined && /[0-9A-Za-z_.]/.test(after)) this.fail('invalid number');
    return { offset: this.pos - found[0].length, length: found[0].length };
  }

  private skipSpace(): void {
    for (;;) {
      const c = this.text[this.pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.pos++;
      else if (c === '/' && (this.text[this.pos + 1] === '/' || this.text[this.pos + 1] === '*')) this.fail('comments are not allowed in JSON');
      else return;
    }
  }

  private fail(message: string): never {
    throw new JsonScanError({ offset: this.pos, message });
  }
}

class JsonScanError extends Error {
  constructor(readonly detail: JsonSyntaxError) {
    super(detail.message);
  }
}

function describe(c: string): string {
  return c.trim() ? `"${c}"` : `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Reads strict JSON (a leading byte-order mark is ignored). Never throws. */
export function readJson(text: string): JsonReadResult {
  const body = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  let root: JsonNode;
  try {
    root = new JsonScanner(body).readDocument();
  } catch (e) {
    if (e instanceof JsonScanError) return { ok: false, error: e.detail };
    return { ok: false, error: { offset: 0, message: e instanceof Error ? e.message : String(e) } };
  }
  try {
    return { ok: true, value: JSON.parse(body), root };
  } catch (e) {
    // The scanner accepted something JSON.parse refuses; report it rather than guess a position.
    return { ok: false, error: { offset: 0, message: e instanceof Error ? e.message : String(e) } };
  }
}

/**
 * The node at a JSON pointer (`/signals/0/name`). With `key`, an object member's key is returned
 * instead of its value (the useful place to underline an unknown property).
 */
export function nodeAt(root: JsonNode, pointer: string, key = false): { offset: number; length: number } | undefined {
  const segments = pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node = root;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (node.items) {
      const next = node.items[Number(segment)];
      if (!next) return undefined;
      node = next;
    } else if (node.members) {
      // The last duplicate wins, as in JSON.parse.
      const member = [...node.members].reverse().find((m) => m.key === segment);
      if (!member) return undefined;
      if (key && i === segments.length - 1) return { offset: member.keyOffset, length: member.keyLength };
      node = member.value;
    } else {
      return undefined;
    }
  }
  return { offset: node.offset, length: node.length };
}
