import * as vscode from 'vscode';
import type { ServerConnection } from './serverConnection';
import { TemplateInfoRequest, type TemplateInfoResult } from '../server/protocol';

/** Runs one of the server's commands (`workspace/executeCommand`) and returns its answer. */
export function runServerCommand<T>(client: ServerConnection, command: string, params: unknown): Promise<T> {
  return client.sendRequest<T>('workspace/executeCommand', { command, arguments: [params] });
}

/** What New Incident asks, Open Rule Documentation lists, and which file is the team template. */
export function templateInfo(client: ServerConnection, folder: vscode.Uri | undefined): Promise<TemplateInfoResult> {
  return client.sendRequest<TemplateInfoResult>(TemplateInfoRequest, { folder: folder?.toString() });
}

/** The message of a failed server call, without the JSON-RPC wrapping. */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
