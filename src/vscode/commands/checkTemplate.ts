import * as vscode from 'vscode';
import { TemplateCheckRequest, type TemplateCheckResult } from '../../server/protocol';
import type { ServerConnection } from '../serverConnection';
import { reasonOf } from '../server';

/**
 * Incident: Check Template: what the tool understood of the template of the active file's
 * folder (the first folder without one), the same text as `incident-report template check`,
 * in an output channel of its own. The problems are also diagnostics on the template file.
 */
export async function checkTemplate(client: ServerConnection, channel: () => vscode.OutputChannel): Promise<TemplateCheckResult | undefined> {
  const target = vscode.window.activeTextEditor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  let result: TemplateCheckResult;
  try {
    result = await client.sendRequest<TemplateCheckResult>(TemplateCheckRequest, { uri: target?.toString() });
  } catch (error) {
    void vscode.window.showErrorMessage(`Check Template failed: ${reasonOf(error)}`);
    return undefined;
  }
  const output = channel();
  output.clear();
  output.appendLine(result.text);
  output.show(true);
  return result;
}
