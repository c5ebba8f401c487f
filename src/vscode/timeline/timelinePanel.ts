/**
 * Incident: Show Timeline. A webview beside the editor draws the report's timeline chart; the
 * data comes from the language server (`incidentReport/timelineChart`) and follows the
 * document's edits (debounced). A click on a row reveals it; SVG and PNG are saved through a
 * save dialog. One panel per report.
 */
import * as vscode from 'vscode';
import { TimelineChartRequest, type TimelineChartParams, type TimelineChartResult } from '../../server/protocol';
import type { ServerConnection } from '../serverConnection';
import { webviewHtml } from '../webview/html';

const VIEW_TYPE = 'incidentReport.timeline';
/** Wait this long after the last keystroke before charting again. */
const UPDATE_DELAY_MS = 300;

/** What the webview posts. */
type FromWebview =
  | { type: 'ready' }
  | { type: 'rendered'; rows: number }
  | { type: 'reveal'; line: number }
  | { type: 'export'; format: 'svg'; text: string }
  | { type: 'export'; format: 'png'; base64: string }
  | { type: 'error'; message: string };

export interface TimelinePanels {
  /** Fires each time a panel has drawn a chart (tests wait on it): the report and its row count. */
  readonly onDidRender: vscode.Event<{ readonly uri: vscode.Uri; readonly rows: number }>;
  /** The reports that have a panel open. */
  open(): vscode.Uri[];
  show(uri?: vscode.Uri): Promise<vscode.WebviewPanel | undefined>;
}

export function registerTimelinePanels(extensionUri: vscode.Uri, server: ServerConnection): { panels: TimelinePanels; disposable: vscode.Disposable } {
  const panels = new Map<string, vscode.WebviewPanel>();
  const rendered = new vscode.EventEmitter<{ uri: vscode.Uri; rows: number }>();
  const scriptDir = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');

  const show = async (target?: vscode.Uri): Promise<vscode.WebviewPanel | undefined> => {
    const uri = target ?? vscode.window.activeTextEditor?.document.uri;
    if (!uri) {
      void vscode.window.showInformationMessage('Open an incident report to show its timeline.');
      return undefined;
    }
    const existing = panels.get(uri.toString());
    if (existing) {
      existing.reveal(vscode.ViewColumn.Beside, true);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, `Timeline: ${baseName(uri)}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: true,
      localResourceRoots: [scriptDir],
      retainContextWhenHidden: false,
    });
    panels.set(uri.toString(), panel);
    const subscriptions: vscode.Disposable[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    let generation = 0;
    let lastId: string | undefined;

    const update = async (): Promise<void> => {
      const asked = ++generation;
      const gapMinutes = vscode.workspace.getConfiguration('incidentReport', uri).get<number>('timeline.gapMinutes');
      let chart: TimelineChartResult = null;
      try {
        chart = await server.sendRequest<TimelineChartResult>(TimelineChartRequest, { uri: uri.toString(), gapMinutes } satisfies TimelineChartParams);
      } catch (error) {
        void vscode.window.showErrorMessage(`Could not chart the timeline: ${(error as Error).message}`);
      }
      // A newer edit asked again meanwhile: its answer wins.
      if (asked !== generation) return;
      lastId = chart?.id ?? lastId;
      void panel.webview.postMessage({ type: 'chart', chart });
    };
    const scheduleUpdate = (): void => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void update(), UPDATE_DELAY_MS);
    };

    panel.webview.html = webviewHtml(panel.webview, {
      title: 'Incident timeline',
      script: vscode.Uri.joinPath(scriptDir, 'timeline.js'),
      style: STYLE,
      // The PNG export is drawn from the SVG through a blob: image.
      imageSources: ['blob:', 'data:'],
      body: `<div class="toolbar"><button id="export-svg" title="Save the chart as an SVG file">Export SVG</button><button id="export-png" title="Save the chart as a PNG image">Export PNG</button><span id="status"></span></div><div id="chart"></div>`,
    });
    subscriptions.push(
      panel.webview.onDidReceiveMessage(async (message: FromWebview) => {
        switch (message.type) {
          case 'ready':
            return update();
          case 'rendered':
            return rendered.fire({ uri, rows: message.rows });
          case 'reveal':
            return revealLine(uri, message.line);
          case 'export':
            return saveExport(uri, lastId, message.format, message.format === 'svg' ? new TextEncoder().encode(message.text) : base64Bytes(message.base64));
          case 'error':
            return void vscode.window.showErrorMessage(message.message);
        }
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document.uri.toString() === uri.toString() && event.contentChanges.length > 0) scheduleUpdate();
      }),
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (document.uri.toString() === uri.toString()) scheduleUpdate();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('incidentReport.timeline', uri)) scheduleUpdate();
      }),
      // The webview re-reads VS Code's colours itself; a redraw request covers themes that change no body class.
      vscode.window.onDidChangeActiveColorTheme(() => scheduleUpdate()),
    );
    panel.onDidDispose(() => {
      if (timer) clearTimeout(timer);
      panels.delete(uri.toString());
      for (const s of subscriptions) s.dispose();
    });
    return panel;
  };

  const disposable = vscode.Disposable.from(
    rendered,
    vscode.commands.registerCommand('incidentReport.showTimeline', (uri?: vscode.Uri | { key: string }) => show(uri instanceof vscode.Uri ? uri : uri && 'key' in uri ? vscode.Uri.parse(uri.key) : undefined)),
    { dispose: () => [...panels.values()].forEach((p) => p.dispose()) },
  );
  return { panels: { onDidRender: rendered.event, open: () => [...panels.keys()].map((k) => vscode.Uri.parse(k)), show }, disposable };
}

async function revealLine(uri: vscode.Uri, line: number): Promise<void> {
  const document = await vscode.workspace.openTextDocument(uri);
  // In the editor already showing the report, not beside the chart.
  const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  const editor = await vscode.window.showTextDocument(document, { viewColumn: shown?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
  const range = document.lineAt(Math.min(line, document.lineCount - 1)).range;
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/**
 * Saves an export where the user says. The save dialog asks before replacing a file; the bytes
 * go to a temporary file beside the target first, then take its place, so a failed write never
 * leaves half an image.
 */
async function saveExport(report: vscode.Uri, id: string | undefined, format: 'svg' | 'png', bytes: Uint8Array): Promise<void> {
  const name = `${id ?? baseName(report).replace(/\.md$/i, '')}-timeline.${format}`;
  const target = await vscode.window.showSaveDialog({
    title: `Export the timeline as ${format.toUpperCase()}`,
    defaultUri: vscode.Uri.joinPath(report, '..', name),
    filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
  });
  if (!target) return;
  const temporary = target.with({ path: `${target.path}.${Date.now().toString(36)}.tmp` });
  try {
    await vscode.workspace.fs.writeFile(temporary, bytes);
    await vscode.workspace.fs.rename(temporary, target, { overwrite: true });
  } catch (error) {
    await vscode.workspace.fs.delete(temporary).then(undefined, () => undefined);
    void vscode.window.showErrorMessage(`Could not save ${target.fsPath}: ${(error as Error).message}`);
    return;
  }
  void vscode.window.showInformationMessage(`Timeline saved to ${target.fsPath}.`);
}

function base64Bytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

const STYLE = `
body { padding: 0 12px; color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); }
.toolbar { display: flex; gap: 8px; align-items: center; padding: 8px 0; }
button { color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: 1px solid var(--vscode-button-border, transparent); padding: 4px 10px; cursor: pointer; }
button:hover { background: var(--vscode-button-hoverBackground); }
#status { color: var(--vscode-descriptionForeground); }
#chart { width: 100%; min-height: 200px; }
`;
