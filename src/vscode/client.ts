/**
 * The language client (dist/client.js on the desktop, loaded right after activation): its
 * options, the middleware that links rule pages offline and routes "create the file" through
 * the UI command, and the file system it offers the server.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { ServerCommands, type CreateEvidenceParams } from '../server/protocol';
import { ruleDocsLink } from './commands/ruleDocs';
import { serveFileSystem } from './fileSystem';
import { createLanguageClient } from './serverProcess';

export const CREATE_EVIDENCE_COMMAND = 'incidentReport.createEvidenceFile';

/** Files the server must hear about: reports, config files, team templates (and their folder), evidence. */
const WATCHED = ['**/*.md', '**/{.incident-report.json,.incident-report.yaml,.incident-report.yml,.incident}', '**/evidence', '**/evidence/**'];

export function createClient(extensionUri: vscode.Uri, log: vscode.LogOutputChannel): { client: BaseLanguageClient; disposable: vscode.Disposable } {
  const watchers = WATCHED.map((glob) => vscode.workspace.createFileSystemWatcher(glob));
  const options: LanguageClientOptions = {
    documentSelector: [{ language: 'markdown' }],
    diagnosticCollectionName: 'incident-report',
    outputChannel: log,
    initializationOptions: { fileSystem: 'client' },
    synchronize: { configurationSection: 'incidentReport', fileEvents: watchers },
    middleware: {
      // Rule pages ship with the extension: the Problems panel links to them, offline, rendered.
      handleDiagnostics(uri, diagnostics, next) {
        for (const diagnostic of diagnostics) {
          const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
          if (typeof code === 'string') diagnostic.code = { value: code, target: ruleDocsLink(code) };
        }
        next(uri, diagnostics);
      },
      // "… and create the file" runs through the UI command, which opens what it created and says why it refused.
      async provideCodeActions(document, range, context, token, next) {
        const actions = (await next(document, range, context, token)) ?? [];
        for (const action of actions) {
          const command = 'command' in action && typeof action.command === 'object' ? action.command : undefined;
          if (command?.command !== ServerCommands.createEvidenceFile) continue;
          const params = command.arguments?.[0] as CreateEvidenceParams;
          command.command = CREATE_EVIDENCE_COMMAND;
          command.arguments = [params.folder, params.path];
        }
        return actions;
      },
    },
  };
  const client = createLanguageClient(extensionUri, options);
  return { client, disposable: vscode.Disposable.from(...watchers, serveFileSystem(client), { dispose: () => void client.stop() }) };
}
