import * as vscode from 'vscode';
import type { Diagnostic, Range, Severity, TextEdit } from '../core';

/** The one place core data becomes VS Code data. */

export const DIAGNOSTIC_SOURCE = 'incident-report';

export function toRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

export function toSeverity(severity: Severity): vscode.DiagnosticSeverity {
  switch (severity) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    case 'info':
      return vscode.DiagnosticSeverity.Information;
    case 'hint':
      return vscode.DiagnosticSeverity.Hint;
  }
}

export function toDiagnostic(diagnostic: Diagnostic, docsTarget: (ruleId: string) => vscode.Uri): vscode.Diagnostic {
  const result = new vscode.Diagnostic(toRange(diagnostic.range), diagnostic.message, toSeverity(diagnostic.severity));
  result.source = DIAGNOSTIC_SOURCE;
  result.code = { value: diagnostic.ruleId, target: docsTarget(diagnostic.ruleId) };
  return result;
}

/** Core edits are offsets into the text they were computed for: that text must be the document's. */
export function toTextEdit(document: vscode.TextDocument, edit: TextEdit): vscode.TextEdit {
  return new vscode.TextEdit(new vscode.Range(document.positionAt(edit.span.start), document.positionAt(edit.span.end)), edit.newText);
}

export function toWorkspaceEdit(document: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const workspaceEdit = new vscode.WorkspaceEdit();
  workspaceEdit.set(document.uri, edits.map((edit) => toTextEdit(document, edit)));
  return workspaceEdit;
}

/** Same-diagnostic test between a VS Code diagnostic and a core one. */
export function sameDiagnostic(a: vscode.Diagnostic, b: Diagnostic): boolean {
  const code = typeof a.code === 'object' ? a.code.value : a.code;
  return a.source === DIAGNOSTIC_SOURCE && code === b.ruleId && a.message === b.message && a.range.isEqual(toRange(b.range));
}
