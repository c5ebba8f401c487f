import type * as vscode from 'vscode';
import type { OffThreadParser } from './offThread';

/** VS Code for the Web: the extension host is itself a web worker; large reports are parsed in steps there. */
export function createOffThreadParser(_extensionUri: vscode.Uri, _log: vscode.LogOutputChannel): OffThreadParser | undefined {
  return undefined;
}
