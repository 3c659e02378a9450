/**
 * Generated and mutated source documents for the fuzz suites: real handler modules (the fixtures)
 * cut, spliced and damaged the way editors and hostile files damage them. Positions are fractions of
 * the text, so a shrunk counterexample stays meaningful whatever the text's length.
 */
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commentTokenFor, parseFixture } from '../support/fixtures';

export type LanguageId = 'python' | 'typescript' | 'typescriptreact' | 'javascript';

export interface Seed {
  text: string;
  languageId: LanguageId;
  name: string;
}

const FIXTURES = path.join(__dirname, '..', 'fixtures');

function languageIdOf(file: string): LanguageId {
  if (file.endsWith('.py')) return 'python';
  if (file.endsWith('.tsx')) return 'typescriptreact';
  return file.endsWith('.js') ? 'javascript' : 'typescript';
}

/** Every fixture case, and a few modules written for the fuzzer. */
export const seeds: readonly Seed[] = [
  ...fs
    .readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(py|ts|tsx|js)$/.test(f))
    .sort()
    .flatMap((file) =>
      parseFixture(fs.readFileSync(path.join(FIXTURES, file), 'utf8'), commentTokenFor(file)).map((c) => ({ text: c.text, languageId: languageIdOf(file), name: `${file} ${c.name}` })),
    ),
  { name: 'empty python', languageId: 'python', text: '' },
  { name: 'empty typescript', languageId: 'typescript', text: '' },
  {
    name: 'mixed python',
    languageId: 'python',
    text: 'from celery import signals\nfrom celery.signals import task_failure, worker_ready as ready\n\n@signals.task_prerun.connect(sender="proj.add", weak=False)\ndef before(sender=None, task_id=None, task=None, *args, **kw):\n    return kw.get("kwargs")\n\nclass H:\n    @ready.connect\n    def up(self, sender, **kwargs):\n        pass\n\ntask_failure.connect(lambda sender, **kw: None, dispatch_uid="x")\n',
  },
];

/** Snippets people type half-way, plus text that breaks tokenizers. */
const FRAGMENTS: readonly string[] = [
  '@task_failure.connect(',
  '@task_failure.connect\n',
  '@worker_ready.connect(sender=',
  '@app.task(bind=True',
  '@',
  'def h(sender, ',
  'def h(sender, **kwargs):\n    ',
  'async def h(*, **kw):\n    yield\n',
  'lambda sender, **kw: ',
  'from celery.signals import ',
  'import celery.signals as s\n',
  'signals.task_success.connect(h, weak=False, dispatch_uid=',
  'task_failure.connect(',
  '({ sender, task_id }) => {',
  'function (sender, ',
  "import { task_failure } from 'celery-signals';\n",
  'class X {\n  @task_success.connect\n  static h(',
  '}',
  ')',
  ']',
  '(((',
  '[[[',
  '{{{',
  "'''",
  '"""',
  '"',
  "'",
  '`${',
  '#',
  '//',
  '/*',
  '\\',
  '\n',
  '\r\n',
  '\r',
  '\t',
  '    ',
  '\u0000',
  '\ud800',
  '\udfff',
  '😀',
  '\u202e',
  'e\u0301',
  '\u2028',
  '\ufeff',
  'ä',
  '中文',
];

export type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'lineEndings'; style: '\r\n' | '\r' }
  | { kind: 'deep'; at: number; depth: number; bracket: '(' | '[' | '{'; closed: boolean }
  | { kind: 'longLine'; at: number; length: number };

const fraction = fc.double({ min: 0, max: 1, noNaN: true });

export function mutationArb(maxLineLength: number, maxDepth: number): fc.Arbitrary<Mutation> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fraction }) },
    {
      weight: 5,
      arbitrary: fc.record({
        kind: fc.constant('insert' as const),
        at: fraction,
        text: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ unit: 'binary', maxLength: 12 }), fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 6 }).map((parts) => parts.join(''))),
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fraction, length: fc.integer({ min: 1, max: 200 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), at: fraction, length: fc.integer({ min: 1, max: 400 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('lineEndings' as const), style: fc.constantFrom('\r\n' as const, '\r' as const) }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('deep' as const),
        at: fraction,
        depth: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: 300 }) }, { weight: 1, arbitrary: fc.constant(maxDepth) }),
        bracket: fc.constantFrom('(' as const, '[' as const, '{' as const),
        closed: fc.boolean(),
      }),
    },
    // Mostly short, now and then the full length: huge lines are a case to cover, not the common one.
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('longLine' as const), at: fraction, length: fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: 4000 }) }, { weight: 1, arbitrary: fc.constant(maxLineLength) }) }) },
  );
}

const CLOSING = { '(': ')', '[': ']', '{': '}' } as const;

export function applyMutation(text: string, m: Mutation): string {
  const at = 'at' in m ? Math.floor(m.at * text.length) : 0;
  switch (m.kind) {
    case 'truncate':
      return text.slice(0, at);
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'duplicate':
      return text.slice(0, at + m.length) + text.slice(at, at + m.length) + text.slice(at + m.length);
    case 'lineEndings':
      return text.replace(/\r\n|\r|\n/g, m.style);
    case 'deep':
      return text.slice(0, at) + m.bracket.repeat(m.depth) + 'x' + (m.closed ? CLOSING[m.bracket].repeat(m.depth) : '') + text.slice(at);
    case 'longLine':
      return text.slice(0, at) + 'x = "' + 'a'.repeat(m.length) + '"' + text.slice(at);
  }
}

export interface GeneratedDocument {
  seed: Seed;
  mutations: Mutation[];
  text: string;
}

export interface DocumentLimits {
  maxMutations: number;
  maxLineLength: number;
  maxDepth: number;
}

export function documentArb(limits: DocumentLimits): fc.Arbitrary<GeneratedDocument> {
  return fc
    .record({ seed: fc.constantFrom(...seeds), mutations: fc.array(mutationArb(limits.maxLineLength, limits.maxDepth), { maxLength: limits.maxMutations }) })
    .map(({ seed, mutations }) => ({ seed, mutations, text: mutations.reduce(applyMutation, seed.text) }));
}

/** A random insertion text for incremental edits. */
export const editTextArb: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  fc.constantFrom(...FRAGMENTS),
  fc.string({ unit: 'grapheme-ascii', maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 4 }),
);
