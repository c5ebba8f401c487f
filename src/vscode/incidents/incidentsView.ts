import * as vscode from 'vscode';
import type { ReportSummary } from '../../core';
import { DIAGNOSTIC_SOURCE } from '../convert';
import type { IncidentIndex } from './incidentIndex';

export const VIEW_ID = 'incidentReport.incidents';
export const REVEAL_COMMAND = 'incidentReport.revealLine';
const SHOW_ALL_KEY = 'incidentReport.showAll';

/** Tree elements are plain data; TreeItems are built only in getTreeItem. */
export type IncidentElement =
  | { readonly kind: 'incident'; readonly key: string }
  | { readonly kind: 'row'; readonly key: string; readonly index: number }
  | { readonly kind: 'actions'; readonly key: string }
  | { readonly kind: 'action'; readonly key: string; readonly index: number };

const SEVERITY_COLOURS: readonly string[] = ['charts.red', 'charts.yellow', 'charts.green'];

export class IncidentsTreeProvider implements vscode.TreeDataProvider<IncidentElement> {
  private readonly changed = new vscode.EventEmitter<IncidentElement | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  showAll = false;

  constructor(private readonly index: IncidentIndex) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(element?: IncidentElement): IncidentElement[] {
    if (!element) {
      return this.index.all
        .filter((report) => this.showAll || report.summary.open)
        .sort((a, b) => rank(a.summary) - rank(b.summary) || (b.summary.date ?? '').localeCompare(a.summary.date ?? '') || (a.summary.id ?? '').localeCompare(b.summary.id ?? ''))
        .map((report) => ({ kind: 'incident', key: report.uri.toString() }));
    }
    const summary = this.summary(element.key);
    if (!summary) return [];
    if (element.kind === 'incident') {
      const rows: IncidentElement[] = summary.timeline.map((_, index) => ({ kind: 'row', key: element.key, index }));
      return [...rows, { kind: 'actions', key: element.key }];
    }
    if (element.kind === 'actions') return summary.actionItems.map((_, index) => ({ kind: 'action', key: element.key, index }));
    return [];
  }

  getParent(element: IncidentElement): IncidentElement | undefined {
    switch (element.kind) {
      case 'incident':
        return undefined;
      case 'row':
      case 'actions':
        return { kind: 'incident', key: element.key };
      case 'action':
        return { kind: 'actions', key: element.key };
    }
  }

  getTreeItem(element: IncidentElement): vscode.TreeItem {
    const report = this.index.get(vscode.Uri.parse(element.key));
    const uri = vscode.Uri.parse(element.key);
    if (!report) return new vscode.TreeItem('(removed)');
    const summary = report.summary;
    switch (element.kind) {
      case 'incident': {
        // The title leads (it is what people recognise); ID, status and problems follow.
        const item = new vscode.TreeItem(summary.title ?? uri.path.split('/').pop() ?? '(untitled)', vscode.TreeItemCollapsibleState.Collapsed);
        item.id = element.key;
        const problems = countProblems(uri);
        item.description = [summary.id ?? 'no ID', summary.status ?? 'no status', problemText(problems)].filter(Boolean).join(' · ');
        const level = summary.severity;
        const colour = level ? SEVERITY_COLOURS[Math.min(rank(summary), SEVERITY_COLOURS.length - 1)] : undefined;
        item.iconPath = new vscode.ThemeIcon(level ? 'flame' : 'question', colour ? new vscode.ThemeColor(colour) : undefined);
        item.tooltip = new vscode.MarkdownString(
          [
            `**${summary.id ?? 'no ID'}** ${summary.title ?? ''}`,
            `Severity: ${level?.label ?? 'not one known level'} · Status: ${summary.status ?? 'none'} · Date: ${summary.date ?? 'none'}`,
            `${plural(problems.errors, 'error')}, ${plural(problems.warnings, 'warning')}, ${plural(problems.other, 'note')}`,
          ].join('\n\n'),
        );
        item.resourceUri = uri;
        item.contextValue = summary.open ? 'incident.open' : 'incident.closed';
        item.command = reveal(uri, summary.line, 'Open report');
        return item;
      }
      case 'row': {
        const row = summary.timeline[element.index];
        if (!row) return new vscode.TreeItem('(removed)');
        const item = new vscode.TreeItem(`${row.time || '--:--'}  ${row.event}`);
        item.id = `${element.key}#row${element.index}`;
        item.description = row.actor;
        item.iconPath = new vscode.ThemeIcon('clock');
        item.tooltip = `${/^\d{2}:\d{2}(:\d{2})?$/.test(row.time) ? `${row.time} UTC` : row.time}: ${row.event}${row.actor ? ` (${row.actor})` : ''}`;
        item.command = reveal(uri, row.line, 'Go to timeline row');
        return item;
      }
      case 'actions': {
        const overdue = summary.actionItems.filter((a) => a.overdue).length;
        const item = new vscode.TreeItem('Action items', summary.actionItems.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = `${element.key}#actions`;
        item.description = `${summary.actionItems.filter((a) => a.done).length}/${summary.actionItems.length} done${overdue ? `, ${overdue} overdue` : ''}`;
        item.iconPath = new vscode.ThemeIcon('checklist');
        return item;
      }
      case 'action': {
        const action = summary.actionItems[element.index];
        if (!action) return new vscode.TreeItem('(removed)');
        const item = new vscode.TreeItem(action.action || '(no action)');
        item.id = `${element.key}#action${element.index}`;
        item.description = `${action.owner || 'no owner'} · due ${action.due || '?'} · ${action.status || 'no status'}${action.overdue ? ' · OVERDUE' : ''}`;
        item.iconPath = action.overdue ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.errorForeground')) : new vscode.ThemeIcon(action.done ? 'pass' : 'circle-large-outline');
        item.command = reveal(uri, action.line, 'Go to action item');
        return item;
      }
    }
  }

  private summary(key: string): ReportSummary | undefined {
    return this.index.get(vscode.Uri.parse(key))?.summary;
  }
}

/** Position of the severity in the template's list (most severe first); unknown last. */
function rank(summary: ReportSummary): number {
  const word = summary.severity?.word.toLowerCase();
  const order = ['critical', 'major', 'minor'];
  const index = word ? order.indexOf(word) : -1;
  return index < 0 ? order.length : index;
}

function countProblems(uri: vscode.Uri): { errors: number; warnings: number; other: number } {
  const ours = vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
  const errors = ours.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
  const warnings = ours.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length;
  return { errors, warnings, other: ours.length - errors - warnings };
}

/** Only what there is: "2 errors", "1 error, 3 warnings", or nothing. */
function problemText(problems: { errors: number; warnings: number }): string {
  return [problems.errors ? plural(problems.errors, 'error') : '', problems.warnings ? plural(problems.warnings, 'warning') : ''].filter(Boolean).join(', ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function reveal(uri: vscode.Uri, line: number, title: string): vscode.Command {
  return { title, command: REVEAL_COMMAND, arguments: [uri, line] };
}

/** Everything the view displays, as one string to compare. */
function viewSignature(index: IncidentIndex): string {
  return JSON.stringify(index.all.map((report) => [report.uri.toString(), report.summary, countProblems(report.uri)]));
}

/** The view, its commands and its live refresh, as one disposable. */
export function registerIncidentsView(index: IncidentIndex, state: vscode.Memento): { view: vscode.TreeView<IncidentElement>; provider: IncidentsTreeProvider; disposable: vscode.Disposable } {
  const provider = new IncidentsTreeProvider(index);
  provider.showAll = state.get<boolean>(SHOW_ALL_KEY, false);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  let pending: ReturnType<typeof setTimeout> | undefined;
  let shown = '';
  // Rebuilding the tree discards the commands of the rows on screen (a click then fails):
  // refresh only when something the view shows has changed.
  const refreshSoon = (): void => {
    if (pending) clearTimeout(pending);
    pending = setTimeout(() => {
      const now = viewSignature(index);
      if (now === shown) return;
      shown = now;
      provider.refresh();
    }, 50);
  };
  const setShowAll = async (value: boolean): Promise<void> => {
    provider.showAll = value;
    shown = '';
    await state.update(SHOW_ALL_KEY, value);
    await vscode.commands.executeCommand('setContext', SHOW_ALL_KEY, value);
    provider.refresh();
  };
  void vscode.commands.executeCommand('setContext', SHOW_ALL_KEY, provider.showAll);
  const disposable = vscode.Disposable.from(
    view,
    index.onDidChange(refreshSoon),
    vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((uri) => index.get(uri))) refreshSoon();
    }),
    vscode.commands.registerCommand('incidentReport.showAllIncidents', () => setShowAll(true)),
    vscode.commands.registerCommand('incidentReport.showOpenIncidents', () => setShowAll(false)),
    vscode.commands.registerCommand('incidentReport.refreshIncidents', () => index.rebuild()),
    vscode.commands.registerCommand(REVEAL_COMMAND, async (uri: vscode.Uri, line: number) => {
      const editor = await vscode.window.showTextDocument(uri, { preserveFocus: false });
      const position = new vscode.Position(Math.min(line, editor.document.lineCount - 1), 0);
      editor.selection = new vscode.Selection(position, position);
      editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      return editor;
    }),
    { dispose: () => pending && clearTimeout(pending) },
  );
  return { view, provider, disposable };
}
