/**
 * The client's own UI strings in every language we ship. A plain table keyed by VS Code's display
 * language keeps them testable without the `vscode` module (the manifest's strings live in
 * package.nls*.json instead).
 */
export type UiLanguage = 'en' | 'zh-cn';

export interface Messages {
  pickSignalPlaceholder: string;
  deprecatedSignal: (replacement?: string) => string;
  noActiveEditor: string;
  unsupportedLanguage: (languageId: string) => string;
  unknownSignal: (name: string) => string;
  serverRestarting: string;
  serverRestarted: string;
  serverDisabled: string;
  restartFailed: (reason: string) => string;
  serverNotRunning: string;
  receiversRunIn: (process: string) => string;
  openReceiver: string;
}

const english: Messages = {
  pickSignalPlaceholder: 'Choose the Celery signal to handle',
  deprecatedSignal: (replacement) => (replacement ? `deprecated, use ${replacement}` : 'deprecated'),
  noActiveEditor: 'Open a Python or TypeScript file first: the handler goes into the active editor.',
  unsupportedLanguage: (languageId) => `Celery Signals cannot write handlers in ${languageId} files (only Python, TypeScript and JavaScript).`,
  unknownSignal: (name) => `"${name}" is not a signal Celery Signals knows.`,
  serverRestarting: 'Restarting the Celery Signals language server…',
  serverRestarted: 'The Celery Signals language server was restarted.',
  serverDisabled: 'Celery Signals is turned off (celerySignals.enable), so there is no server to restart.',
  restartFailed: (reason) => `The Celery Signals language server did not restart: ${reason}`,
  serverNotRunning: 'The Celery Signals language server is not running (see celerySignals.enable), so it cannot write the handler.',
  receiversRunIn: (process) => `Receivers run in ${process}.`,
  openReceiver: 'Open the receiver',
};

const simplifiedChinese: Messages = {
  pickSignalPlaceholder: '选择要处理的 Celery 信号',
  deprecatedSignal: (replacement) => (replacement ? `已弃用，请改用 ${replacement}` : '已弃用'),
  noActiveEditor: '请先打开一个 Python 或 TypeScript 文件：处理函数会插入到当前编辑器中。',
  unsupportedLanguage: (languageId) => `Celery Signals 无法在 ${languageId} 文件中生成处理函数（仅支持 Python、TypeScript 和 JavaScript）。`,
  unknownSignal: (name) => `Celery Signals 不认识信号“${name}”。`,
  serverRestarting: '正在重启 Celery Signals 语言服务器…',
  serverRestarted: 'Celery Signals 语言服务器已重启。',
  serverDisabled: 'Celery Signals 已关闭（celerySignals.enable），没有可重启的服务器。',
  restartFailed: (reason) => `Celery Signals 语言服务器重启失败：${reason}`,
  serverNotRunning: 'Celery Signals 语言服务器未运行（参见 celerySignals.enable），无法生成处理函数。',
  receiversRunIn: (process) => `接收函数运行于${process}。`,
  openReceiver: '打开接收函数',
};

const byLanguage: Record<UiLanguage, Messages> = { en: english, 'zh-cn': simplifiedChinese };

/** Maps VS Code's `env.language` (`zh-cn`, `zh-CN`, `zh-hans`, `en-us`…) to a language we ship. */
export function uiLanguageOf(vscodeLanguage: string | undefined): UiLanguage {
  const tag = (vscodeLanguage ?? 'en').toLowerCase();
  return tag === 'zh-cn' || tag === 'zh-hans' || tag === 'zh-sg' || tag === 'zh' ? 'zh-cn' : 'en';
}

export function messagesFor(language: UiLanguage): Messages {
  return byLanguage[language];
}

/** Every message table, for tests that check none is missing or empty. */
export const allMessageTables: Readonly<Record<UiLanguage, Messages>> = byLanguage;
