/** What the checker produces: editor-neutral findings with offset spans and text-edit fixes. */
import type { DocsLanguage } from '../catalog/types';
import type { Span } from './model';

/** A user-facing text in every language the tool speaks; the plain string fields hold the English one. */
export type Translated = { readonly [L in DocsLanguage]: string };

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface TextEdit {
  span: Span;
  newText: string;
}

export interface Fix {
  title: string;
  titles?: Translated;
  edits: TextEdit[];
  /** The fix an editor may apply on its own ("fix all" / preferred quick-fix). */
  preferred?: boolean;
}

export interface RelatedInfo {
  span: Span;
  message: string;
  messages?: Translated;
}

export interface Finding {
  code: string;
  severity: Severity;
  span: Span;
  message: string;
  messages?: Translated;
  fixes: Fix[];
  related?: RelatedInfo[];
  /** Marks code that is dead or unused so editors can fade it. */
  tags?: ('unnecessary' | 'deprecated')[];
  /** Found by a rule that looks at several modules of the project at once (project/crossModule.ts). */
  crossModule?: true;
}

/** The text in the wanted language, English when a finding carries no translation. */
export function inLanguage(english: string, translations: Translated | undefined, language: DocsLanguage): string {
  return translations?.[language] ?? english;
}

/** A copy of the finding whose message, fix titles and related messages are in `language`. */
export function localizeFinding(finding: Finding, language: DocsLanguage): Finding {
  if (language === 'en') return finding;
  return {
    ...finding,
    message: inLanguage(finding.message, finding.messages, language),
    fixes: finding.fixes.map((fix) => ({ ...fix, title: inLanguage(fix.title, fix.titles, language) })),
    ...(finding.related ? { related: finding.related.map((r) => ({ ...r, message: inLanguage(r.message, r.messages, language) })) } : {}),
  };
}
