/**
 * A function can be connected to several signals (stacked decorators, or one decorator and a later
 * connect call). A fix to its signature must fit every one of those connections, not only the one
 * whose finding it repairs.
 */
import type { FileModel, HandlerSite } from '../../model';
import { once } from './once';
import { handlerContext } from './sites';
import type { HandlerContext, SiteContext } from './types';

/** A model's sites by where their handler's definition starts, found once per model. */
const sitesByDefinition = new WeakMap<FileModel, Map<number, HandlerSite[]>>();

function sitesDefinedAt(model: FileModel, start: number): readonly HandlerSite[] {
  let index = sitesByDefinition.get(model);
  if (!index) sitesByDefinition.set(model, (index = sitesByDefinitionStart(model.sites)));
  return index.get(start) ?? [];
}

/** Sites by where their handler's definition starts. */
export function sitesByDefinitionStart(sites: readonly HandlerSite[]): Map<number, HandlerSite[]> {
  const index = new Map<number, HandlerSite[]>();
  for (const site of sites) {
    const at = site.handler?.definitionSpan.start;
    if (at === undefined) continue;
    const list = index.get(at);
    if (list) list.push(site);
    else index.set(at, [site]);
  }
  return index;
}

/** Several rules ask for them at every site. */
const CONNECTIONS = Symbol('connections of the handler');

/** Every connection of the context's handler whose signal is known, the context's own included. */
export function connectionsOfHandler(context: HandlerContext): HandlerContext[] {
  return once(context, CONNECTIONS, findConnections);
}

function findConnections(context: HandlerContext): HandlerContext[] {
  const contexts: HandlerContext[] = [];
  const start = context.handler.definitionSpan.start;
  for (const site of context.sitesDefinedAt?.(start) ?? sitesDefinedAt(context.model, start)) {
    if (site === context.site) {
      contexts.push(context);
      continue;
    }
    const sibling = siblingContext(context, site);
    if (sibling) contexts.push(sibling);
  }
  return contexts;
}

function siblingContext(context: HandlerContext, site: HandlerSite): HandlerContext | undefined {
  const signal = site.connection.signal.resolution === 'catalog' ? context.catalog.get(site.connection.signal.name) : undefined;
  const siteContext: SiteContext = { ...context, site, signal };
  return handlerContext(siteContext);
}

function otherConnections(context: HandlerContext): HandlerContext[] {
  return connectionsOfHandler(context).filter((c) => c !== context);
}

/** Renaming `from` to `to` keeps every other connection working: none of them sends `from`, all send `to`. */
export function renameKeepsOtherConnections(context: HandlerContext, from: string, to: string): boolean {
  return otherConnections(context).every((c) => !c.sent.byName.has(from) && c.sent.byName.has(to));
}

/** Every other connection of the handler sends `name` too, so declaring it without a default is safe. */
export function sentByOtherConnections(context: HandlerContext, name: string): boolean {
  return otherConnections(context).every((c) => c.sent.byName.has(name));
}

/** Some other connection of the handler sends `name`, so a parameter of that name is not dead. */
export function filledByOtherConnection(context: HandlerContext, name: string): boolean {
  return otherConnections(context).some((c) => c.sent.byName.has(name));
}
