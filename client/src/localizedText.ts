import type { LocalizedText } from '../../server/src/catalog/types';
import type { UiLanguage } from './messages';

/** The catalog text in the UI language; English while a translation is still missing. */
export function localized(text: LocalizedText, ui: UiLanguage): string {
  const translated = text[ui]?.trim();
  return translated && translated !== 'TODO' ? translated : text.en;
}
