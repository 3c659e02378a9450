/** Strings of the language status items, per UI language (kept apart from the command messages). */
import type { UiLanguage } from './messages';

export interface StatusMessages {
  versionItemName: string;
  serverItemName: string;
  celeryVersion: (version: string) => string;
  fromSetting: string;
  fromCatalog: string;
  /** `where` is `file:line`. */
  fromProject: (where: string, specifier: string, lowestOfRange: boolean, locked: boolean) => string;
  versionFileProblems: (count: number) => string;
  catalogProblems: (count: number) => string;
  userCatalogs: (count: number) => string;
  openSettings: string;
  showOutput: string;
  serverRunning: string;
  serverStarting: string;
  serverStopped: string;
  serverOff: string;
}

const english: StatusMessages = {
  versionItemName: 'Celery Signals: Celery version',
  serverItemName: 'Celery Signals: language server',
  celeryVersion: (version) => `Celery ${version}`,
  fromSetting: 'set by celerySignals.celeryVersion',
  fromCatalog: "no version set: the catalog's newest release",
  fromProject: (where, specifier, lowestOfRange, locked) =>
    locked ? `locked in ${where}` : lowestOfRange ? `the lowest release ${specifier} allows (${where})` : `pinned in ${where}`,
  versionFileProblems: (count) => (count === 1 ? 'a version file could not be read (see Output)' : `${count} version files could not be read (see Output)`),
  catalogProblems: (count) => (count === 1 ? 'a user catalog was ignored (see Problems)' : `${count} user catalog problems (see Problems)`),
  userCatalogs: (count) => (count === 1 ? 'with 1 user catalog' : `with ${count} user catalogs`),
  openSettings: 'Settings',
  showOutput: 'Output',
  serverRunning: 'Celery Signals: running',
  serverStarting: 'Celery Signals: starting',
  serverStopped: 'Celery Signals: stopped',
  serverOff: 'Celery Signals: off (celerySignals.enable)',
};

const simplifiedChinese: StatusMessages = {
  versionItemName: 'Celery Signals：Celery 版本',
  serverItemName: 'Celery Signals：语言服务器',
  celeryVersion: (version) => `Celery ${version}`,
  fromSetting: '由 celerySignals.celeryVersion 设置',
  fromCatalog: '未设置版本：使用目录中最新的版本',
  fromProject: (where, specifier, lowestOfRange, locked) =>
    locked ? `锁定于 ${where}` : lowestOfRange ? `${specifier} 允许的最低版本（${where}）` : `固定于 ${where}`,
  versionFileProblems: (count) => `${count} 个版本文件无法读取（见“输出”面板）`,
  catalogProblems: (count) => (count === 1 ? '一个用户目录被忽略（见“问题”面板）' : `${count} 个用户目录问题（见“问题”面板）`),
  userCatalogs: (count) => `使用 ${count} 个用户目录`,
  openSettings: '设置',
  showOutput: '输出',
  serverRunning: 'Celery Signals：运行中',
  serverStarting: 'Celery Signals：正在启动',
  serverStopped: 'Celery Signals：已停止',
  serverOff: 'Celery Signals：已关闭（celerySignals.enable）',
};

const byLanguage: Record<UiLanguage, StatusMessages> = { en: english, 'zh-cn': simplifiedChinese };

export function statusMessagesFor(language: UiLanguage): StatusMessages {
  return byLanguage[language];
}
