/**
 * A rule's user-facing texts, English and Simplified Chinese side by side, kept in the rule's file.
 * `messageTable({ name: { en: (a) => ..., 'zh-cn': (a) => ... } })` gives `messages.name(args)`, a
 * Translated text the checker splits into the finding's English message and its translations.
 */
import type { Translated } from '../../diagnostics';

type Phrase<A extends unknown[]> = { en: (...args: A) => string; 'zh-cn': (...args: A) => string };
type Table = Record<string, Phrase<any[]>>;
export type MessageTable<T extends Table> = { [K in keyof T]: (...args: Parameters<T[K]['en']>) => Translated };

/** Every table made, so a test can check that each phrase has both languages and keeps every argument. */
export const allMessageTables: { owner: string; table: Table }[] = [];

export function messageTable<T extends Table>(owner: string, table: T): MessageTable<T> {
  allMessageTables.push({ owner, table });
  const out = {} as Record<string, (...args: unknown[]) => Translated>;
  for (const [name, phrase] of Object.entries(table)) out[name] = (...args) => ({ en: phrase.en(...args), 'zh-cn': phrase['zh-cn'](...args) });
  return out as MessageTable<T>;
}

/** Spaces a Latin word (`None`, a name) off the Chinese around it, as Chinese typesetting does. */
export function spaced(text: string): string {
  return `${/^[\x21-\x7e]/.test(text) ? ' ' : ''}${text}${/[\x21-\x7e]$/.test(text) ? ' ' : ''}`;
}
