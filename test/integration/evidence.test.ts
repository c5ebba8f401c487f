import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, closeAll, codeOf, exists, ours, readFile, waitFor, workspaceUri, writeFile } from './helpers';

function folderUri(): string {
  return vscode.workspace.workspaceFolders![0]!.uri.toString();
}

describe('Evidence files', () => {
  before(async () => {
    await api();
  });
  afterEach(async () => {
    await closeAll();
  });

  it('never creates a file outside the workspace (.., absolute path)', async () => {
    const root = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    const outside = path.join(path.dirname(root), `outside-${Date.now()}.txt`);
    for (const attempt of [`../${path.basename(outside)}`, outside, 'evidence/../../x.txt']) {
      const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('incidentReport.createEvidenceFile', folderUri(), attempt);
      assert.equal(created, undefined, attempt);
    }
    assert.equal(fs.existsSync(outside), false);
    assert.equal(fs.existsSync(path.join(path.dirname(root), 'x.txt')), false);
  });

  it('never creates a file through a symbolic link that leads outside', async () => {
    const root = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    const target = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-target-'));
    fs.symlinkSync(target, path.join(root, 'evidence-link'));
    const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('incidentReport.createEvidenceFile', folderUri(), 'evidence-link/rollback.txt');
    assert.equal(created, undefined);
    assert.deepEqual(fs.readdirSync(target), []);
  });

  it('never writes over an existing file', async () => {
    const uri = workspaceUri('evidence', 'INC-20261020-001', 'rollback_20261020T153100Z.txt');
    const before = await readFile(uri);
    const result = await vscode.commands.executeCommand<vscode.Uri | undefined>('incidentReport.createEvidenceFile', folderUri(), 'evidence/INC-20261020-001/rollback_20261020T153100Z.txt');
    assert.equal(result?.toString(), uri.toString());
    assert.equal(await readFile(uri), before);
  });

  it('creates a missing file (and its folders) inside the workspace', async () => {
    const relative = `evidence/INC-20261126-900/nested/metrics_${Date.now()}.txt`;
    const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('incidentReport.createEvidenceFile', folderUri(), relative);
    assert.ok(created && (await exists(created)));
    assert.equal(created.toString(), workspaceUri(...relative.split('/')).toString());
    // Created to paste output into: it is the file in front.
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), created.toString());
  });

  it('Fill Evidence Path writes a concrete path in the Rollback Evidence slot and creates the file', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('incidentReport.newIncident', { severity: 'major', title: 'Evidence fill' });
    const editor = await vscode.window.showTextDocument(uri);
    const lines = editor.document.getText().split('\n');
    const line = lines.findIndex((l) => l === 'evidence/rollback_[timestamp].txt');
    assert.ok(line > 0);
    editor.selection = new vscode.Selection(line, 3, line, 3);
    const written = await vscode.commands.executeCommand<string>('incidentReport.fillEvidencePath', { create: true });
    const id = /INC-\d{8}-\d{3}/.exec(uri.path)![0];
    assert.match(written, new RegExp(`^evidence/${id}/rollback_\\d{8}T\\d{6}Z\\.txt$`));
    assert.equal(editor.document.lineAt(line).text, written);
    await waitFor('the evidence file', async () => ((await exists(workspaceUri(...written.split('/')))) ? true : undefined));
  });

  it('the evidence-path quick fix fills the path and creates the file through its command', async () => {
    const source = await readFile(workspaceUri('incidents', 'INC-20261020-001-checkout-outage.md'));
    const uri = workspaceUri('incidents', 'INC-20261020-001-evidence-fix.md');
    await writeFile(uri, source.replace('evidence/INC-20261020-001/rollback_20261020T153100Z.txt', 'evidence/rollback_[timestamp].txt'));
    await vscode.window.showTextDocument(uri);
    const diagnostic = await waitFor('evidence-path', () => ours(uri).find((d) => codeOf(d) === 'evidence-path'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const create = actions.find((a) => a.title.endsWith('and create the file'));
    assert.ok(create?.edit && create.command, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(create.edit));
    const created = await vscode.commands.executeCommand<vscode.Uri>(create.command.command, ...(create.command.arguments ?? []));
    assert.ok(created && (await exists(created)));
    assert.match(created.path, /\/evidence\/INC-20261020-001\/rollback_\d{8}T\d{6}Z\.txt$/);
    await waitFor('evidence-path to clear', () => (ours(uri).some((d) => codeOf(d) === 'evidence-path') ? undefined : true));
  });
});
