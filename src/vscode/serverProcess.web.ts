import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions } from 'vscode-languageclient/browser';

/** The web worker extension host has Worker; this project's TypeScript lib has no DOM. */
declare const Worker: new (url: string) => ConstructorParameters<typeof LanguageClient>[2];

/** In VS Code for the Web the server runs in a Web Worker of its own. */
export function createLanguageClient(extensionUri: vscode.Uri, options: LanguageClientOptions): LanguageClient {
  const worker = new Worker(vscode.Uri.joinPath(extensionUri, 'dist', 'web', 'server.js').toString(true));
  return new LanguageClient('incidentReport', 'Incident Report', options, worker);
}
