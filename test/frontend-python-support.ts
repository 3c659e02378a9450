/** Helpers for the Python front-end tests: extract a model from text and find positions by text. */
import assert from 'node:assert/strict';
import { Catalog, getBundledCatalog } from '../server/src/catalog/catalog';
import { extractPython } from '../server/src/analysis/frontends/python';
import type { FileModel, Handler, HandlerSite, NameRead, Span } from '../server/src/analysis/model';
import { parseText } from '../server/src/parsing/treeSitter';

export async function extract(text: string, catalog: Catalog = getBundledCatalog()): Promise<FileModel> {
  const tree = await parseText('python', text);
  try {
    return extractPython(tree, text, catalog);
  } finally {
    tree.delete();
  }
}

/** The span of the `nth` (0-based) occurrence of `needle` in `text`. */
export function spanOf(text: string, needle: string, nth = 0): Span {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    assert.notEqual(at, -1, `"${needle}" occurs fewer than ${nth + 1} times`);
  }
  return { start: at, end: at + needle.length };
}

export function slice(text: string, span: Span | undefined): string | undefined {
  return span && text.slice(span.start, span.end);
}

export function onlySite(model: FileModel): HandlerSite {
  assert.equal(model.sites.length, 1, `expected one site, got ${model.sites.map((s) => s.connection.signal.name).join(', ') || 'none'}`);
  return model.sites[0];
}

export function handlerOf(site: HandlerSite): Handler {
  assert.ok(site.handler, 'the receiver should resolve to a handler');
  return site.handler;
}

export function paramSummary(handler: Handler): string[] {
  return handler.params.map((p) => `${p.name}:${p.kind}${p.hasDefault ? '=' : ''}`);
}

/** Reads as `name+` (bound outside the handler) or `name-` (bound nowhere), in source order. */
export function readSummary(text: string, reads: NameRead[] | undefined): string[] {
  return (reads ?? []).map((read) => {
    assert.equal(text.slice(read.span.start, read.span.end), read.name, 'a read span must cover the name');
    return `${read.name}${read.boundOutside ? '+' : '-'}`;
  });
}

export function sitesBySignal(model: FileModel): string[] {
  return model.sites.map((site) => `${site.connection.signal.name}/${site.connection.signal.resolution}`);
}
