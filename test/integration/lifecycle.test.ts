import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAll, ours, waitFor } from './helpers';

describe('a fresh report: progress, not noise; Set Status to Resolved', () => {
  afterEach(async () => {
    await closeAll();
  });

  it('lists at most 3 problems, shows what is left to fill in the status bar and walks to it; Set Status writes the rows, Duration and sign-off', async () => {
    const extension = await api();
    const uri = await vscode.commands.executeCommand<vscode.Uri>('incidentReport.newIncident', { severity: 'major', title: 'Redis failover' });
    const editor = await vscode.window.showTextDocument(uri);
    const hints = await waitFor('the places to fill', () => {
      const found = ours(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Hint);
      return found.length > 50 ? found : undefined;
    });
    const problems = ours(uri).filter((d) => d.severity !== vscode.DiagnosticSeverity.Hint);
    assert.ok(problems.length <= 3, problems.map((d) => d.message).join(' | '));
    const id = /INC-\d{8}-\d{3}/.exec(uri.path)![0];
    await waitFor('the status bar', () => (extension.statusBar.text.includes(`${id} · Major · Open · `) && / to fill/.test(extension.statusBar.text) ? true : undefined));

    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const next = await vscode.commands.executeCommand<vscode.Range>('incidentReport.nextToFill');
    const first = [...hints].sort((a, b) => a.range.start.compareTo(b.range.start))[0]!;
    assert.ok(next.isEqual(first.range), `${JSON.stringify(next)} vs ${JSON.stringify(first.range)}`);

    const day = /INC-(\d{4})(\d{2})(\d{2})/.exec(id)!.slice(1).join('-');
    const row = editor.document.getText().split('\n').find((l) => l.includes('| Incident detected |'))!;
    const detected = /^\| (\d{2}:\d{2}) /.exec(row)![1]!;
    const later = new Date(new Date(`${day}T${detected}:00Z`).getTime() + 95 * 60_000);
    const at = `${later.toISOString().slice(0, 10)} ${later.toISOString().slice(11, 16)}`;
    const result = await vscode.commands.executeCommand<{ applied: boolean; changes: string[]; blockers: unknown[] }>('incidentReport.setStatus', { uri, status: 'Resolved', at, closer: 'Priya Raman' });
    assert.equal(result.applied, true);
    const text = editor.document.getText();
    assert.match(text, /^Status: Resolved$/m);
    assert.ok(text.includes(`| Incident resolved | Priya Raman |`), text);
    assert.match(text, /^\*\*Duration:\*\* 1h 35m$/m);
    assert.match(text, /^\*\*Incident Closed By:\*\* Priya Raman/m);
    assert.ok(result.blockers.length > 0, 'the template placeholders block the sign-off');
  });
});
