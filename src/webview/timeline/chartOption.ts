/**
 * The ECharts option for a timeline chart model (src/core/timelineChart.ts): one row per timed
 * timeline row (time on a UTC axis), the phases shaded, gaps marked, milestones as vertical
 * lines, the durations in the subtitle. Pure: the webview and the tests build the same chart.
 */
import type { ChartRow, PhaseId, TimelineChartModel } from '../../core';
import { echarts } from './echartsSetup';

export interface ChartTheme {
  readonly background: string;
  readonly foreground: string;
  readonly muted: string;
  readonly grid: string;
  readonly point: string;
  readonly milestone: string;
  readonly gap: string;
  readonly phases: Readonly<Record<PhaseId, string>>;
  readonly fontFamily: string;
  /** High contrast: no translucent fills, thicker lines. */
  readonly highContrast: boolean;
}

/** Light-theme colours, for an export without a webview and the tests. */
export const LIGHT_THEME: ChartTheme = {
  background: '#ffffff',
  foreground: '#1f1f1f',
  muted: '#6e6e6e',
  grid: '#e5e5e5',
  point: '#1a85ff',
  milestone: '#8a3ffc',
  gap: '#e51400',
  phases: { impact: '#e51400', detected: '#bf8803', mitigating: '#d18616', restored: '#388a34', resolved: '#1a85ff' },
  fontFamily: 'sans-serif',
  highContrast: false,
};

export const ROW_HEIGHT = 30;
const TOP = 132;
const BOTTOM = 56;

/** Pixel height that fits every row. */
export function chartHeight(chart: TimelineChartModel): number {
  return TOP + BOTTOM + Math.max(4, chart.rows.length) * ROW_HEIGHT;
}

/** `13:48  Incident detected: …`, shortened for the axis. */
export function rowLabel(row: ChartRow, maxLength = 48): string {
  const event = row.event.length > maxLength ? `${row.event.slice(0, maxLength - 1)}…` : row.event;
  return `${row.utc.slice(11)}  ${event}`;
}

const MS = 60_000;

/** `Incident detected` → `Detected`: short enough to sit above the chart. */
export function milestoneLabel(name: string): string {
  const short = name.replace(/^Incident /, '');
  return short.charAt(0).toUpperCase() + short.slice(1);
}

/** Rough width of a label in pixels (12px sans-serif), to leave out labels that would not fit their band. */
const textWidth = (label: string): number => label.length * 7;
/** Milestone labels sit on this many levels above the chart, so close milestones do not overlap. */
const MILESTONE_LEVELS = 4;

/** `width`: the chart's width in pixels (decides which band labels fit). */
export function chartOption(chart: TimelineChartModel, theme: ChartTheme, width = 1000): Record<string, unknown> {
  const times = chart.rows.map((r) => r.minutes);
  const first = Math.min(...times);
  const last = Math.max(...times);
  // A little room either side, so the first and last rows are not on the frame.
  const pad = Math.max(5, Math.round((last - first) * 0.04));
  const fill = (color: string, opacity: number) => ({ color, opacity: theme.highContrast ? 0 : opacity, borderColor: color, borderWidth: theme.highContrast ? 2 : 0, borderType: 'solid' });
  // VS Code's font list quotes names ("Segoe WPC"); ECharts writes it into SVG style attributes
  // without escaping, which would break the exported file: single quotes mean the same in CSS.
  const fontFamily = theme.fontFamily.replace(/"/g, "'");
  const text = { color: theme.foreground, fontFamily };
  const subtitle = chart.durations.map((d) => `${d.short} ${d.text}`).join('   ·   ');
  const days = new Set(chart.rows.map((r) => r.utc.slice(0, 10)));
  // Pixels per minute on the time axis (the grid spans the width less its margins).
  const scale = (width - 32) / (last - first + 2 * pad);
  const fits = (minutes: number, label: string): boolean => minutes * scale >= textWidth(label) + 8;
  const side = (row: ChartRow): { position: 'left' | 'right'; maxLength: number } => {
    const left = (row.minutes - first + pad) * scale;
    const right = width - 32 - left;
    return { position: right >= left ? 'right' : 'left', maxLength: Math.max(12, Math.min(48, Math.floor((Math.max(left, right) - 28) / 7.5))) };
  };
  return {
    animation: false,
    useUTC: true,
    backgroundColor: theme.background,
    textStyle: text,
    title: {
      text: `${chart.id ?? 'Incident'}${chart.title ? ` — ${chart.title}` : ''}`,
      subtext: `${subtitle || 'No durations yet: the timeline needs a detected row'}\n(times in UTC; gaps over ${chart.gapMinutes} min marked)`,
      left: 8,
      top: 4,
      textStyle: { ...text, fontSize: 14 },
      subtextStyle: { color: theme.muted, fontFamily, fontSize: 12, lineHeight: 17 },
    },
    tooltip: {
      trigger: 'item',
      confine: true,
      // Report text goes into HTML here: encoded, never markup.
      formatter: (params: { seriesId?: string; dataIndex: number }) => {
        const row = params.seriesId === 'rows' ? chart.rows[params.dataIndex] : undefined;
        if (!row) return '';
        const encode = echarts.format.encodeHTML;
        const milestones = row.milestones.length > 0 ? `<br/>${encode(row.milestones.join(', '))}` : '';
        return `${encode(row.utc)} UTC<br/>${encode(row.event)}${row.actor ? `<br/>${encode(row.actor)}` : ''}${milestones}`;
      },
    },
    // ECharts 6 keeps the axis labels inside the chart by itself (grid.outerBoundsMode 'auto').
    grid: { left: 8, right: 24, top: TOP, bottom: BOTTOM },
    xAxis: {
      type: 'time',
      min: (first - pad) * MS,
      max: (last + pad) * MS,
      axisLine: { lineStyle: { color: theme.muted } },
      axisLabel: { color: theme.foreground, fontFamily, formatter: days.size > 1 ? '{MM}-{dd} {HH}:{mm}' : '{HH}:{mm}', hideOverlap: true },
      splitLine: { show: true, lineStyle: { color: theme.grid } },
      name: 'UTC',
      nameLocation: 'end',
      nameTextStyle: { color: theme.muted },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: chart.rows.map((r) => rowLabel(r)),
      // Each row's label sits beside its point (the plot keeps the full width).
      axisLabel: { show: false },
      axisLine: { lineStyle: { color: theme.muted } },
      axisTick: { show: false },
      splitLine: { show: true, lineStyle: { color: theme.grid, type: 'dotted' } },
    },
    series: [
      {
        id: 'rows',
        name: 'Timeline',
        type: 'scatter',
        cursor: 'pointer',
        data: chart.rows.map((row, index) => ({
          value: [row.minutes * MS, index],
          line: row.line,
          symbol: row.milestones.length > 0 ? 'diamond' : 'circle',
          symbolSize: row.milestones.length > 0 ? 16 : 11,
          itemStyle: { color: row.milestones.length > 0 ? theme.milestone : theme.point, borderColor: theme.background, borderWidth: 1 },
          // Each label goes on the side of its point with more room, shortened to fit there.
          label: { show: true, position: side(row).position, distance: 8, formatter: rowLabel(row, side(row).maxLength), color: theme.foreground, fontFamily },
        })),
        markArea: {
          silent: true,
          label: { position: 'insideTop', color: theme.foreground, fontFamily, fontWeight: 'bold' },
          data: chart.phases.map((p) => [
            { name: p.label, xAxis: p.fromMinutes * MS, itemStyle: fill(theme.phases[p.id], 0.14), label: { show: fits(p.toMinutes - p.fromMinutes, p.label) } },
            { xAxis: p.toMinutes * MS },
          ]),
        },
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: theme.milestone, type: 'dashed', width: theme.highContrast ? 2 : 1 },
          // The y axis is inverted: `start` is the top of the chart.
          label: { position: 'start', color: theme.milestone, fontFamily, formatter: '{b}' },
          data: chart.milestones.map((m, index) => ({
            name: `${milestoneLabel(m.name)} ${new Date(m.minutes * MS).toISOString().slice(11, 16)}`,
            xAxis: m.minutes * MS,
            label: { distance: 4 + (index % MILESTONE_LEVELS) * 14 },
          })),
        },
      },
      {
        id: 'gaps',
        name: 'Gaps',
        type: 'scatter',
        data: [],
        markArea: {
          silent: true,
          label: { position: 'insideBottom', color: theme.gap, fontFamily },
          data: chart.gaps.map((g) => [
            { name: fits(g.minutes, `gap ${g.text}`) ? `gap ${g.text}` : g.text, xAxis: g.fromMinutes * MS, label: { show: fits(g.minutes, g.text) }, itemStyle: { color: theme.gap, opacity: theme.highContrast ? 0 : 0.08, borderColor: theme.gap, borderWidth: 1, borderType: 'dashed' } },
            { xAxis: g.toMinutes * MS },
          ]),
        },
      },
    ],
  };
}
