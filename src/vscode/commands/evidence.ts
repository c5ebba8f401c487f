import * as vscode from 'vscode';
import type { ServerConnection } from '../serverConnection';
import { ServerCommands, type CreateEvidenceParams } from '../../server/protocol';
import { reasonOf, runServerCommand } from '../server';

/**
 * Creates an evidence file the user asked for, through the server: inside a workspace folder
 * only, never through a symbolic link, never over an existing file.
 */
export async function createEvidenceFile(client: ServerConnection, params: CreateEvidenceParams): Promise<vscode.Uri | undefined> {
  try {
    const created = await runServerCommand<string | undefined>(client, ServerCommands.createEvidenceFile, params);
    if (!created) return undefined;
    const uri = vscode.Uri.parse(created);
    // Saved at once (an empty file), then opened beside the report for the pasted output.
    const document = await vscode.workspace.openTextDocument(uri);
    if (document.isDirty) await document.save();
    await vscode.window.showTextDocument(document, { preview: false });
    return uri;
  } catch (error) {
    void vscode.window.showErrorMessage(reasonOf(error));
    return undefined;
  }
}

/** Fill Evidence Path: a concrete `evidence/<INC-ID>/<name>_<timestamp>.txt` at the cursor. */
export async function fillEvidencePath(client: ServerConnection, args: { create?: boolean } = {}): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const result = await runServerCommand<{ applied: boolean; path?: string; createFile?: string; folder?: string; reason?: string }>(client, ServerCommands.fillEvidencePath, {
    uri: editor.document.uri.toString(),
    position: editor.selection.active,
  });
  if (!result.applied) {
    if (result.reason) void vscode.window.showWarningMessage(result.reason);
    return undefined;
  }
  const { createFile, folder } = result;
  if (createFile && folder) {
    if (args.create) await createEvidenceFile(client, { folder, path: createFile });
    else {
      void vscode.window.showInformationMessage(`Evidence path ${result.path} written.`, 'Create the file').then((choice) => {
        if (choice) void createEvidenceFile(client, { folder, path: createFile });
      });
    }
  }
  return result.path;
}

/** Insert UTC Timestamp: `HH:MM` in a timeline Time cell, ISO 8601 elsewhere, at every cursor. */
export async function insertTimestamp(client: ServerConnection): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return false;
  const result = await runServerCommand<{ applied: boolean }>(client, ServerCommands.insertTimestamp, {
    uri: editor.document.uri.toString(),
    ranges: editor.selections.map((s) => ({ start: s.start, end: s.end })),
  });
  return result.applied;
}

/** Fix All: every safe fix of the active report, as one edit. */
export async function fixAll(client: ServerConnection): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return false;
  const result = await runServerCommand<{ applied: boolean; nothingToFix?: boolean; fixed: number; left: number }>(client, ServerCommands.fixAll, { uri: editor.document.uri.toString() });
  const left = result.left ? `; ${result.left} left to fix by hand` : '';
  if (result.nothingToFix) void vscode.window.setStatusBarMessage(`Incident Report: nothing to fix automatically${left}`, 5000);
  else if (result.applied) void vscode.window.setStatusBarMessage(`Incident Report: fixed ${result.fixed} problem${result.fixed === 1 ? '' : 's'}${left}`, 5000);
  return result.applied;
}
