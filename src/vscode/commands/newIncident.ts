import * as vscode from 'vscode';
import type { CreatedReport, ReportStore } from '../../core';
import { core } from '../core';
import type { ConfigurationService } from '../configuration';

export interface NewIncidentArgs {
  /** Skip the prompts (tests, other extensions): severity word and title. */
  readonly severity?: string;
  readonly title?: string;
}

/**
 * The incidents folder as a ReportStore over `vscode.workspace.fs` (works on virtual
 * file systems too). Creation goes through a WorkspaceEdit with overwrite off, so an
 * existing file is never replaced; a clash makes the caller take the next number.
 */
export function folderStore(dir: vscode.Uri): ReportStore {
  const listNames = async (): Promise<string[]> => {
    try {
      return (await vscode.workspace.fs.readDirectory(dir)).map(([name]) => name);
    } catch {
      return [];
    }
  };
  return {
    listNames,
    createExclusive: async (id, fileName, text) => {
      if ((await listNames()).some((name) => core().nameHasId(name, id))) return false;
      const edit = new vscode.WorkspaceEdit();
      edit.createFile(vscode.Uri.joinPath(dir, fileName), { overwrite: false, ignoreIfExists: false, contents: new TextEncoder().encode(text) });
      return vscode.workspace.applyEdit(edit);
    },
  };
}

/** Serialises creations so two quick invocations get two IDs. */
let queue: Promise<unknown> = Promise.resolve();

export async function newIncident(configuration: ConfigurationService, now: () => Date, args: NewIncidentArgs = {}): Promise<vscode.Uri | undefined> {
  await configuration.ready();
  const folder = vscode.workspace.workspaceFolders?.[0];
  const settings = configuration.forUri(folder?.uri);
  const levels = settings.core.template.severityLevels;

  const severity =
    args.severity ??
    (
      await vscode.window.showQuickPick(
        levels.map((level) => ({ label: level.label, description: level === levels[0] ? 'highest' : undefined, word: level.word })),
        { title: 'New Incident (1/2): severity', placeHolder: 'How severe is the incident?', ignoreFocusOut: true },
      )
    )?.word;
  if (!severity) return undefined;
  if (!settings.core.severityLevel(severity)) {
    void vscode.window.showErrorMessage(`Unknown severity "${severity}"; expected one of ${levels.map((l) => l.word).join(', ')}.`);
    return undefined;
  }
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

  const request = { title: title.trim(), severity, now: now() };
  if (!folder) {
    // An empty window: the report opens as an untitled document to save where the user likes.
    const report = settings.core.newReport({ ...request, existingIds: [] });
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: report.text });
    await vscode.window.showTextDocument(document, { preview: false });
    return document.uri;
  }
  const dir = vscode.Uri.joinPath(folder.uri, settings.incidentsDir);
  const created = (queue = queue.then(
    () => core().createReport(settings.core, folderStore(dir), request),
    () => core().createReport(settings.core, folderStore(dir), request),
  )) as Promise<CreatedReport>;
  let report: CreatedReport;
  try {
    report = await created;
  } catch (error) {
    void vscode.window.showErrorMessage(`New Incident failed: ${(error as Error).message}`);
    return undefined;
  }
  const uri = vscode.Uri.joinPath(dir, report.fileName);
  const document = await vscode.workspace.openTextDocument(uri);
  // A report is written in for a while: a pinned tab, not a preview the next file replaces.
  await vscode.window.showTextDocument(document, { preview: false });
  return uri;
}

function validateTitle(value: string): string | undefined {
  const title = value.trim();
  if (!title) return 'A title is needed, e.g. "Checkout API latency".';
  if (/[\r\n]/.test(value)) return 'The title must be one line.';
  if (title.length > 120) return `The title is ${title.length} characters; keep it under 120.`;
  return undefined;
}
