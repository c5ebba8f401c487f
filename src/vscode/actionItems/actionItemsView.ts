/**
 * The Action Items view: every action item of the workspace's reports, as the language
 * server reads them (`incidentReport/actionItems`, the core's actionItemsAcross: overdue
 * first, then by due date), grouped by owner or by report. Read again when the incident
 * index changes (it listens to the server's incidentsChanged: the language client keeps one
 * handler per notification, so the views follow the index rather than register their own).
 */
import * as vscode from 'vscode';
import type { ActionItemRow } from '../../core';
import { ActionItemsRequest, type ActionItemsParams, type ActionItemsResult } from '../../server/protocol';
import { REVEAL_COMMAND } from '../incidents/incidentsView';
import type { ServerConnection } from '../serverConnection';

export const ACTION_ITEMS_VIEW_ID = 'incidentReport.actionItems';
/** Context key and memento key: how the view groups its items. */
const GROUPING_KEY = 'incidentReport.actionItemsGrouping';
export type ActionItemsGrouping = 'owner' | 'report';

export type ActionItemElement = { readonly kind: 'group'; readonly key: string } | { readonly kind: 'item'; readonly index: number };

interface Group {
  readonly key: string;
  readonly label: string;
  /** Indexes into the items, in the server's order. */
  readonly items: number[];
}

export class ActionItemsProvider implements vscode.TreeDataProvider<ActionItemElement> {
  private readonly changed = new vscode.EventEmitter<ActionItemElement | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private items: readonly ActionItemRow[] = [];
  private groups = new Map<string, Group>();
  /** The last answer as text: a refresh that changes nothing leaves the tree (and its clicks) alone. */
  private signature = '';
  private loading: Promise<void> = Promise.resolve();

  constructor(
    private readonly server: ServerConnection,
    public grouping: ActionItemsGrouping,
  ) {}

  get all(): readonly ActionItemRow[] {
    return this.items;
  }

  /** Asks the server again (one request at a time); resolves once the tree shows the answer. */
  reload(): Promise<void> {
    this.loading = this.loading.then(() => this.fetch()).catch(() => undefined);
    return this.loading;
  }

  setGrouping(grouping: ActionItemsGrouping): void {
    this.grouping = grouping;
    this.regroup();
    this.changed.fire(undefined);
  }

  private async fetch(): Promise<void> {
    // Done items too: the view is the list of follow-ups, their status in the description.
    const params: ActionItemsParams = { all: true };
    const { items } = await this.server.sendRequest<ActionItemsResult>(ActionItemsRequest, params);
    const signature = JSON.stringify(items);
    if (signature === this.signature) return;
    this.signature = signature;
    this.items = items;
    this.regroup();
    this.changed.fire(undefined);
  }

  /** Groups in order of their first item: those with an overdue item come first, as the items do. */
  private regroup(): void {
    const groups = new Map<string, Group>();
    this.items.forEach((item, index) => {
      const key = this.grouping === 'owner' ? (item.owner.trim() || '(no owner)') : item.file;
      const label = this.grouping === 'owner' ? key : [item.id, item.title].filter(Boolean).join(' ') || fileName(item.file);
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { key, label, items: [] }));
      group.items.push(index);
    });
    this.groups = groups;
  }

  getChildren(element?: ActionItemElement): ActionItemElement[] {
    if (!element) return [...this.groups.keys()].map((key) => ({ kind: 'group', key }));
    if (element.kind !== 'group') return [];
    return (this.groups.get(element.key)?.items ?? []).map((index) => ({ kind: 'item', index }));
  }

  getParent(element: ActionItemElement): ActionItemElement | undefined {
    if (element.kind === 'group') return undefined;
    const item = this.items[element.index];
    if (!item) return undefined;
    return { kind: 'group', key: this.grouping === 'owner' ? (item.owner.trim() || '(no owner)') : item.file };
  }

  getTreeItem(element: ActionItemElement): vscode.TreeItem {
    if (element.kind === 'group') {
      const group = this.groups.get(element.key);
      if (!group) return new vscode.TreeItem('(removed)');
      const rows = group.items.map((i) => this.items[i]!);
      const overdue = rows.filter((r) => r.overdue).length;
      const open = rows.filter((r) => !r.done).length;
      const item = new vscode.TreeItem(group.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `${this.grouping}:${group.key}`;
      item.description = `${open} open${overdue ? `, ${overdue} overdue` : ''} of ${rows.length}`;
      item.iconPath = new vscode.ThemeIcon(this.grouping === 'owner' ? 'person' : 'file', overdue ? new vscode.ThemeColor('list.errorForeground') : undefined);
      if (this.grouping === 'report') item.resourceUri = vscode.Uri.parse(group.key);
      return item;
    }
    const row = this.items[element.index];
    if (!row) return new vscode.TreeItem('(removed)');
    const item = new vscode.TreeItem(actionLabel(row));
    item.id = `${this.grouping}:${row.file}#${row.line}`;
    item.description = `${row.status || 'no status'}${row.overdue ? ' · overdue' : ''}`;
    item.tooltip = new vscode.MarkdownString().appendText(`${row.action}\nOwner: ${row.owner || 'none'} · Due: ${row.due || 'none'} · ${row.status || 'no status'}${row.overdue ? ' (overdue)' : ''}\n${[row.id, row.title].filter(Boolean).join(' ')}`);
    item.iconPath = row.overdue ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.errorForeground')) : new vscode.ThemeIcon(row.done ? 'pass' : 'circle-large-outline');
    item.command = { title: 'Go to action item', command: REVEAL_COMMAND, arguments: [vscode.Uri.parse(row.file), row.line] };
    return item;
  }
}

/** `action · owner · due`, what the issue asks each item to read as. */
export function actionLabel(row: ActionItemRow): string {
  return [row.action || '(no action)', row.owner || 'no owner', row.due ? `due ${row.due}` : 'no due date'].join(' · ');
}

function fileName(uri: string): string {
  return decodeURIComponent(uri.split('/').pop() ?? uri);
}

/** The view, its grouping toggle and its refresh, as one disposable. */
export function registerActionItemsView(server: ServerConnection, incidentsChanged: vscode.Event<void>, state: vscode.Memento): { view: vscode.TreeView<ActionItemElement>; provider: ActionItemsProvider; disposable: vscode.Disposable } {
  const provider = new ActionItemsProvider(server, state.get<ActionItemsGrouping>(GROUPING_KEY, 'owner'));
  const view = vscode.window.createTreeView(ACTION_ITEMS_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const group = async (grouping: ActionItemsGrouping): Promise<void> => {
    provider.setGrouping(grouping);
    await state.update(GROUPING_KEY, grouping);
    await vscode.commands.executeCommand('setContext', GROUPING_KEY, grouping);
  };
  void vscode.commands.executeCommand('setContext', GROUPING_KEY, provider.grouping);
  let pending: ReturnType<typeof setTimeout> | undefined;
  const reloadSoon = (): void => {
    if (pending) clearTimeout(pending);
    pending = setTimeout(() => void provider.reload(), 50);
  };
  const disposable = vscode.Disposable.from(
    view,
    incidentsChanged(reloadSoon),
    vscode.commands.registerCommand('incidentReport.groupActionItemsByReport', () => group('report')),
    vscode.commands.registerCommand('incidentReport.groupActionItemsByOwner', () => group('owner')),
    { dispose: () => pending && clearTimeout(pending) },
  );
  return { view, provider, disposable };
}
