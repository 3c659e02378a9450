/** The signal map: the project's receivers under their signals, in the order Celery sends them. */
import * as path from 'node:path';
import type { Catalog } from '../../catalog/catalog';
import { LIVES, OTHER_SIGNALS_LABEL, PROCESS_LABELS, lifePlaceOf } from '../../catalog/lifeOrder';
import type { DocsLanguage } from '../../catalog/types';
import type { SignalMapLife, SignalMapReceiver, SignalMapResult, SignalMapSignal } from '../../../../shared/protocol';
import { localize } from '../hoverLocale';
import type { NavigableFile } from './projectFiles';
import { receiversIn } from './receivers';

export function signalMap(files: Iterable<NavigableFile>, catalog: Catalog, language: DocsLanguage): SignalMapResult {
  const bySignal = new Map<string, SignalMapReceiver[]>();
  for (const file of files) {
    const receivers = receiversIn(file).distinct;
    if (receivers.length === 0) continue;
    const container = file.module ?? path.basename(file.path);
    for (const receiver of receivers) {
      let list = bySignal.get(receiver.signal);
      if (!list) bySignal.set(receiver.signal, (list = []));
      list.push({
        name: receiver.name,
        uri: receiver.location.uri,
        range: receiver.location.range,
        container,
        ...(receiver.sender ? { sender: receiver.sender } : {}),
      });
    }
  }
  const entry = (name: string, receivers: SignalMapReceiver[]): SignalMapSignal => {
    const place = lifePlaceOf(name);
    return {
      name,
      ...(place ? { step: place.step + 1, runsIn: localize(PROCESS_LABELS[place.runsIn], language) } : {}),
      summary: localize(catalog.get(name)?.summary, language),
      receivers,
    };
  };
  const lives: SignalMapLife[] = [];
  for (const life of LIVES) {
    const signals = life.steps.flatMap((s) => s.signals.filter((name) => bySignal.has(name)).map((name) => entry(name, bySignal.get(name)!)));
    if (signals.length) lives.push({ id: life.id, label: localize(life.label, language), signals });
  }
  const others = [...bySignal.keys()].filter((name) => !lifePlaceOf(name)).sort();
  if (others.length) lives.push({ id: 'other', label: localize(OTHER_SIGNALS_LABEL, language), signals: others.map((name) => entry(name, bySignal.get(name)!)) });
  return { lives };
}
