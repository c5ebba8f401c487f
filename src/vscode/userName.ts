import * as vscode from 'vscode';
import { userNameFromGit } from './userNameFromGit';

/** Who "I" am for Owner and Closed By: the incidentReport.owner setting, else git's user.name. */
export async function userName(): Promise<string | undefined> {
  const setting = vscode.workspace.getConfiguration('incidentReport').get<string>('owner')?.trim();
  if (setting) return setting;
  return userNameFromGit(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath);
}
