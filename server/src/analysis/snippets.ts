/**
 * One handler snippet per signal, generated from the catalog so every signature matches what Celery
 * really sends. The server offers them as completion items; the VS Code extension's generator turns
 * the same data into static snippet files.
 */
import type { Catalog } from '../catalog/catalog';
import type { LocalizedText, ParamSpec, SignalSpec } from '../catalog/types';
import { compareVersions } from '../catalog/versions';

export type { SnippetLanguage } from '../../../shared/languages';
import type { SnippetLanguage } from '../../../shared/languages';

export interface SignalSnippet {
  /** Catalog key of the signal (`task_failure`, `app.on_after_configure`). */
  signal: string;
  language: SnippetLanguage;
  /** What the user types to get it. */
  prefix: string;
  summary: LocalizedText;
  /** Snippet syntax (`${1:name}`), lines joined with `\n`, indented with four spaces (Python) or a tab. */
  body: string;
  /** The import the body relies on, when the signal is a module attribute. */
  importModule?: string;
  importName?: string;
  /** The body preceded by its import line, for snippet files that cannot add imports elsewhere. */
  standaloneBody: string;
  deprecated: boolean;
}

export interface ReceiverParam {
  name: string;
  /** Celery leaves it out at some send sites (or the configured release does not send it yet). */
  needsDefault: boolean;
  spec: ParamSpec;
}

/** The attribute users write for the signal (`task_failure`, `on_after_configure`). */
export function attributeOf(signal: SignalSpec): string {
  return signal.access.kind === 'module' ? signal.name.split('.').pop()! : signal.access.attribute;
}

/** A keyword Celery sends that the configured release may not send yet. */
function notSentBy(spec: ParamSpec, celeryVersion: string | undefined): boolean {
  return !!(spec.since && celeryVersion && compareVersions(celeryVersion, spec.since) < 0);
}

/**
 * The parameters a correct receiver declares, in declaration order: `sender`, then every keyword the
 * signal sends, those needing a default last (so the signature stays valid without `*`). The
 * `signal` keyword is left to `**kwargs`, as handlers rarely want it.
 */
export function receiverParams(catalog: Catalog, signal: SignalSpec, celeryVersion?: string): ReceiverParam[] {
  const params = catalog
    .keywordsOf(signal)
    .filter((spec) => spec.name !== 'signal')
    .map((spec) => ({ name: spec.name, needsDefault: spec.sometimesAbsent || notSentBy(spec, celeryVersion), spec }));
  return [...params.filter((p) => !p.needsDefault), ...params.filter((p) => p.needsDefault)];
}

/** `**kwargs`, or `**kw` when the signal sends a keyword literally named `kwargs` (task_prerun). */
export function varKeywordName(catalog: Catalog, signal: SignalSpec): string {
  return catalog.keywordsOf(signal).some((p) => p.name === 'kwargs') ? 'kw' : 'kwargs';
}

export function pythonParamText(param: ReceiverParam): string {
  return param.needsDefault ? `${param.name}=None` : param.name;
}

/** TypeScript handlers import signals from the declarations in `types/celery-signals.d.ts`. */
export const TYPESCRIPT_SIGNAL_MODULE = 'celery-signals';

function snippetOf(signal: SignalSpec, language: SnippetLanguage, body: string, importLine: (module: string, name: string) => string): SignalSnippet {
  const attribute = attributeOf(signal);
  const pythonModule = signal.access.kind === 'module' ? signal.access.modules[0] : undefined;
  const importModule = pythonModule && language === 'typescript' ? TYPESCRIPT_SIGNAL_MODULE : pythonModule;
  return {
    signal: signal.name,
    language,
    prefix: attribute,
    summary: signal.summary,
    body,
    importModule,
    importName: importModule ? attribute : undefined,
    standaloneBody: (importModule ? importLine(importModule, attribute) : '') + body,
    deprecated: !!signal.deprecated,
  };
}

/** How the signal is written in code: its own name, or `<app>.<attribute>` with the app as a placeholder. */
function signalExpression(signal: SignalSpec): string {
  return signal.access.kind === 'module' ? attributeOf(signal) : `\${2:app}.${attributeOf(signal)}`;
}

function pythonSnippet(catalog: Catalog, signal: SignalSpec, celeryVersion?: string): SignalSnippet {
  const params = [...receiverParams(catalog, signal, celeryVersion).map(pythonParamText), `**${varKeywordName(catalog, signal)}`];
  const body = [`@${signalExpression(signal)}.connect`, `def \${1:on_${attributeOf(signal)}}(${params.join(', ')}):`, '    ${0:pass}'].join('\n');
  return snippetOf(signal, 'python', body, (module, name) => `from ${module} import ${name}\n\n\n`);
}

function typescriptSnippet(catalog: Catalog, signal: SignalSpec, celeryVersion?: string): SignalSnippet {
  const names = receiverParams(catalog, signal, celeryVersion).map((p) => p.name);
  // An inline arrow has no other reference, so a weak connection would let it be collected at once.
  const body = [`${signalExpression(signal)}.connect(({ ${names.join(', ')} }) => {`, '\t$0', '}, { weak: false });'].join('\n');
  return snippetOf(signal, 'typescript', body, (module, name) => `import { ${name} } from '${module}';\n\n`);
}

/** One signal's snippet; `celeryVersion` decides which keywords need a default. */
export function snippetFor(catalog: Catalog, signal: SignalSpec, language: SnippetLanguage, celeryVersion?: string): SignalSnippet {
  return (language === 'python' ? pythonSnippet : typescriptSnippet)(catalog, signal, celeryVersion);
}

/** Every signal's snippet in one language. */
export function snippetsFor(catalog: Catalog, language: SnippetLanguage, celeryVersion?: string): SignalSnippet[] {
  return catalog.signals.map((signal) => snippetFor(catalog, signal, language, celeryVersion));
}
