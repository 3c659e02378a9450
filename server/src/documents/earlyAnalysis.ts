/**
 * Diagnostics for the top of a large Python document before its complete analysis is done: the
 * module's first top-level statements, analysed alone, give findings that nothing after them can
 * take back. Module code runs top to bottom, so a connect that runs as the module body reaches it
 * binds the receiver and signal those statements bound; only such connections are reported early,
 * only for rules that judge a connection by itself (rules/support/prefixStability.ts), and only
 * when the rest of the text never names the receiver (another connection of it, a rebinding, a `del`).
 * A top part that does not parse cleanly gives none: error recovery can read it differently.
 */
import { analyzeSource } from '../analysis/analyze';
import type { CheckOptions } from '../analysis/checker';
import type { Finding } from '../analysis/diagnostics';
import type { ModuleIdentity } from '../analysis/frontends/frontend';
import type { FileModel, HandlerSite, Span } from '../analysis/model';
import { PREFIX_STABLE } from '../analysis/rules/support/prefixStability';
import type { Catalog } from '../catalog/catalog';
import { ParseTimeout } from '../parsing/treeSitter';

/** Lines an editor shows at once, with room to scroll a little: the early part covers at least these. */
export const EARLY_LINES = 120;
/** Past this many UTF-16 units the top part costs too much to be worth an early answer. */
const EARLY_MAX_LENGTH = 64 * 1024;
/** The early parse runs on the thread that answers requests: it gives up rather than hold it. */
const EARLY_PARSE_LIMIT_MS = 100;

/** Clauses that continue the statement above them: a cut before one would drop part of that statement. */
const CONTINUATION = /^(?:else|elif|except|finally|case)\b/;

/**
 * Where the early part ends: the start of the first line at or after `fromLine` that begins a
 * top-level statement as far as the text shows (column 0, not a comment, a closing bracket or a
 * continuing clause). The parse decides the rest: a cut inside a string or brackets does not parse.
 */
export function earlyCut(text: string, fromLine = EARLY_LINES): number | undefined {
  let at = 0;
  for (let line = 0; line < fromLine; line++) {
    const next = text.indexOf('\n', at);
    if (next < 0) return undefined;
    at = next + 1;
  }
  while (at < text.length && at <= EARLY_MAX_LENGTH) {
    const first = text.charCodeAt(at);
    const startsStatement = first > 32 && !'#)]}'.includes(text[at]) && !CONTINUATION.test(text.slice(at, at + 8));
    if (startsStatement) return at;
    const next = text.indexOf('\n', at);
    if (next < 0) return undefined;
    at = next + 1;
  }
  return undefined;
}

export interface EarlyInput {
  text: string;
  catalog: Catalog;
  options: CheckOptions;
  module?: ModuleIdentity;
}

/**
 * The findings of `text.slice(0, cut)` that the whole text's analysis will also give, or nothing when
 * that part does not parse cleanly. `cut` must be the start of a line.
 */
export async function earlyFindings(input: EarlyInput, cut: number): Promise<Finding[] | undefined> {
  const prefix = input.text.slice(0, cut);
  let analysed;
  try {
    analysed = await analyzeSource({ text: prefix, grammar: 'python', catalog: input.catalog, options: input.options, module: input.module, parseTimeLimitMs: EARLY_PARSE_LIMIT_MS });
  } catch (error) {
    if (error instanceof ParseTimeout) return undefined;
    throw error;
  }
  const { tree, findings, model } = analysed;
  const clean = !!tree && !tree.rootNode.hasError;
  tree?.delete();
  if (!clean) return undefined;
  const { settled, unsettled } = connectionsSettledBy(model, input.text, cut);
  const within = (span: Span, areas: Span[]) => areas.some((area) => area.start <= span.start && span.end <= area.end);
  return findings.filter((finding) => PREFIX_STABLE[finding.code] === true && within(finding.span, settled) && !within(finding.span, unsettled));
}

/** Receivers the front end judges through what other code may do to them later in the module. */
const SETTLED_RECEIVER_KINDS = new Set<HandlerSite['receiverKind']>(['definition', 'reference', 'lambda', 'partial']);

function settledAtCut(site: HandlerSite, rest: string): boolean {
  if (site.connection.topLevel !== true || !SETTLED_RECEIVER_KINDS.has(site.receiverKind)) return false;
  if (site.importCallAt !== undefined || site.instanceLifetime !== undefined || site.localLifetime !== undefined) return false;
  const name = site.handler?.name;
  return name === undefined || !new RegExp(`(?<!\\w)${name}(?!\\w)`, 'u').test(rest);
}

/**
 * The text areas (connect and receiver definition) of the connections whose findings the rest of
 * the text cannot change, and those of every other connection: a receiver connected both ways is
 * left out, since its findings are told against all its connections.
 */
function connectionsSettledBy(model: FileModel, text: string, cut: number): { settled: Span[]; unsettled: Span[] } {
  const rest = text.slice(cut);
  const settled: Span[] = [];
  const unsettled: Span[] = [];
  for (const site of model.sites) {
    const areas = [site.connection.span, ...(site.handler ? [site.handler.definitionSpan] : [])];
    (settledAtCut(site, rest) ? settled : unsettled).push(...areas);
  }
  return { settled, unsettled };
}
