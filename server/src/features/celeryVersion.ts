/**
 * The Celery release the server judges against: the `celerySignals.celeryVersion` setting when set,
 * else the one a document's project states in its own files (project/celeryVersion.ts), the project
 * being the nearest folder above the document that holds a version file, as for the CLI; else the
 * catalog's newest. Detection reads only files inside the workspace folders, runs at start and again
 * when a version file changes (the server asks the client to watch them).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DidChangeWatchedFilesNotification, type DidChangeWatchedFilesParams } from 'vscode-languageserver/node';
import type { CeleryVersionOrigin } from '../analysis/versionOrigin';
import { detectCeleryVersion, isVersionFileName, projectRootOf, type CeleryVersionDetection, type DetectedCeleryVersion, type VersionFileAccess } from '../project/celeryVersion';
import type { Session } from '../lsp/session';
import { isInside } from '../io/paths';

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

/** Per session: each document folder's project root (the nearest folder with a version file, inside the workspace). */
const projectRoots = new WeakMap<Session, Map<string, string | undefined>>();

function projectRootOfFolder(session: Session, folder: string): string | undefined {
  let cache = projectRoots.get(session);
  if (!cache) projectRoots.set(session, (cache = new Map()));
  if (!cache.has(folder)) cache.set(folder, projectRootOf(folder, workspaceFileAccess(session.workspaceRoots).listDir));
  return cache.get(folder);
}

function detectionAt(session: Session, root: string): CeleryVersionDetection {
  let detection = session.versionDetections.get(root);
  if (!detection) {
    detection = detectCeleryVersion(workspaceFileAccess(session.workspaceRoots), root);
    session.versionDetections.set(root, detection);
    for (const problem of detection.problems) session.connection.console.warn(`Celery version: ${problem.file} was not used (${problem.message})`);
  }
  return detection;
}

/**
 * Forgets every earlier answer and detects the workspace folders' projects again; projects below them
 * are detected when a document there is first judged.
 */
export function detectWorkspaceVersions(session: Session): void {
  const known = [...session.versionDetections.keys()];
  session.versionDetections = new Map();
  projectRoots.delete(session);
  for (const root of new Set([...session.workspaceRoots, ...known])) {
    const projectRoot = projectRootOfFolder(session, root);
    if (projectRoot !== undefined) detectionAt(session, projectRoot);
  }
}

/** The project root whose files speak for a document (or, without one, for the first workspace folder). */
function projectOf(session: Session, uri: string | undefined): { root: string; workspaceFolder: string } | undefined {
  let file: string | undefined;
  try {
    file = uri ? fileURLToPath(uri) : undefined;
  } catch {
    file = undefined;
  }
  // A document outside every workspace folder belongs to no project whose files could be read.
  const workspaceFolder = file ? session.workspaceRoots.find((root) => isInside(file, root)) : session.workspaceRoots[0];
  if (workspaceFolder === undefined) return undefined;
  const root = projectRootOfFolder(session, file ? path.dirname(file) : workspaceFolder);
  return root === undefined ? undefined : { root, workspaceFolder };
}

/** The release a document (or, without one, the first workspace folder) is judged against, and why. */
export function versionAssumption(session: Session, uri?: string): VersionAssumption {
  if (session.settings.celeryVersion) return { version: session.settings.celeryVersion, source: 'setting' };
  const project = projectOf(session, uri);
  const detected = project && detectionAt(session, project.root).detected;
  if (!project || !detected) return { version: session.catalog.latestCeleryVersion, source: 'catalog-latest' };
  // Named from the workspace folder, so `backend/requirements.txt` is told apart from another project's.
  const base = isInside(detected.source.file, project.workspaceFolder) ? project.workspaceFolder : project.root;
  const file = path.relative(base, detected.source.file).split(path.sep).join('/');
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

/** True when a change touches a file a detection read, or adds or removes one anywhere in the workspace. */
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
    const name = path.basename(file);
    const versionFile = isVersionFileName(name) || (path.basename(path.dirname(file)) === 'requirements' && name.endsWith('.txt'));
    return versionFile && session.workspaceRoots.some((root) => isInside(file, root));
  });
}

/**
 * Detects again after a watched version file changed. True then: a new file may also have moved a
 * document into another project, so every document is judged again.
 */
export function versionFilesChanged(session: Session, params: DidChangeWatchedFilesParams): boolean {
  if (!touchesVersionFiles(session, params)) return false;
  detectWorkspaceVersions(session);
  return true;
}
