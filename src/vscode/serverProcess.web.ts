import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient, type LanguageClientOptions } from 'vscode-languageclient/browser';
import { createConnection } from 'vscode-languageserver/browser';
import { createIncidentServer } from '../server/server';

/** The web worker extension host has these; this project's TypeScript lib has no DOM. */
type Port = ConstructorParameters<typeof BrowserMessageReader>[0];
declare const Worker: new (url: string) => Port;
declare const MessageChannel: new () => { readonly port1: Port; readonly port2: Port };

/**
 * In VS Code for the Web the server runs in a Web Worker of its own. Where the host refuses
 * to start one (VS Code for the Web serving this extension from a remote: "Creating workers
 * from remote extensions is currently not supported"), it runs beside the client in the
 * extension host's worker, over a MessageChannel: that host is itself a worker, so the
 * editor's UI thread is never held either way.
 */
export function createLanguageClient(extensionUri: vscode.Uri, options: LanguageClientOptions): LanguageClient {
  let worker: Port | undefined;
  try {
    worker = new Worker(vscode.Uri.joinPath(extensionUri, 'dist', 'web', 'server.js').toString(true));
  } catch {
    worker = undefined;
  }
  if (worker) return new LanguageClient('incidentReport', 'Incident Report', options, worker as never);
  return new LanguageClient(
    'incidentReport',
    'Incident Report',
    async () => {
      const channel = new MessageChannel();
      const connection = createConnection(new BrowserMessageReader(channel.port2), new BrowserMessageWriter(channel.port2));
      createIncidentServer(connection);
      connection.listen();
      return { reader: new BrowserMessageReader(channel.port1), writer: new BrowserMessageWriter(channel.port1) };
    },
    options,
  );
}
