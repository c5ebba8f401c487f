import * as vscode from 'vscode';
import type { ServerConnection } from '../serverConnection';
import { ServerCommands, type NewIncidentParams, type NewIncidentResult } from '../../server/protocol';
import { reasonOf, runServerCommand, templateInfo } from '../server';
import { homeFolder } from '../homeFolder';

export interface NewIncidentArgs {
  /** Skip the prompts (tests, other extensions): severity word and title. */
  readonly severity?: string;
  readonly title?: string;
  /** `YYYY-MM-DD`, for a report written after the day. */
  readonly date?: string;
}

/**
 * New Incident: asks severity and title, then the server allocates the ID and creates the
 * file (never over one; two quick invocations get two IDs). In an empty window the report
 * opens as an untitled document to save where the user likes.
 */
export async function newIncident(client: ServerConnection, args: NewIncidentArgs = {}, owner: () => Promise<string | undefined> = async () => undefined): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const info = await templateInfo(client, folder?.uri);
  const levels = info.severityLevels;
  const severity =
    args.severity ??
    (
      await vscode.window.showQuickPick(
        levels.map((level) => ({ label: level.label, description: level === levels[0] ? 'highest' : undefined, word: level.word })),
        { title: 'New Incident (1/2): severity', placeHolder: 'How severe is the incident?', ignoreFocusOut: true },
      )
    )?.word;
  if (!severity) return undefined;
  const title =
    args.title ??
    (await vscode.window.showInputBox({
      title: 'New Incident (2/2): title',
      prompt: 'One line that says what is broken, e.g. "Checkout API latency"',
      ignoreFocusOut: true,
      validateInput: validateTitle,
    }));
  if (title === undefined) return undefined;
  const problem = validateTitle(title);
  if (problem) {
    void vscode.window.showErrorMessage(problem);
    return undefined;
  }
  const name = await owner();
  const params: NewIncidentParams = { severity, title: title.trim(), ...(folder ? { folder: folder.uri.toString() } : {}), ...(args.date ? { date: args.date } : {}), ...(name ? { owner: name } : {}) };
  let report: NewIncidentResult;
  try {
    report = await runServerCommand<NewIncidentResult>(client, ServerCommands.newIncident, params);
  } catch (error) {
    void vscode.window.showErrorMessage(`New Incident failed: ${reasonOf(error)}`);
    return undefined;
  }
  const document = report.uri ? await vscode.workspace.openTextDocument(vscode.Uri.parse(report.uri)) : await openUntitledReport(report.fileName, report.text);
  // The server created the file and wrote the report into its buffer: keep it on disk too.
  if (report.uri && document.isDirty) await document.save();
  // A report is written in for a while: a pinned tab, not a preview the next file replaces.
  await vscode.window.showTextDocument(document, { preview: false });
  return document.uri;
}

/**
 * An untitled report that carries its file name (`untitled:~/INC-…-title.md`), so Save As
 * proposes that name instead of `Untitled-1.md`. VS Code refuses such a document when a file
 * exists at that path: then it is a plain untitled document, never one that saves over it.
 */
export async function openUntitledReport(fileName: string, text: string): Promise<vscode.TextDocument> {
  const home = homeFolder();
  const uri = vscode.Uri.from({ scheme: 'untitled', path: home ? vscode.Uri.joinPath(vscode.Uri.file(home), fileName).path : fileName });
  let document: vscode.TextDocument;
  try {
    document = await vscode.workspace.openTextDocument(uri);
  } catch {
    return vscode.workspace.openTextDocument({ language: 'markdown', content: text });
  }
  const edit = new vscode.WorkspaceEdit();
  edit.insert(document.uri, new vscode.Position(0, 0), text);
  await vscode.workspace.applyEdit(edit);
  return document.languageId === 'markdown' ? document : vscode.languages.setTextDocumentLanguage(document, 'markdown');
}

function validateTitle(value: string): string | undefined {
  const title = value.trim();
  if (!title) return 'A title is needed, e.g. "Checkout API latency".';
  if (/[\r\n]/.test(value)) return 'The title must be one line.';
  if (title.length > 120) return `The title is ${title.length} characters; keep it under 120.`;
  return undefined;
}
