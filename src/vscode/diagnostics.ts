import * as vscode from 'vscode';
import type { LintResult, ReportParser } from '../core';
import { core } from './core';
import type { ConfigurationService } from './configuration';
import { readTextFile } from './configuration';
import { toDiagnostic } from './convert';
import type { EvidenceExistenceCache } from './evidenceCache';

/** A lint result for one version of one document: what code actions look fixes up in. */
export interface CachedResult {
  readonly version: number;
  readonly text: string;
  readonly result: LintResult;
}

const LARGE_WORKSPACE = 100;
const EXCLUDE = '{**/node_modules/**,**/.git/**,**/dist/**,**/out/**}';

/**
 * Validates open reports as the user types (debounced; results for an old version are
 * dropped), closed report files of the workspace from disk, and clears what no longer applies.
 */
export class DiagnosticsManager implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('incident-report');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly parsers = new Map<string, ReportParser>();
  private readonly results = new Map<string, CachedResult>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly settled = new vscode.EventEmitter<vscode.Uri>();
  private workspaceGeneration = 0;

  /** Fires after diagnostics of a document were published (tests wait on it). */
  readonly onDidValidate = this.settled.event;

  constructor(
    private readonly configuration: ConfigurationService,
    private readonly evidence: EvidenceExistenceCache,
    private readonly docsTarget: (ruleId: string) => vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      this.collection,
      this.settled,
      vscode.workspace.onDidOpenTextDocument((doc) => this.schedule(doc, 0)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) this.schedule(event.document, this.configuration.editor.debounceMs);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.closed(doc)),
      configuration.onDidChange(() => this.revalidateAll()),
      evidence.onDidLearn(() => this.revalidateOpen()),
    );
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.md');
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => this.validateFile(uri)),
      watcher.onDidChange((uri) => this.validateFile(uri)),
      watcher.onDidDelete((uri) => this.forget(uri)),
    );
  }

  /** Validate what is open now and, when enabled, the workspace's report files. */
  async start(): Promise<void> {
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
    await this.validateWorkspace();
  }

  /** The lint result of this exact document version, computing it if needed. */
  resultFor(document: vscode.TextDocument): CachedResult | undefined {
    const key = document.uri.toString();
    const cached = this.results.get(key);
    if (cached && cached.version === document.version) return cached;
    if (!this.isCandidate(document)) return undefined;
    return this.lintDocument(document);
  }

  private isCandidate(document: vscode.TextDocument): boolean {
    return document.languageId === 'markdown' && document.uri.scheme !== 'git' && document.uri.scheme !== 'output' && !this.configuration.isTemplate(document.uri);
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    if (!this.isCandidate(document)) {
      if (this.configuration.isTemplate(document.uri)) this.collection.delete(document.uri);
      return;
    }
    const key = document.uri.toString();
    const previous = this.timers.get(key);
    if (previous) clearTimeout(previous);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        // Right after activation the configuration (and the core) may still be loading.
        void this.configuration.ready().then(() => {
          // The document may have closed or moved on; lintDocument reads its current version.
          if (document.isClosed) return;
          // Known once the configuration is: whether this is a folder's team template.
          if (!this.isCandidate(document)) {
            if (this.configuration.isTemplate(document.uri)) this.collection.delete(document.uri);
            return;
          }
          // Large reports too, at once for now: the language server will lint off this thread.
          this.lintDocument(document);
        });
      }, delay),
    );
  }

  /** Validation of an open document, with its parser (only changed sections are parsed again). */
  private lintDocument(document: vscode.TextDocument): CachedResult | undefined {
    const job = this.prepare(document);
    if (!job) return undefined;
    try {
      const cached = { version: job.version, text: job.text, result: job.settings.core.lint(job.text, job.request) };
      // Publish only if the document did not change while we linted.
      if (document.version === job.version) this.publish(document, cached);
      return cached;
    } catch (error) {
      this.log.error(`Validation of ${document.uri.toString(true)} failed: ${(error as Error).stack ?? String(error)}`);
      return undefined;
    }
  }

  /** What a lint of this document version needs; undefined (and diagnostics cleared) when it is not a report. */
  private prepare(document: vscode.TextDocument) {
    const key = document.uri.toString();
    const text = document.getText();
    const version = document.version;
    if (!core().isReport(text)) {
      this.results.delete(key);
      this.collection.delete(document.uri);
      this.settled.fire(document.uri);
      return undefined;
    }
    let parser = this.parsers.get(key);
    if (!parser) this.parsers.set(key, (parser = new (core().ReportParser)()));
    const settings = this.configuration.forUri(document.uri);
    return { text, version, settings, request: { parser, fileName: fileNameOf(document.uri), pathExists: this.evidence.lookup(settings.folder?.uri) } };
  }

  private publish(document: vscode.TextDocument, cached: CachedResult): void {
    this.results.set(document.uri.toString(), cached);
    this.collection.set(document.uri, cached.result.diagnostics.map((d) => toDiagnostic(d, this.docsTarget)));
    this.settled.fire(document.uri);
  }

  private closed(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
    this.parsers.delete(key);
    this.results.delete(key);
    // A closed file of the workspace keeps the diagnostics of its saved content.
    if (this.configuration.editor.validateWorkspace && document.uri.scheme !== 'untitled' && vscode.workspace.getWorkspaceFolder(document.uri)) {
      void this.validateFile(document.uri);
    } else {
      this.collection.delete(document.uri);
    }
  }

  private forget(uri: vscode.Uri): void {
    this.collection.delete(uri);
    this.results.delete(uri.toString());
  }

  private isOpen(uri: vscode.Uri): boolean {
    const key = uri.toString();
    return vscode.workspace.textDocuments.some((doc) => doc.uri.toString() === key);
  }

  /** A report file that is not open: validated from its saved content. */
  async validateFile(uri: vscode.Uri): Promise<void> {
    if (this.configuration.isTemplate(uri)) {
      // Validated before it became the template (it was just written): not any more.
      this.collection.delete(uri);
      return;
    }
    if (this.isOpen(uri) || !this.configuration.editor.validateWorkspace) return;
    const { text, reason } = await readTextFile(uri);
    if (text === undefined) {
      this.log.info(`Skipped ${uri.toString(true)}: ${reason}.`);
      this.collection.delete(uri);
      return;
    }
    if (this.isOpen(uri)) return;
    if (!core().isReport(text)) {
      this.collection.delete(uri);
      return;
    }
    const settings = this.configuration.forUri(uri);
    try {
      const result = settings.core.lint(text, { fileName: fileNameOf(uri), pathExists: this.evidence.lookup(settings.folder?.uri) });
      if (!this.isOpen(uri)) this.collection.set(uri, result.diagnostics.map((d) => toDiagnostic(d, this.docsTarget)));
      this.settled.fire(uri);
    } catch (error) {
      this.log.error(`Validation of ${uri.toString(true)} failed: ${(error as Error).stack ?? String(error)}`);
    }
  }

  private async validateWorkspace(): Promise<void> {
    const generation = ++this.workspaceGeneration;
    if (!this.configuration.editor.validateWorkspace || !vscode.workspace.workspaceFolders?.length) return;
    const files = await vscode.workspace.findFiles('**/*.md', EXCLUDE);
    const run = async (progress?: vscode.Progress<{ message?: string; increment?: number }>): Promise<void> => {
      let done = 0;
      for (const uri of files) {
        if (generation !== this.workspaceGeneration) return; // a newer pass took over
        await this.validateFile(uri);
        done++;
        if (progress && done % 25 === 0) progress.report({ message: `${done} of ${files.length} files`, increment: (25 / files.length) * 100 });
        // Yield so typing stays responsive during a large scan.
        if (done % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 0));
      }
    };
    if (files.length < LARGE_WORKSPACE) await run();
    else await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Incident Report: validating reports' }, run);
  }

  private revalidateOpen(): void {
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
  }

  private revalidateAll(): void {
    this.results.clear();
    this.parsers.clear();
    if (!this.configuration.editor.validateWorkspace) {
      // Keep only the open documents' diagnostics.
      this.collection.forEach((uri) => {
        if (!this.isOpen(uri)) this.collection.delete(uri);
      });
    }
    this.revalidateOpen();
    void this.validateWorkspace();
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const d of this.disposables) d.dispose();
  }
}

export function fileNameOf(uri: vscode.Uri): string | undefined {
  if (uri.scheme === 'untitled') return undefined;
  const path = uri.path;
  return path.slice(path.lastIndexOf('/') + 1) || undefined;
}
