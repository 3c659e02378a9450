// Text edits as the server receives them: one replacement of a text, and the tree-sitter edit that
// tells a previous tree what changed.
import { treePointAt } from '../../server/src/analysis/textChange';
import type { Edit } from '../../server/src/parsing/treeSitter';

/** One replacement of [start, end) by `inserted`. */
export interface Replacement {
  start: number;
  end: number;
  inserted: string;
}

export function applied(text: string, r: Replacement): { text: string; edit: Edit } {
  const next = text.slice(0, r.start) + r.inserted + text.slice(r.end);
  const newEndIndex = r.start + r.inserted.length;
  return {
    text: next,
    edit: {
      startIndex: r.start,
      oldEndIndex: r.end,
      newEndIndex,
      startPosition: treePointAt(text, r.start),
      oldEndPosition: treePointAt(text, r.end),
      newEndPosition: treePointAt(next, newEndIndex),
    },
  };
}
