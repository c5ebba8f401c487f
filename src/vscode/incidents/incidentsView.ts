import * as vscode from 'vscode';
import type { ReportDetails } from '../../core';
import { metricsLine } from '../../core/defaults';
import { DIAGNOSTIC_SOURCE } from '../../server/protocol';
import type { IncidentIndex, IndexedReport } from './incidentIndex';
import { flameSvg, severityColour, severityRank, shownSeverity } from './severityStyle';

export const VIEW_ID = 'incidentReport.incidents';
export const REVEAL_COMMAND = 'incidentReport.revealLine';
const SHOW_ALL_KEY = 'incidentReport.showAll';

/**
 * Tree elements are plain data; TreeItems are built only in getTreeItem. An incident's
 * children (timeline rows, action items) come from the index's level 2, read when the
 * incident is first expanded.
 */
export type IncidentElement =
  | { readonly kind: 'incident'; readonly key: string }
  | { readonly kind: 'metrics'; readonly key: string }
  | { readonly kind: 'row'; readonly key: string; readonly index: number }
  | { readonly kind: 'actions'; readonly key: string }
  | { readonly kind: 'action'; readonly key: string; readonly index: number };

export class IncidentsTreeProvider implements vscode.TreeDataProvider<IncidentElement> {
  private readonly changed = new vscode.EventEmitter<IncidentElement | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  showAll = false;
  /** The details each expanded incident's children were built from, since the last refresh. */
  private readonly served = new Map<string, ReportDetails>();

  constructor(private readonly index: IncidentIndex) {}

  refresh(): void {
    this.served.clear();
    this.changed.fire(undefined);
  }

  /** Whether an expanded incident's timeline or action items read differently now. */
  detailsChanged(): boolean {
    for (const [key, details] of this.served) {
      const now = this.index.detailsOf(vscode.Uri.parse(key));
      if (!now || signatureOf(now) !== signatureOf(details)) return true;
    }
    return false;
  }

  /** The incidents (synchronous); an incident's children once its details are read. */
  getChildren(): IncidentElement[];
  getChildren(element: IncidentElement | undefined): IncidentElement[] | Promise<IncidentElement[]>;
  getChildren(element?: IncidentElement): IncidentElement[] | Promise<IncidentElement[]> {
    if (!element) {
      return this.index.all
        .filter((report) => this.showAll || report.header.open)
        .sort((a, b) => severityRank(a.header) - severityRank(b.header) || (b.header.date ?? '').localeCompare(a.header.date ?? '') || (a.header.id ?? '').localeCompare(b.header.id ?? ''))
        .map((report) => ({ kind: 'incident', key: report.uri.toString() }));
    }
    if (element.kind !== 'incident' && element.kind !== 'actions') return [];
    const uri = vscode.Uri.parse(element.key);
    const children = (details: ReportDetails | undefined): IncidentElement[] => {
      if (!details) return [];
      this.served.set(element.key, details);
      if (element.kind === 'actions') return details.actionItems.map((_, index) => ({ kind: 'action', key: element.key, index }));
      const rows: IncidentElement[] = details.timeline.map((_, index) => ({ kind: 'row', key: element.key, index }));
      const metrics: IncidentElement[] = details.metrics.length > 0 ? [{ kind: 'metrics', key: element.key }] : [];
      return [...metrics, ...rows, { kind: 'actions', key: element.key }];
    };
    const details = this.index.detailsOf(uri);
    return details ? children(details) : this.index.loadDetails(uri).then(children);
  }

  getParent(element: IncidentElement): IncidentElement | undefined {
    switch (element.kind) {
      case 'incident':
        return undefined;
      case 'metrics':
      case 'row':
      case 'actions':
        return { kind: 'incident', key: element.key };
      case 'action':
        return { kind: 'actions', key: element.key };
    }
  }

  getTreeItem(element: IncidentElement): vscode.TreeItem {
    const uri = vscode.Uri.parse(element.key);
    const report = this.index.get(uri);
    if (!report) return new vscode.TreeItem('(removed)');
    const header = report.header;
    if (element.kind !== 'incident') {
      const details = this.index.detailsOf(uri);
      return details ? detailItem(element, uri, details) : new vscode.TreeItem('(removed)');
    }
    // The title leads (it is what people recognise); ID, status and problems follow.
    const item = new vscode.TreeItem(header.title ?? uri.path.split('/').pop() ?? '(untitled)', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = element.key;
    const problems = countProblems(uri);
    item.description = [header.id ?? 'no ID', header.status ?? 'no status', problemText(problems), report.toFill ? `${report.toFill} to fill` : ''].filter(Boolean).join(' · ');
    // Severity not yet narrowed to one level (an error of the severity rule): the most severe one named keeps its colour.
    const level = shownSeverity(header);
    const colour = severityColour(level);
    item.iconPath = !level
      ? new vscode.ThemeIcon('question')
      : colour && 'hex' in colour
        ? vscode.Uri.parse(flameSvg(colour.hex))
        : new vscode.ThemeIcon('flame', colour ? new vscode.ThemeColor(colour.theme) : undefined);
    const severityText = header.severity?.label ?? (header.severityCandidates ? `${header.severityCandidates.map((l) => l.label).join(' / ')} (keep one)` : 'not one known level');
    item.tooltip = new vscode.MarkdownString(
      [
        `**${header.id ?? 'no ID'}** ${header.title ?? ''}`,
        `Severity: ${severityText} · Status: ${header.status ?? 'none'} · Date: ${header.date ?? 'none'}`,
        `${plural(problems.errors, 'error')}, ${plural(problems.warnings, 'warning')}, ${plural(problems.other, 'note')}`,
      ].join('\n\n'),
    );
    item.resourceUri = uri;
    item.contextValue = header.open ? 'incident.open' : 'incident.closed';
    item.command = reveal(uri, header.line, 'Open report');
    return item;
  }
}

/** A timeline row, the Action items node or one action item of an expanded incident. */
function detailItem(element: Exclude<IncidentElement, { kind: 'incident' }>, uri: vscode.Uri, details: ReportDetails): vscode.TreeItem {
  switch (element.kind) {
    case 'metrics': {
      // The same line as the CodeLens over the timeline, computed by the same core function.
      const item = new vscode.TreeItem(metricsLine(details.metrics));
      item.id = `${element.key}#metrics`;
      item.iconPath = new vscode.ThemeIcon('pulse');
      item.tooltip = details.metrics.map((m) => `${m.label}: ${m.text}`).join('\n');
      return item;
    }
    case 'row': {
      const row = details.timeline[element.index];
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
      const overdue = details.actionItems.filter((a) => a.overdue).length;
      const item = new vscode.TreeItem('Action items', details.actionItems.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      item.id = `${element.key}#actions`;
      // The template's example rows are not items: a fresh report has none yet.
      item.description = details.actionItems.length ? `${details.actionItems.filter((a) => a.done).length}/${details.actionItems.length} done${overdue ? `, ${overdue} overdue` : ''}` : 'none yet';
      item.iconPath = new vscode.ThemeIcon('checklist');
      return item;
    }
    case 'action': {
      const action = details.actionItems[element.index];
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

/** Each report's header, and each details read, as text: computed once per version. */
const signatures = new WeakMap<IndexedReport | ReportDetails, string>();

function signatureOf(value: IndexedReport | ReportDetails): string {
  let text = signatures.get(value);
  if (text === undefined) signatures.set(value, (text = JSON.stringify('header' in value ? [value.uri.toString(), value.header, value.toFill] : value)));
  return text;
}

/** What the view displays of every incident (header and problem counts), as one string to compare. */
function viewSignature(index: IncidentIndex): string {
  const parts: string[] = [];
  for (const report of index.all) {
    const problems = countProblems(report.uri);
    parts.push(signatureOf(report), `${problems.errors},${problems.warnings},${problems.other}`);
  }
  return parts.join('\n');
}

/** The view, its commands and its live refresh, as one disposable. */
export function registerIncidentsView(index: IncidentIndex, state: vscode.Memento): { view: vscode.TreeView<IncidentElement>; provider: IncidentsTreeProvider; disposable: vscode.Disposable } {
  const provider = new IncidentsTreeProvider(index);
  provider.showAll = state.get<boolean>(SHOW_ALL_KEY, false);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  let pending: ReturnType<typeof setTimeout> | undefined;
  let shown = '';
  // Rebuilding the tree discards the commands of the rows on screen (a click then fails):
  // refresh only when something the view shows has changed (expanded incidents' rows included).
  const refreshSoon = (): void => {
    if (pending) clearTimeout(pending);
    pending = setTimeout(() => {
      const now = viewSignature(index);
      if (now === shown && !provider.detailsChanged()) return;
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
    vscode.commands.registerCommand('incidentReport.refreshIncidents', () => index.rescan()),
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
