/** A code lens over each receiver: its signal, its sender filter and the process it runs in. */
import type { DocsLanguage, LocalizedText } from '../../catalog/types';
import { lifePlaceOf, PROCESS_LABELS } from '../../catalog/lifeOrder';
import { localize } from '../hoverLocale';
import type { FileLocation, NavigableFile } from './projectFiles';
import { locationIn } from './projectFiles';
import { receiverName, senderFilterOf } from './receivers';

export interface ReceiverLens {
  location: FileLocation;
  title: string;
}

const words = {
  anySender: { en: 'any sender', 'zh-cn': '任意 sender' },
  runsIn: { en: 'runs in {0}', 'zh-cn': '运行于{0}' },
} satisfies Record<string, LocalizedText>;

export function receiverLenses(file: NavigableFile, language: DocsLanguage): ReceiverLens[] {
  const lenses: ReceiverLens[] = [];
  for (const site of file.model.sites) {
    const signal = site.connection.signal;
    if (signal.resolution !== 'catalog') continue;
    const sender = senderFilterOf(site);
    const parts = [`${signal.name} → ${receiverName(site)}`, sender ? `sender=${sender}` : localize(words.anySender, language)];
    const place = lifePlaceOf(signal.name);
    if (place) parts.push(localize(words.runsIn, language).replace('{0}', localize(PROCESS_LABELS[place.runsIn], language)));
    lenses.push({ location: locationIn(file, site.connection.span), title: parts.join(' · ') });
  }
  return lenses;
}
