/**
 * Incident: Show Insights: `incident-report stats`'s numbers over the workspace's reports
 * (the language server's `incidentReport/stats`), with charts drawn by the webview script
 * dist/webview/insights.js (ECharts, SVG). The page loads only that script (nonce) and
 * styles from the extension: no network, nothing from a report is ever run. The numbers
 * are read again when the incident index changes (it follows the server's incidentsChanged).
 */
import * as vscode from 'vscode';
import { StatsRequest, type StatsParams, type StatsResult } from '../../server/protocol';
import type { ServerConnection } from '../serverConnection';
import { webviewHtml } from '../webview/html';
import type { InsightsData, InsightsMessage } from '../../webview/insights/messages';

export const INSIGHTS_VIEW_TYPE = 'incidentReport.insights';

export class InsightsPanel implements vscode.Disposable {
  private static current: InsightsPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private pending: ReturnType<typeof setTimeout> | undefined;
  /** The last data posted, for tests and for a page that reloads (its script asks again). */
  last: InsightsData | undefined;
  private readonly posted = new vscode.EventEmitter<InsightsData>();
  readonly onDidPost = this.posted.event;

  /** Shows the panel (one per window), reading the numbers afresh. */
  static show(extensionUri: vscode.Uri, server: ServerConnection, incidentsChanged: vscode.Event<void>): InsightsPanel {
    if (InsightsPanel.current) {
      InsightsPanel.current.panel.reveal();
      void InsightsPanel.current.update();
      return InsightsPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(INSIGHTS_VIEW_TYPE, 'Incident Insights', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')],
      retainContextWhenHidden: false,
    });
    return (InsightsPanel.current = new InsightsPanel(panel, extensionUri, server, incidentsChanged));
  }

  static get shown(): InsightsPanel | undefined {
    return InsightsPanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly server: ServerConnection,
    incidentsChanged: vscode.Event<void>,
  ) {
    panel.webview.html = insightsHtml(panel.webview, vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'insights.js'));
    this.disposables.push(
      this.posted,
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: InsightsMessage) => this.receive(message)),
      incidentsChanged(() => this.updateSoon()),
    );
  }

  private receive(message: InsightsMessage): void {
    if (message?.type === 'ready') void this.update();
    else if (message?.type === 'open' && typeof message.uri === 'string') void vscode.window.showTextDocument(vscode.Uri.parse(message.uri));
  }

  private updateSoon(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = setTimeout(() => void this.update(), 100);
  }

  /** Reads the numbers (the table by severity, the chart by month and severity) and posts them to the page. */
  async update(): Promise<InsightsData | undefined> {
    try {
      const ask = (params: StatsParams) => this.server.sendRequest<StatsResult>(StatsRequest, params);
      const [bySeverity, byMonthAndSeverity] = await Promise.all([ask({ by: ['severity'] }), ask({ by: ['month', 'severity'] })]);
      const data: InsightsData = {
        bySeverity,
        byMonthAndSeverity,
        names: Object.fromEntries(bySeverity.incomplete.map(({ file }) => [file, vscode.workspace.asRelativePath(vscode.Uri.parse(file))])),
      };
      this.last = data;
      await this.panel.webview.postMessage({ type: 'data', data });
      this.posted.fire(data);
      return data;
    } catch (error) {
      void this.panel.webview.postMessage({ type: 'error', message: `Could not read the insights: ${(error as Error).message}` });
      return undefined;
    }
  }

  dispose(): void {
    if (InsightsPanel.current === this) InsightsPanel.current = undefined;
    if (this.pending) clearTimeout(this.pending);
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** The page (the shared shell: a strict CSP, the script by nonce), the script, nothing else. */
export function insightsHtml(webview: vscode.Webview, script: vscode.Uri): string {
  return webviewHtml(webview, {
    title: 'Incident Insights',
    script,
    imageSources: ['data:'],
    body: `<main id="insights"><p class="loading">Reading the workspace's reports…</p></main>`,
  });
}
