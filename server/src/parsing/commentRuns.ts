/**
 * tree-sitter-python's indentation scanner looks ahead over every following comment line each time it
 * meets one, so a block of n comment lines costs n² (3,000 lines ≈ 9 s, 12,000 ≈ 86 s): a commented-out
 * file, or a hostile one, would hold the analysis for minutes. Comments carry no facts, so most of a
 * long block reaches the parser as spaces of the same length: every offset and line stays where it was,
 * the tree is the original one without those comment nodes, and the cost is linear again.
 */
import { ChunkedText } from '../analysis/chunkedText';
import type { SourceText } from '../analysis/sourceText';

/**
 * Comment lines a block must hold before it is blanked. A block this long costs the parser about 4 ms;
 * a blanked one costs its document the reuse of the previous tree and facts on each edit (see
 * analyzeSource), so only blocks that cost more than that are blanked: 1 file in 9,510 of the real
 * trees we check has one.
 */
export const LONG_COMMENT_BLOCK = 128;

/**
 * The text to parse: `text` itself (the same string) unless it holds a block of at least
 * LONG_COMMENT_BLOCK comment-only lines (blank lines between them do not end a block), whose
 * comments, but for the few that decide the tree, are then replaced by spaces.
 */
export function withoutLongCommentBlocks<T extends SourceText>(text: T): T | string {
  const blocks = longCommentBlocks(text);
  if (blocks.length === 0) return text;
  let out = '';
  let copied = 0;
  for (const block of blocks) {
    for (const comment of block) {
      if (comment.kept) continue;
      out += text.slice(copied, comment.start) + ' '.repeat(comment.end - comment.start);
      copied = comment.end;
    }
  }
  return out + text.slice(copied);
}

interface Comment {
  /** Offset of the `#`. */
  start: number;
  /** Offset of the line break (or the end of the text) that ends the comment. */
  end: number;
  /** Its column as the scanner counts it: a tab is 8, a form feed starts again at 0. */
  indent: number;
  /** Handed to the parser as it is (see keepDecisiveComments). */
  kept?: boolean;
}

function longCommentBlocks(text: SourceText): Comment[][] {
  const blocks: Comment[][] = [];
  // The run of comment lines read so far: its first `#`, how many lines, where the last one ends.
  // Most runs are short, so their comments are only counted (this scan runs before every parse).
  let first = -1;
  let count = 0;
  let lastEnd = -1;
  const close = () => {
    if (count >= LONG_COMMENT_BLOCK) blocks.push(keepDecisiveComments(commentsOfRun(text, first, count)));
    count = 0;
  };
  for (let hash = text.indexOf('#'); hash !== -1; ) {
    const lineStart = text.lastIndexOf('\n', hash - 1) + 1;
    const end = lineEnd(text, hash);
    if (onlySpaceBetween(text, lineStart, hash)) {
      if (count > 0 && !onlySpaceBetween(text, lastEnd, lineStart)) close();
      if (count === 0) first = hash;
      count++;
      lastEnd = end;
    }
    hash = text.indexOf('#', end);
  }
  close();
  return blocks;
}

/** The `count` comment lines of the run whose first `#` is at `first`, read again as longCommentBlocks read them. */
function commentsOfRun(text: SourceText, first: number, count: number): Comment[] {
  const comments: Comment[] = [];
  for (let hash = first; hash !== -1 && comments.length < count; ) {
    const lineStart = text.lastIndexOf('\n', hash - 1) + 1;
    const end = lineEnd(text, hash);
    if (onlySpaceBetween(text, lineStart, hash)) comments.push({ start: hash, end, indent: indentOf(text, lineStart, hash) });
    hash = text.indexOf('#', end);
  }
  return comments;
}

/**
 * Marks the comments that decide the tree. The scanner closes indented blocks at a comment only when
 * it is indented less than the code around it, so only a comment indented less than every one before
 * it in the block can close one; the comment before it is where the closed block then ends, and the
 * first and last comments are where the block meets code. Whatever the rest are, every node keeps the
 * extent the original text gives it, and the kept ones are few (at most two per indentation level).
 */
function keepDecisiveComments(block: Comment[]): Comment[] {
  let least = Infinity;
  block.forEach((comment, i) => {
    if (comment.indent < least) {
      least = comment.indent;
      comment.kept = true;
      if (i > 0) block[i - 1].kept = true;
    }
  });
  block[block.length - 1].kept = true;
  return block;
}

function indentOf(text: SourceText, lineStart: number, hash: number): number {
  let indent = 0;
  for (let i = lineStart; i < hash; i++) {
    const c = text.charCodeAt(i);
    indent = c === 9 ? indent + 8 : c === 12 ? 0 : indent + 1;
  }
  return indent;
}

function lineEnd(text: SourceText, from: number): number {
  // Pieces are searched piece by piece rather than read a character at a time.
  if (text instanceof ChunkedText) return text.lineEndFrom(from);
  let end = from;
  while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
  return end;
}

/** Only spaces, tabs, form feeds and line breaks in [from, to). */
function onlySpaceBetween(text: SourceText, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) return false;
  }
  return true;
}
