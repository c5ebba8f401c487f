import * as vscode from 'vscode';
import type { ServerConnection } from '../serverConnection';
import { ServerCommands, type AddTimelineEventParams } from '../../server/protocol';
import { runServerCommand } from '../server';
import { askUtcTime, parseUtc } from './askTime';

export interface TimelineEventArgs {
  readonly uri?: vscode.Uri;
  readonly event?: string;
  readonly actor?: string;
  /** When it happened, `YYYY-MM-DD HH:MM` UTC (backfilling); asked (now prefilled) when the event is asked. */
  readonly at?: string;
}

type AddResult = { applied: boolean; possible?: boolean; line?: number; reason?: string };

/**
 * Add Timeline Event: first checks that the report has a timeline to add to, then asks what
 * happened, who did it and when (now prefilled, editable for backfilling); the server inserts
 * the row at its place in time.
 */
export async function addTimelineEvent(client: ServerConnection, args: TimelineEventArgs = {}): Promise<boolean> {
  const uri = args.uri instanceof vscode.Uri ? args.uri : vscode.window.activeTextEditor?.document.uri;
  if (!uri) {
    void vscode.window.showInformationMessage('Open an incident report first.');
    return false;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  // No questions the report cannot use the answers of.
  const check = await runServerCommand<AddResult>(client, ServerCommands.addTimelineEvent, { uri: uri.toString(), event: '', actor: '', check: true } satisfies AddTimelineEventParams);
  if (!check.possible) {
    void vscode.window.showWarningMessage(check.reason ?? 'No timeline event can be added to this report.');
    return false;
  }
  const asked = args.event === undefined;
  const event = args.event ?? (await vscode.window.showInputBox({ title: 'Add Timeline Event (1/3)', prompt: 'What happened?', placeHolder: 'Rollback started', ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : 'Describe the event.') }));
  if (!event?.trim()) return false;
  const actor = args.actor ?? (await vscode.window.showInputBox({ title: 'Add Timeline Event (2/3)', prompt: 'Who or what did it?', placeHolder: 'On-call engineer', ignoreFocusOut: true }));
  if (actor === undefined) return false;
  let at: Date | undefined;
  if (args.at !== undefined) {
    at = parseUtc(args.at);
    if (!at) {
      void vscode.window.showErrorMessage(`Add Timeline Event: "${args.at}" is not a time; expected YYYY-MM-DD HH:MM (UTC).`);
      return false;
    }
  } else if (asked) {
    at = await askUtcTime('Add Timeline Event (3/3): when');
    if (!at) return false;
  }
  const result = await runServerCommand<AddResult>(client, ServerCommands.addTimelineEvent, { uri: uri.toString(), event, actor, ...(at ? { at: at.toISOString() } : {}) } satisfies AddTimelineEventParams);
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
