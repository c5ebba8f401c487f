import * as vscode from 'vscode';
import { registerCodeActions } from './codeActions';
import { fixAll, insertTimestamp } from './commands/editing';
import { createEvidenceFile, fillEvidencePath } from './commands/evidence';
import { newIncident, type NewIncidentArgs } from './commands/newIncident';
import { openRuleDocs, ruleDocsUri } from './commands/ruleDocs';
import { ConfigurationService } from './configuration';
import { DiagnosticsManager } from './diagnostics';
import { EvidenceExistenceCache } from './evidenceCache';
import { addTimelineEvent, type TimelineEventArgs } from './commands/addTimelineEvent';
import { IncidentIndex } from './incidents/incidentIndex';
import { registerIncidentsView, type IncidentElement, type IncidentsTreeProvider } from './incidents/incidentsView';

/** What activate() hands to tests and other extensions. */
export interface IncidentReportApi {
  readonly diagnostics: DiagnosticsManager;
  readonly configuration: ConfigurationService;
  readonly index: IncidentIndex;
  readonly incidentsView: vscode.TreeView<IncidentElement>;
  readonly incidentsProvider: IncidentsTreeProvider;
  /** Settles once the configuration is read (and the core loaded) and validation has started. */
  readonly ready: Promise<void>;
}

export async function activate(context: vscode.ExtensionContext): Promise<IncidentReportApi> {
  const now = (): Date => new Date();
  const log = vscode.window.createOutputChannel('Incident Report', { log: true });
  const configuration = new ConfigurationService(log);
  const evidence = new EvidenceExistenceCache();
  const docsTarget = (ruleId: string): vscode.Uri => ruleDocsUri(context.extensionUri, ruleId);
  // Commands read the folder's settings and template: right after activation they wait for them.
  const whenReady =
    <A extends unknown[], R>(run: (...args: A) => R) =>
    async (...args: A): Promise<Awaited<R>> => {
      await configuration.ready();
      return await run(...args);
    };
  const diagnostics = new DiagnosticsManager(configuration, evidence, docsTarget, log);
  const index = new IncidentIndex(configuration, () => now().toISOString().slice(0, 10), log);
  const incidents = registerIncidentsView(index, context.workspaceState);

  context.subscriptions.push(
    log,
    configuration,
    evidence,
    diagnostics,
    index,
    incidents.disposable,
    registerCodeActions(diagnostics, configuration, now),
    vscode.commands.registerCommand('incidentReport.addTimelineEvent', whenReady((args?: TimelineEventArgs | vscode.Uri | IncidentElement) => addTimelineEvent(configuration, now, timelineArgs(args)))),
    vscode.commands.registerCommand('incidentReport.newIncident', (args?: NewIncidentArgs) => newIncident(configuration, now, args)),
    vscode.commands.registerCommand('incidentReport.insertTimestamp', whenReady(() => insertTimestamp(configuration, now))),
    vscode.commands.registerCommand('incidentReport.fillEvidencePath', whenReady((args?: { create?: boolean }) => fillEvidencePath(configuration, now, args))),
    vscode.commands.registerCommand('incidentReport.createEvidenceFile', whenReady((folderUri: string | undefined, path: string) => createEvidenceFile(configuration, folderUri, path))),
    vscode.commands.registerCommand('incidentReport.fixAll', whenReady(() => fixAll(configuration, now))),
    vscode.commands.registerCommand('incidentReport.openRuleDocs', whenReady((ruleId?: string) => openRuleDocs(context.extensionUri, configuration, ruleId))),
  );

  // Which host runs us (Node, or VS Code for the Web's worker) matters when reading a bug report.
  log.info(`Incident Report activated in the ${typeof process === 'undefined' ? 'web worker' : 'Node'} extension host (VS Code ${vscode.version}).`);
  // Reading the configuration loads the core (dist/core.js): after activation returns, so
  // that activating stays a matter of registrations. Validation waits for it.
  const ready = configuration.reload(true).then(() => {
    void diagnostics.start();
    void index.ready();
  });
  return { ready, diagnostics, configuration, index, incidentsView: incidents.view, incidentsProvider: incidents.provider };
}

/** The command is called from the palette (nothing), an editor menu (a Uri) or the view (an element). */
function timelineArgs(args: TimelineEventArgs | vscode.Uri | IncidentElement | undefined): TimelineEventArgs {
  if (args instanceof vscode.Uri) return { uri: args };
  if (args && 'kind' in args) return { uri: vscode.Uri.parse(args.key) };
  return args ?? {};
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
