/** What the checker produces: editor-neutral findings with offset spans and text-edit fixes. */
import type { Span } from './model';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface TextEdit {
  span: Span;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix an editor may apply on its own ("fix all" / preferred quick-fix). */
  preferred?: boolean;
}

export interface RelatedInfo {
  span: Span;
  message: string;
}

export interface Finding {
  code: string;
  severity: Severity;
  span: Span;
  message: string;
  fixes: Fix[];
  related?: RelatedInfo[];
  /** Marks code that is dead or unused so editors can fade it. */
  tags?: ('unnecessary' | 'deprecated')[];
}
