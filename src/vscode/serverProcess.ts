import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions } from 'vscode-languageclient/node';

/** On the desktop the server is a Node process of its own: the extension host never lints. */
export function createLanguageClient(extensionUri: vscode.Uri, options: LanguageClientOptions): LanguageClient {
  const module = vscode.Uri.joinPath(extensionUri, 'dist', 'server.js').fsPath;
  return new LanguageClient('incidentReport', 'Incident Report', { run: { module, transport: TransportKind.ipc }, debug: { module, transport: TransportKind.ipc } }, options);
}
