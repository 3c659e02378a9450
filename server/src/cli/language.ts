/** The CLI's language: --lang, else the POSIX locale variables in their order of precedence. */
import type { DocsLanguage } from '../catalog/types';

/** Accepts en, zh-cn and the spellings locales use (zh_CN, zh-Hans, zh_CN.UTF-8). */
export function parseLanguage(value: string): DocsLanguage | undefined {
  if (/^en([-_.@]|$)/i.test(value) || value === 'C' || value === 'POSIX') return 'en';
  if (/^zh([-_.@]|$)/i.test(value)) return 'zh-cn';
  return undefined;
}

export function languageFromEnvironment(env: NodeJS.ProcessEnv): DocsLanguage {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return parseLanguage(locale) ?? 'en';
}
