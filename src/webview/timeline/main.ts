/**
 * The Show Timeline webview: draws the chart the extension posts (data from the language
 * server), follows the theme, reveals a clicked row, exports SVG and PNG through the extension.
 */
import type { TimelineChartModel } from '../../core';
import { themeColor, themeKind, onThemeChange } from '../theme';
import { chartHeight, chartOption, LIGHT_THEME, type ChartTheme } from './chartOption';
import { echarts } from './echartsSetup';

/** What the extension posts. */
type Incoming = { type: 'chart'; chart: TimelineChartModel | null; reason?: string };

declare function acquireVsCodeApi(): { postMessage(message: unknown): void };
const vscode = acquireVsCodeApi();

const container = document.getElementById('chart')!;
const status = document.getElementById('status')!;
let chart: TimelineChartModel | null = null;
let instance: ReturnType<typeof echarts.init> | undefined;

function currentTheme(): ChartTheme {
  const kind = themeKind();
  const highContrast = kind.startsWith('high-contrast');
  return {
    background: themeColor('editor.background', LIGHT_THEME.background),
    foreground: themeColor('editor.foreground', LIGHT_THEME.foreground),
    muted: themeColor('descriptionForeground', LIGHT_THEME.muted),
    grid: highContrast ? themeColor('contrastBorder', LIGHT_THEME.grid) : themeColor('editorWidget.border', LIGHT_THEME.grid),
    point: themeColor('charts.blue', LIGHT_THEME.point),
    milestone: themeColor('charts.purple', LIGHT_THEME.milestone),
    gap: themeColor('charts.red', LIGHT_THEME.gap),
    phases: {
      impact: themeColor('charts.red', LIGHT_THEME.phases.impact),
      detected: themeColor('charts.yellow', LIGHT_THEME.phases.detected),
      mitigating: themeColor('charts.orange', LIGHT_THEME.phases.mitigating),
      restored: themeColor('charts.green', LIGHT_THEME.phases.restored),
      resolved: themeColor('charts.blue', LIGHT_THEME.phases.resolved),
    },
    fontFamily: themeColor('font.family', LIGHT_THEME.fontFamily),
    highContrast,
  };
}

function render(): void {
  const rows = chart?.rows.length ?? 0;
  document.body.dataset['rows'] = String(rows);
  if (!chart || rows === 0) {
    instance?.clear();
    container.style.display = 'none';
    status.textContent = chart ? `No timeline rows with a time yet${chart.untimed ? ` (${chart.untimed} without one)` : ''}.` : 'This file is not an incident report.';
    vscode.postMessage({ type: 'rendered', rows });
    return;
  }
  container.style.display = '';
  container.style.height = `${chartHeight(chart)}px`;
  status.textContent = chart.untimed > 0 ? `${chart.untimed} row(s) without a readable time are not shown.` : '';
  if (!instance) {
    instance = echarts.init(container, undefined, { renderer: 'svg' });
    instance.on('click', (params) => {
      const line = (params.data as { line?: number } | undefined)?.line;
      if (params.seriesId === 'rows' && typeof line === 'number') vscode.postMessage({ type: 'reveal', line });
    });
  }
  instance.resize();
  instance.setOption(chartOption(chart, currentTheme(), container.clientWidth), { notMerge: true });
  vscode.postMessage({ type: 'rendered', rows });
}

/** The chart as an SVG document (what the SVG button saves and the PNG is drawn from). */
function svgText(): string | undefined {
  return instance?.renderToSVGString();
}

async function pngBase64(svg: string): Promise<string> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('The chart could not be drawn as an image.'));
      image.src = url;
    });
    // Twice the size: sharp on review slides.
    const canvas = document.createElement('canvas');
    canvas.width = image.width * 2;
    canvas.height = image.height * 2;
    const context = canvas.getContext('2d')!;
    context.scale(2, 2);
    context.drawImage(image, 0, 0);
    return canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
  } finally {
    URL.revokeObjectURL(url);
  }
}

async function exportAs(format: 'svg' | 'png'): Promise<void> {
  const svg = svgText();
  if (!svg) return;
  try {
    vscode.postMessage(format === 'svg' ? { type: 'export', format, text: svg } : { type: 'export', format, base64: await pngBase64(svg) });
  } catch (error) {
    vscode.postMessage({ type: 'error', message: (error as Error).message });
  }
}

window.addEventListener('message', (event: MessageEvent<Incoming>) => {
  if (event.data?.type !== 'chart') return;
  chart = event.data.chart;
  render();
});
document.getElementById('export-svg')!.addEventListener('click', () => void exportAs('svg'));
document.getElementById('export-png')!.addEventListener('click', () => void exportAs('png'));
// Band labels depend on the width: a resize draws again.
window.addEventListener('resize', () => {
  if (chart) render();
});
onThemeChange(() => {
  if (chart) render();
});
vscode.postMessage({ type: 'ready' });
