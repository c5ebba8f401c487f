import * as vscode from 'vscode';
import type { ConfigurationService } from '../configuration';
import { toTextEdit } from '../convert';
import { fileNameOf } from '../diagnostics';

/**
 * Creates an evidence file the user asked for: inside a workspace folder only, never
 * through a symbolic link (which could lead outside), never over an existing file.
 * Folders are created as needed. Resolves to the file, or undefined when refused.
 */
export async function createEvidenceFile(configuration: ConfigurationService, folderUri: string | undefined, relativePath: string): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.toString() === folderUri);
  if (!folder) {
    void vscode.window.showErrorMessage('Evidence files are created inside a workspace folder; open the folder that holds the report.');
    return undefined;
  }
  const core = configuration.forUri(folder.uri).core;
  if (typeof relativePath !== 'string' || !core.isInsideWorkspace(relativePath)) {
    void vscode.window.showErrorMessage(`Refused to create "${String(relativePath)}": evidence must stay inside the workspace (no "..", no absolute path).`);
    return undefined;
  }
  const segments = relativePath.split('/').filter(Boolean);
  let current = folder.uri;
  for (const segment of segments) {
    current = vscode.Uri.joinPath(current, segment);
    let stat: vscode.FileStat;
    try {
      stat = await vscode.workspace.fs.stat(current);
    } catch {
      break; // the rest does not exist yet
    }
    if (stat.type & vscode.FileType.SymbolicLink) {
      void vscode.window.showErrorMessage(`Refused to create "${relativePath}": ${vscode.workspace.asRelativePath(current)} is a symbolic link, which may lead outside the workspace.`);
      return undefined;
    }
  }
  const target = vscode.Uri.joinPath(folder.uri, ...segments);
  try {
    await vscode.workspace.fs.stat(target);
    void vscode.window.showInformationMessage(`${relativePath} already exists; it was left as it is.`);
    return target;
  } catch {
    // Does not exist: create it below.
  }
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(target, { overwrite: false, ignoreIfExists: true, contents: new Uint8Array() });
  if (!(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage(`Could not create ${relativePath}.`);
    return undefined;
  }
  return target;
}

/** Fill Evidence Path: a concrete `evidence/<INC-ID>/<name>_<timestamp>.txt` at the cursor. */
export async function fillEvidencePath(configuration: ConfigurationService, now: () => Date, args: { create?: boolean } = {}): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const document = editor.document;
  const settings = configuration.forUri(document.uri);
  const filled = settings.core.evidenceFillAt(document.getText(), document.offsetAt(editor.selection.active), now(), fileNameOf(document.uri));
  if (!filled) {
    void vscode.window.showWarningMessage('This report has no Incident ID yet: evidence paths are named after it (evidence/<INC-ID>/...).');
    return undefined;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.set(document.uri, filled.fix.edits.map((e) => toTextEdit(document, e)));
  if (!(await vscode.workspace.applyEdit(edit))) return undefined;
  const createFile = filled.fix.createFile;
  if (createFile && settings.folder) {
    const folderUri = settings.folder.uri.toString();
    if (args.create) await createEvidenceFile(configuration, folderUri, createFile);
    else {
      void vscode.window.showInformationMessage(`Evidence path ${filled.path} written.`, 'Create the file').then((choice) => {
        if (choice) void createEvidenceFile(configuration, folderUri, createFile);
      });
    }
  }
  return filled.path;
}
