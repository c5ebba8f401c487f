import * as vscode from 'vscode';
import type { ConfigurationService } from '../configuration';
import { toTextEdit } from '../convert';

export interface TimelineEventArgs {
  readonly uri?: vscode.Uri;
  readonly event?: string;
  readonly actor?: string;
}

/** Add Timeline Event: asks what happened and who, then inserts a row stamped now (UTC) in order. */
export async function addTimelineEvent(configuration: ConfigurationService, now: () => Date, args: TimelineEventArgs = {}): Promise<boolean> {
  const uri = args.uri instanceof vscode.Uri ? args.uri : vscode.window.activeTextEditor?.document.uri;
  if (!uri) {
    void vscode.window.showInformationMessage('Open an incident report first.');
    return false;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  const core = configuration.forUri(uri).core;
  const event = args.event ?? (await vscode.window.showInputBox({ title: 'Add Timeline Event (1/2)', prompt: 'What happened?', placeHolder: 'Rollback started', ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : 'Describe the event.') }));
  if (!event?.trim()) return false;
  const actor = args.actor ?? (await vscode.window.showInputBox({ title: 'Add Timeline Event (2/2)', prompt: 'Who or what did it?', placeHolder: 'On-call engineer', ignoreFocusOut: true }));
  if (actor === undefined) return false;
  const instant = now();
  const inserted = core.addTimelineRow(document.getText(), instant, { event, actor });
  if (!inserted) {
    void vscode.window.showWarningMessage('This report has no timeline table to add a row to.');
    return false;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.set(uri, [toTextEdit(document, inserted.edit)]);
  const applied = await vscode.workspace.applyEdit(edit);
  if (applied) {
    const editor = await vscode.window.showTextDocument(document);
    const line = document.positionAt(inserted.edit.span.start).line + 1;
    editor.selection = new vscode.Selection(line, 0, line, 0);
    editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
  return applied;
}
