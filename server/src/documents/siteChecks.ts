/**
 * Findings kept per connect site, so an edit inside one handler re-checks that handler only. Site
 * rules judge one site at a time and file rules the whole model, so running them separately gives the
 * same findings as one checkModel call.
 */
import type { Catalog } from '../catalog/catalog';
import { checkModel, type CheckOptions } from '../analysis/analyze';
import type { Finding } from '../analysis/diagnostics';
import type { FileModel, HandlerSite } from '../analysis/model';
import { rules } from '../analysis/rules/index';

export interface SiteFindings {
  site: HandlerSite;
  findings: Finding[];
}

export interface CheckedModel {
  model: FileModel;
  perSite: SiteFindings[];
  fileFindings: Finding[];
}

function onlyScope(options: CheckOptions, scope: 'site' | 'file'): CheckOptions {
  const severities = { ...options.severities };
  for (const rule of rules) if (rule.scope !== scope) severities[rule.code] = 'off';
  return { ...options, severities };
}

export function checkSites(sites: HandlerSite[], model: FileModel, catalog: Catalog, options: CheckOptions, text: string): SiteFindings[] {
  const siteOptions = onlyScope(options, 'site');
  return sites.map((site) => ({ site, findings: checkModel({ ...model, sites: [site] }, catalog, siteOptions, text) }));
}

export function checkFile(model: FileModel, catalog: Catalog, options: CheckOptions, text: string): Finding[] {
  return checkModel(model, catalog, onlyScope(options, 'file'), text);
}

export function checkWhole(model: FileModel, catalog: Catalog, options: CheckOptions, text: string): CheckedModel {
  return { model, perSite: checkSites(model.sites, model, catalog, options, text), fileFindings: checkFile(model, catalog, options, text) };
}

const byPosition = (a: Finding, b: Finding): number =>
  a.span.start - b.span.start || a.span.end - b.span.end || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/** Every finding once, in the checker's order (two sites sharing one handler can report the same thing). */
export function allFindings(checked: CheckedModel): Finding[] {
  const sorted = [...checked.perSite.flatMap((s) => s.findings), ...checked.fileFindings].sort(byPosition);
  return sorted.filter((f, i) => {
    const previous = sorted[i - 1];
    return !previous || byPosition(previous, f) !== 0 || previous.message !== f.message;
  });
}
