import * as vscode from 'vscode';
import type { ReportSummary } from '../../core';
import type { ConfigurationService } from '../configuration';
import { readText } from '../configuration';

const EXCLUDE = '{**/node_modules/**,**/.git/**,**/dist/**,**/out/**}';
const EDIT_DELAY_MS = 300;
const READ_CONCURRENCY = 16;

export interface IndexedReport {
  readonly uri: vscode.Uri;
  readonly summary: ReportSummary;
}

/**
 * The workspace's reports, summarised. Built once with findFiles + workspace.fs (no Node
 * fs, so it works on virtual and web file systems), then kept live: a created, changed,
 * renamed or deleted file re-reads only that file; an open editor's unsaved text counts.
 */
export class IncidentIndex implements vscode.Disposable {
  private readonly reports = new Map<string, IndexedReport>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [];
  private building: Promise<void> | undefined;

  readonly onDidChange = this.changed.event;

  constructor(
    private readonly configuration: ConfigurationService,
    private readonly today: () => string,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.md');
    this.disposables.push(
      this.changed,
      watcher,
      watcher.onDidCreate((uri) => this.refreshFile(uri)),
      watcher.onDidChange((uri) => this.refreshFile(uri)),
      watcher.onDidDelete((uri) => this.remove(uri)),
      vscode.workspace.onDidRenameFiles((event) => {
        for (const { oldUri, newUri } of event.files) {
          this.remove(oldUri);
          void this.refreshFile(newUri);
        }
      }),
      vscode.workspace.onDidChangeTextDocument((event) => this.scheduleDocument(event.document)),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        // Unsaved edits are gone with the editor: back to what the file says.
        if (doc.languageId === 'markdown' && doc.uri.scheme !== 'untitled') void this.refreshFile(doc.uri);
      }),
      configuration.onDidChange(() => void this.rebuild()),
    );
  }

  get all(): readonly IndexedReport[] {
    return [...this.reports.values()];
  }

  get(uri: vscode.Uri): IndexedReport | undefined {
    return this.reports.get(uri.toString());
  }

  /** Resolves when the first full scan is done. */
  ready(): Promise<void> {
    return (this.building ??= this.rebuild());
  }

  async rebuild(): Promise<void> {
    const started = Date.now();
    const files = vscode.workspace.workspaceFolders?.length ? await vscode.workspace.findFiles('**/*.md', EXCLUDE) : [];
    const next = new Map<string, IndexedReport>();
    let cursor = 0;
    const worker = async (): Promise<void> => {
      while (cursor < files.length) {
        const uri = files[cursor++]!;
        const report = await this.read(uri);
        if (report) next.set(uri.toString(), report);
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, worker));
    this.reports.clear();
    for (const [key, value] of next) this.reports.set(key, value);
    // Open editors may hold unsaved text that differs from the files.
    for (const doc of vscode.workspace.textDocuments) this.updateFromDocument(doc, false);
    this.log.info(`Indexed ${this.reports.size} reports among ${files.length} Markdown files in ${Date.now() - started} ms.`);
    this.changed.fire();
  }

  async refreshFile(uri: vscode.Uri): Promise<void> {
    const open = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
    if (open && open.isDirty) return this.updateFromDocument(open, true);
    const report = await this.read(uri);
    const key = uri.toString();
    if (report) this.reports.set(key, report);
    else if (!this.reports.delete(key)) return;
    this.changed.fire();
  }

  private remove(uri: vscode.Uri): void {
    if (this.reports.delete(uri.toString())) this.changed.fire();
  }

  private scheduleDocument(document: vscode.TextDocument): void {
    if (document.languageId !== 'markdown' || !vscode.workspace.getWorkspaceFolder(document.uri)) return;
    const key = document.uri.toString();
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.updateFromDocument(document, true);
      }, EDIT_DELAY_MS),
    );
  }

  private updateFromDocument(document: vscode.TextDocument, notify: boolean): void {
    if (document.isClosed || document.languageId !== 'markdown' || !vscode.workspace.getWorkspaceFolder(document.uri)) return;
    const key = document.uri.toString();
    const summary = this.summarize(document.uri, document.getText());
    if (summary) this.reports.set(key, { uri: document.uri, summary });
    else if (!this.reports.delete(key)) return;
    if (notify) this.changed.fire();
  }

  private async read(uri: vscode.Uri): Promise<IndexedReport | undefined> {
    const text = await readText(uri);
    if (text === undefined) {
      this.log.info(`Skipped ${uri.toString(true)} while indexing: it could not be read (deleted, or not readable).`);
      return undefined;
    }
    const summary = this.summarize(uri, text);
    return summary ? { uri, summary } : undefined;
  }

  private summarize(uri: vscode.Uri, text: string): ReportSummary | undefined {
    try {
      return this.configuration.forUri(uri).core.summarize(text, this.today());
    } catch (error) {
      this.log.error(`Could not summarise ${uri.toString(true)}: ${(error as Error).message}`);
      return undefined;
    }
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const d of this.disposables) d.dispose();
  }
}
