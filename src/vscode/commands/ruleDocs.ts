import * as vscode from 'vscode';
import type { ServerConnection } from '../serverConnection';
import { templateInfo } from '../server';

/** Rule documentation ships inside the extension: it opens offline, in the Markdown preview. */
export function ruleDocsUri(extensionUri: vscode.Uri, ruleId: string): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'docs', 'rules', `${ruleId}.md`);
}

/**
 * The Problems panel's and the hover's link to a rule's page: a command link to Open Rule
 * Documentation (registered in extension.ts), so the page opens rendered and read-only, on the
 * desktop and the web alike, instead of as the bundled Markdown file in an editor.
 */
export function ruleDocsLink(ruleId: string): vscode.Uri {
  return vscode.Uri.parse(`command:incidentReport.openRuleDocs?${encodeURIComponent(JSON.stringify([ruleId]))}`);
}

export async function openRuleDocs(extensionUri: vscode.Uri, client: ServerConnection, ruleId?: string): Promise<vscode.Uri | undefined> {
  const { rules } = await templateInfo(client, vscode.window.activeTextEditor?.document.uri);
  const id =
    ruleId ??
    (await vscode.window.showQuickPick(
      rules.map((rule) => ({ label: rule.id, description: `${rule.draft} / ${rule.final}`, detail: rule.description })),
      { title: 'Open Rule Documentation', matchOnDetail: true },
    ))?.label;
  if (!id) return undefined;
  if (!rules.some((r) => r.id === id)) {
    void vscode.window.showErrorMessage(`No rule "${id}".`);
    return undefined;
  }
  const uri = ruleDocsUri(extensionUri, id);
  await vscode.commands.executeCommand('markdown.showPreview', uri);
  return uri;
}
