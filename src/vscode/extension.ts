import * as vscode from 'vscode';
import { registerCodeActions } from './codeActions';
import { fixAll, insertTimestamp } from './commands/editing';
import { newIncident, type NewIncidentArgs } from './commands/newIncident';
import { openRuleDocs, ruleDocsUri } from './commands/ruleDocs';
import { ConfigurationService } from './configuration';
import { DiagnosticsManager } from './diagnostics';
import { EvidenceExistenceCache } from './evidenceCache';

/** What activate() hands to tests and other extensions. */
export interface IncidentReportApi {
  readonly diagnostics: DiagnosticsManager;
  readonly configuration: ConfigurationService;
}

export async function activate(context: vscode.ExtensionContext): Promise<IncidentReportApi> {
  const now = (): Date => new Date();
  const log = vscode.window.createOutputChannel('Incident Report', { log: true });
  const configuration = new ConfigurationService(log);
  const evidence = new EvidenceExistenceCache();
  const docsTarget = (ruleId: string): vscode.Uri => ruleDocsUri(context.extensionUri, ruleId);
  const diagnostics = new DiagnosticsManager(configuration, evidence, docsTarget, log);

  context.subscriptions.push(
    log,
    configuration,
    evidence,
    diagnostics,
    registerCodeActions(diagnostics, configuration, now),
    vscode.commands.registerCommand('incidentReport.newIncident', (args?: NewIncidentArgs) => newIncident(configuration, now, args)),
    vscode.commands.registerCommand('incidentReport.insertTimestamp', () => insertTimestamp(configuration, now)),
    vscode.commands.registerCommand('incidentReport.fixAll', () => fixAll(configuration, now)),
    vscode.commands.registerCommand('incidentReport.openRuleDocs', (ruleId?: string) => openRuleDocs(context.extensionUri, configuration, ruleId)),
  );

  await configuration.reload();
  void diagnostics.start();
  return { diagnostics, configuration };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
