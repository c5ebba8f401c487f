import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { IncidentElement } from '../../src/vscode/incidents/incidentsView';
import { api, closeAll, readFile, waitFor, workspaceUri, writeFile } from './helpers';

const RESOLVED = 'incidents/INC-20261020-001-checkout-outage.md';

async function openReport(title: string): Promise<vscode.Uri> {
  return vscode.commands.executeCommand<vscode.Uri>('incidentReport.newIncident', { severity: 'critical', title });
}

function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : item.label?.label ?? '';
}

describe('Incidents view', () => {
  afterEach(async () => {
    await closeAll();
    await vscode.commands.executeCommand('incidentReport.showOpenIncidents');
  });

  it('lists open incidents with severity, status and problems; resolved ones only with Show All', async () => {
    const { index, incidentsProvider: provider } = await api();
    const uri = await openReport('Payments down');
    await index.ready();
    const element = await waitFor('the new incident in the view', () => provider.getChildren().find((e) => e.key === uri.toString()));
    // Listed as soon as it is read; what is left to fill comes with its first validation.
    const described = /^INC-\d{8}-\d{3} · Open( · \d+ (error|warning)s?[^·]*)? · \d+ to fill$/;
    const item = await waitFor('its progress', () => {
      const current = provider.getTreeItem(element);
      return described.test(String(current.description)) ? current : undefined;
    });
    assert.equal(labelOf(item), 'Payments down');
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'flame');
    assert.equal(((item.iconPath as vscode.ThemeIcon).color as vscode.ThemeColor).id, 'charts.red');

    const resolved = workspaceUri(RESOLVED).toString();
    assert.equal(provider.getChildren().some((e) => e.key === resolved), false, 'a Resolved report is hidden by default');
    await vscode.commands.executeCommand('incidentReport.showAllIncidents');
    assert.equal(provider.getChildren().some((e) => e.key === resolved), true);
  });

  it('keeps the severity colour of a report with errors whose Severity still names two levels', async () => {
    const { index, incidentsProvider: provider } = await api();
    const uri = workspaceUri('incidents', 'INC-20261103-001-two-severities.md');
    const source = await readFile(workspaceUri(RESOLVED));
    await writeFile(uri, source.replace(/INC-20261020-001/g, 'INC-20261103-001').replace('Status: Resolved', 'Status: Investigating').replace('**Severity:** 🔴 Critical', '**Severity:** 🟡 Major / 🔴 Critical'));
    await waitFor('indexed', () => index.get(uri));
    const element = await waitFor('listed', () => provider.getChildren().find((e) => e.key === uri.toString()));
    // Its ID and Date disagree, and it names two levels: errors; the icon keeps Critical's red.
    const item = await waitFor('its errors', () => {
      const current = provider.getTreeItem(element);
      return /error/.test(String(current.description)) ? current : undefined;
    });
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'flame');
    assert.equal(((item.iconPath as vscode.ThemeIcon).color as vscode.ThemeColor).id, 'charts.red');
    await vscode.workspace.fs.delete(uri);
  });

  it('expands an incident into its metrics, timeline rows and action items, and a click reveals the row', async () => {
    const { incidentsProvider: provider, index } = await api();
    await index.ready();
    await vscode.commands.executeCommand('incidentReport.showAllIncidents');
    const key = workspaceUri(RESOLVED).toString();
    const incident: IncidentElement = { kind: 'incident', key };
    const children = await provider.getChildren(incident);
    const rows = children.filter((c) => c.kind === 'row');
    assert.equal(rows.length, 8);
    const second = provider.getTreeItem(rows[1]!);
    assert.equal(labelOf(second), '14:02  Incident detected: checkout error rate alert fired');
    assert.equal(second.description, 'Alertmanager');
    const actions = children.find((c) => c.kind === 'actions')!;
    assert.equal(provider.getTreeItem(actions).description, '1/3 done');
    assert.deepEqual(provider.getParent(rows[1]!), incident);
    // First, the metrics as the CodeLens over the timeline shows them.
    assert.equal(children[0]!.kind, 'metrics');
    assert.equal(labelOf(provider.getTreeItem(children[0]!)), 'TTD 14m · TTA 10m · TTM 1h 29m · TTRs 2h 3m · TTR 2h 35m');
    assert.deepEqual(provider.getParent(children[0]!), incident);

    const command = second.command!;
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>(command.command, ...(command.arguments ?? []));
    assert.equal(editor.document.uri.toString(), key);
    assert.equal(editor.selection.active.line, 38);
    assert.equal(editor.document.lineAt(38).text, '| 14:02 | Incident detected: checkout error rate alert fired | Alertmanager |');
  });

  it('reads an incident\'s timeline and action items only when it is expanded, then follows its edits', async () => {
    const { index, incidentsProvider: provider } = await api();
    const uri = await openReport('Expanded later');
    await waitFor('indexed', () => index.get(uri));
    assert.equal(index.detailsOf(uri), undefined, 'the index reads only the header of a report');
    const incident: IncidentElement = { kind: 'incident', key: uri.toString() };
    const children = await provider.getChildren(incident);
    assert.deepEqual(children.map((c) => c.kind), ['row', 'actions']);
    assert.match(labelOf(provider.getTreeItem(children[0]!)), /^\d{2}:\d{2}  Incident detected$/);
    const actions = children.find((c) => c.kind === 'actions')!;
    // The template's example rows ([Action 1] ... ✅ Done) are not action items.
    assert.equal(provider.getTreeItem(actions).description, 'none yet');
    assert.deepEqual(await provider.getChildren(actions), []);

    // An unsaved edit of the expanded incident updates its rows (no re-read asked for).
    const editor = await vscode.window.showTextDocument(uri);
    assert.ok(await vscode.commands.executeCommand('incidentReport.addTimelineEvent', { uri, event: 'Rollback started', actor: 'Marco' }));
    const rows = await waitFor('the new row', () => (index.detailsOf(uri)?.timeline.length === 2 ? index.detailsOf(uri)!.timeline : undefined));
    const added = rows.find((r) => r.event === 'Rollback started')!;
    assert.equal(added.actor, 'Marco');
    assert.match(editor.document.lineAt(added.line).text, /^\| [\d: -]+ \| Rollback started \| Marco \|$/);
    // "Rollback started" is a mitigation row: the timeline now gives a time to mitigate, shown first.
    assert.deepEqual((await provider.getChildren(incident)).map((c) => c.kind), ['metrics', 'row', 'row', 'actions']);
  });

  it('follows unsaved edits, renames and deletions without a refresh', async () => {
    const { index, incidentsProvider: provider } = await api();
    const uri = await openReport('Cache stampede');
    await waitFor('indexed', () => index.get(uri));
    const editor = await vscode.window.showTextDocument(uri);
    const line = editor.document.getText().split('\n').findIndex((l) => l.startsWith('Title: '));
    await editor.edit((b) => b.replace(editor.document.lineAt(line).range, 'Title: Cache stampede on sessions'));
    await waitFor('the unsaved title', () => (index.get(uri)?.header.title === 'Cache stampede on sessions' ? true : undefined));
    await vscode.commands.executeCommand('workbench.action.files.save');

    const renamed = vscode.Uri.joinPath(uri, '..', uri.path.split('/').pop()!.replace('.md', '-renamed.md'));
    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(uri, renamed);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('the renamed report', () => (index.get(renamed) && !index.get(uri) ? true : undefined));

    await closeAll();
    await vscode.workspace.fs.delete(renamed);
    await waitFor('the deleted report to leave the view', () => (provider.getChildren().some((e) => e.key === renamed.toString()) ? undefined : true));
  });

  it('indexes a report written by another tool (file watcher)', async () => {
    const { index, incidentsProvider: provider } = await api();
    await index.ready();
    const uri = workspaceUri('incidents', 'INC-20261102-007-external.md');
    await writeFile(uri, (await readFile(workspaceUri(RESOLVED))).replace(/INC-20261020-001/g, 'INC-20261102-007').replace('Status: Resolved', 'Status: Investigating'));
    const found = await waitFor('the external report', () => index.get(uri));
    assert.equal(found.header.id, 'INC-20261102-007');
    assert.equal(found.header.open, true);

    // Expanded, its rows follow the file as another tool rewrites it.
    const rows = async (): Promise<number> => (await provider.getChildren({ kind: 'incident', key: uri.toString() })).filter((c) => c.kind === 'row').length;
    assert.equal(await rows(), 8);
    const text = await readFile(uri);
    await writeFile(uri, text.replace(/^\| 14:02 \|.*\r?\n/m, ''));
    await waitFor('the row removed on disk', () => (index.detailsOf(uri)?.timeline.length === 7 ? true : undefined));
    assert.equal(await rows(), 7);
  });

  // The workspace search (ripgrep) lists regular files only; such entries reach the index
  // through the file watcher, which reads every created *.md.
  it('a FIFO and a dangling link named *.md are skipped with the reason, the other reports indexed', async function () {
    this.timeout(30_000);
    // Node built-ins here set the stage on disk; the extension itself reads through vscode.workspace.fs.
    const { execFileSync } = await import('node:child_process');
    const { rmSync, symlinkSync } = await import('node:fs');
    const { index } = await api();
    await index.ready();
    const fifo = workspaceUri('incidents', 'INC-20261103-001-pipe.md');
    const dangling = workspaceUri('incidents', 'INC-20261103-002-gone.md');
    try {
      execFileSync('mkfifo', [fifo.fsPath]);
      symlinkSync(workspaceUri('incidents', 'missing-target.md').fsPath, dangling.fsPath);
      await index.rescan();
      assert.equal(await waitFor('the FIFO skipped', () => index.skipped.get(fifo.toString()), 10_000), 'it is not a regular file');
      assert.equal(await waitFor('the dangling link skipped', () => index.skipped.get(dangling.toString()), 10_000), 'it is a link to nothing (its target does not exist)');
      assert.ok(index.get(workspaceUri(RESOLVED)), 'the other reports are indexed');
    } finally {
      rmSync(fifo.fsPath, { force: true });
      rmSync(dangling.fsPath, { force: true });
    }
  });

  it('Add Timeline Event inserts a row stamped now, in time order', async () => {
    const uri = await openReport('Timeline event');
    const editor = await vscode.window.showTextDocument(uri);
    assert.ok(await vscode.commands.executeCommand('incidentReport.addTimelineEvent', { uri, event: 'Rollback started', actor: 'Marco' }));
    const lines = editor.document.getText().split('\n');
    const first = lines.findIndex((l) => l.includes('| Incident detected |'));
    assert.match(lines[first + 1]!, /^\| \d{2}:\d{2} \| Rollback started \| Marco \|$/);
    assert.ok(lines[first + 1]!.slice(2, 7) >= lines[first]!.slice(2, 7), 'the new row is not earlier than the first');
  });

  it('Add Timeline Event backfills: the row takes the time given and its place in time', async () => {
    const uri = await openReport('Backfilled event');
    const editor = await vscode.window.showTextDocument(uri);
    const date = /\*\*Date:\*\* (\d{4}-\d{2}-\d{2})/.exec(editor.document.getText())![1]!;
    assert.ok(await vscode.commands.executeCommand('incidentReport.addTimelineEvent', { uri, event: 'Alert fired', actor: 'Alertmanager', at: `${date} 00:01` }));
    const rows = editor.document.getText().split('\n').filter((l) => /^\| (\d{2}:\d{2}|HH:MM) \|/.test(l));
    // Before the first row (stamped at creation, later that day).
    assert.equal(rows[0], '| 00:01 | Alert fired | Alertmanager |');
  });

  it('Add Timeline Event says at once that a report has no timeline, before asking anything', async () => {
    const uri = workspaceUri('incidents', 'INC-20261020-003-no-timeline.md');
    const source = await readFile(workspaceUri(RESOLVED));
    await writeFile(uri, source.replace(/\| Time \| Event \| Actor \|[\s\S]*?\n\n/, 'No table yet.\n\n'));
    await vscode.window.showTextDocument(uri);
    // Were it to ask first, the command would wait on an input box no one answers.
    const answered = await Promise.race([
      vscode.commands.executeCommand<boolean>('incidentReport.addTimelineEvent', { uri }),
      new Promise<'asked'>((resolve) => setTimeout(() => resolve('asked'), 15_000)),
    ]);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(answered, false);
  });
});
