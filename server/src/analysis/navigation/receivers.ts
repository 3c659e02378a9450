/** The project's receivers of known signals, as navigation shows them: name, sender filter, where. */
import type { HandlerKind, HandlerSite, Span } from '../model';
import { locationIn, type FileLocation, type NavigableFile } from './projectFiles';

export interface ProjectReceiver {
  site: HandlerSite;
  /** The catalog key of its signal. */
  signal: string;
  /** The function's name, or the receiver as written (`self.on_event`, `lambda`). */
  name: string;
  /** The `sender=` filter as written, when there is one. */
  sender?: string;
  /** The receiver's definition when the file has it, else the receiver in the connect. */
  location: FileLocation;
}

/** Longer receivers as written (a factory call over several lines) are cut to this many characters. */
const MAX_WRITTEN_NAME = 48;

/** What an inline receiver without a name is called. */
const unnamed: Partial<Record<HandlerKind, string>> = { lambda: 'lambda', arrow: 'arrow function', 'function-expression': 'function' };

export function receiverName(site: HandlerSite): string {
  if (site.handler?.name) return site.handler.name;
  const inline = site.handler && unnamed[site.handler.kind];
  if (inline) return inline;
  if (!site.receiverWritten) return site.receiverKind ?? '?';
  const compact = site.receiverWritten.replace(/\s+/g, ' ').replace(/([([{]) /g, '$1').replace(/,? ([)\]}])/g, '$1');
  return compact.length > MAX_WRITTEN_NAME ? `${compact.slice(0, MAX_WRITTEN_NAME - 1)}…` : compact;
}

export function senderFilterOf(site: HandlerSite): string | undefined {
  const sender = site.connection.arguments.find((a) => a.keyword === 'sender');
  if (!sender) return undefined;
  if (sender.written) return sender.written;
  const value = sender.value;
  switch (value.kind) {
    case 'string':
      return JSON.stringify(value.value);
    case 'name':
      return value.name;
    case 'none':
      return 'None';
    case 'bool':
      return value.value ? 'True' : 'False';
    case 'other':
      return value.text;
    default:
      return value.kind;
  }
}

function receiverSpan(site: HandlerSite): Span {
  return site.handler?.nameSpan ?? site.receiverSpan ?? site.connection.span;
}

interface FileReceivers {
  uri: string;
  /** One per connect of a catalog signal, in text order. */
  all: ProjectReceiver[];
  /**
   * Receivers as Celery registers them: connecting one function twice with the same sender filter
   * (from two set-up functions, say) registers it once, so it is listed once.
   */
  distinct: ProjectReceiver[];
}

/** A file's facts do not change while its model lives, so its receivers are worked out once per model. */
const receiversByModel = new WeakMap<NavigableFile['model'], FileReceivers>();

/** The receivers of catalog signals in one file. */
export function receiversIn(file: NavigableFile): FileReceivers {
  const cached = receiversByModel.get(file.model);
  if (cached?.uri === file.uri) return cached;
  const all: ProjectReceiver[] = [];
  for (const site of file.model.sites) {
    const signal = site.connection.signal;
    if (signal.resolution !== 'catalog') continue;
    all.push({ site, signal: signal.name, name: receiverName(site), sender: senderFilterOf(site), location: locationIn(file, receiverSpan(site)) });
  }
  const seen = new Set<string>();
  const distinct = all.filter((receiver) => {
    const { start } = receiver.location.range;
    const key = `${receiver.signal}\u0000${start.line}:${start.character}\u0000${receiver.sender ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const entry = { uri: file.uri, all, distinct };
  receiversByModel.set(file.model, entry);
  return entry;
}
