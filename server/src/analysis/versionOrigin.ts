/**
 * Where the Celery release the rules judge against came from, when it was read from the project's
 * own files, and how messages and hover name it. The editor and the CLI fill it in; analysis only
 * prints it, so a user can see why a verdict depends on a release they did not type anywhere.
 */
import type { Translated } from './diagnostics';
import { messageTable } from './rules/support/messages';

export interface CeleryVersionOrigin {
  /** The file as the user should see it (relative to the project or the current folder). */
  file: string;
  /** 1-based. */
  line: number;
  /** The specifier as written there (`>=5.2,<6`, `^5.3`, `5.3.4`). */
  specifier: string;
  /** The specifier allows several releases; the rules take the lowest of them. */
  lowestOfRange: boolean;
  /** `lock`: the release a lock file resolved; `requirement`: a requirements or project file. */
  kind: 'lock' | 'requirement';
}

const phrases = messageTable('assumed version', {
  configured: { en: (version: string) => `the configured Celery ${version}`, 'zh-cn': (version: string) => `所配置的 Celery ${version}` },
  locked: {
    en: (version: string, where: string) => `Celery ${version} (locked in ${where})`,
    'zh-cn': (version: string, where: string) => `Celery ${version}（锁定于 ${where}）`,
  },
  pinned: {
    en: (version: string, where: string) => `Celery ${version} (pinned in ${where})`,
    'zh-cn': (version: string, where: string) => `Celery ${version}（固定于 ${where}）`,
  },
  lowest: {
    en: (version: string, where: string, specifier: string) => `Celery ${version} (the lowest release \`${specifier}\` in ${where} allows)`,
    'zh-cn': (version: string, where: string, specifier: string) => `Celery ${version}（${where} 中 \`${specifier}\` 允许的最低版本）`,
  },
});

/** The release a verdict assumed, and where it came from when the project's files said so. */
export function assumedVersionText(version: string, origin: CeleryVersionOrigin | undefined): Translated {
  if (!origin) return phrases.configured(version);
  const where = `${origin.file}:${origin.line}`;
  if (origin.kind === 'lock') return phrases.locked(version, where);
  return origin.lowestOfRange ? phrases.lowest(version, where, origin.specifier) : phrases.pinned(version, where);
}
