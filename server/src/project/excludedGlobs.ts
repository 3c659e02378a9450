/**
 * The globs the project index leaves out: the client's `files.exclude` (the patterns set to true),
 * which VS Code users already keep for exactly this; nothing when the client has no configuration.
 */
import type { Session } from '../lsp/session';

export async function excludedGlobs(session: Session): Promise<string[]> {
  if (!session.client.configuration) return [];
  try {
    const exclude: unknown = await session.connection.workspace.getConfiguration('files.exclude');
    if (!exclude || typeof exclude !== 'object') return [];
    return Object.entries(exclude as Record<string, unknown>)
      .filter(([, on]) => on === true)
      .map(([glob]) => glob);
  } catch {
    return [];
  }
}
