/**
 * Which handler site of the previous analysis a site was copied from. A front end that reuses a
 * statement's kept sites may hand out copies (its spans moved with the statement) instead of the very
 * objects the previous model held; it notes each copy here, so the checker can still find what it
 * judged about the original (analysis/findingsMemo.ts). A note promises that the copy holds the same
 * facts as the original, every span moved with the statement it lies in.
 */
import type { HandlerSite } from './model';

const origins = new WeakMap<HandlerSite, HandlerSite>();

/** `copies[i]` holds the facts of `originals[i]` (arrays of sites, as kept facts hold them). */
export function noteCopiedSites(originals: unknown, copies: unknown): void {
  const from = sitesOf(originals);
  const to = sitesOf(copies);
  if (!from || !to || from.length !== to.length) return;
  for (let i = 0; i < from.length; i++) {
    if (from[i] === to[i]) continue;
    origins.set(to[i], from[i]);
    // keptFor looks two steps back and no further. A link three steps back would chain every copy
    // ever made of a statement that keeps moving (each live key holds its origin alive): dropping it
    // bounds the chain, and a lookup it could still serve only means judging the site again.
    const grand = origins.get(from[i]);
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
  const origin = origins.get(site);
  if (!origin) return undefined;
  const fromOrigin = kept.get(origin);
  if (fromOrigin !== undefined) return fromOrigin;
  const first = origins.get(origin);
  return first && kept.get(first);
}

/** `site` is `before`, or a copy of it (see keptFor). */
export function sameSite(site: HandlerSite, before: HandlerSite): boolean {
  if (site === before) return true;
  const origin = origins.get(site);
  return origin !== undefined && (origin === before || origins.get(origin) === before);
}

function sitesOf(facts: unknown): HandlerSite[] | undefined {
  const sites = facts !== null && typeof facts === 'object' ? (facts as { sites?: unknown }).sites : undefined;
  return Array.isArray(sites) ? (sites as HandlerSite[]) : undefined;
}

/** How many copies back from `site` are still noted (bounded; tests look at it). */
export function originsNoted(site: HandlerSite): number {
  let count = 0;
  for (let origin = origins.get(site); origin; origin = origins.get(origin)) count++;
  return count;
}
