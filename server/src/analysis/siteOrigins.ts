/**
 * Which handler site of the previous analysis a site was copied from. A front end that reuses a
 * statement's kept sites may hand out copies (its spans moved with the statement) instead of the very
 * objects the previous model held; it notes each copy here, so the checker can still find what it
 * judged about the original (analysis/findingsMemo.ts). A note promises that the copy holds the same
 * facts as the original, every span moved with the statement it lies in.
 */
import type { HandlerSite } from './model';

/**
 * Each copy's origin, held weakly: a copy outlives its origin (the kept copy is what the next
 * analyses hand out), and a strong link would keep every site a document's first analysis read alive
 * beside its kept copy for as long as the document is open (1.6 MB for the benchmark's module). An
 * origin still worth finding is held by whatever kept something under it (the checker's memo), and
 * one nobody holds any more could only be looked up in vain.
 */
const origins = new WeakMap<HandlerSite, WeakRef<HandlerSite>>();

function originOf(site: HandlerSite): HandlerSite | undefined {
  return origins.get(site)?.deref();
}

/** `copies[i]` holds the facts of `originals[i]` (arrays of sites, as kept facts hold them). */
export function noteCopiedSites(originals: unknown, copies: unknown): void {
  const from = sitesOf(originals);
  const to = sitesOf(copies);
  if (!from || !to || from.length !== to.length) return;
  for (let i = 0; i < from.length; i++) {
    if (from[i] === to[i]) continue;
    origins.set(to[i], new WeakRef(from[i]));
    // keptFor looks two steps back and no further. A link three steps back would chain every copy
    // ever made of a statement that keeps moving (each live key holds its origin alive): dropping it
    // bounds the chain, and a lookup it could still serve only means judging the site again.
    const grand = originOf(from[i]);
    if (grand) origins.delete(grand);
  }
}

/**
 * What was kept about `site`, or about the site it was copied from. Two steps back at most: the
 * previous model held either the kept copy itself or, right after a statement was first read, the
 * object the copy was made from.
 */
export function keptFor<T>(kept: { get(site: HandlerSite): T | undefined }, site: HandlerSite): T | undefined {
  const found = kept.get(site);
  if (found !== undefined) return found;
  const origin = originOf(site);
  if (!origin) return undefined;
  const fromOrigin = kept.get(origin);
  if (fromOrigin !== undefined) return fromOrigin;
  const first = originOf(origin);
  return first && kept.get(first);
}

/** `site` is `before`, or a copy of it (see keptFor). */
export function sameSite(site: HandlerSite, before: HandlerSite): boolean {
  if (site === before) return true;
  const origin = originOf(site);
  return origin !== undefined && (origin === before || originOf(origin) === before);
}

function sitesOf(facts: unknown): HandlerSite[] | undefined {
  const sites = facts !== null && typeof facts === 'object' ? (facts as { sites?: unknown }).sites : undefined;
  return Array.isArray(sites) ? (sites as HandlerSite[]) : undefined;
}

/** How many copies back from `site` are still noted (bounded; tests look at it). */
export function originsNoted(site: HandlerSite): number {
  let count = 0;
  for (let origin = originOf(site); origin; origin = originOf(origin)) count++;
  return count;
}
