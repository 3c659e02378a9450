/**
 * A function can be connected to several signals (stacked decorators, or one decorator and a later
 * connect call). A fix to its signature must fit every one of those connections, not only the one
 * whose finding it repairs.
 */
import type { HandlerSite } from '../../model';
import { handlerContext } from './sites';
import type { HandlerContext, SiteContext } from './types';

/** Every connection of the context's handler whose signal is known, the context's own included. */
export function connectionsOfHandler(context: HandlerContext): HandlerContext[] {
  const start = context.handler.definitionSpan.start;
  const contexts: HandlerContext[] = [];
  for (const site of context.model.sites) {
    if (site.handler?.definitionSpan.start !== start) continue;
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

/** True when every connection of the handler sends `name` (at the configured release). */
export function everyConnectionSends(context: HandlerContext, name: string): boolean {
  return connectionsOfHandler(context).every((c) => c.sent.byName.has(name));
}
