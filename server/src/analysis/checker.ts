/**
 * The one checker: runs every registered rule over a FileModel, whatever language it came from, and
 * applies the user's severity settings.
 */
import type { Catalog } from '../catalog/catalog';
import type { ParamSpec, SignalSpec } from '../catalog/types';
import { compareVersions } from '../catalog/versions';
import type { Finding, Severity } from './diagnostics';
import type { FileModel, HandlerSite, Span } from './model';
import type { CeleryVersionOrigin } from './versionOrigin';
import type { SourceText } from './sourceText';
import { INTERNAL_ERROR_CODE, rules } from './rules/index';
import { sitesByDefinitionStart } from './rules/support/connections';
import { READS, type ChangedRegion, type FindingsMemo, type SiblingRead } from './findingsMemo';
import type { FileContext, Rule, RuleFinding, RuleText, SentKeywords, SiteContext } from './rules/support/types';

export interface CheckOptions {
  /** The project's Celery release; rules judge what that release does. Defaults to the catalog's latest. */
  celeryVersion: string;
  /** Where `celeryVersion` was read from in the project's files; absent for a setting or the default. */
  celeryVersionOrigin?: CeleryVersionOrigin;
  /** Per-rule overrides: a severity, or `off` to silence the rule. */
  severities?: Record<string, Severity | 'off'>;
  /** Keep `hint` findings (default true; the CLI leaves them out unless asked). */
  includeHints?: boolean;
}

/** Sent-keyword sets per signal and version, computed once: rules ask for them on every handler. */
const keywordCache = new WeakMap<SignalSpec, Map<string, SentKeywords>>();

export function sentKeywordsOf(catalog: Catalog, signal: SignalSpec, celeryVersion: string): SentKeywords {
  let perVersion = keywordCache.get(signal);
  if (!perVersion) keywordCache.set(signal, (perVersion = new Map()));
  let entry = perVersion.get(celeryVersion);
  if (!entry) {
    const byName = new Map<string, ParamSpec>();
    const later = new Map<string, ParamSpec>();
    for (const param of catalog.keywordsOf(signal)) {
      if (param.since && compareVersions(param.since, celeryVersion) > 0) later.set(param.name, param);
      else byName.set(param.name, param);
    }
    entry = { byName, later };
    perVersion.set(celeryVersion, entry);
  }
  return entry;
}

/** Turns a rule's finding into a Finding in place (findings are many; copying them costs GC time). */
function withDefaults(rule: Rule, raw: RuleFinding, severities: CheckOptions['severities']): Finding | undefined {
  const configured = severities?.[rule.code];
  if (configured === 'off') return undefined;
  const finding = raw as unknown as Finding;
  finding.code = rule.code;
  finding.severity = configured ?? raw.severity ?? rule.defaultSeverity;
  finding.fixes = (raw.fixes ?? []) as Finding['fixes'];
  ownSpans(finding);
  splitTranslated(finding);
  return finding;
}

/**
 * Gives the finding span objects of its own. Rules point at the model's spans, and a front end may
 * move a kept statement's spans in place after an edit (pythonStatementMemo.ts): the findings kept
 * for the next judgement and those already handed out must stay where they were found.
 */
function ownSpans(finding: Finding): void {
  finding.span = { start: finding.span.start, end: finding.span.end };
  for (const fix of finding.fixes) for (const edit of fix.edits) edit.span = { start: edit.span.start, end: edit.span.end };
  for (const related of finding.related ?? []) related.span = { start: related.span.start, end: related.span.end };
}

/** Keeps the English text where every consumer reads it and the translations next to it. */
function splitTranslated(finding: Finding): void {
  const split = (item: { message?: unknown; title?: unknown }, field: 'message' | 'title', into: 'messages' | 'titles') => {
    const value = item[field] as RuleText;
    if (typeof value === 'string') return;
    (item as Record<string, unknown>)[into] = value;
    (item as Record<string, unknown>)[field] = value.en;
  };
  split(finding, 'message', 'messages');
  for (const fix of finding.fixes) split(fix, 'title', 'titles');
  for (const related of finding.related ?? []) split(related, 'message', 'messages');
}

/**
 * Judges a model. `text` is the analysed source: fixes are computed from it, so without it findings
 * come without fixes. With `incremental` (a document's memo and what the edit since its last
 * judgement changed), sites whose inputs are unchanged keep their findings (findingsMemo.ts).
 */
export function checkModel(model: FileModel, catalog: Catalog, options: CheckOptions, text?: SourceText, incremental?: IncrementalCheck): Finding[] {
  const celeryVersion = options.celeryVersion || catalog.latestCeleryVersion;
  const base: FileContext = {
    text: text ?? '',
    model,
    catalog,
    celeryVersion,
    celeryVersionOrigin: options.celeryVersion ? options.celeryVersionOrigin : undefined,
    sentKeywords: (signal) => sentKeywordsOf(catalog, signal, celeryVersion),
  };
  const findings: Finding[] = [];
  let into = findings;
  const add = (rule: Rule, raw: RuleFinding) => {
    const finding = withDefaults(rule, raw, options.severities);
    if (!finding) return;
    if (finding.severity === 'hint' && options.includeHints === false) return;
    if (text === undefined) finding.fixes = [];
    into.push(finding);
  };
  let failed = false;
  // A rule that fails is reported once where it failed; the other rules' findings still count.
  // Called with the context rather than a closure, and looping by index: this runs for every rule at
  // every site of a module, and unoptimised, each closure and each for-of step is an object.
  const guarded = (rule: Rule, span: Span, context: FileContext) => {
    try {
      // Site rules are given their site's context, file rules the file's (both below).
      const found = rule.scope === 'site' ? rule.check(context as SiteContext) : rule.check(context);
      for (let i = 0; i < found.length; i++) add(rule, found[i]);
    } catch (error) {
      failed = true;
      const configured = options.severities?.[INTERNAL_ERROR_CODE];
      if (configured === 'off') return;
      const detail = error instanceof Error ? error.message : String(error);
      into.push({
        code: INTERNAL_ERROR_CODE,
        severity: configured ?? 'warning',
        span: { start: span.start, end: span.end },
        message: `The ${rule.code} check failed here (${detail}); the other checks ran. Please report this.`,
        fixes: [],
      });
    }
  };
  const severityOf = (rule: Rule) => options.severities?.[rule.code] ?? rule.defaultSeverity;
  // A rule that can only report hints is not run at all when hints are left out.
  const active = rules.filter((rule) => severityOf(rule) !== 'off' && !(options.includeHints === false && severityOf(rule) === 'hint'));
  for (let i = 0; i < active.length; i++) {
    const rule = active[i];
    if (rule.scope === 'file') guarded(rule, { start: 0, end: 0 }, base);
  }
  const siteRules = active.filter((rule) => rule.scope === 'site');
  const memo = text === undefined ? undefined : incremental?.memo;
  memo?.begin(model, catalog, settingsKey(model, options, celeryVersion, base.celeryVersionOrigin), incremental?.changed, base.text);
  // What a site's rules read of the model besides the site is noted, so its findings are reused
  // only while that is unchanged too.
  let reads = 0;
  let siblingReads: SiblingRead[] = [];
  // Made when first asked for: a keystroke that reuses most sites' findings may never ask.
  let byDefinition: Map<number, HandlerSite[]> | undefined;
  const sitesDefinedAt = (start: number): readonly HandlerSite[] => (byDefinition ??= sitesByDefinitionStart(model.sites)).get(start) ?? NO_SITES;
  const siteModel = trackedModel(model, (read) => (reads |= read));
  const siteSitesDefinedAt = (start: number) => {
    const sites = sitesDefinedAt(start);
    reads |= READS.siblings;
    siblingReads.push({ start, sites });
    return sites;
  };
  // A connection inside code that does not parse was read from a guess at its structure; judging it
  // would report what the guess got wrong (syntax-error says the handler is not checked).
  const misread = (site: HandlerSite) =>
    model.syntaxProblems.some((p) => !p.inert && p.span.start <= site.connection.span.start && site.connection.span.end <= p.span.end);
  for (let s = 0; s < model.sites.length; s++) {
    const site = model.sites[s];
    if (misread(site)) continue;
    if (fallbackNeverBound(site.connection.signal.fallbackFor, catalog, celeryVersion)) continue;
    const kept = memo?.reuse(site, sitesDefinedAt);
    if (kept) {
      for (let i = 0; i < kept.length; i++) findings.push(kept[i]);
      continue;
    }
    const signal = site.connection.signal.resolution === 'catalog' ? catalog.get(site.connection.signal.name) : undefined;
    const context: SiteContext = {
      text: base.text,
      model: siteModel,
      catalog,
      celeryVersion,
      celeryVersionOrigin: base.celeryVersionOrigin,
      sentKeywords: base.sentKeywords,
      sitesDefinedAt: siteSitesDefinedAt,
      site,
      signal,
    };
    reads = 0;
    siblingReads = [];
    failed = false;
    into = [];
    for (let i = 0; i < siteRules.length; i++) {
      const rule = siteRules[i];
      guarded(rule, site.connection.span, context);
    }
    for (let i = 0; i < into.length; i++) findings.push(into[i]);
    if (memo && !failed) memo.keep(site, into, reads, siblingReads);
    into = findings;
  }
  memo?.end();
  return withoutRepeats(findings.sort(inReadingOrder));
}

/** Checks a document's successive versions: the memo the previous one left, and what the edit changed. */
export interface IncrementalCheck {
  memo: FindingsMemo;
  changed?: ChangedRegion;
}

const NO_SITES: readonly HandlerSite[] = [];

/**
 * By position, then by code. Codes are lowercase ASCII words and hyphens, so comparing them by code
 * unit orders them as `localeCompare` would, without loading ICU's collation data (3 MB per process).
 */
export function inReadingOrder(a: Finding, b: Finding): number {
  return a.span.start - b.span.start || a.span.end - b.span.end || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/**
 * The first of findings that say the same (code, place and message) where several sites or rules
 * report it. Findings are sorted by place and code, keeping the order they were reported in (the
 * sort is stable), so the first of equal ones is the first reported. Internal errors all stay.
 */
function withoutRepeats(sorted: Finding[]): Finding[] {
  let kept = 0;
  for (let i = 0; i < sorted.length; i++) {
    const finding = sorted[i];
    let repeated = false;
    if (finding.code !== INTERNAL_ERROR_CODE) {
      for (let j = kept - 1; j >= 0; j--) {
        const earlier = sorted[j];
        if (earlier.span.start !== finding.span.start || earlier.span.end !== finding.span.end || earlier.code !== finding.code) break;
        if (earlier.message === finding.message) {
          repeated = true;
          break;
        }
      }
    }
    if (!repeated) sorted[kept++] = finding;
  }
  sorted.length = kept;
  return sorted;
}

/** Everything in the options that changes a finding. */
function settingsKey(model: FileModel, options: CheckOptions, celeryVersion: string, origin: CeleryVersionOrigin | undefined): string {
  return JSON.stringify([model.language, celeryVersion, origin ?? null, options.severities ?? null, options.includeHints ?? null]);
}

/** What site rules may read of the model besides the language, and how a read is noted (every field must be listed). */
const TRACKED_READS: Record<Exclude<keyof FileModel, 'language'>, number> = {
  sends: READS.other,
  sites: READS.other,
  reboundSignalUses: READS.other,
  importRun: READS.other,
  signalRefs: READS.other,
  imports: READS.other,
  tasks: READS.tasks,
  syntaxProblems: READS.other,
};

/** The model as site rules see it: reading anything but the language is noted. */
function trackedModel(model: FileModel, note: (read: number) => void): FileModel {
  const view = { language: model.language } as FileModel;
  for (const [key, read] of Object.entries(TRACKED_READS) as [keyof FileModel, number][]) {
    Object.defineProperty(view, key, {
      get() {
        note(read);
        return model[key];
      },
    });
  }
  return view;
}

/** The signal a fallback stands in for exists on this release, so the fallback branch never runs. */
function fallbackNeverBound(fallbackFor: string | undefined, catalog: Catalog, celeryVersion: string): boolean {
  const spec = fallbackFor === undefined ? undefined : catalog.get(fallbackFor);
  if (!spec) return false;
  return (spec.since === undefined || compareVersions(celeryVersion, spec.since) >= 0) && (spec.removed === undefined || compareVersions(celeryVersion, spec.removed) < 0);
}
