/** The server in a Web Worker (VS Code for the Web): files come from the client's file system. */
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { createIncidentServer } from './server';

declare const self: { postMessage(message: unknown): void; onmessage: unknown };

const worker = self as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];
const connection = createConnection(new BrowserMessageReader(worker), new BrowserMessageWriter(worker));
createIncidentServer(connection);
connection.listen();
