/**
 * Where each signal of a catalog file is written: go to definition on one of Celery's own signals
 * opens its entry in the catalog (its keywords, sender, process and documentation, in both languages).
 */
import type { Span } from '../analysis/model';
import { nodeAt, readJson } from './jsonLocations';

/** The `name` value of every signal entry in a catalog file's text, by signal name. */
export function signalEntrySpans(text: string): Map<string, Span> {
  const spans = new Map<string, Span>();
  const read = readJson(text);
  if (!read.ok) return spans;
  const signals = (read.value as { signals?: unknown }).signals;
  if (!Array.isArray(signals)) return spans;
  signals.forEach((signal: unknown, i) => {
    const name = (signal as { name?: unknown } | null)?.name;
    const node = nodeAt(read.root, `/signals/${i}/name`);
    if (typeof name === 'string' && node) spans.set(name, { start: node.offset, end: node.offset + node.length });
  });
  return spans;
}
