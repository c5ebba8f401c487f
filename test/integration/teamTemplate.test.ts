import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TemplateCheckResult } from '../../src/server/protocol';
import { api, closeAll, EXTENSION_ID, ours, readFile, waitFor, workspaceUri, writeFile } from './helpers';

describe('a team template in .incident/template.md', () => {
  after(async () => {
    await closeAll();
  });

  it('drives validation and New Incident, and is itself neither validated nor listed', async () => {
    const extension = await api();
    const { index } = extension;
    const isTemplate = async (): Promise<boolean> => (await extension.templateInfo()).templateUri === template.toString();
    const template = workspaceUri('.incident', 'template.md');
    const base = await readFile(vscode.Uri.joinPath(vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri, 'templates', 'default.md'));
    // The shipped sections, plus one the team added.
    const team = base.replace(/^## 🔐 Post-Mortem/m, '## 🧪 Game Day\n\n**Exercise:**\n<!-- What we will rehearse -->\n\n---\n\n## 🔐 Post-Mortem');
    await writeFile(template, team);
    try {
      await waitFor('the team template to load', async () => ((await isTemplate()) ? true : undefined), 10_000);
      const uri = await vscode.commands.executeCommand<vscode.Uri>('incidentReport.newIncident', { severity: 'minor', title: 'Team template' });
      assert.match(await readFile(uri), /## 🧪 Game Day/);
      await vscode.window.showTextDocument(template);
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.deepEqual(ours(template), []);
      assert.equal(index.get(template), undefined);
    } finally {
      await closeAll();
      await vscode.workspace.fs.delete(workspaceUri('.incident'), { recursive: true });
      await waitFor('the default template back', async () => ((await isTemplate()) ? undefined : true), 10_000);
    }
  });

  it('shows its own problems on the template file, and Check Template shows what template check prints', async () => {
    const extension = await api();
    const template = workspaceUri('.incident', 'template.md');
    const isTemplate = async (): Promise<boolean> => (await extension.templateInfo()).templateUri === template.toString();
    // No severity levels on its Severity line: a warning of the template, on that line (still usable).
    await writeFile(template, '# Review: [Title]\n\n**Incident ID:** R-[NNN]\n**Severity:**\n\n## Timeline\n\n| Time | Event | Actor |\n|---|---|---|\n| HH:MM | [event] | [name] |\n\n## Follow-ups\n\n| Action | Owner | Due Date | Status |\n|---|---|---|---|\n| [Action] | [Name] | [YYYY-MM-DD] | Not Started |\n');
    try {
      await waitFor('the team template to load', async () => ((await isTemplate()) ? true : undefined), 10_000);
      await vscode.window.showTextDocument(template);
      const found = await waitFor('the template\'s diagnostics', () => (ours(template).length > 0 ? ours(template) : undefined), 10_000);
      assert.deepEqual(found.map((d) => [d.range.start.line, d.severity, d.message.slice(0, 30)]), [[3, vscode.DiagnosticSeverity.Warning, 'Template: the "Severity" field']]);
      const result = await vscode.commands.executeCommand<TemplateCheckResult>('incidentReport.checkTemplate');
      assert.equal(result.name, '.incident/template.md');
      assert.equal(result.usable, true);
      assert.match(result.text, /^Template: \.incident\/template\.md\n/);
      assert.match(result.text, /\n  warning: the "Severity" field lists no levels: .* \(line 4\)\n/);
      assert.match(result.text, /Usable \(1 warning\)\.$/);
    } finally {
      await closeAll();
      await vscode.workspace.fs.delete(workspaceUri('.incident'), { recursive: true });
      await waitFor('the default template back', async () => ((await isTemplate()) ? undefined : true), 10_000);
    }
  });
});
