/**
 * What the facts of one module statement depend on outside it. While a statement's facts are read,
 * every question they ask of the rest of the module (the module bindings of a name, whether a name is
 * bound at all, the module's `del`s and classes, which statements spell out a name) is recorded with
 * its answer. The facts may be reused for the same statement text in a later version of the document
 * only when every question, asked again there, gets the same answer.
 *
 * Answers never hold absolute offsets: a place in another statement is written as that statement
 * (an "anchor", compared by its text) plus the offset inside it, so an edit elsewhere that only moves
 * statements keeps the answers. The anchors' order is compared too: which binding comes first is
 * part of what a look-up answers.
 */
import type { Span } from '../model';
import { pythonBuiltins } from './pythonBuiltins';
import type { ModuleEntry, ModuleFacts } from './pythonModule';
import type { Navigator } from './pythonSyntax';

/** The questions a statement's facts ask of the module (see PythonResolver and Navigator). */
export interface ModuleQuestions {
  /** Every module binding of the name, with where it is made and what it binds. */
  entries(name: string): void;
  /** Whether the module, a star import, a loose binding or a builtin binds the name. */
  bound(name: string): void;
  /** Whether a loose binding or a star import of unknown exports may bind the name. */
  loose(name: string): void;
  deletions(): void;
  classes(): void;
  /** Which statements spell out the name anywhere in their text. */
  spelled(name: string): void;
}

export type QuestionKind = 'entries' | 'bound' | 'loose' | 'deletions' | 'classes' | 'spelled';

interface Question {
  kind: QuestionKind;
  name: string;
}

/** A place in the module: the statement holding it (-1: none) and the offset from that statement's start. */
interface Place {
  statement: number;
  offset: number;
}

type RawAnswer = (string | Place)[];

/** The answers one analysis computed, by kind of question and name. */
export type AskedAnswer = readonly (string | Readonly<Place>)[];
export type AskedAnswers = ReadonlyMap<QuestionKind, ReadonlyMap<string, AskedAnswer>>;

/** The module's answers in one analysis, each computed once however many statements ask it. */
export class ModuleAnswers {
  private readonly raw = new Map<QuestionKind, Map<string, RawAnswer>>();
  /** The questions asked for facts (not just to compare with an earlier analysis), by kind. */
  private readonly askedNames = new Map<QuestionKind, Set<string>>();

  /** Set once the module's facts are read (reading them asks no questions). */
  module!: ModuleFacts;

  /**
   * What stands for a statement's text in recorded answers: the text itself, or (set by the memo)
   * the memo's record of it, one object per text, so comparing costs no slicing.
   */
  textOf: (statement: number) => unknown = (statement) => this.nav.statementText(statement);

  constructor(readonly nav: Navigator) {}

  /** The answers to the questions asked for facts (plain data, no nodes), for the next analysis to compare with. */
  asked(): AskedAnswers {
    const asked = new Map<QuestionKind, Map<string, RawAnswer>>();
    for (const [kind, names] of this.askedNames) {
      const byName = new Map<string, RawAnswer>();
      for (const name of names) byName.set(name, this.raw.get(kind)!.get(name)!);
      asked.set(kind, byName);
    }
    return asked;
  }

  /** Counts a question as asked for facts, as `answer` does. */
  markAsked(kind: QuestionKind, name: string): void {
    let names = this.askedNames.get(kind);
    if (!names) this.askedNames.set(kind, (names = new Set()));
    names.add(name);
  }

  answer(kind: QuestionKind, name: string): RawAnswer {
    this.markAsked(kind, name);
    return this.answerQuietly(kind, name);
  }

  /** The answer, without counting the question as asked for facts. */
  answerQuietly(kind: QuestionKind, name: string): RawAnswer {
    let byName = this.raw.get(kind);
    if (!byName) this.raw.set(kind, (byName = new Map()));
    let answer = byName.get(name);
    if (!answer) {
      answer = this.compute(kind, name);
      byName.set(name, answer);
    }
    return answer;
  }

  private place(at: number): Place {
    const statement = this.nav.statementIndex(at, at);
    return { statement, offset: statement < 0 ? at : at - this.nav.statementStart(statement) };
  }

  private node(span: Span, into: RawAnswer): void {
    into.push(this.place(span.start), String(span.end - span.start));
  }

  private compute(kind: QuestionKind, name: string): RawAnswer {
    const module = this.module;
    const answer: RawAnswer = [];
    switch (kind) {
      case 'entries':
        for (const entry of module.entries.get(name) ?? []) {
          answer.push(`${entry.conditional ? 'c' : 'u'}${entry.guarded ? 'g' : ''}`, this.place(entry.start), entry.binding.kind);
          this.binding(entry, answer);
        }
        break;
      case 'bound':
        answer.push(module.entries.has(name) || module.looselyBound.has(name) || module.starEverything || pythonBuiltins.has(name) ? '1' : '0');
        break;
      case 'loose':
        answer.push(module.looselyBound.has(name) || module.starEverything ? '1' : '0');
        break;
      case 'deletions':
        for (const deletion of module.deletions) {
          answer.push(deletion.name);
          this.node(deletion.span, answer);
        }
        break;
      case 'classes':
        for (const span of module.classSpans) this.node(span, answer);
        break;
      case 'spelled': {
        const text = this.nav.text;
        let last = -2;
        for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
          const statement = this.nav.statementIndex(at, at + name.length);
          if (statement === last && statement >= 0) continue;
          last = statement;
          answer.push(statement < 0 ? { statement, offset: at } : { statement, offset: 0 });
        }
        break;
      }
    }
    return answer;
  }

  private binding({ binding, nodeSpan }: ModuleEntry, into: RawAnswer): void {
    switch (binding.kind) {
      case 'signal':
        into.push(binding.signal, binding.resolution, binding.module);
        return;
      case 'module':
        into.push(binding.module);
        return;
      case 'imported':
        into.push(binding.qualified === undefined ? '\u0000' : binding.qualified);
        return;
      case 'def':
      case 'class':
      case 'value':
      case 'element':
        // Every module binding of these kinds comes with its node's span (pythonModule).
        if (!nodeSpan) throw new Error('a module binding without its node span');
        this.node(nodeSpan, into);
        return;
    }
  }
}

/**
 * An answer as recorded: strings as they are; a place as its anchor (-1 - anchor number), followed
 * by what stands for the anchor's statement text (ModuleAnswers.textOf) where the anchor first
 * appears, then the offset (a number >= 0).
 */
type Token = unknown;

/** The questions one statement's facts asked, with their answers, for checking on reuse. */
export interface StatementDependencies {
  questions: Question[];
  answers: Token[][];
  /** Anchor numbers in the order their statements come in the module. */
  order: number[];
}

/** Records the questions asked while one statement's facts are read. */
export class StatementRecorder implements ModuleQuestions {
  /** Statement indices; the first is the statement being read. */
  readonly anchors: number[];
  private readonly questions: Question[] = [];
  private readonly answers: Token[][] = [];
  /** Something was asked that cannot be written relative to statements: the facts are not kept. */
  spoiled = false;
  private readonly asked = new Set<string>();

  constructor(
    private readonly module: ModuleAnswers,
    statement: number,
  ) {
    this.anchors = [statement];
  }

  entries(name: string): void {
    this.ask('entries', name);
  }

  bound(name: string): void {
    this.ask('bound', name);
  }

  loose(name: string): void {
    this.ask('loose', name);
  }

  deletions(): void {
    this.ask('deletions', '');
  }

  classes(): void {
    this.ask('classes', '');
  }

  spelled(name: string): void {
    this.ask('spelled', name);
  }

  private ask(kind: QuestionKind, name: string): void {
    const key = `${kind}\u0000${name}`;
    if (this.asked.has(key)) return;
    this.asked.add(key);
    const tokens: Token[] = [];
    for (const item of this.module.answer(kind, name)) {
      if (typeof item === 'string') {
        tokens.push(item);
        continue;
      }
      if (item.statement < 0) {
        this.spoiled = true;
        tokens.push('?');
        continue;
      }
      let anchor = this.anchors.indexOf(item.statement);
      if (anchor < 0) {
        anchor = this.anchors.length;
        this.anchors.push(item.statement);
        tokens.push(-1 - anchor, this.module.textOf(item.statement));
      } else tokens.push(-1 - anchor);
      tokens.push(item.offset);
    }
    this.questions.push({ kind, name });
    this.answers.push(tokens);
  }

  dependencies(): StatementDependencies {
    return { questions: this.questions, answers: this.answers, order: orderOf(this.anchors) };
  }
}

function orderOf(anchors: readonly number[]): number[] {
  return anchors.map((_, anchor) => anchor).sort((a, b) => anchors[a] - anchors[b]);
}

/**
 * Asks the recorded questions again for `statement` in this analysis. When every answer is the
 * same, the anchors' statement indices now (the first is `statement`); otherwise undefined.
 */
export function replay(dependencies: StatementDependencies, module: ModuleAnswers, statement: number): number[] | undefined {
  const anchors = [statement];
  const { questions, answers } = dependencies;
  for (let i = 0; i < questions.length; i++) {
    const expected = answers[i];
    let j = 0;
    for (const item of module.answer(questions[i].kind, questions[i].name)) {
      if (typeof item === 'string') {
        if (expected[j++] !== item) return undefined;
        continue;
      }
      if (item.statement < 0) return undefined;
      let anchor = anchors.indexOf(item.statement);
      const isNew = anchor < 0;
      if (isNew) anchor = anchors.push(item.statement) - 1;
      if (expected[j++] !== -1 - anchor) return undefined;
      if (isNew && expected[j++] !== module.textOf(item.statement)) return undefined;
      if (expected[j++] !== item.offset) return undefined;
    }
    if (j !== expected.length) return undefined;
  }
  const order = dependencies.order;
  if (order.length !== anchors.length) return undefined;
  for (let i = 1; i < order.length; i++) if (anchors[order[i - 1]] > anchors[order[i]]) return undefined;
  return anchors;
}
