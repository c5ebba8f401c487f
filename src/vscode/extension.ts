/**
 * The VS Code extension: a client of the incident-report language server (a Node process on
 * the desktop, a Web Worker on the web) plus the UI the protocol has no words for: the
 * Incidents view, quick picks and input boxes, and rule pages that open offline.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { ProblemNotification, ServerCommands, ValidatedNotification, type CreateEvidenceParams, type ProblemParams, type TemplateInfoResult, type ValidatedParams } from '../server/protocol';
import { addTimelineEvent, type TimelineEventArgs } from './commands/addTimelineEvent';
import { createEvidenceFile, fillEvidencePath, fixAll, insertTimestamp } from './commands/evidence';
import { newIncident, type NewIncidentArgs } from './commands/newIncident';
import { openRuleDocs, ruleDocsUri } from './commands/ruleDocs';
import { serveFileSystem } from './fileSystem';
import { IncidentIndex } from './incidents/incidentIndex';
import { registerIncidentsView, type IncidentElement, type IncidentsTreeProvider } from './incidents/incidentsView';
import { templateInfo } from './server';
import { createLanguageClient } from './serverProcess';

/** What activate() hands to tests and other extensions. */
export interface IncidentReportApi {
  readonly client: BaseLanguageClient;
  /** Fires after the server published diagnostics for a document and VS Code shows them. */
  readonly onDidValidate: vscode.Event<vscode.Uri>;
  readonly index: IncidentIndex;
  readonly incidentsView: vscode.TreeView<IncidentElement>;
  readonly incidentsProvider: IncidentsTreeProvider;
  /** What the server read of a folder's template (its levels, its rules, the team template's file). */
  templateInfo(folder?: vscode.Uri): Promise<TemplateInfoResult>;
  /** Settles once the server is running and its first scan is indexed. */
  readonly ready: Promise<void>;
}

const CREATE_EVIDENCE_COMMAND = 'incidentReport.createEvidenceFile';

/** Files the server must hear about: reports, config files, team templates, evidence. */
const WATCHED = ['**/*.md', '**/{.incident-report.json,.incident-report.yaml,.incident-report.yml,.incident}', '**/evidence', '**/evidence/**'];

export async function activate(context: vscode.ExtensionContext): Promise<IncidentReportApi> {
  const log = vscode.window.createOutputChannel('Incident Report', { log: true });
  const validated = new vscode.EventEmitter<vscode.Uri>();
  const shown = new Set<string>();
  const watchers = WATCHED.map((glob) => vscode.workspace.createFileSystemWatcher(glob));
  const options: LanguageClientOptions = {
    documentSelector: [{ language: 'markdown' }],
    diagnosticCollectionName: 'incident-report',
    outputChannel: log,
    initializationOptions: { fileSystem: 'client' },
    synchronize: { configurationSection: 'incidentReport', fileEvents: watchers },
    middleware: {
      // Rule pages ship with the extension: the Problems panel links to them, offline.
      handleDiagnostics(uri, diagnostics, next) {
        for (const diagnostic of diagnostics) {
          const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
          if (typeof code === 'string') diagnostic.code = { value: code, target: ruleDocsUri(context.extensionUri, code) };
        }
        next(uri, diagnostics);
      },
      // "… and create the file" runs through the UI command, which opens what it created and says why it refused.
      async provideCodeActions(document, range, context, token, next) {
        const actions = (await next(document, range, context, token)) ?? [];
        for (const action of actions) {
          const command = 'command' in action && typeof action.command === 'object' ? action.command : undefined;
          if (command?.command !== ServerCommands.createEvidenceFile) continue;
          const params = command.arguments?.[0] as CreateEvidenceParams;
          command.command = CREATE_EVIDENCE_COMMAND;
          command.arguments = [params.folder, params.path];
        }
        return actions;
      },
    },
  };
  const client = createLanguageClient(context.extensionUri, options);
  const index = new IncidentIndex(client);
  const incidents = registerIncidentsView(index, context.workspaceState);

  context.subscriptions.push(
    log,
    validated,
    ...watchers,
    serveFileSystem(client),
    client.onNotification(ValidatedNotification, (params: ValidatedParams) => validated.fire(vscode.Uri.parse(params.uri))),
    client.onNotification(ProblemNotification, ({ message }: ProblemParams) => {
      log.warn(message);
      if (shown.has(message)) return;
      shown.add(message);
      void vscode.window.showWarningMessage(message);
    }),
    index,
    incidents.disposable,
    vscode.commands.registerCommand('incidentReport.newIncident', (args?: NewIncidentArgs) => newIncident(client, args)),
    vscode.commands.registerCommand('incidentReport.addTimelineEvent', (args?: TimelineEventArgs | vscode.Uri | IncidentElement) => addTimelineEvent(client, timelineArgs(args))),
    vscode.commands.registerCommand('incidentReport.insertTimestamp', () => insertTimestamp(client)),
    vscode.commands.registerCommand('incidentReport.fillEvidencePath', (args?: { create?: boolean }) => fillEvidencePath(client, args)),
    vscode.commands.registerCommand('incidentReport.fixAll', () => fixAll(client)),
    vscode.commands.registerCommand(CREATE_EVIDENCE_COMMAND, (folder: string, path: string) => createEvidenceFile(client, { folder, path })),
    vscode.commands.registerCommand('incidentReport.openRuleDocs', (ruleId?: string) => openRuleDocs(context.extensionUri, client, ruleId)),
    { dispose: () => void client.stop() },
  );

  // Which host runs us (Node, or VS Code for the Web's worker) matters when reading a bug report.
  log.info(`Incident Report activated in the ${typeof process === 'undefined' ? 'web worker' : 'Node'} extension host (VS Code ${vscode.version}).`);
  const ready = client.start().then(() => index.ready());
  ready.catch((error: unknown) => log.error(`The Incident Report language server did not start: ${(error as Error)?.stack ?? String(error)}`));
  return { client, onDidValidate: validated.event, index, incidentsView: incidents.view, incidentsProvider: incidents.provider, templateInfo: (folder) => templateInfo(client, folder ?? vscode.workspace.workspaceFolders?.[0]?.uri), ready };
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
