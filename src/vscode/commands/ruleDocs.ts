import * as vscode from 'vscode';
import type { ServerConnection } from '../serverConnection';
import { templateInfo } from '../server';

/** Rule documentation ships inside the extension: it opens offline, in the Markdown preview. */
export function ruleDocsUri(extensionUri: vscode.Uri, ruleId: string): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'docs', 'rules', `${ruleId}.md`);
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
