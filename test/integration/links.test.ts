import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAll, waitFor, workspaceUri, writeFile } from './helpers';

/** A report of its own (other tests copy the fixture's, so its ID may be held by several files). */
const ID = 'INC-20261130-077';
const REPORT = [`# Incident Report`, '', `**Incident ID:** ${ID}  `, '**Date:** 2026-11-30  ', '**Severity:** 🟢 Minor', '', '## 📋 Summary', '', '**What happened:**', 'Sitemap job ran twice.', ''].join('\n');

describe('Links between reports (language server features through the client)', () => {
  afterEach(closeAll);

  it('workspace symbols list a report by ID and title; go to definition from a note opens its ID field', async () => {
    const { index } = await api();
    await index.ready();
    const report = workspaceUri('incidents', `${ID}-sitemap-twice.md`);
    await writeFile(report, REPORT);
    const idField = [2, 17, 2, 33];
    const rangeOf = (r: vscode.Range) => [r.start.line, r.start.character, r.end.line, r.end.character];

    const symbol = await waitFor('the report among the workspace symbols', async () => {
      const found = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', ID);
      return found.find((s) => s.location.uri.toString() === report.toString());
    });
    assert.equal(symbol.name, `${ID} Incident Report`);
    assert.deepEqual(rangeOf(symbol.location.range), idField);

    const notes = workspaceUri('notes-links.md');
    await writeFile(notes, `Retro notes: see ${ID} for the sitemap job.\n`);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(notes));
    const definitions = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', notes, new vscode.Position(0, 20));
    assert.equal(definitions.length, 1);
    const target = definitions[0]!;
    const [uri, range] = 'targetUri' in target ? [target.targetUri, target.targetSelectionRange ?? target.targetRange] : [target.uri, target.range];
    assert.equal(uri.toString(), report.toString());
    assert.deepEqual(rangeOf(range), idField);
    // Off the ID: nothing.
    assert.deepEqual(await vscode.commands.executeCommand('vscode.executeDefinitionProvider', notes, new vscode.Position(0, 3)), []);
  });
});
