import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, codeOf, ours, waitFor, workspaceUri } from './helpers';

/**
 * Run with workspace trust enabled on a folder that is not trusted (npm test's second
 * integration run, `--trust`, selects these with MOCHA_GREP=untrusted). Nothing in a report
 * or config is executed, so every feature works there.
 */
describe('untrusted workspace', function () {
  before(function () {
    if (vscode.workspace.isTrusted) this.skip();
  });

  it('runs with the folder untrusted: validates, offers fixes and creates reports', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const { incidentsProvider } = await api();
    const uri = workspaceUri('incidents', 'INC-20261020-001-checkout-outage.md');
    await vscode.window.showTextDocument(uri);
    const diagnostic = await waitFor('timeline-order', () => ours(uri).find((d) => codeOf(d) === 'timeline-order'));
    // Right after the folder opens restricted, the workbench may cancel a first request, and
    // the server may not have the document yet: ask again until the fix is offered.
    const actions = await waitFor('the sort fix', async () => {
      try {
        const offered = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
        return offered.some((a) => a.title === 'Sort the timeline rows by time') ? offered : undefined;
      } catch (error) {
        console.log(`code actions: ${(error as Error).message}; retrying`);
        await new Promise((resolve) => setTimeout(resolve, 250));
        return undefined;
      }
    });
    assert.ok(actions.length > 0);
    const created = await vscode.commands.executeCommand<vscode.Uri>('incidentReport.newIncident', { severity: 'minor', title: 'Untrusted' });
    assert.ok(created);
    await waitFor('the new incident in the view', () => incidentsProvider.getChildren().find((e) => e.key === created.toString()));
  });
});
