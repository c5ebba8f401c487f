import * as vscode from 'vscode';
import { REPORT_STATUSES } from '../../core/status';
import { ServerCommands, type SetStatusParams, type SetStatusResultParams } from '../../server/protocol';
import { reasonOf, runServerCommand } from '../server';
import { askUtcTime, parseUtc } from './askTime';
import type { ServerConnection } from '../serverConnection';
import type { IncidentIndex } from '../incidents/incidentIndex';

const STATUSES: readonly SetStatusParams['status'][] = REPORT_STATUSES;
const MEANS: Record<SetStatusParams['status'], string> = {
  Open: 'reported, nobody on it yet',
  Investigating: 'someone is on it',
  Mitigated: 'impact stopped: appends "Service restored"',
  Resolved: 'appends "Incident resolved", writes Duration and the sign-off',
  Closed: 'reviewed and signed off',
};

export interface SetStatusArgs {
  readonly uri?: vscode.Uri;
  /** Skip the prompts (tests, other extensions). */
  readonly status?: SetStatusParams['status'];
  /** When the step happened, `YYYY-MM-DD HH:MM` UTC (backfilling); now when absent. */
  readonly at?: string;
  readonly closer?: string;
}

/**
 * Set Status: picks the next step (the current status's successor is offered first), asks when
 * it happened for the steps that add a timeline row (now, prefilled, editable for
 * backfilling), and lets the server write it. On Resolved it lists what still blocks sign-off.
 */
export async function setStatus(server: ServerConnection, index: IncidentIndex, closerName: () => Promise<string | undefined>, args: SetStatusArgs = {}): Promise<SetStatusResultParams | undefined> {
  const uri = args.uri ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri) {
    void vscode.window.showInformationMessage('Open an incident report first.');
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  const current = index.get(uri)?.header.status;
  const next = STATUSES[Math.min(STATUSES.indexOf((current ?? 'Open') as SetStatusParams['status']) + 1, STATUSES.length - 1)] ?? 'Investigating';
  const status =
    args.status ??
    (
      await vscode.window.showQuickPick(
        [next, ...STATUSES.filter((s) => s !== next)].map((s) => ({ label: s, description: s === current ? 'current' : s === next ? 'next' : undefined, detail: MEANS[s], status: s })),
        { title: `Set Status${current ? ` (now ${current})` : ''}`, placeHolder: 'Where is the incident now?' },
      )
    )?.status;
  if (!status) return undefined;
  let when = args.at !== undefined ? parseUtc(args.at) : undefined;
  if (args.at === undefined && (status === 'Mitigated' || status === 'Resolved')) {
    when = await askUtcTime(`Set Status: ${status}`);
    if (!when) return undefined;
  }
  let result: SetStatusResultParams;
  try {
    result = await runServerCommand<SetStatusResultParams>(server, ServerCommands.setStatus, { uri: uri.toString(), status, ...(when ? { at: when.toISOString() } : {}), closer: args.closer ?? (await closerName()) } satisfies SetStatusParams);
  } catch (error) {
    void vscode.window.showErrorMessage(`Set Status failed: ${reasonOf(error)}`);
    return undefined;
  }
  if (!result.applied) {
    void vscode.window.showWarningMessage(result.reason ?? 'Set Status: the report changed meanwhile; try again.');
    return result;
  }
  void vscode.window.setStatusBarMessage(`Incident Report: ${result.changes.join(', ')}`, 5000);
  if (result.blockers.length && args.status === undefined) {
    const picked = await vscode.window.showQuickPick(
      result.blockers.map((b) => ({ label: `Line ${b.line + 1}: ${b.message}`, description: b.ruleId, line: b.line })),
      { title: `${result.blockers.length} problem${result.blockers.length === 1 ? '' : 's'} block the sign-off`, placeHolder: 'Pick one to go to it' },
    );
    if (picked) {
      const editor = await vscode.window.showTextDocument(document);
      const position = new vscode.Position(picked.line, 0);
      editor.selection = new vscode.Selection(position, position);
      editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
  }
  return result;
}
