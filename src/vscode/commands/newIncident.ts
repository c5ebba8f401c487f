import * as vscode from 'vscode';
import type { ServerConnection } from '../serverConnection';
import { ServerCommands, type NewIncidentParams, type NewIncidentResult } from '../../server/protocol';
import { reasonOf, runServerCommand, templateInfo } from '../server';
import { homeFolder } from '../homeFolder';
import { incidentDateProblem, utcDate } from '../../core/defaults';

export interface NewIncidentArgs {
  /** Skip the prompts (tests, other extensions): severity word and title (with a title, the date is today unless given). */
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
  // A template without severity levels asks for none; the date is asked of a person typing the title.
  const asks = [levels.length > 0 && args.severity === undefined, args.title === undefined, args.title === undefined && args.date === undefined];
  const steps = asks.filter(Boolean).length;
  let step = 0;
  const stepTitle = (what: string) => `New Incident (${++step}/${steps}): ${what}`;
  const severity =
    args.severity ??
    (levels.length === 0
      ? ''
      : (
          await vscode.window.showQuickPick(
            levels.map((level) => ({ label: level.label, description: level === levels[0] ? 'highest' : undefined, word: level.word })),
            { title: stepTitle('severity'), placeHolder: 'How severe is the incident?', ignoreFocusOut: true },
          )
        )?.word);
  if (severity === undefined || (levels.length > 0 && !severity)) return undefined;
  const title =
    args.title ??
    (await vscode.window.showInputBox({
      title: stepTitle('title'),
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
  // Asked only of a person (a caller passing the title passes the date too, or means today).
  const date = args.date ?? (args.title === undefined ? await askDate(stepTitle('date of the incident')) : undefined);
  if (date === null) return undefined;
  const name = await owner();
  const params: NewIncidentParams = { ...(severity ? { severity } : {}), title: title.trim(), ...(folder ? { folder: folder.uri.toString() } : {}), ...(date ? { date } : {}), ...(name ? { owner: name } : {}) };
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

/**
 * The incident's day: today (Enter), yesterday, or another day typed in; undefined means
 * today, null that the user cancelled.
 */
async function askDate(title: string): Promise<string | undefined | null> {
  const now = new Date();
  const today = utcDate(now);
  const yesterday = utcDate(new Date(now.getTime() - 86_400_000));
  const other = 'Another day…';
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'Today', description: `${today} (UTC)`, date: today },
      { label: 'Yesterday', description: yesterday, date: yesterday },
      { label: other, description: 'for a report written later', date: undefined },
    ],
    { title, placeHolder: 'When did the incident happen? The ID, Date and file name use that day.', ignoreFocusOut: true },
  );
  if (!picked) return null;
  if (picked.date === today) return undefined;
  if (picked.date) return picked.date;
  const typed = await vscode.window.showInputBox({ title, prompt: 'The incident\'s day, YYYY-MM-DD (UTC)', value: yesterday, ignoreFocusOut: true, validateInput: (value) => incidentDateProblem(value.trim(), new Date()) });
  if (typed === undefined) return null;
  return typed.trim();
}

function validateTitle(value: string): string | undefined {
  const title = value.trim();
  if (!title) return 'A title is needed, e.g. "Checkout API latency".';
  if (/[\r\n]/.test(value)) return 'The title must be one line.';
  if (title.length > 120) return `The title is ${title.length} characters; keep it under 120.`;
  return undefined;
}
