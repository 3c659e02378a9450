/**
 * The signal map view (Explorer → Celery Signal Map): asks the server for celerySignals/signalMap and
 * shows its answer; a receiver opens where it is defined. The map is asked for again when the view
 * becomes visible, when the server says the project changed (after a pause) and on the refresh button.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SIGNAL_MAP_REQUEST, type SignalMapParams, type SignalMapResult } from '../../shared/protocol';
import type { Messages } from './messages';
import { signalMapNodes, type MapNode } from './signalMapTree';

export const SIGNAL_MAP_VIEW = 'celerySignals.signalMap';
const REFRESH_PAUSE_MS = 800;

const icons: Record<MapNode['kind'], string> = { life: 'history', signal: 'symbol-event', receiver: 'symbol-function' };

export class SignalMapProvider implements vscode.TreeDataProvider<MapNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private pending: NodeJS.Timeout | undefined;

  /** Set once the view exists. */
  visible: () => boolean = () => false;

  constructor(
    private readonly clientOf: () => LanguageClient | undefined,
    private readonly messages: Messages,
  ) {}

  refresh(): void {
    this.changed.fire();
  }

  /** Several quick changes ask once, after they pause; nothing is asked while the view is hidden. */
  refreshSoon(): void {
    if (!this.visible()) return;
    if (this.pending) clearTimeout(this.pending);
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.refresh();
    }, REFRESH_PAUSE_MS);
  }

  async getChildren(node?: MapNode): Promise<MapNode[]> {
    if (node) return node.children;
    const client = this.clientOf();
    if (!client?.isRunning()) return [];
    const params: SignalMapParams = {};
    try {
      return signalMapNodes(await client.sendRequest<SignalMapResult>(SIGNAL_MAP_REQUEST, params), this.messages);
    } catch {
      // The server stopped or restarts: the view shows its empty state until the next refresh.
      return [];
    }
  }

  getTreeItem(node: MapNode): vscode.TreeItem {
    const collapsed = node.children.length ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(node.label, collapsed);
    item.id = node.id;
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.iconPath = new vscode.ThemeIcon(icons[node.kind]);
    if (node.target) {
      const { start, end } = node.target.range;
      const selection = new vscode.Range(start.line, start.character, end.line, end.character);
      item.command = { command: 'vscode.open', title: this.messages.openReceiver, arguments: [vscode.Uri.parse(node.target.uri), { selection }] };
    }
    return item;
  }

  dispose(): void {
    if (this.pending) clearTimeout(this.pending);
    this.changed.dispose();
  }
}

export interface RenderedNode {
  label: string;
  description?: string;
  command?: vscode.Command;
  children: RenderedNode[];
}

/** The tree as the view shows it, rows and their commands: for the extension's API (tests use it). */
export async function renderedTree(provider: SignalMapProvider, node?: MapNode): Promise<RenderedNode[]> {
  const nodes = await provider.getChildren(node);
  return Promise.all(
    nodes.map(async (n) => {
      const item = provider.getTreeItem(n);
      return { label: String(item.label), description: item.description as string | undefined, command: item.command, children: await renderedTree(provider, n) };
    }),
  );
}

/** The view and what keeps it current; the provider is returned so a new server can refresh it. */
export function registerSignalMap(context: vscode.ExtensionContext, clientOf: () => LanguageClient | undefined, messages: Messages): SignalMapProvider {
  const provider = new SignalMapProvider(clientOf, messages);
  const view = vscode.window.createTreeView(SIGNAL_MAP_VIEW, { treeDataProvider: provider, showCollapseAll: true });
  provider.visible = () => view.visible;
  context.subscriptions.push(
    provider,
    view,
    view.onDidChangeVisibility((event) => event.visible && provider.refresh()),
  );
  return provider;
}
