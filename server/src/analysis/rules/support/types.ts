/** What a rule is and what it sees. Rules are pure: model + catalog + text in, findings out. */
import type { Catalog } from '../../../catalog/catalog';
import type { ParamSpec, SignalSpec } from '../../../catalog/types';
import type { Finding, Severity } from '../../diagnostics';
import type { FileModel, Handler, HandlerSite } from '../../model';

/** A finding as a rule reports it: the checker fills in the code and applies severity settings. */
export type RuleFinding = Omit<Finding, 'code' | 'severity' | 'fixes'> & {
  /** Overrides the rule's default severity for this one finding (e.g. a milder variant). */
  severity?: Severity;
  fixes?: Finding['fixes'];
};

/** The keywords one signal sends at the configured Celery version, indexed for quick look-ups. */
export interface SentKeywords {
  /** Every keyword, `signal` and `sender` included. */
  readonly byName: ReadonlyMap<string, ParamSpec>;
  /** Keywords the signal only sends from a later release than the configured one. */
  readonly later: ReadonlyMap<string, ParamSpec>;
}

export interface FileContext {
  readonly text: string;
  readonly model: FileModel;
  readonly catalog: Catalog;
  readonly celeryVersion: string;
  sentKeywords(signal: SignalSpec): SentKeywords;
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

interface RuleBase {
  code: string;
  defaultSeverity: Severity;
  /** The editor's default when it differs from the CLI's (`defaultSeverity`), e.g. `off`. */
  editorDefaultSeverity?: Severity | 'off';
  /** One line for settings and docs. */
  summary: string;
  /** What Celery does at run time that makes this worth reporting. */
  rationale: string;
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
