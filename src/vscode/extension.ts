/**
 * The VS Code extension: a client of the incident-report language server (a Node process on
 * the desktop, a Web Worker on the web) plus the UI the protocol has no words for: the
 * Incidents view, quick picks and input boxes, and rule pages that open offline.
 */
import * as vscode from 'vscode';
import { ProblemNotification, ValidatedNotification, type ProblemParams, type TemplateInfoResult, type ValidatedParams } from '../server/protocol';
import { addTimelineEvent, type TimelineEventArgs } from './commands/addTimelineEvent';
import { createEvidenceFile, fillEvidencePath, fixAll, insertTimestamp } from './commands/evidence';
import { newIncident, type NewIncidentArgs } from './commands/newIncident';
import { openRuleDocs } from './commands/ruleDocs';
import { checkTemplate } from './commands/checkTemplate';
import { loadClientModule } from './clientLoader';
import { registerActionItemsView, type ActionItemElement, type ActionItemsProvider } from './actionItems/actionItemsView';
import { IncidentIndex } from './incidents/incidentIndex';
import { exportHtml, type ExportHtmlArgs } from './insights/exportHtml';
import { InsightsPanel } from './insights/insightsPanel';
import { registerIncidentsView, type IncidentElement, type IncidentsTreeProvider } from './incidents/incidentsView';
import { nextToFill, registerStatusBar } from './progress';
import { setStatus, type SetStatusArgs } from './commands/setStatus';
import { registerTimelinePanels, type TimelinePanels } from './timeline/timelinePanel';
import { userName } from './userName';
import { templateInfo } from './server';
import { DeferredConnection, type ServerConnection } from './serverConnection';

/** What activate() hands to tests and other extensions. */
export interface IncidentReportApi {
  readonly server: ServerConnection;
  /** Fires after the server published diagnostics for a document and VS Code shows them. */
  readonly onDidValidate: vscode.Event<vscode.Uri>;
  readonly index: IncidentIndex;
  readonly incidentsView: vscode.TreeView<IncidentElement>;
  readonly incidentsProvider: IncidentsTreeProvider;
  readonly actionItemsView: vscode.TreeView<ActionItemElement>;
  readonly actionItemsProvider: ActionItemsProvider;
  /** The Incident Insights panel while it is open. */
  readonly insightsPanel: () => InsightsPanel | undefined;
  readonly statusBar: vscode.StatusBarItem;
  /** The Show Timeline panels. */
  readonly timeline: TimelinePanels;
  /** What the server read of a folder's template (its levels, its rules, the team template's file). */
  templateInfo(folder?: vscode.Uri): Promise<TemplateInfoResult>;
  /** Settles once the client is loaded, the server running and its first scan indexed. */
  readonly ready: Promise<void>;
}

const CREATE_EVIDENCE_COMMAND = 'incidentReport.createEvidenceFile';

export async function activate(context: vscode.ExtensionContext): Promise<IncidentReportApi> {
  const log = vscode.window.createOutputChannel('Incident Report', { log: true });
  // Check Template's output, made on its first use.
  let templateOutput: vscode.OutputChannel | undefined;
  const templateChannel = (): vscode.OutputChannel => (templateOutput ??= vscode.window.createOutputChannel('Incident Report: Template Check'));
  const validated = new vscode.EventEmitter<vscode.Uri>();
  const shown = new Set<string>();
  const server = new DeferredConnection();
  const index = new IncidentIndex(server);
  const incidents = registerIncidentsView(index, context.workspaceState);
  const statusBar = registerStatusBar(index);
  const timeline = registerTimelinePanels(context.extensionUri, server);
  const actionItems = registerActionItemsView(server, index.onDidChange, context.workspaceState);

  context.subscriptions.push(
    log,
    validated,
    server.onNotification(ValidatedNotification, (params: ValidatedParams) => validated.fire(vscode.Uri.parse(params.uri))),
    server.onNotification(ProblemNotification, ({ message }: ProblemParams) => {
      log.warn(message);
      if (shown.has(message)) return;
      shown.add(message);
      void vscode.window.showWarningMessage(message);
    }),
    index,
    incidents.disposable,
    actionItems.disposable,
    vscode.commands.registerCommand('incidentReport.showInsights', () => InsightsPanel.show(context.extensionUri, server, index.onDidChange)),
    vscode.commands.registerCommand('incidentReport.exportHtml', (args?: ExportHtmlArgs | vscode.Uri) => exportHtml(server, args instanceof vscode.Uri ? { uri: args } : args)),
    { dispose: () => InsightsPanel.shown?.dispose() },
    statusBar.disposable,
    timeline.disposable,
    vscode.commands.registerCommand('incidentReport.setStatus', (args?: SetStatusArgs | vscode.Uri | IncidentElement) =>
      setStatus(server, index, userName, args instanceof vscode.Uri ? { uri: args } : args && 'kind' in args ? { uri: vscode.Uri.parse(args.key) } : args),
    ),
    vscode.commands.registerCommand('incidentReport.nextToFill', (uri?: string | vscode.Uri, from?: { line: number; character: number }) => nextToFill(uri, from)),
    vscode.commands.registerCommand('incidentReport.newIncident', (args?: NewIncidentArgs) => newIncident(server, args, userName)),
    vscode.commands.registerCommand('incidentReport.addTimelineEvent', (args?: TimelineEventArgs | vscode.Uri | IncidentElement) => addTimelineEvent(server, timelineArgs(args))),
    vscode.commands.registerCommand('incidentReport.insertTimestamp', () => insertTimestamp(server)),
    vscode.commands.registerCommand('incidentReport.fillEvidencePath', (args?: { create?: boolean }) => fillEvidencePath(server, args)),
    vscode.commands.registerCommand('incidentReport.fixAll', () => fixAll(server)),
    vscode.commands.registerCommand(CREATE_EVIDENCE_COMMAND, (folder: string, path: string) => createEvidenceFile(server, { folder, path })),
    vscode.commands.registerCommand('incidentReport.openRuleDocs', (ruleId?: string) => openRuleDocs(context.extensionUri, server, ruleId)),
    vscode.commands.registerCommand('incidentReport.checkTemplate', () => checkTemplate(server, templateChannel)),
    { dispose: () => templateOutput?.dispose() },
  );

  // Which host runs us (Node, or VS Code for the Web's worker) matters when reading a bug report.
  log.info(`Incident Report activated in the ${typeof process === 'undefined' ? 'web worker' : 'Node'} extension host (VS Code ${vscode.version}).`);
  // The language client is loaded after activation returns: activating stays a matter of registrations.
  const ready = new Promise<void>((resolve) => setTimeout(resolve, 0))
    .then(async () => {
      const { client, disposable } = loadClientModule().createClient(context.extensionUri, log);
      context.subscriptions.push(disposable);
      server.attach(client);
      await client.start();
      await index.ready();
      await actionItems.provider.reload();
    })
    .catch((error: unknown) => {
      server.fail(error);
      log.error(`The Incident Report language server did not start: ${(error as Error)?.stack ?? String(error)}`);
      throw error;
    });
  ready.catch(() => undefined);
  return { server, onDidValidate: validated.event, index, incidentsView: incidents.view, incidentsProvider: incidents.provider, actionItemsView: actionItems.view, actionItemsProvider: actionItems.provider, insightsPanel: () => InsightsPanel.shown, statusBar: statusBar.item, timeline: timeline.panels, templateInfo: (folder) => templateInfo(server, folder ?? vscode.workspace.workspaceFolders?.[0]?.uri), ready };
}

/** The command is called from the palette (nothing), an editor menu (a Uri) or the view (an element). */
function timelineArgs(args: TimelineEventArgs | vscode.Uri | IncidentElement | undefined): TimelineEventArgs {
  if (args instanceof vscode.Uri) return { uri: args };
  if (args && 'kind' in args) return { uri: vscode.Uri.parse(args.key) };
  return args ?? {};
}

export function deactivate(): void {
  // Everything, the client included, is disposed through context.subscriptions.
}
