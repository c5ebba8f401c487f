import * as vscode from 'vscode';
import type { ConfigurationService } from '../configuration';
import { toTextEdit } from '../convert';

/** Insert UTC Timestamp: `HH:MM` in a timeline Time cell, ISO 8601 elsewhere, at every cursor. */
export async function insertTimestamp(configuration: ConfigurationService, now: () => Date): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return false;
  const core = configuration.forUri(editor.document.uri).core;
  const text = editor.document.getText();
  const instant = now();
  return editor.edit((builder) => {
    for (const selection of editor.selections) {
      const stamp = core.timestampAt(text, editor.document.offsetAt(selection.active), instant);
      builder.replace(selection, stamp.text);
    }
  });
}

/** Fix All: every safe fix of the active report, as one edit. */
export async function fixAll(configuration: ConfigurationService, now: () => Date): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return false;
  const document = editor.document;
  const { edit } = configuration.forUri(document.uri).core.fixAll(document.getText(), { now: now(), fileName: document.uri.path.split('/').pop() });
  if (!edit) {
    void vscode.window.setStatusBarMessage('Incident Report: nothing to fix automatically', 3000);
    return false;
  }
  const workspaceEdit = new vscode.WorkspaceEdit();
  workspaceEdit.set(document.uri, [toTextEdit(document, edit)]);
  return vscode.workspace.applyEdit(workspaceEdit);
}
