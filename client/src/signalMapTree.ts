/**
 * The signal map's tree, shaped from the server's answer without the `vscode` module (so it can be
 * tested on its own): a life, its signals in the order Celery sends them, each signal's receivers.
 */
import type { Range, SignalMapResult } from '../../shared/protocol';
import type { Messages } from './messages';

export interface MapNode {
  /** Stable across refreshes, so the tree keeps what the user expanded. */
  id: string;
  kind: 'life' | 'signal' | 'receiver';
  label: string;
  description?: string;
  tooltip?: string;
  children: MapNode[];
  /** Where a click on a receiver goes. */
  target?: { uri: string; range: Range };
}

export function signalMapNodes(result: SignalMapResult, messages: Messages): MapNode[] {
  return result.lives.map((life) => ({
    id: life.id,
    kind: 'life',
    label: life.label,
    children: life.signals.map((signal) => ({
      id: `${life.id}/${signal.name}`,
      kind: 'signal',
      label: signal.step ? `${signal.step}. ${signal.name}` : signal.name,
      description: signal.runsIn,
      tooltip: [signal.summary, signal.runsIn && messages.receiversRunIn(signal.runsIn)].filter(Boolean).join('\n'),
      children: signal.receivers.map((receiver, i) => ({
        // The same function may be listed twice (two sender filters): the position in the list tells them apart.
        id: `${life.id}/${signal.name}/${i}/${receiver.uri}#${receiver.range.start.line}:${receiver.range.start.character}`,
        kind: 'receiver',
        label: receiver.name,
        description: receiver.sender ? `${receiver.container} · sender=${receiver.sender}` : receiver.container,
        tooltip: `${receiver.uri}:${receiver.range.start.line + 1}`,
        children: [],
        target: { uri: receiver.uri, range: receiver.range },
      })),
    })),
  }));
}
