import * as vscode from 'vscode';
import type { ServerConnection } from '../serverConnection';
import { ServerCommands } from '../../server/protocol';
import { runServerCommand } from '../server';

export interface TimelineEventArgs {
  readonly uri?: vscode.Uri;
  readonly event?: string;
  readonly actor?: string;
}

/** Add Timeline Event: asks what happened and who, then the server inserts a row stamped now (UTC) in order. */
export async function addTimelineEvent(client: ServerConnection, args: TimelineEventArgs = {}): Promise<boolean> {
  const uri = args.uri instanceof vscode.Uri ? args.uri : vscode.window.activeTextEditor?.document.uri;
  if (!uri) {
    void vscode.window.showInformationMessage('Open an incident report first.');
    return false;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  const event = args.event ?? (await vscode.window.showInputBox({ title: 'Add Timeline Event (1/2)', prompt: 'What happened?', placeHolder: 'Rollback started', ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : 'Describe the event.') }));
  if (!event?.trim()) return false;
  const actor = args.actor ?? (await vscode.window.showInputBox({ title: 'Add Timeline Event (2/2)', prompt: 'Who or what did it?', placeHolder: 'On-call engineer', ignoreFocusOut: true }));
  if (actor === undefined) return false;
  const result = await runServerCommand<{ applied: boolean; line?: number; reason?: string }>(client, ServerCommands.addTimelineEvent, { uri: uri.toString(), event, actor });
  if (!result.applied) {
    if (result.reason) void vscode.window.showWarningMessage(result.reason);
    return false;
  }
  const editor = await vscode.window.showTextDocument(document);
  const line = result.line ?? 0;
  editor.selection = new vscode.Selection(line, 0, line, 0);
  editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return true;
}
