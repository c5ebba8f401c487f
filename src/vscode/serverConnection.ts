/* eslint-disable @typescript-eslint/no-explicit-any -- notification parameters are each handler's own type */
import type * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';

/** What the UI needs of the language client: requests, and the server's notifications and requests. */
export interface ServerConnection {
  sendRequest<R>(method: string, params?: unknown): Promise<R>;
  onNotification(method: string, handler: (params: any) => void): vscode.Disposable;
}

/**
 * The language client is loaded right after activation (dist/client.js: the protocol library
 * is most of the extension's code), so activating stays a matter of registrations. Until
 * then requests wait for it and handlers are kept to be registered on it.
 */
export class DeferredConnection implements ServerConnection {
  private client: BaseLanguageClient | undefined;
  private readonly waiting: ((client: BaseLanguageClient) => void)[] = [];
  private readonly handlers: { method: string; handler: (params: any) => void; registration?: vscode.Disposable }[] = [];
  private failure: unknown;

  attach(client: BaseLanguageClient): void {
    this.client = client;
    for (const entry of this.handlers) entry.registration = client.onNotification(entry.method, entry.handler);
    for (const resolve of this.waiting.splice(0)) resolve(client);
  }

  /** The client could not be loaded or started: requests fail with why. */
  fail(error: unknown): void {
    this.failure = error;
    this.waiting.splice(0);
  }

  private ready(): Promise<BaseLanguageClient> {
    if (this.client) return Promise.resolve(this.client);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  async sendRequest<R>(method: string, params?: unknown): Promise<R> {
    const client = await this.ready();
    return client.sendRequest<R>(method, params);
  }

  onNotification(method: string, handler: (params: any) => void): vscode.Disposable {
    const entry: (typeof this.handlers)[number] = { method, handler };
    this.handlers.push(entry);
    if (this.client) entry.registration = this.client.onNotification(method, handler);
    return {
      dispose: () => {
        entry.registration?.dispose();
        this.handlers.splice(this.handlers.indexOf(entry), 1);
      },
    };
  }
}
