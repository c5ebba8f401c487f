import * as vscode from 'vscode';
import type { ReportDetails, ReportHeader } from '../../core';
import type { ConfigurationService } from '../configuration';
import { readText, readTextFile } from '../configuration';

const EXCLUDE = '{**/node_modules/**,**/.git/**,**/dist/**,**/out/**}';
const EDIT_DELAY_MS = 300;
/** Reads in flight while indexing; summarising a header is cheap next to a read. */
const READ_CONCURRENCY = 16;
const NO_DETAILS: ReportDetails = { timeline: [], actionItems: [] };

export interface IndexedReport {
  readonly uri: vscode.Uri;
  /** What the list shows (level 1), read from the part of the report before its first `##`. */
  readonly header: ReportHeader;
  /** Changes whenever the report's text is summarised again. */
  readonly version: number;
}

/** A report's text summarised: its header, and its details when they are wanted. */
interface Read {
  readonly report: IndexedReport;
  readonly details: ReportDetails | undefined;
}

/**
 * The workspace's reports. Built once with findFiles + workspace.fs (no Node fs, so it works
 * on virtual and web file systems), reading only each report's header; then kept live: a
 * created, changed, renamed or deleted file re-reads only that file; an open editor's unsaved
 * text counts. A report's timeline and action items (level 2) are read when the view asks
 * for them, then kept up to date with the header for as long as the index holds the report.
 */
export class IncidentIndex implements vscode.Disposable {
  private readonly reports = new Map<string, IndexedReport>();
  /** Markdown files the last reads skipped, with why (also logged): vanished, unreadable, not a file, too large. */
  readonly skipped = new Map<string, string>();
  /** Level 2 of the reports it was asked for, with the version it was computed for. */
  private readonly details = new Map<string, { readonly version: number; readonly details: ReportDetails }>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [];
  private building: Promise<void> | undefined;
  private versions = 0;

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

  /** The report's timeline and action items if they were read for its current version. */
  detailsOf(uri: vscode.Uri): ReportDetails | undefined {
    const key = uri.toString();
    const cached = this.details.get(key);
    return cached && cached.version === this.reports.get(key)?.version ? cached.details : undefined;
  }

  /**
   * The report's timeline and action items, read now if need be (from its open editor, else
   * its file); from then on they are kept up to date with the report. Undefined when the
   * index does not hold the report (any more).
   */
  async loadDetails(uri: vscode.Uri): Promise<ReportDetails | undefined> {
    const key = uri.toString();
    // A newer version indexed while the text was read: read again (at most a few times).
    for (let attempt = 0; attempt < 3; attempt++) {
      const report = this.reports.get(key);
      if (!report) return undefined;
      const cached = this.details.get(key);
      if (cached && cached.version === report.version) return cached.details;
      const open = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === key);
      const text = open && !open.isClosed ? open.getText() : await readText(uri);
      if (text === undefined) return undefined;
      if (this.reports.get(key)?.version !== report.version) continue;
      const details = this.summarizeDetails(uri, text);
      this.details.set(key, { version: report.version, details });
      return details;
    }
    return this.detailsOf(uri);
  }

  /** Resolves when the first full scan is done. */
  ready(): Promise<void> {
    return (this.building ??= this.rebuild());
  }

  async rebuild(): Promise<void> {
    const started = Date.now();
    const files = vscode.workspace.workspaceFolders?.length ? await vscode.workspace.findFiles('**/*.md', EXCLUDE) : [];
    const next = new Map<string, Read>();
    let cursor = 0;
    const worker = async (): Promise<void> => {
      while (cursor < files.length) {
        const uri = files[cursor++]!;
        const read = await this.read(uri);
        if (read) next.set(uri.toString(), read);
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, worker));
    this.reports.clear();
    this.details.clear();
    for (const [key, { report, details }] of next) {
      this.reports.set(key, report);
      if (details) this.details.set(key, { version: report.version, details });
    }
    // Open editors may hold unsaved text that differs from the files.
    for (const doc of vscode.workspace.textDocuments) this.updateFromDocument(doc, false);
    this.log.info(`Indexed ${this.reports.size} reports among ${files.length} Markdown files in ${Date.now() - started} ms.`);
    this.changed.fire();
  }

  async refreshFile(uri: vscode.Uri): Promise<void> {
    const open = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
    if (open && open.isDirty) return this.updateFromDocument(open, true);
    const read = await this.read(uri);
    if (!this.store(uri, read)) return;
    this.changed.fire();
  }

  private remove(uri: vscode.Uri): void {
    if (this.store(uri, undefined)) this.changed.fire();
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
    if (this.store(document.uri, this.summarize(document.uri, document.getText())) && notify) this.changed.fire();
  }

  /** Puts a read in the index (or takes the report out); whether the index changed. */
  private store(uri: vscode.Uri, read: Read | undefined): boolean {
    const key = uri.toString();
    if (!read) {
      this.details.delete(key);
      return this.reports.delete(key);
    }
    this.reports.set(key, read.report);
    if (read.details) this.details.set(key, { version: read.report.version, details: read.details });
    return true;
  }

  private async read(uri: vscode.Uri): Promise<Read | undefined> {
    const { text, reason } = await readTextFile(uri);
    if (text === undefined) {
      this.skipped.set(uri.toString(), reason);
      this.log.info(`Skipped ${uri.toString(true)} while indexing: ${reason}.`);
      return undefined;
    }
    this.skipped.delete(uri.toString());
    return this.summarize(uri, text);
  }

  /** The header of a text and, when they were asked for before, its details. */
  private summarize(uri: vscode.Uri, text: string): Read | undefined {
    // The team template has an Incident ID field too; it is not an incident.
    if (this.configuration.isTemplate(uri)) return undefined;
    let header: ReportHeader | undefined;
    try {
      header = this.configuration.forUri(uri).core.summarizeHeader(text);
    } catch (error) {
      this.log.error(`Could not summarise ${uri.toString(true)}: ${(error as Error).message}`);
    }
    if (!header) return undefined;
    const report = { uri, header, version: ++this.versions };
    return { report, details: this.details.has(uri.toString()) ? this.summarizeDetails(uri, text) : undefined };
  }

  private summarizeDetails(uri: vscode.Uri, text: string): ReportDetails {
    try {
      return this.configuration.forUri(uri).core.summarizeDetails(text, this.today());
    } catch (error) {
      this.log.error(`Could not read the timeline and action items of ${uri.toString(true)}: ${(error as Error).message}`);
      return NO_DETAILS;
    }
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const d of this.disposables) d.dispose();
  }
}
