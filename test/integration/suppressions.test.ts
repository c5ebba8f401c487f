import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAll, codeOf, ours, readFile, waitFor, workspaceUri, writeFile } from './helpers';

/** The "Disable RULE for this line / file" quick fixes, applied in the editor as a user picks them. */
describe('suppression quick fixes in VS Code', () => {
  const uri = workspaceUri('incidents', 'INC-20261020-001-suppressions.md');
  before(async () => {
    await api();
  });
  after(async () => {
    await closeAll();
    await vscode.workspace.fs.delete(uri);
  });

  async function apply(title: string, rule: string): Promise<void> {
    // Right after an edit the workbench may still hold the last version's diagnostics (or
    // cancel the request): ask again until the action is offered.
    let offered: string[] = [];
    const action = await waitFor(`"${title}"`, async () => {
      const diagnostic = ours(uri).find((d) => codeOf(d) === rule);
      if (!diagnostic) return undefined;
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      offered = actions.map((a) => a.title);
      const found = actions.find((a) => a.title === title);
      if (!found) await new Promise((resolve) => setTimeout(resolve, 250));
      return found;
    }).catch((error: Error) => assert.fail(`${error.message}; offered: ${offered.join(', ')}`));
    assert.ok(action.edit);
    assert.notEqual(action.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(action.edit));
    await waitFor(`${rule} to disappear`, () => (ours(uri).some((d) => codeOf(d) === rule) ? undefined : true));
  }

  it('"Disable timeline-order for this table" and "Disable blameless-language for this file" hide their diagnostics, nothing else appears', async () => {
    // The workspace's report has two rows out of order; a blame word is added.
    const source = await readFile(workspaceUri('incidents', 'INC-20261020-001-checkout-outage.md'));
    await writeFile(uri, source.replace('A typo in a Helm value', 'A careless typo in a Helm value'));
    const editor = await vscode.window.showTextDocument(uri);
    await waitFor('blameless-language', () => ours(uri).find((d) => codeOf(d) === 'blameless-language'));
    const others = (): string[] => ours(uri).filter((d) => !['timeline-order', 'blameless-language'].includes(codeOf(d)) && codeOf(d) !== 'sign-off').map((d) => `${codeOf(d)}: ${d.message}`);
    const before = others();

    await apply('Disable timeline-order for this table', 'timeline-order');
    const lines = editor.document.getText().split('\n');
    const header = lines.indexOf('| Time | Event | Actor |');
    assert.equal(lines[header - 1], '<!-- incident-report-disable timeline-order -->');
    assert.ok(lines.includes('<!-- incident-report-enable timeline-order -->'));

    await apply('Disable blameless-language for this file', 'blameless-language');
    assert.ok(editor.document.getText().includes('---\n<!-- incident-report-disable-file blameless-language -->\n'));
    // No unused-suppression or suppression-comment, and the rest as before.
    assert.deepEqual(others(), before);
    assert.ok(!ours(uri).some((d) => /suppression/.test(codeOf(d))));
  });
});
