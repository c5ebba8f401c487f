/**
 * The language server in this process, over an in-memory LSP connection, against an
 * in-memory workspace: a minimal client that opens, edits and closes documents, applies the
 * server's workspace edits, answers workspace/configuration, and records diagnostics.
 */
import { PassThrough } from 'node:stream';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { createConnection } from 'vscode-languageserver/node';
import type { ApplyWorkspaceEditParams, CodeAction, Diagnostic, PublishDiagnosticsParams, TextDocumentEdit, TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createIncidentServer } from '../../../src/server/server';
import { MemoryWorkspace, normalizeUri } from '../../../src/server/workspace';

export const ROOT = 'file:///ws';

export interface Harness {
  readonly client: MessageConnection;
  readonly workspace: MemoryWorkspace;
  /** The newest diagnostics published per URI. */
  readonly diagnostics: Map<string, Diagnostic[]>;
  readonly notifications: { method: string; params: unknown }[];
  /** Open documents as the client holds them (edits the server applies land here). */
  readonly open: Map<string, TextDocument>;
  openDocument(uri: string, text: string): Promise<void>;
  change(uri: string, edits: { start: number; end: number; text: string }[]): Promise<void>;
  close(uri: string): Promise<void>;
  /** Waits for diagnostics of `uri` (for its current version, when open) that satisfy `check`. */
  waitForDiagnostics(uri: string, check?: (diagnostics: Diagnostic[]) => boolean): Promise<Diagnostic[]>;
  waitFor<T>(what: string, check: () => T | undefined): Promise<T>;
  codeActions(uri: string, range: Diagnostic['range'], diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]>;
  execute<T>(command: string, ...args: unknown[]): Promise<T>;
  textOf(uri: string): string | undefined;
  /** Moves the server's clock. */
  setNow(instant: Date): void;
  /** Tells the server files changed on disk (1 created, 2 changed, 3 deleted). */
  filesChanged(changes: { uri: string; type: 1 | 2 | 3 }[]): Promise<void>;
  dispose(): void;
}

export async function startServer(options: { files?: Record<string, string>; settings?: Record<string, unknown>; now?: Date; folders?: string[] } = {}): Promise<Harness> {
  const up = new PassThrough();
  const down = new PassThrough();
  const workspace = new MemoryWorkspace(options.files ?? {});
  const serverConnection = createConnection(new StreamMessageReader(up), new StreamMessageWriter(down));
  let now = options.now ?? new Date('2026-11-26T12:00:00Z');
  const server = createIncidentServer(serverConnection, { workspace, now: () => now });
  serverConnection.listen();

  const client = createMessageConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
  const diagnostics = new Map<string, Diagnostic[]>();
  const published = new Map<string, number | undefined>();
  const notifications: { method: string; params: unknown }[] = [];
  const open = new Map<string, TextDocument>();
  const settings = options.settings ?? {};

  client.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    diagnostics.set(normalizeUri(params.uri), params.diagnostics);
    published.set(normalizeUri(params.uri), params.version);
  });
  client.onNotification((method: string, params: unknown) => {
    notifications.push({ method, params });
  });
  client.onRequest('workspace/configuration', () => [settings]);
  client.onRequest('client/registerCapability', () => null);
  client.onRequest('workspace/applyEdit', async (params: ApplyWorkspaceEditParams) => ({ applied: await applyEdit(params) }));
  client.onRequest('window/workDoneProgress/create', () => null);
  client.listen();

  const applyEdit = async ({ edit }: ApplyWorkspaceEditParams): Promise<boolean> => {
    for (const change of edit.documentChanges ?? []) {
      if ('kind' in change) {
        if (change.kind !== 'create') return false;
        const exists = (await workspace.stat(change.uri)) !== null;
        if (exists && !change.options?.ignoreIfExists && !change.options?.overwrite) return false;
        if (!exists) workspace.write(change.uri, '');
        continue;
      }
      const { textDocument, edits } = change as TextDocumentEdit;
      const key = normalizeUri(textDocument.uri);
      const document = open.get(key);
      if (document) {
        if (textDocument.version !== null && textDocument.version !== document.version) return false;
        const text = TextDocument.applyEdits(document, edits as TextEdit[]);
        await replaceText(key, text);
      } else {
        const text = workspace.files.get(key);
        if (text === undefined) return false;
        workspace.write(key, TextDocument.applyEdits(TextDocument.create(key, 'markdown', 0, text), edits as TextEdit[]));
      }
    }
    return true;
  };

  const replaceText = async (uri: string, text: string): Promise<void> => {
    const document = open.get(uri)!;
    const next = TextDocument.create(uri, 'markdown', document.version + 1, text);
    open.set(uri, next);
    await client.sendNotification('textDocument/didChange', { textDocument: { uri, version: next.version }, contentChanges: [{ text }] });
  };

  await client.sendRequest('initialize', {
    processId: null,
    rootUri: ROOT,
    workspaceFolders: (options.folders ?? [ROOT]).map((uri) => ({ uri, name: uri.split('/').pop() })),
    capabilities: { workspace: { configuration: true, applyEdit: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } } },
  });
  await client.sendNotification('initialized', {});

  const waitFor = async <T>(what: string, check: () => T | undefined): Promise<T> => {
    // Bounded by a count of turns, not by time: a loaded machine only takes longer.
    for (let turn = 0; turn < 20_000; turn++) {
      const value = check();
      if (value !== undefined) return value;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error(`gave up waiting for ${what}`);
  };

  const harness: Harness = {
    client,
    workspace,
    diagnostics,
    notifications,
    open,
    async openDocument(uri, text) {
      const key = normalizeUri(uri);
      open.set(key, TextDocument.create(key, 'markdown', 1, text));
      await client.sendNotification('textDocument/didOpen', { textDocument: { uri: key, languageId: 'markdown', version: 1, text } });
    },
    async change(uri, edits) {
      const key = normalizeUri(uri);
      const document = open.get(key)!;
      const contentChanges = edits.map((e) => ({ range: { start: document.positionAt(e.start), end: document.positionAt(e.end) }, text: e.text }));
      const next = TextDocument.update(TextDocument.create(key, 'markdown', document.version, document.getText()), contentChanges, document.version + 1);
      open.set(key, next);
      await client.sendNotification('textDocument/didChange', { textDocument: { uri: key, version: next.version }, contentChanges });
    },
    async close(uri) {
      const key = normalizeUri(uri);
      open.delete(key);
      await client.sendNotification('textDocument/didClose', { textDocument: { uri: key } });
    },
    waitForDiagnostics(uri, check = () => true) {
      const key = normalizeUri(uri);
      return waitFor(`diagnostics of ${key}`, () => {
        const found = diagnostics.get(key);
        const document = open.get(key);
        if (!found || (document && published.get(key) !== document.version)) return undefined;
        return check(found) ? found : undefined;
      });
    },
    waitFor,
    codeActions(uri, range, diagnosticsInContext, only) {
      return client.sendRequest('textDocument/codeAction', { textDocument: { uri: normalizeUri(uri) }, range, context: { diagnostics: diagnosticsInContext, ...(only ? { only } : {}) } });
    },
    execute(command, ...args) {
      return client.sendRequest('workspace/executeCommand', { command, arguments: args });
    },
    textOf(uri) {
      const key = normalizeUri(uri);
      return open.get(key)?.getText() ?? workspace.files.get(key);
    },
    setNow(instant) {
      now = instant;
    },
    filesChanged(changes) {
      return client.sendNotification('workspace/didChangeWatchedFiles', { changes });
    },
    dispose() {
      server.dispose();
      client.dispose();
      serverConnection.dispose();
      up.destroy();
      down.destroy();
    },
  };
  return harness;
}

/** Compact `line:col-line:col code` snapshots (0-based, as LSP), sorted by position. */
export function snapshots(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${String(d.code)}`);
}
