import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAll, waitFor, workspaceUri } from './helpers';

const REPORT = 'incidents/INC-20261020-001-checkout-outage.md';

/** The next chart a panel draws for `uri`. */
function nextRender(timeline: Awaited<ReturnType<typeof api>>['timeline'], uri: vscode.Uri, rows?: number): Promise<number> {
  return new Promise((resolve) => {
    const listener = timeline.onDidRender((event) => {
      if (event.uri.toString() !== uri.toString() || (rows !== undefined && event.rows !== rows)) return;
      listener.dispose();
      resolve(event.rows);
    });
  });
}

function timelineTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('incidentReport.timeline'));
}

describe('Show Timeline', () => {
  afterEach(async () => {
    await closeAll();
  });

  it('opens the chart beside the report and redraws it as the report changes', async () => {
    const { timeline } = await api();
    const uri = workspaceUri(REPORT);
    const editor = await vscode.window.showTextDocument(uri);
    const drawn = nextRender(timeline, uri);
    await vscode.commands.executeCommand('incidentReport.showTimeline');
    assert.equal(await drawn, 8, 'the eight timed rows');
    const tabs = await waitFor('the timeline tab', () => (timelineTabs().length === 1 ? timelineTabs() : undefined));
    assert.equal(tabs[0]!.label, 'Timeline: INC-20261020-001-checkout-outage.md');
    assert.notEqual(tabs[0]!.group.viewColumn, editor.viewColumn, 'beside the editor');
    assert.deepEqual(timeline.open().map(String), [uri.toString()]);

    // An unsaved edit removes a row: the chart follows (debounced), without a save.
    const line = editor.document.getText().split('\n').findIndex((l) => l.startsWith('| 14:05 | On-call notified'));
    const redrawn = nextRender(timeline, uri, 7);
    await editor.edit((edit) => edit.delete(new vscode.Range(line, 0, line + 1, 0)));
    assert.equal(await redrawn, 7);

    // Running the command again reveals the same panel rather than opening a second one.
    await vscode.commands.executeCommand('incidentReport.showTimeline', uri);
    assert.equal(timelineTabs().length, 1);
    await vscode.commands.executeCommand('workbench.action.files.revert', uri);
  });
});
