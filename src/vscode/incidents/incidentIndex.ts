import * as vscode from 'vscode';
import type { ServerConnection } from '../serverConnection';
import type { ReportDetails, ReportHeader } from '../../core';
import { IncidentDetailsRequest, IncidentsChangedNotification, IncidentsRequest, RescanRequest, type IncidentDetailsResult, type IncidentsResult } from '../../server/protocol';

export interface IndexedReport {
  readonly uri: vscode.Uri;
  /** What the list shows (level 1), read from the part of the report before its first `##`. */
  readonly header: ReportHeader;
  /** Changes whenever the server reads the report's text again. */
  readonly version: number;
  /** Places still to fill at its last validation. */
  readonly toFill: number;
}

/**
 * The workspace's reports as the language server indexes them (it scans and watches the
 * workspace once, for diagnostics and this view alike): a cache of its answers, refreshed
 * when it says the list changed. An incident's timeline and action items (level 2) are
 * asked for when the view expands it, then kept up to date with its header.
 */
export class IncidentIndex implements vscode.Disposable {
  private reports = new Map<string, IndexedReport>();
  /** Markdown files the server could not read, with why (vanished, not a file, too large). */
  readonly skipped = new Map<string, string>();
  private readonly details = new Map<string, { readonly version: number; readonly details: ReportDetails }>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [];
  private building: Promise<void> | undefined;
  private refreshing: Promise<void> = Promise.resolve();

  readonly onDidChange = this.changed.event;

  constructor(private readonly client: ServerConnection) {
    this.disposables.push(this.changed, client.onNotification(IncidentsChangedNotification, () => void this.rebuild()));
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

  /** The report's timeline and action items, asked of the server if need be; undefined when it is not a report (any more). */
  async loadDetails(uri: vscode.Uri): Promise<ReportDetails | undefined> {
    const key = uri.toString();
    const known = this.detailsOf(uri);
    if (known) return known;
    const result = await this.client.sendRequest<IncidentDetailsResult>(IncidentDetailsRequest, { uri: key });
    if (!result) return undefined;
    const { version, ...details } = result;
    this.details.set(key, { version, details });
    // The server read the report again since the list was fetched: fetch it, so both agree.
    if (this.reports.get(key)?.version !== version) await this.rebuild();
    return details;
  }

  /** Resolves when the server's first scan has been read. */
  ready(): Promise<void> {
    return (this.building ??= this.rebuild());
  }

  /** The server scans the workspace again (Refresh Incidents), then the list is read. */
  async rescan(): Promise<void> {
    await this.client.sendRequest(RescanRequest);
    await this.rebuild();
  }

  /** Reads the list again (one request at a time; a burst of changes makes one more). */
  rebuild(): Promise<void> {
    this.refreshing = this.refreshing.then(() => this.refresh()).catch(() => undefined);
    return this.refreshing;
  }

  private async refresh(): Promise<void> {
    const result = await this.client.sendRequest<IncidentsResult>(IncidentsRequest);
    const next = new Map<string, IndexedReport>();
    for (const entry of result.incidents) next.set(entry.uri, { uri: vscode.Uri.parse(entry.uri), header: entry.header, version: entry.version, toFill: entry.toFill });
    this.skipped.clear();
    for (const { uri, reason } of result.skipped) this.skipped.set(uri, reason);
    // Expanded incidents keep showing their rows: read again those whose text changed.
    const stale = [...this.details].filter(([key, cached]) => next.has(key) && next.get(key)!.version !== cached.version).map(([key]) => key);
    for (const key of this.details.keys()) if (!next.has(key)) this.details.delete(key);
    this.reports = next;
    await Promise.all(stale.map((key) => this.loadDetails(vscode.Uri.parse(key)).catch(() => undefined)));
    this.changed.fire();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
