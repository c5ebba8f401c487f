/**
 * Incident: Export to HTML: the CLI's export (src/core/reportHtml.ts, answered by the language
 * server from the editor's text) saved where the user says. The save dialog is what confirms
 * replacing a file; the file is written beside its place, then renamed over it.
 */
import * as vscode from 'vscode';
import { ExportHtmlRequest, type ExportHtmlParams, type ExportHtmlResult } from '../../server/protocol';
import type { ServerConnection } from '../serverConnection';

export interface ExportHtmlArgs {
  /** The report; the active editor's when absent. */
  readonly uri?: vscode.Uri;
  /** Where to write, skipping the dialog (tests, other extensions); an existing file is never replaced this way. */
  readonly target?: vscode.Uri;
}

/** The URI written, or undefined when cancelled or refused (with a message). */
export async function exportHtml(server: ServerConnection, args: ExportHtmlArgs = {}): Promise<vscode.Uri | undefined> {
  const uri = args.uri ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri) {
    void vscode.window.showWarningMessage('Export to HTML: open an incident report first.');
    return undefined;
  }
  const params: ExportHtmlParams = { uri: uri.toString() };
  const result = await server.sendRequest<ExportHtmlResult>(ExportHtmlRequest, params);
  if (result.html === undefined) {
    void vscode.window.showWarningMessage(`Export to HTML: ${result.reason}`);
    return undefined;
  }
  let target = args.target;
  if (target) {
    if (await exists(target)) {
      void vscode.window.showWarningMessage(`Export to HTML: ${target.path.split('/').pop()} exists; choose it in the save dialog to replace it.`);
      return undefined;
    }
  } else {
    target = await vscode.window.showSaveDialog({ defaultUri: htmlBeside(uri), filters: { HTML: ['html', 'htm'] }, saveLabel: 'Export', title: 'Export Incident Report to HTML' });
    if (!target) return undefined;
  }
  try {
    await writeAtomically(target, result.html);
  } catch (error) {
    void vscode.window.showErrorMessage(`Export to HTML: cannot write ${target.path.split('/').pop()}: ${(error as Error).message}`);
    return undefined;
  }
  void vscode.window.showInformationMessage(`Exported to ${vscode.workspace.asRelativePath(target)}.`, 'Open').then((choice) => {
    if (choice === 'Open') void vscode.env.openExternal(target);
  });
  return target;
}

/** `report.md` → `report.html` in the same folder (an untitled report: the first workspace folder). */
function htmlBeside(uri: vscode.Uri): vscode.Uri | undefined {
  if (uri.scheme === 'untitled') return vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = uri.path.split('/').pop() ?? 'report.md';
  return vscode.Uri.joinPath(uri, '..', `${name.replace(/\.(md|markdown)$/i, '')}.html`);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** A temporary file beside the target, then renamed into place: a reader never sees half a file. */
async function writeAtomically(target: vscode.Uri, text: string): Promise<void> {
  const name = target.path.split('/').pop()!;
  const temporary = vscode.Uri.joinPath(target, '..', `.${name}.${Date.now().toString(36)}.tmp`);
  await vscode.workspace.fs.writeFile(temporary, new TextEncoder().encode(text));
  try {
    await vscode.workspace.fs.rename(temporary, target, { overwrite: true });
  } catch (error) {
    await vscode.workspace.fs.delete(temporary).then(undefined, () => undefined);
    throw error;
  }
}
