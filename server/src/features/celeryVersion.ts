/**
 * The Celery release the server judges against: the `celerySignals.celeryVersion` setting when set,
 * else the one the workspace folder's own files state (project/celeryVersion.ts), else the catalog's
 * newest. Detection reads only files inside the workspace folders, runs at start and again when a
 * file it depends on changes (the server asks the client to watch them).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DidChangeWatchedFilesNotification, type DidChangeWatchedFilesParams } from 'vscode-languageserver/node';
import type { CeleryVersionOrigin } from '../analysis/versionOrigin';
import { detectCeleryVersion, isVersionFileName, type CeleryVersionDetection, type DetectedCeleryVersion, type VersionFileAccess } from '../project/celeryVersion';
import type { Session } from '../lsp/session';

/** Lock files of large projects run to a few megabytes; anything past this is not a version file. */
const MAX_VERSION_FILE_BYTES = 8 * 1024 * 1024;

export interface VersionAssumption {
  version: string;
  source: 'setting' | 'project' | 'catalog-latest';
  /** Set when the source is `project`. */
  detected?: DetectedCeleryVersion;
  /** `detected`, shown relative to its workspace folder, as analysis prints it. */
  origin?: CeleryVersionOrigin;
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function realPathOf(file: string): string | undefined {
  try {
    return fs.realpathSync(file);
  } catch {
    return undefined;
  }
}

/** Reads for detection, refusing any file whose real path (links followed) leaves the workspace folders. */
export function workspaceFileAccess(roots: readonly string[]): VersionFileAccess {
  const realRoots = roots.map((r) => realPathOf(r) ?? r);
  const allowed = (file: string) => {
    const real = realPathOf(file);
    return real !== undefined && realRoots.some((root) => isInside(real, root));
  };
  return {
    readFile(file) {
      if (!fs.existsSync(file)) return undefined;
      if (!allowed(file)) throw new Error('outside the workspace folders, so not read');
      const stat = fs.statSync(file);
      // A pipe or device under a version file's name would block the read forever.
      if (!stat.isFile()) throw new Error('not a regular file, so not read');
      const size = stat.size;
      if (size > MAX_VERSION_FILE_BYTES) throw new Error(`larger than ${MAX_VERSION_FILE_BYTES / 1024 / 1024} MB, so not read`);
      return fs.readFileSync(file, 'utf8');
    },
    listDir(folder) {
      const real = realPathOf(folder);
      if (!real || !realRoots.some((root) => real === root || isInside(real, root))) return [];
      try {
        return fs.readdirSync(folder);
      } catch {
        return [];
      }
    },
  };
}

/** Detects the release of every workspace folder; true when anything a client would see changed. */
export function detectWorkspaceVersions(session: Session): boolean {
  const access = workspaceFileAccess(session.workspaceRoots);
  const detections = new Map<string, CeleryVersionDetection>();
  for (const root of session.workspaceRoots) detections.set(root, detectCeleryVersion(access, root));
  const summary = (map: Map<string, CeleryVersionDetection>) => JSON.stringify([...map].map(([root, d]) => [root, d.detected, d.problems]));
  const changed = summary(detections) !== summary(session.versionDetections);
  session.versionDetections = detections;
  if (changed) {
    for (const problem of [...detections.values()].flatMap((d) => d.problems)) {
      session.connection.console.warn(`Celery version: ${problem.file} was not used (${problem.message})`);
    }
  }
  return changed;
}

function rootOf(session: Session, uri: string | undefined): string | undefined {
  let file: string | undefined;
  try {
    file = uri ? fileURLToPath(uri) : undefined;
  } catch {
    file = undefined;
  }
  // A document outside every workspace folder belongs to no project whose files could speak for it.
  return file ? session.workspaceRoots.find((root) => isInside(file, root)) : session.workspaceRoots[0];
}

/** The release a document (or, without one, the first workspace folder) is judged against, and why. */
export function versionAssumption(session: Session, uri?: string): VersionAssumption {
  if (session.settings.celeryVersion) return { version: session.settings.celeryVersion, source: 'setting' };
  const root = rootOf(session, uri);
  const detected = root === undefined ? undefined : session.versionDetections.get(root)?.detected;
  if (!detected || root === undefined) return { version: session.catalog.latestCeleryVersion, source: 'catalog-latest' };
  const file = path.relative(root, detected.source.file).split(path.sep).join('/');
  const { line } = detected.source;
  const origin: CeleryVersionOrigin = { file, line, specifier: detected.specifier, lowestOfRange: detected.lowestOfRange, kind: detected.kind };
  return { version: detected.version, source: 'project', detected, origin };
}

/** One line per version file that was left out, for the status notification. */
export function versionFileProblems(session: Session): string[] {
  return [...session.versionDetections.values()].flatMap((d) => d.problems.map((p) => `${p.file}: ${p.message}`));
}

const WATCHED = '**/{requirements*.txt,requirements/*.txt,pyproject.toml,Pipfile,poetry.lock,uv.lock,pdm.lock,Pipfile.lock,setup.cfg,setup.py}';

/** Asks the client to report changes to version files, where it lets servers register watchers. */
export async function watchVersionFiles(session: Session): Promise<void> {
  if (!session.client.watchedFilesRegistration) return;
  try {
    await session.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WATCHED }] });
  } catch {
    // A client that refuses keeps the version found at start; the setting still overrides it.
  }
}

/** True when a change touches a file the last detection read, or could add one (a new requirements file). */
export function touchesVersionFiles(session: Session, params: DidChangeWatchedFilesParams): boolean {
  const consulted = new Set([...session.versionDetections.values()].flatMap((d) => d.consulted));
  return params.changes.some(({ uri }) => {
    let file: string;
    try {
      file = fileURLToPath(uri);
    } catch {
      return false;
    }
    if (consulted.has(file)) return true;
    const folder = path.dirname(file);
    const atRoot = session.workspaceRoots.some((root) => folder === root || folder === path.join(root, 'requirements'));
    const name = path.basename(file);
    return atRoot && (isVersionFileName(name) || (folder.endsWith(`${path.sep}requirements`) && name.endsWith('.txt')));
  });
}

/** Detects again after a watched file changed; true when the answer (or a problem with a file) changed. */
export function versionFilesChanged(session: Session, params: DidChangeWatchedFilesParams): boolean {
  return touchesVersionFiles(session, params) && detectWorkspaceVersions(session);
}
