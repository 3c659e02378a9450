/** Find references and go to definition on a signal, across the project's files. */
import type { Catalog } from '../../catalog/catalog';
import { locationIn, type FileLocation, type NavigableFile } from './projectFiles';

/**
 * Every place the project connects a receiver to `signal` (the signal's name in the connect) and every
 * place it sends it; with `includeDeclaration`, the project's own `Signal(...)` too.
 */
export function signalReferences(files: Iterable<NavigableFile>, signal: string, catalog: Catalog, includeDeclaration: boolean): FileLocation[] {
  const all = [...files];
  const found: FileLocation[] = [];
  if (includeDeclaration) {
    const definition = projectDefinitionOf(all, signal, catalog);
    if (definition) found.push(definition);
  }
  for (const file of all) {
    const spans = [
      ...file.model.sites.map((s) => s.connection.signal).filter((r) => r.resolution === 'catalog' && r.name === signal),
      ...(file.model.sends ?? []).map((s) => s.signal).filter((r) => r.resolution === 'catalog' && r.name === signal),
    ]
      .map((r) => r.nameSpan)
      .sort((a, b) => a.start - b.start);
    for (const span of spans) found.push(locationIn(file, span));
  }
  return found;
}

/** Where the project defines `signal` with `Signal(...)`, when it is one of the project's own. */
export function projectDefinitionOf(files: Iterable<NavigableFile>, signal: string, catalog: Catalog): FileLocation | undefined {
  const definedAt = catalog.get(signal)?.definedAt;
  if (!definedAt) return undefined;
  for (const file of files) if (file.path === definedAt.path) return locationIn(file, definedAt.span);
  return undefined;
}
