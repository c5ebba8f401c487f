import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ActionItemElement } from '../../src/vscode/actionItems/actionItemsView';
import { api, closeAll, exists, readFile, waitFor, workspaceUri, writeFile } from './helpers';

const RESOLVED = 'incidents/INC-20261020-001-checkout-outage.md';
const OVERDUE_REPORT = 'incidents/INC-20261101-001-overdue-follow-ups.md';

function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : item.label?.label ?? '';
}

/** The fixture report with other ID and action items: one long overdue, one done. */
async function writeOverdueReport(): Promise<vscode.Uri> {
  const source = await readFile(workspaceUri(RESOLVED));
  const text = source
    .replace(/INC-20261020-001/g, 'INC-20261101-001')
    .replace(/\*\*Date:\*\* 2026-10-20/, '**Date:** 2026-11-01')
    .replace(/\| Alert on pool saturation above 80% \|[^\n]*\n\| Show rendered Helm diff in PR checks \|[^\n]*\n\| Load test checkout in staging weekly \|[^\n]*/, '| Rotate the on-call runbook | Zoe Park | 2026-11-05 | ⬜ Not Started |\n| Archive the dashboards | Zoe Park | 2026-11-02 | ✅ Done |');
  const uri = workspaceUri(OVERDUE_REPORT);
  await writeFile(uri, text);
  return uri;
}

describe('Action Items view', () => {
  afterEach(async () => {
    await closeAll();
    const uri = workspaceUri(OVERDUE_REPORT);
    if (await exists(uri)) await vscode.workspace.fs.delete(uri);
    await vscode.commands.executeCommand('incidentReport.groupActionItemsByOwner');
  });

  it('lists every action item across reports, overdue first, grouped by owner; a click reveals its row', async () => {
    const { actionItemsProvider: provider } = await api();
    const uri = await writeOverdueReport();
    const groups = await waitFor('the new report\'s items', () => {
      const top = provider.getChildren();
      return top.some((g) => g.kind === 'group' && g.key === 'Zoe Park') ? top : undefined;
    });
    // Zoe's group holds the only overdue item: it comes first.
    const zoe = groups[0]!;
    assert.deepEqual(zoe, { kind: 'group', key: 'Zoe Park' });
    assert.equal(provider.getTreeItem(zoe).description, '1 open, 1 overdue of 2');
    const items = provider.getChildren(zoe);
    const [overdue, done] = items.map((e) => provider.getTreeItem(e));
    assert.equal(labelOf(overdue!), 'Rotate the on-call runbook · Zoe Park · due 2026-11-05');
    assert.equal(overdue!.description, '⬜ Not Started · overdue');
    assert.equal((overdue!.iconPath as vscode.ThemeIcon).id, 'warning');
    assert.equal(labelOf(done!), 'Archive the dashboards · Zoe Park · due 2026-11-02');
    assert.equal(done!.description, '✅ Done');
    assert.deepEqual(provider.getParent(items[0]!), zoe);
    // The fixture's owners follow (none overdue), each its own group.
    const owners = groups.map((g) => (g as Extract<ActionItemElement, { kind: 'group' }>).key);
    for (const owner of ['Priya Raman', 'Marco Silva', 'Dana Okafor']) assert.ok(owners.indexOf(owner) > 0, `${owner} after Zoe Park: ${owners.join(', ')}`);

    const command = overdue!.command!;
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>(command.command, ...(command.arguments ?? []));
    assert.equal(editor.document.uri.toString(), uri.toString());
    assert.equal(editor.document.lineAt(editor.selection.active.line).text, '| Rotate the on-call runbook | Zoe Park | 2026-11-05 | ⬜ Not Started |');
  });

  it('groups by report with the toggle in its title, and follows an edit (an item marked done is no longer overdue)', async () => {
    const { actionItemsProvider: provider } = await api();
    const uri = await writeOverdueReport();
    await waitFor('the new report\'s items', () => provider.all.find((i) => i.file === uri.toString()));
    await vscode.commands.executeCommand('incidentReport.groupActionItemsByReport');
    const groups = provider.getChildren();
    assert.deepEqual(groups[0], { kind: 'group', key: uri.toString() }, 'the report with an overdue item first');
    assert.equal(labelOf(provider.getTreeItem(groups[0]!)), 'INC-20261101-001 Checkout API outage after connection pool change');
    const fixture = groups.find((g) => g.kind === 'group' && g.key === workspaceUri(RESOLVED).toString());
    assert.ok(fixture, 'the fixture report is a group');
    assert.equal(provider.getTreeItem(fixture).description, '2 open of 3');

    const text = await readFile(uri);
    await writeFile(uri, text.replace('| 2026-11-05 | ⬜ Not Started |', '| 2026-11-05 | ✅ Done |'));
    await waitFor('the item done', () => (provider.all.find((i) => i.file === uri.toString() && i.action === 'Rotate the on-call runbook')?.done ? true : undefined));
    assert.equal(provider.all.some((i) => i.file === uri.toString() && i.overdue), false);
  });
});

describe('Incident: Export to HTML', () => {
  const target = (): vscode.Uri => workspaceUri('incidents', 'exported.html');
  afterEach(async () => {
    await closeAll();
    if (await exists(target())) await vscode.workspace.fs.delete(target());
  });

  it('writes the CLI\'s sanitised HTML of the active report (a <script> does not survive), never over an existing file without the dialog', async () => {
    const uri = workspaceUri(RESOLVED);
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    // An unsaved edit: a script and a javascript: link in the report's text.
    await editor.edit((edit) => edit.insert(new vscode.Position(document.lineCount, 0), '\n<script>alert("x")</script>\n\n[run](javascript:alert(1))\n'));
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('incidentReport.exportHtml', { target: target() });
    assert.equal(written?.toString(), target().toString());
    const html = await readFile(target());
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /<title>Checkout API outage after connection pool change<\/title>/);
    assert.match(html, /Alert on pool saturation above 80%/);
    assert.match(html, /<svg[\s>]/);
    assert.doesNotMatch(html, /<script|javascript:|alert\(/);
    // No temporary file is left beside it.
    const names = (await vscode.workspace.fs.readDirectory(workspaceUri('incidents'))).map(([name]) => name);
    assert.deepEqual(names.filter((n) => n.endsWith('.tmp')), []);

    // Asked to write over it without the dialog: refused, the file unchanged.
    await writeFile(target(), 'keep me');
    assert.equal(await vscode.commands.executeCommand('incidentReport.exportHtml', { target: target() }), undefined);
    assert.equal(await readFile(target()), 'keep me');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('refuses a Markdown file that is not a report, writing nothing', async () => {
    const readme = workspaceUri('README.md');
    assert.equal(await vscode.commands.executeCommand('incidentReport.exportHtml', { uri: readme, target: target() }), undefined);
    assert.equal(await exists(target()), false);
  });
});

describe('Incident: Show Insights', () => {
  afterEach(closeAll);

  it('opens a webview with a strict CSP and posts the stats of the workspace\'s reports', async () => {
    const { insightsPanel } = await api();
    await vscode.commands.executeCommand('incidentReport.showInsights');
    const panel = insightsPanel();
    assert.ok(panel, 'the panel is open');
    const html = panel.panel.webview.html;
    assert.match(html, /default-src 'none'; script-src 'nonce-[0-9a-f]{32,}';/);
    // Every address is the webview's own resource origin: nothing from the network.
    for (const [address] of html.matchAll(/https?:\/\/[^\s"';]+/g)) assert.match(address, /vscode-(cdn|resource|webview)/, address);
    assert.match(html, /dist\/webview\/insights\.js/);
    const data = await waitFor('the data posted', () => panel.last ?? undefined);
    assert.ok(data.bySeverity.total.incidents >= 1);
    const critical = data.bySeverity.groups.find((g) => g.key.severity === 'Critical');
    assert.ok(critical, 'the fixture report is Critical');
    assert.ok(data.byMonthAndSeverity.groups.some((g) => g.key.month === '2026-10' && g.key.severity === 'Critical'));
  });
});
