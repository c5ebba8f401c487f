import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../server/protocol';
import type { IncidentIndex } from './incidents/incidentIndex';

export const NEXT_TO_FILL_COMMAND = 'incidentReport.nextToFill';

/** A diagnostic for something not yet written (the server marks it in `data`). */
function isUnfilled(diagnostic: vscode.Diagnostic): boolean {
  return diagnostic.source === DIAGNOSTIC_SOURCE && (diagnostic as vscode.Diagnostic & { data?: { unfilled?: boolean } }).data?.unfilled === true;
}

/** The places still to fill in a report, in document order. */
export function placesToFill(uri: vscode.Uri): vscode.Range[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter(isUnfilled)
    .map((d) => d.range)
    .sort((a, b) => a.start.compareTo(b.start));
}

/** Go to Next Place to Fill: after the cursor (or `from`), wrapping to the first. */
export async function nextToFill(uri?: string | vscode.Uri, from?: { line: number; character: number }): Promise<vscode.Range | undefined> {
  const target = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri;
  const editor = target ? await vscode.window.showTextDocument(target) : vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const places = placesToFill(editor.document.uri);
  if (places.length === 0) {
    void vscode.window.setStatusBarMessage('Incident Report: nothing left to fill', 3000);
    return undefined;
  }
  const cursor = from ? new vscode.Position(from.line, from.character) : editor.selection.active;
  const next = places.find((range) => range.start.isAfter(cursor)) ?? places[0]!;
  editor.selection = new vscode.Selection(next.start, next.end);
  editor.revealRange(next, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return next;
}

/**
 * The active report in the status bar: ID · severity · status · what is left to fill ·
 * errors; a click goes to the next place to fill.
 */
export function registerStatusBar(index: IncidentIndex): { item: vscode.StatusBarItem; disposable: vscode.Disposable } {
  const item = vscode.window.createStatusBarItem('incidentReport.status', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Incident Report';
  item.command = NEXT_TO_FILL_COMMAND;
  const update = (): void => {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const report = uri ? index.get(uri) : undefined;
    if (!uri || !report) {
      item.hide();
      return;
    }
    const errors = vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE && d.severity === vscode.DiagnosticSeverity.Error).length;
    const toFill = placesToFill(uri).length;
    const h = report.header;
    item.text = ['$(flame)', [h.id ?? 'no ID', h.severity?.word ?? '', h.status ?? '', toFill ? `${toFill} to fill` : 'filled', errors ? `${errors} error${errors === 1 ? '' : 's'}` : ''].filter(Boolean).join(' · ')].join(' ');
    item.tooltip = toFill ? 'Go to the next place to fill' : 'Every place of the template is filled';
    item.show();
  };
  update();
  return {
    item,
    disposable: vscode.Disposable.from(item, vscode.window.onDidChangeActiveTextEditor(update), index.onDidChange(update), vscode.languages.onDidChangeDiagnostics(update)),
  };
}
