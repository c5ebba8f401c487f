import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openUntitledReport } from '../../src/vscode/commands/newIncident';
import { api, closeAll, codeOf, ours, readFile, setSetting, waitFor, workspaceUri, writeFile } from './helpers';

const OUT_OF_ORDER = 'incidents/INC-20261020-001-checkout-outage.md';
let copies = 0;

/** A fresh copy of the out-of-order report, so no test depends on what another saved. */
async function outOfOrderCopy(): Promise<vscode.Uri> {
  copies++;
  const uri = workspaceUri('incidents', `INC-20261020-001-copy-${copies}.md`);
  await writeFile(uri, await readFile(workspaceUri(OUT_OF_ORDER)));
  return uri;
}

describe('Incident Report in VS Code', () => {
  before(async () => {
    await api();
  });
  afterEach(async () => {
    await closeAll();
  });

  it('activates and contributes its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['incidentReport.newIncident', 'incidentReport.insertTimestamp', 'incidentReport.fixAll', 'incidentReport.openRuleDocs']) {
      assert.ok(commands.includes(id), `${id} is not registered`);
    }
  });

  it('New Incident creates and opens a report with no error, and the next call takes the next ID', async () => {
    const first = await vscode.commands.executeCommand<vscode.Uri>('incidentReport.newIncident', { severity: 'major', title: 'API latency' });
    assert.ok(first, 'no file was created');
    const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
    const number = Number(new RegExp(`/incidents/INC-${day}-(\\d{3})-api-latency\\.md$`).exec(first.path)?.[1]);
    assert.ok(number >= 1, first.path);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), first.toString());
    const text = await readFile(first);
    const id = `INC-${day}-${String(number).padStart(3, '0')}`;
    assert.ok(text.includes(`**Incident ID:** ${id}`));
    assert.match(text, /\*\*Severity:\*\* 🟡 Major/);
    const diagnostics = await waitFor('diagnostics of the new report', () => {
      const found = ours(first);
      return found.length > 0 ? found : undefined;
    });
    assert.deepEqual(diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map((d) => `${codeOf(d)}: ${d.message}`), []);

    const second = await vscode.commands.executeCommand<vscode.Uri>('incidentReport.newIncident', { severity: 'critical', title: 'API latency' });
    assert.match(second.path, new RegExp(`/incidents/INC-${day}-${String(number + 1).padStart(3, '0')}-api-latency\\.md$`));
    assert.ok((await readFile(first)).includes(id), 'the first report is untouched');
  });

  it('20 concurrent New Incident calls create 20 distinct reports and overwrite none', async function () {
    this.timeout(60_000);
    // A report already holding the next free ID of today under the very name New Incident
    // would choose: every call must pass it by.
    const folder = workspaceUri('incidents');
    const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
    const taken = (await vscode.workspace.fs.readDirectory(folder)).map(([name]) => new RegExp(`^INC-${day}-(\\d{3})`).exec(name)?.[1]).filter(Boolean).map(Number);
    const next = String(Math.max(0, ...taken) + 1).padStart(3, '0');
    const sentinel = vscode.Uri.joinPath(folder, `INC-${day}-${next}-queue-lag.md`);
    const sentinelText = '# Not to be overwritten\n';
    await writeFile(sentinel, sentinelText);
    const created = await Promise.all(Array.from({ length: 20 }, () => vscode.commands.executeCommand<vscode.Uri>('incidentReport.newIncident', { severity: 'minor', title: 'Queue lag' })));
    assert.equal(new Set(created.map((uri) => uri.toString())).size, 20);
    const ids = await Promise.all(created.map(async (uri) => /\*\*Incident ID:\*\* (INC-\d{8}-\d{3})/.exec(await readFile(uri))?.[1]));
    assert.equal(new Set(ids).size, 20, ids.join(' '));
    for (const [i, uri] of created.entries()) assert.ok(uri.path.endsWith(`/${ids[i]}-queue-lag.md`), uri.path);
    assert.ok(!created.some((uri) => uri.toString() === sentinel.toString()));
    assert.equal(await readFile(sentinel), sentinelText);
  });

  it('an untitled report (New Incident in an empty window) carries its file name, which Save As proposes', async () => {
    const name = `INC-20261126-901-untitled-${Date.now()}.md`;
    const document = await openUntitledReport(name, '# Incident Report: Untitled test\n');
    assert.equal(document.uri.scheme, 'untitled');
    assert.ok(document.uri.path.endsWith(`/${name}`) || document.uri.path === name, document.uri.toString());
    assert.equal(document.getText(), '# Incident Report: Untitled test\n');
    assert.equal(document.languageId, 'markdown');
    assert.equal(document.isDirty, true);
    await vscode.window.showTextDocument(document);
    assert.equal(vscode.window.tabGroups.activeTabGroup.activeTab?.label, name);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  // How fast is the bench's business (npm run bench); here only what is shown, and where.
  it('shows timeline-order on the row that goes backwards once the report is opened', async () => {
    const uri = workspaceUri(OUT_OF_ORDER);
    await vscode.window.showTextDocument(uri);
    const diagnostic = await waitFor('timeline-order', () => ours(uri).find((d) => codeOf(d) === 'timeline-order'), 30_000);
    assert.deepEqual([diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.line, diagnostic.range.end.character], [40, 0, 40, '| 14:05 | On-call notified | PagerDuty |'.length]);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error, 'a Resolved report is in final mode');
    assert.match(diagnostic.message, /14:05 comes after 14:12/);
    const target = typeof diagnostic.code === 'object' ? diagnostic.code.target : undefined;
    // The rule link runs Open Rule Documentation (the rendered, read-only page), not the raw file.
    assert.equal(target?.scheme, 'command', `code target ${target?.toString()}`);
    assert.equal(target.path, 'incidentReport.openRuleDocs');
    assert.deepEqual(JSON.parse(decodeURIComponent(target.query)), ['timeline-order']);
  });

  it('Open Rule Documentation shows the rule page in the Markdown preview, no editor on the raw file', async () => {
    await closeAll();
    const opened = await vscode.commands.executeCommand<vscode.Uri>('incidentReport.openRuleDocs', 'timeline-order');
    assert.ok(opened?.path.endsWith('/docs/rules/timeline-order.md'));
    const tab = await waitFor('the preview tab', () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputWebview ? input : undefined;
    });
    assert.match(tab.viewType, /markdown\.preview/);
    assert.equal(vscode.window.visibleTextEditors.some((e) => e.document.uri.path.endsWith('/docs/rules/timeline-order.md')), false);
  });

  it('the quick fix from the code action provider sorts the rows and the diagnostic goes away', async () => {
    const uri = await outOfOrderCopy();
    const editor = await vscode.window.showTextDocument(uri);
    const diagnostic = await waitFor('timeline-order', () => ours(uri).find((d) => codeOf(d) === 'timeline-order'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const sort = actions.find((a) => a.title === 'Sort the timeline rows by time');
    assert.ok(sort?.edit, `no sort action among: ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(sort.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(sort.edit));
    await waitFor('timeline-order to disappear', () => (ours(uri).some((d) => codeOf(d) === 'timeline-order') ? undefined : true));
    const lines = editor.document.getText().split('\n');
    assert.equal(lines[39], '| 14:05 | On-call notified | PagerDuty |');
    assert.equal(lines[40], '| 14:12 | Investigation started | Priya Raman |');
  });

  it('fix-all runs on save through editor.codeActionsOnSave', async () => {
    const uri = await outOfOrderCopy();
    await setSetting('editor.codeActionsOnSave', { 'source.fixAll.incident-report': 'explicit' });
    try {
      const editor = await vscode.window.showTextDocument(uri);
      await editor.edit((b) => b.insert(new vscode.Position(editor.document.lineCount - 1, 0), '\n'));
      await vscode.commands.executeCommand('workbench.action.files.save');
      const saved = await waitFor('the saved, fixed file', async () => {
        const text = await readFile(uri);
        return text.includes('| 14:05 | On-call notified | PagerDuty |\n| 14:12 | Investigation started') ? text : undefined;
      });
      assert.ok(saved);
    } finally {
      await setSetting('editor.codeActionsOnSave', undefined);
    }
  });

  it('Insert UTC Timestamp writes HH:MM in a timeline time cell and ISO 8601 elsewhere', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('incidentReport.newIncident', { severity: 'minor', title: 'Timestamp test' });
    const editor = await vscode.window.showTextDocument(uri);
    const lines = editor.document.getText().split('\n');
    const row = lines.findIndex((l) => l.includes('| Incident detected |'));
    assert.ok(row > 0);
    // After the first row: a new row whose time cell holds the cursor.
    await editor.edit((b) => b.insert(new vscode.Position(row + 1, 0), '|  | Mitigation started | me |\n'));
    editor.selection = new vscode.Selection(row + 1, 2, row + 1, 2);
    assert.ok(await vscode.commands.executeCommand('incidentReport.insertTimestamp'));
    assert.match(editor.document.lineAt(row + 1).text, /^\| \d{2}:\d{2} \| Mitigation started \| me \|$/);

    const what = lines.findIndex((l) => l === '**What happened:**');
    editor.selection = new vscode.Selection(what + 1, 0, what + 1, 0);
    await vscode.commands.executeCommand('incidentReport.insertTimestamp');
    assert.match(editor.document.lineAt(what + 1).text, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('turning a rule off in settings removes its diagnostics', async () => {
    const uri = await outOfOrderCopy();
    await vscode.window.showTextDocument(uri);
    await waitFor('timeline-order', () => ours(uri).find((d) => codeOf(d) === 'timeline-order'));
    await setSetting('incidentReport.rules', { 'timeline-order': 'off' });
    try {
      await waitFor('timeline-order to go', () => (ours(uri).some((d) => codeOf(d) === 'timeline-order') ? undefined : true));
    } finally {
      await setSetting('incidentReport.rules', undefined);
    }
    await waitFor('timeline-order to come back', () => ours(uri).find((d) => codeOf(d) === 'timeline-order'));
  });

  it('validates closed report files of the workspace too', async () => {
    const uri = await outOfOrderCopy();
    const found = await waitFor('diagnostics of a file never opened', () => ours(uri).find((d) => codeOf(d) === 'timeline-order'));
    assert.equal(found.range.start.line, 40);
    assert.equal(vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), false);
  });

  /** The out-of-order report with 300 KB of prose in Root Cause: a large report, linted in the server's process. */
  const writeLargeReport = async (): Promise<vscode.Uri> => {
    const source = await readFile(workspaceUri(OUT_OF_ORDER));
    const prose = Array.from({ length: 4000 }, (_, i) => `Observation ${i}: the pool stayed saturated while the retry storm went on.`).join('\n\n');
    const uri = workspaceUri('incidents', 'INC-20261020-001-large.md');
    await writeFile(uri, source.replace('## 🔧 Root Cause Analysis', `## 🔧 Root Cause Analysis\n\n${prose}\n`));
    return uri;
  };

  it('validates a large report (over 256 KB) in the server process, with the same diagnostics', async () => {
    const uri = await writeLargeReport();
    assert.ok((await readFile(uri)).length > 256 * 1024);
    await vscode.window.showTextDocument(uri);
    const found = await waitFor('timeline-order on the large report', () => ours(uri).find((d) => codeOf(d) === 'timeline-order'), 15_000);
    assert.equal(found.range.start.line, 40);
  });

  it('leaves Markdown that is not a report alone', async () => {
    const uri = workspaceUri('README.md');
    const extension = await api();
    const validated = new Promise<void>((resolve) => {
      const subscription = extension.onDidValidate((validatedUri) => {
        if (validatedUri.toString() !== uri.toString()) return;
        subscription.dispose();
        resolve();
      });
    });
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    await validated;
    assert.deepEqual(ours(uri), []);
  });
});
