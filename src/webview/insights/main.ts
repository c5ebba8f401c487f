/**
 * The Incident Insights page (runs in the webview, bundled to dist/webview/insights.js): the
 * numbers of `incident-report stats` as a table and three ECharts charts (SVG renderer; only
 * the parts used are imported, and nothing is evaluated, so the page's strict CSP holds).
 * Colours are VS Code's theme variables, read again when the theme changes. Report text is
 * only ever set as text content, never as HTML.
 */
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { formatDuration } from '../../core/durations';
import type { IncidentStats, StatsGroup } from '../../core/insights';
import { METRIC_LABELS } from '../../core/metrics';
import { MILESTONES } from '../../core/milestones';
import type { InsightsData, InsightsMessage, InsightsUpdate } from './messages';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, SVGRenderer]);

declare function acquireVsCodeApi(): { postMessage(message: InsightsMessage): void };
const vscode = acquireVsCodeApi();

const METRIC_IDS = ['detect', 'acknowledge', 'mitigate', 'restore', 'resolve'] as const;
/** The severity words of the default template, in its colours; other levels get the next free colour. */
const SEVERITY_COLOURS: Record<string, string> = { critical: '--vscode-charts-red', major: '--vscode-charts-orange', minor: '--vscode-charts-yellow' };
const SPARE_COLOURS = ['--vscode-charts-blue', '--vscode-charts-purple', '--vscode-charts-green'];

const root = document.getElementById('insights')!;
const charts: echarts.ECharts[] = [];
let shown: InsightsData | undefined;

function css(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

function severityColour(word: string, index: number): string {
  return css(SEVERITY_COLOURS[word.toLowerCase()] ?? SPARE_COLOURS[index % SPARE_COLOURS.length]!, '#888');
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function duration(minutes: number | null): string {
  return minutes === null ? '–' : formatDuration(minutes);
}

function render(data: InsightsData): void {
  shown = data;
  for (const chart of charts.splice(0)) chart.dispose();
  root.replaceChildren();
  const { bySeverity } = data;
  const total = bySeverity.total;
  root.append(element('h1', 'Incident Insights'));
  root.append(
    element(
      'p',
      `${total.incidents} incident${total.incidents === 1 ? '' : 's'} · ${total.actionItems.open} open action item${total.actionItems.open === 1 ? '' : 's'} · ${total.actionItems.overdue} overdue · durations: median / p90 (nearest rank)`,
      'summary',
    ),
  );
  if (total.incidents === 0) {
    root.append(element('p', 'No incident reports in this workspace yet.'));
    return;
  }
  root.append(statsTable(bySeverity));

  const grid = element('div', undefined, 'charts');
  root.append(grid);
  const chartBox = (id: string, title: string): HTMLElement => {
    const figure = element('figure');
    figure.id = id;
    figure.append(element('figcaption', title));
    const box = element('div', undefined, 'chart');
    figure.append(box);
    grid.append(figure);
    return box;
  };
  mttrByMonth(chartBox('mttr-by-month', `M${METRIC_LABELS.resolve.short} by month per severity (median)`), data.byMonthAndSeverity);
  incidentsBySeverity(chartBox('incidents-by-severity', 'Incidents by severity'), bySeverity);
  actionItemsByStatus(chartBox('action-items-by-status', 'Action items by status'), bySeverity);

  if (bySeverity.incomplete.length > 0) {
    root.append(element('h2', `Missing milestones (${bySeverity.incomplete.length}; counted above, without the durations they lack)`));
    const list = element('ul', undefined, 'incomplete');
    for (const report of bySeverity.incomplete) {
      const item = element('li');
      const link = element('a', data.names[report.file] ?? report.file);
      link.href = '#';
      link.addEventListener('click', (event) => {
        event.preventDefault();
        vscode.postMessage({ type: 'open', uri: report.file });
      });
      const names = report.missing.map((id) => MILESTONES.find((m) => m.id === id)?.name.toLowerCase() ?? id);
      item.append(link, element('span', ` ${report.id ?? ''}: no ${names.join(', ')} row`));
      list.append(item);
    }
    root.append(list);
  }
}

/** The CLI's table: one row per severity and the total. */
function statsTable(stats: IncidentStats): HTMLTableElement {
  const table = element('table', undefined, 'stats');
  const head = element('tr');
  for (const text of ['Severity', 'Incidents', 'Missing milestones', ...METRIC_IDS.map((id) => `M${METRIC_LABELS[id].short}`), 'Open actions', 'Overdue']) head.append(element('th', text));
  table.append(element('thead'));
  table.tHead!.append(head);
  const body = element('tbody');
  const row = (label: string, group: StatsGroup, className?: string): void => {
    const tr = element('tr', undefined, className);
    tr.append(element('th', label));
    for (const value of [String(group.incidents), String(group.incomplete)]) tr.append(element('td', value));
    for (const id of METRIC_IDS) {
      const metric = group.metrics[id];
      const cell = element('td', metric.count === 0 ? '–' : `${duration(metric.median)} / ${duration(metric.p90)}`);
      cell.title = `${METRIC_LABELS[id].label}: over ${metric.count} report${metric.count === 1 ? '' : 's'}`;
      tr.append(cell);
    }
    tr.append(element('td', String(group.actionItems.open)), element('td', String(group.actionItems.overdue), group.actionItems.overdue ? 'overdue' : undefined));
    body.append(tr);
  };
  for (const group of stats.groups) row(group.key.severity ?? 'unknown', group);
  row('Total', stats.total, 'total');
  table.append(body);
  return table;
}

function baseOption(): echarts.EChartsCoreOption {
  const foreground = css('--vscode-foreground', '#ccc');
  return {
    backgroundColor: 'transparent',
    textStyle: { color: foreground, fontFamily: css('--vscode-font-family', 'sans-serif') },
    tooltip: { backgroundColor: css('--vscode-editorHoverWidget-background', '#252526'), borderColor: css('--vscode-editorHoverWidget-border', '#454545'), textStyle: { color: foreground } },
    legend: { textStyle: { color: foreground }, top: 0 },
    animation: false,
  };
}

function axis(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const line = css('--vscode-editorWidget-border', '#555');
  return { axisLine: { lineStyle: { color: line } }, axisLabel: { color: css('--vscode-descriptionForeground', '#999') }, splitLine: { lineStyle: { color: line, opacity: 0.4 } }, ...extra };
}

function chartIn(box: HTMLElement, option: echarts.EChartsCoreOption): void {
  const chart = echarts.init(box, undefined, { renderer: 'svg' });
  chart.setOption(option);
  charts.push(chart);
}

/** Months on x, one bar per severity: the median time to resolve, in hours. */
function mttrByMonth(box: HTMLElement, stats: IncidentStats): void {
  const months = [...new Set(stats.groups.map((g) => g.key.month ?? 'unknown'))].sort();
  const severities = [...new Set(stats.groups.map((g) => g.key.severity ?? 'unknown'))];
  const series = severities.map((severity, index) => ({
    name: severity,
    type: 'bar',
    itemStyle: { color: severityColour(severity, index) },
    data: months.map((month) => {
      const minutes = stats.groups.find((g) => g.key.month === month && g.key.severity === severity)?.metrics.resolve.median;
      return minutes === null || minutes === undefined ? null : Math.round((minutes / 60) * 100) / 100;
    }),
  }));
  chartIn(box, {
    ...baseOption(),
    tooltip: { ...(baseOption()['tooltip'] as object), trigger: 'axis', valueFormatter: (hours: number | null) => (hours === null ? '–' : formatDuration(Math.round(hours * 60))) },
    grid: { left: 48, right: 16, top: 36, bottom: 32 },
    xAxis: axis({ type: 'category', data: months }),
    yAxis: axis({ type: 'value', name: 'hours', nameTextStyle: { color: css('--vscode-descriptionForeground', '#999') } }),
    series,
  });
}

function incidentsBySeverity(box: HTMLElement, stats: IncidentStats): void {
  const groups = stats.groups.map((g, index) => ({ name: g.key.severity ?? 'unknown', value: g.incidents, itemStyle: { color: severityColour(g.key.severity ?? 'unknown', index) } }));
  chartIn(box, {
    ...baseOption(),
    tooltip: { ...(baseOption()['tooltip'] as object), trigger: 'item' },
    series: [{ type: 'pie', radius: ['40%', '70%'], top: 24, data: groups, label: { color: css('--vscode-foreground', '#ccc'), formatter: '{b}: {c}' } }],
  });
}

/** Done, open (not yet due) and overdue: three bars that add up to every action item. */
function actionItemsByStatus(box: HTMLElement, stats: IncidentStats): void {
  const { total, open, overdue } = stats.total.actionItems;
  const bars = [
    { name: 'Done', value: total - open, colour: css('--vscode-charts-green', '#89d185') },
    { name: 'Open', value: open - overdue, colour: css('--vscode-charts-blue', '#3794ff') },
    { name: 'Overdue', value: overdue, colour: css('--vscode-charts-red', '#f14c4c') },
  ];
  chartIn(box, {
    ...baseOption(),
    tooltip: { ...(baseOption()['tooltip'] as object), trigger: 'item' },
    grid: { left: 40, right: 16, top: 24, bottom: 32 },
    xAxis: axis({ type: 'category', data: bars.map((b) => b.name) }),
    yAxis: axis({ type: 'value', minInterval: 1 }),
    series: [{ type: 'bar', data: bars.map((b) => ({ value: b.value, itemStyle: { color: b.colour } })), label: { show: true, position: 'top', color: css('--vscode-foreground', '#ccc') } }],
  });
}

window.addEventListener('message', (event: MessageEvent<InsightsUpdate>) => {
  const message = event.data;
  if (message?.type === 'data') render(message.data);
  else if (message?.type === 'error') root.replaceChildren(element('p', message.message, 'error'));
});
// VS Code changes the body's class (vscode-light, vscode-dark, vscode-high-contrast) with the theme: redraw in its colours.
new MutationObserver(() => shown && render(shown)).observe(document.body, { attributes: true, attributeFilter: ['class'] });
window.addEventListener('resize', () => {
  for (const chart of charts) chart.resize();
});

const style = document.createElement('style');
style.textContent = `
body { color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); padding: 0 16px 24px; }
h1 { font-size: 1.5em; font-weight: 600; margin: 16px 0 4px; }
h2 { font-size: 1.1em; font-weight: 600; margin-top: 20px; }
.summary { color: var(--vscode-descriptionForeground); margin-top: 0; }
table.stats { border-collapse: collapse; margin: 12px 0; }
table.stats th, table.stats td { padding: 4px 10px; border-bottom: 1px solid var(--vscode-editorWidget-border, rgba(128,128,128,.35)); text-align: right; white-space: nowrap; }
table.stats th:first-child { text-align: left; }
table.stats thead th { color: var(--vscode-descriptionForeground); font-weight: 600; }
table.stats tr.total th, table.stats tr.total td { font-weight: 600; }
td.overdue { color: var(--vscode-errorForeground); font-weight: 600; }
.charts { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 16px; }
@media (max-width: 720px) { .charts { grid-template-columns: 1fr; } }
figure { margin: 0; padding: 8px; border: 1px solid var(--vscode-editorWidget-border, rgba(128,128,128,.35)); border-radius: 4px; }
figure#mttr-by-month { grid-column: 1 / -1; }
figcaption { font-weight: 600; margin-bottom: 4px; }
.chart { height: 230px; }
ul.incomplete a { color: var(--vscode-textLink-foreground); }
.error { color: var(--vscode-errorForeground); }
`;
document.head.append(style);
vscode.postMessage({ type: 'ready' });
