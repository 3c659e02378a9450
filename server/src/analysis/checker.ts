/**
 * The one checker: runs every registered rule over a FileModel, whatever language it came from, and
 * applies the user's severity settings.
 */
import type { Catalog } from '../catalog/catalog';
import type { ParamSpec, SignalSpec } from '../catalog/types';
import { compareVersions } from '../catalog/versions';
import type { Finding, Severity } from './diagnostics';
import type { FileModel, Span } from './model';
import { INTERNAL_ERROR_CODE, rules } from './rules/index';
import type { FileContext, Rule, RuleFinding, SentKeywords, SiteContext } from './rules/support/types';

export interface CheckOptions {
  /** The project's Celery release; rules judge what that release does. Defaults to the catalog's latest. */
  celeryVersion: string;
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
  const finding = raw as Finding;
  finding.code = rule.code;
  finding.severity = configured ?? raw.severity ?? rule.defaultSeverity;
  finding.fixes = raw.fixes ?? [];
  return finding;
}

function findingKey(f: Finding): string {
  return `${f.code}\u0000${f.span.start}\u0000${f.span.end}\u0000${f.message}`;
}

/**
 * Judges a model. `text` is the analysed source: fixes are computed from it, so without it findings
 * come without fixes.
 */
export function checkModel(model: FileModel, catalog: Catalog, options: CheckOptions, text?: string): Finding[] {
  const celeryVersion = options.celeryVersion || catalog.latestCeleryVersion;
  const base: FileContext = {
    text: text ?? '',
    model,
    catalog,
    celeryVersion,
    sentKeywords: (signal) => sentKeywordsOf(catalog, signal, celeryVersion),
  };
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const add = (rule: Rule, raw: RuleFinding) => {
    const finding = withDefaults(rule, raw, options.severities);
    if (!finding) return;
    if (finding.severity === 'hint' && options.includeHints === false) return;
    const key = findingKey(finding);
    if (seen.has(key)) return;
    seen.add(key);
    if (text === undefined) finding.fixes = [];
    findings.push(finding);
  };
  // A rule that fails is reported once where it failed; the other rules' findings still count.
  const guarded = (rule: Rule, span: Span, check: () => Iterable<RuleFinding>) => {
    try {
      for (const raw of check()) add(rule, raw);
    } catch (error) {
      const configured = options.severities?.[INTERNAL_ERROR_CODE];
      if (configured === 'off') return;
      const detail = error instanceof Error ? error.message : String(error);
      findings.push({
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
  for (const rule of active) {
    if (rule.scope === 'file') guarded(rule, { start: 0, end: 0 }, () => rule.check(base));
  }
  const siteRules = active.filter((rule) => rule.scope === 'site');
  for (const site of model.sites) {
    const signal = site.connection.signal.resolution === 'catalog' ? catalog.get(site.connection.signal.name) : undefined;
    const context: SiteContext = {
      text: base.text,
      model,
      catalog,
      celeryVersion,
      sentKeywords: base.sentKeywords,
      site,
      signal,
    };
    for (const rule of siteRules) guarded(rule, site.connection.span, () => rule.check(context));
  }
  return findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code));
}
