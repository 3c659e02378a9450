/**
 * What a worker thread sends back of a model it extracted and keeps (pool.ts): everything but what the
 * handlers' bodies read. Only a file's own rules read those facts, and they run in the worker that
 * holds the whole model; the main thread's project index and cross-module rules read the connects, the
 * handlers' parameters and where the handlers are defined, never their bodies. In a handler-dense
 * module the body reads are most of the model, so leaving them out spares the worker writing them and
 * the main thread reading and keeping them (its young-generation collections copy whatever it keeps).
 */
import type { FileModel, Handler, HandlerSite } from '../analysis/model';

/** The Handler fields that only the rules judging the handler's own file read. */
export const BODY_READS = ['freeReads', 'paramReads', 'paramAttributeReads', 'catchAllReads', 'mappingReads'] as const;

function withoutReads(handler: Handler): Handler {
  const kept: Handler = { ...handler, freeReads: [] };
  for (const field of BODY_READS) if (field !== 'freeReads') delete kept[field];
  return kept;
}

function siteWithoutReads(site: HandlerSite): HandlerSite {
  if (!site.handler && !site.wrapper) return site;
  const kept: HandlerSite = { ...site };
  if (site.handler) kept.handler = withoutReads(site.handler);
  if (site.wrapper) kept.wrapper = { ...site.wrapper, handler: withoutReads(site.wrapper.handler) };
  return kept;
}

/** `model` without its handlers' body reads (a copy; `model` itself is left as it is). */
export function withoutBodyReads(model: FileModel): FileModel {
  return { ...model, sites: model.sites.map(siteWithoutReads) };
}
