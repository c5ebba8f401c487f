import * as vscode from 'vscode';
import type { Fix } from '../core';
import type { ConfigurationService } from './configuration';
import { DIAGNOSTIC_SOURCE, sameDiagnostic, toTextEdit, toWorkspaceEdit } from './convert';
import { fileNameOf, type DiagnosticsManager } from './diagnostics';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('incident-report');
export const REWRITE_KIND = vscode.CodeActionKind.RefactorRewrite.append('incident-report');
export const CREATE_EVIDENCE_COMMAND = 'incidentReport.createEvidenceFile';

/**
 * Quick fixes are the core's fixes, looked up in the lint result of this exact document
 * version (never hung on the diagnostic objects), plus fix-all on save and rewrites of
 * timestamp placeholders under the cursor.
 */
export class IncidentCodeActionProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND, REWRITE_KIND];

  constructor(
    private readonly diagnostics: DiagnosticsManager,
    private readonly configuration: ConfigurationService,
    private readonly now: () => Date,
  ) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const cached = this.diagnostics.resultFor(document);
    if (!cached) return [];
    const wants = (kind: vscode.CodeActionKind): boolean => !context.only || context.only.contains(kind) || kind.contains(context.only);
    const actions: vscode.CodeAction[] = [];

    if (wants(vscode.CodeActionKind.QuickFix)) {
      for (const diagnostic of context.diagnostics) {
        if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
        const found = cached.result.diagnostics.find((d) => sameDiagnostic(diagnostic, d));
        for (const fix of found?.fixes ?? []) actions.push(this.toAction(document, fix, vscode.CodeActionKind.QuickFix, [diagnostic]));
      }
    }
    if (wants(FIX_ALL_KIND) && context.only) {
      const settings = this.configuration.forUri(document.uri);
      const { edit } = settings.core.fixAll(cached.text, { now: this.now(), fileName: fileNameOf(document.uri) });
      if (edit) {
        const action = new vscode.CodeAction('Fix all incident report problems', FIX_ALL_KIND);
        action.edit = toWorkspaceEdit(document, [edit]);
        actions.push(action);
      }
    }
    if (wants(REWRITE_KIND)) {
      const settings = this.configuration.forUri(document.uri);
      const offset = document.offsetAt(range.start);
      for (const fix of settings.core.refactorsAt(cached.text, offset, this.now(), fileNameOf(document.uri))) actions.push(this.toAction(document, fix, REWRITE_KIND, []));
    }
    return actions;
  }

  private toAction(document: vscode.TextDocument, fix: Fix, kind: vscode.CodeActionKind, diagnostics: vscode.Diagnostic[]): vscode.CodeAction {
    const action = new vscode.CodeAction(fix.title, kind);
    if (fix.edits.length) {
      const edit = new vscode.WorkspaceEdit();
      edit.set(document.uri, fix.edits.map((e) => toTextEdit(document, e)));
      action.edit = edit;
    }
    if (fix.createFile) {
      const folder = this.configuration.forUri(document.uri).folder;
      action.command = { title: fix.title, command: CREATE_EVIDENCE_COMMAND, arguments: [folder?.uri.toString(), fix.createFile] };
    }
    action.diagnostics = diagnostics;
    action.isPreferred = fix.isPreferred === true;
    return action;
  }
}

export function registerCodeActions(diagnostics: DiagnosticsManager, configuration: ConfigurationService, now: () => Date): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider({ language: 'markdown' }, new IncidentCodeActionProvider(diagnostics, configuration, now), {
    providedCodeActionKinds: IncidentCodeActionProvider.kinds,
  });
}
