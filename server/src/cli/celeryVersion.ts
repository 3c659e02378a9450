/**
 * The Celery release each checked file is judged against: `--celery-version` when given; else the one
 * its project's files state (project/celeryVersion.ts), the project being the nearest folder above the
 * file that holds one of them (the walk stops at a version-control root); else the catalog's newest.
 * Each project is detected once per run and announced once on stderr, with any file it had to skip.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CheckOptions } from '../analysis/checker';
import type { Translated } from '../analysis/diagnostics';
import { messageTable, spaced } from '../analysis/rules/support/messages';
import { assumedVersionText, type CeleryVersionOrigin } from '../analysis/versionOrigin';
import { detectCeleryVersion, projectRootOf, type CeleryVersionDetection, type VersionFileAccess } from '../project/celeryVersion';

const say = messageTable('cli celery version', {
  assumed: {
    en: (project: string, version: Translated) => `files under ${project} are judged against ${version.en}`,
    'zh-cn': (project: string, version: Translated) => `${project} 下的文件按${spaced(version['zh-cn'])}检查`,
  },
  leftOut: {
    en: (file: string, reason: string) => `${file}: not used to find the Celery version (${reason})`,
    'zh-cn': (file: string, reason: string) => `${file}：未用于确定 Celery 版本（${reason}）`,
  },
});

const diskAccess: VersionFileAccess = {
  readFile(file) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    // A pipe or device under a version file's name would block the read forever.
    if (!stat.isFile()) throw new Error('not a regular file');
    return fs.readFileSync(file, 'utf8');
  },
  listDir(folder) {
    try {
      return fs.readdirSync(folder);
    } catch {
      return [];
    }
  },
};

export interface VersionRun {
  /** `--celery-version`, which overrides detection. */
  override?: string;
  latest: string;
  /** How a path is shown (relative to the current folder when inside it). */
  display(file: string): string;
  /** Where notes go (stderr), in the run's language. */
  note(line: string): void;
  language: 'en' | 'zh-cn';
  access?: VersionFileAccess;
}

/** Per-file check options, with detection cached per folder and per project. */
export function versionOptions(run: VersionRun, base: Omit<CheckOptions, 'celeryVersion'>): (file: string) => CheckOptions {
  const access = run.access ?? diskAccess;
  const rootOfFolder = new Map<string, string | undefined>();
  const byRoot = new Map<string, CheckOptions>();
  const fallback: CheckOptions = { ...base, celeryVersion: run.override ?? run.latest };
  const detect = (root: string): CheckOptions => {
    const detection: CeleryVersionDetection = detectCeleryVersion(access, root);
    for (const problem of detection.problems) run.note(say.leftOut(run.display(problem.file), problem.message)[run.language]);
    const detected = detection.detected;
    if (!detected) return fallback;
    const origin: CeleryVersionOrigin = {
      file: run.display(detected.source.file),
      line: detected.source.line,
      specifier: detected.specifier,
      lowestOfRange: detected.lowestOfRange,
      kind: detected.kind,
    };
    run.note(say.assumed(run.display(root) || '.', assumedVersionText(detected.version, origin))[run.language]);
    return { ...base, celeryVersion: detected.version, celeryVersionOrigin: origin };
  };
  return (file) => {
    if (run.override) return fallback;
    const root = projectRootOf(path.dirname(file), access.listDir, rootOfFolder);
    if (root === undefined) return fallback;
    let options = byRoot.get(root);
    if (!options) byRoot.set(root, (options = detect(root)));
    return options;
  };
}
