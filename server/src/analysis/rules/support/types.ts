/** What a rule is and what it sees. Rules are pure: model + catalog + text in, findings out. */
import type { Catalog } from '../../../catalog/catalog';
import type { ParamSpec, SignalSpec } from '../../../catalog/types';
import type { Finding, Fix, RelatedInfo, Severity, Translated } from '../../diagnostics';
import type { FileModel, Handler, HandlerSite } from '../../model';
import type { CeleryVersionOrigin } from '../../versionOrigin';
import type { SourceText } from '../../sourceText';

/** A text a rule reports: translated (from the rule's message table) or, until translated, English. */
export type RuleText = string | Translated;

/** A finding as a rule reports it: the checker fills in the code and applies severity settings. */
export type RuleFinding = Omit<Finding, 'code' | 'severity' | 'fixes' | 'message' | 'messages' | 'related'> & {
  message: RuleText;
  /** Overrides the rule's default severity for this one finding (e.g. a milder variant). */
  severity?: Severity;
  fixes?: (Omit<Fix, 'title' | 'titles'> & { title: RuleText })[];
  related?: (Omit<RelatedInfo, 'message' | 'messages'> & { message: RuleText })[];
};

/** The keywords one signal sends at the configured Celery version, indexed for quick look-ups. */
export interface SentKeywords {
  /** Every keyword, `signal` and `sender` included. */
  readonly byName: ReadonlyMap<string, ParamSpec>;
  /** Keywords the signal only sends from a later release than the configured one. */
  readonly later: ReadonlyMap<string, ParamSpec>;
}

export interface FileContext {
  /**
   * The analysed text. A site rule reads it only on the lines its own site's spans cover (the
   * connect, the handler's definition): the checker reuses a site's findings while those lines are
   * unchanged (analysis/findingsMemo.ts).
   */
  readonly text: SourceText;
  readonly model: FileModel;
  readonly catalog: Catalog;
  readonly celeryVersion: string;
  /** Where the project's files gave `celeryVersion`; messages name it through assumedVersionText. */
  readonly celeryVersionOrigin?: CeleryVersionOrigin;
  sentKeywords(signal: SignalSpec): SentKeywords;
  /**
   * The sites whose handler's definition starts at `start` (the checker keeps them indexed and
   * notes which a site's findings read); without it, rules search `model.sites`.
   */
  sitesDefinedAt?(start: number): readonly HandlerSite[];
}

export interface SiteContext extends FileContext {
  readonly site: HandlerSite;
  /** The catalog signal the site connects to; undefined when the name is not a known signal. */
  readonly signal?: SignalSpec;
}

/** A site whose receiver definition is in the file and whose signal is known. */
export interface HandlerContext extends SiteContext {
  readonly signal: SignalSpec;
  readonly handler: Handler;
  readonly sent: SentKeywords;
}

/**
 * A rule's documentation. The README's rule section and the severity setting's descriptions in both
 * package.nls files are generated from it (`npm run gen`); a test fails when they fall behind.
 */
export interface RuleDocs {
  /** One sentence for the settings UI, in each language the manifest is translated to. */
  summary: { en: string; 'zh-cn': string };
  /** What Celery does at run time that makes this worth reporting (Markdown). */
  rationale: string;
  /** What to change, and what the quick-fix does when there is one (Markdown). */
  fix?: string;
}

interface RuleBase {
  code: string;
  defaultSeverity: Severity;
  docs: RuleDocs;
  /** The editor's default when it differs from the CLI's (`defaultSeverity`), e.g. `off`. */
  editorDefaultSeverity?: Severity | 'off';
}

export interface SiteRule extends RuleBase {
  scope: 'site';
  check(context: SiteContext): RuleFinding[];
}

export interface FileRule extends RuleBase {
  scope: 'file';
  check(context: FileContext): RuleFinding[];
}

export type Rule = SiteRule | FileRule;
