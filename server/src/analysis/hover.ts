/** Hover documentation (markdown) for signal names, handler parameters and `sender=` filters. */
import type { Catalog } from '../catalog/catalog';
import type { DocsLanguage, ParamSpec, SignalSpec } from '../catalog/types';
import { compareVersions } from '../catalog/versions';
import { label, localize } from './hoverLocale';
import type { FileModel, HandlerParam, HandlerSite, Span } from './model';
import { assumedVersionText, type CeleryVersionOrigin } from './versionOrigin';
import { spaced } from './rules/support/messages';

export interface HoverOptions {
  docsLanguage: DocsLanguage;
  celeryVersion: string;
  /** Where the project's files gave `celeryVersion`; hover then says which release it assumed and why. */
  celeryVersionOrigin?: CeleryVersionOrigin;
}

export interface HoverResult {
  span: Span;
  markdown: string;
}

const within = (span: Span | undefined, offset: number): boolean => !!span && span.start <= offset && offset <= span.end;

export function signalOfSite(catalog: Catalog, site: HandlerSite): SignalSpec | undefined {
  return site.connection.signal.resolution === 'catalog' ? catalog.get(site.connection.signal.name) : undefined;
}

function keywordTable(catalog: Catalog, signal: SignalSpec, language: DocsLanguage): string {
  const params = signal.params;
  if (params.length === 0) return label('noKeywords', language);
  const rows = params.map((p) => {
    const notes = [p.mayBeNone ? label('yes', language) : label('no', language)];
    if (p.sometimesAbsent) notes.push(label('sometimesAbsent', language));
    const since = p.since ? ` (${p.since}+)` : '';
    const description = localize(p.description, language).replace(/\|/g, '\\|').replace(/\n/g, ' ');
    return `| \`${p.name}\`${since} | \`${String(p.type ?? '').replace(/\|/g, '\\|')}\` | ${notes.join(', ')} | ${description} |`;
  });
  return [`| ${label('keyword', language)} | ${label('type', language)} | ${label('mayBeNone', language)} | |`, '|---|---|---|---|', ...rows].join('\n');
}

export function signalMarkdown(catalog: Catalog, signal: SignalSpec, options: HoverOptions): string {
  const lang = options.docsLanguage;
  const parts: string[] = [];
  const summary = localize(signal.summary, lang);
  parts.push(`**${signal.name}** (${label('signal', lang)})${summary && summary !== signal.name ? ` — ${summary}` : ''}`);
  const description = localize(signal.description, lang);
  if (description) parts.push(description);
  const process = localize(signal.process, lang);
  if (process) parts.push(`${label('sentIn', lang)}: ${process}`);
  const senderText = localize(signal.sender.description, lang);
  parts.push(`\`${label('sender', lang)}\`: \`${signal.sender.type}\`${senderText ? ` — ${senderText}` : ''}`);
  parts.push(keywordTable(catalog, signal, lang));
  const versions: string[] = [];
  if (signal.since) versions.push(`${label('since', lang)} ${signal.since}.`);
  const origin = options.celeryVersionOrigin;
  if (signal.since && compareVersions(options.celeryVersion, signal.since) < 0) {
    versions.push(origin ? `⚠ ${label('notIn', lang)} ${assumedVersionText(options.celeryVersion, origin)[lang]}.` : `⚠ ${label('tooNew', lang)} (${options.celeryVersion}).`);
  }
  if (signal.deprecated) {
    const replacement = signal.deprecated.replacement ? ` ${label('useInstead', lang)} \`${signal.deprecated.replacement}\`` : '';
    versions.push(`⚠ ${label('deprecatedSince', lang)} ${signal.deprecated.since};${replacement}`);
  }
  if (signal.removed) versions.push(`${label('removedIn', lang)} ${signal.removed}.`);
  if (versions.length) parts.push(versions.join(' '));
  if (origin) parts.push(`_${label('judgedOn', lang)} ${assumedVersionText(options.celeryVersion, origin)[lang]}._`);
  const pitfalls = (signal.pitfalls ?? []).map((p) => localize(p, lang)).filter(Boolean);
  if (pitfalls.length) parts.push(`**${label('pitfalls', lang)}**\n${pitfalls.map((p) => `- ${p}`).join('\n')}`);
  if (signal.docsUrl) parts.push(`[${label('docs', lang)}](${signal.docsUrl})`);
  return parts.join('\n\n');
}

function paramSpecMarkdown(spec: ParamSpec, signal: SignalSpec, options: HoverOptions): string {
  const lang = options.docsLanguage;
  const notes: string[] = [];
  if (spec.mayBeNone) notes.push(`${label('mayBeNone', lang)}`);
  if (spec.sometimesAbsent) notes.push(label('sometimesAbsent', lang));
  if (spec.since) notes.push(`Celery ${spec.since}+`);
  const head = `**${spec.name}**: \`${spec.type}\` — ${label('parameterOf', lang, signal.name)}`;
  const description = localize(spec.description, lang);
  const notSent = spec.since && compareVersions(options.celeryVersion, spec.since) < 0;
  const version = assumedVersionText(options.celeryVersion, options.celeryVersionOrigin)[lang];
  const warning = notSent ? `⚠ ${label('notSentOn', lang, lang === 'en' ? version : spaced(version).trimStart())}` : '';
  return [head, description, notes.length ? `_${notes.join(' · ')}_` : '', warning].filter(Boolean).join('\n\n');
}

function paramMarkdown(catalog: Catalog, site: HandlerSite, param: HandlerParam, signal: SignalSpec, options: HoverOptions): string {
  const lang = options.docsLanguage;
  const keywords = catalog.keywordsOf(signal);
  if (param.kind === 'var-keyword' || param.kind === 'object-rest') {
    const declared = new Set(site.handler?.params.map((p) => p.name));
    const rest = keywords.filter((k) => !declared.has(k.name)).map((k) => `\`${k.name}\``);
    return `**${param.name}** — ${rest.length ? `${label('collects', lang)} ${rest.join(', ')}` : label('collectsNothing', lang)}`;
  }
  if (param.kind === 'var-positional') return `**${param.name}** — ${label('positionalNothing', lang)}`;
  const spec = keywords.find((k) => k.name === param.name);
  if (spec) return paramSpecMarkdown(spec, signal, options);
  return `**${param.name}** — ${label('neverSent', lang, signal.name)}`;
}

function senderMarkdown(signal: SignalSpec, lang: DocsLanguage): string {
  const kind = signal.sender.kind;
  const matching =
    kind === 'none' ? label('senderNone', lang) : kind === 'task-name' || kind === 'hostname' ? label('senderStringMatches', lang) : label('senderObjectMatches', lang);
  const description = localize(signal.sender.description, lang);
  return [`**${label('senderFilter', lang)}** — \`${signal.name}\`: \`${signal.sender.type}\``, description, matching].filter(Boolean).join('\n\n');
}

/** The hover at `offset`, or undefined when the offset is on nothing we know about. */
export function hoverAt(model: FileModel, offset: number, catalog: Catalog, options: HoverOptions): HoverResult | undefined {
  for (const site of model.sites) {
    const signal = signalOfSite(catalog, site);
    if (!signal) continue;
    const param = site.handler?.params.find((p) => within(p.nameSpan, offset));
    if (param) return { span: param.nameSpan, markdown: paramMarkdown(catalog, site, param, signal, options) };
    const sender = site.connection.arguments.find((a) => a.keyword === 'sender' && within(a.keywordSpan, offset));
    if (sender) return { span: sender.keywordSpan!, markdown: senderMarkdown(signal, options.docsLanguage) };
  }
  const ref = model.signalRefs.find((r) => r.resolution === 'catalog' && within(r.nameSpan, offset));
  const signal = ref && catalog.get(ref.name);
  if (ref && signal) return { span: ref.nameSpan, markdown: signalMarkdown(catalog, signal, options) };
  return undefined;
}
