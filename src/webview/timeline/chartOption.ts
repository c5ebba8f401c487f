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
const TOP = 96;
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

export function chartOption(chart: TimelineChartModel, theme: ChartTheme): Record<string, unknown> {
  const times = chart.rows.map((r) => r.minutes);
  const first = Math.min(...times);
  const last = Math.max(...times);
  // A little room either side, so the first and last rows are not on the frame.
  const pad = Math.max(5, Math.round((last - first) * 0.04));
  const fill = (color: string, opacity: number) => ({ color, opacity: theme.highContrast ? 0 : opacity, borderColor: color, borderWidth: theme.highContrast ? 2 : 0, borderType: 'solid' });
  const text = { color: theme.foreground, fontFamily: theme.fontFamily };
  const subtitle = chart.durations.map((d) => `${d.short} ${d.text}`).join('   ·   ');
  const days = new Set(chart.rows.map((r) => r.utc.slice(0, 10)));
  return {
    animation: false,
    useUTC: true,
    backgroundColor: theme.background,
    textStyle: text,
    title: {
      text: `${chart.id ?? 'Incident'}${chart.title ? ` — ${chart.title}` : ''}`,
      subtext: `${subtitle || 'No durations yet: the timeline needs a detected row'}   (times in UTC; gaps over ${chart.gapMinutes} min marked)`,
      left: 8,
      top: 4,
      textStyle: { ...text, fontSize: 14 },
      subtextStyle: { color: theme.muted, fontFamily: theme.fontFamily, fontSize: 12 },
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
    grid: { left: 8, right: 24, top: TOP, bottom: BOTTOM, containLabel: true },
    xAxis: {
      type: 'time',
      min: (first - pad) * MS,
      max: (last + pad) * MS,
      axisLine: { lineStyle: { color: theme.muted } },
      axisLabel: { color: theme.foreground, fontFamily: theme.fontFamily, formatter: days.size > 1 ? '{MM}-{dd} {HH}:{mm}' : '{HH}:{mm}', hideOverlap: true },
      splitLine: { show: true, lineStyle: { color: theme.grid } },
      name: 'UTC',
      nameLocation: 'end',
      nameTextStyle: { color: theme.muted },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: chart.rows.map((r) => rowLabel(r)),
      axisLabel: { color: theme.foreground, fontFamily: theme.fontFamily },
      axisLine: { lineStyle: { color: theme.muted } },
      axisTick: { show: false },
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
        })),
        markArea: {
          silent: true,
          label: { position: 'insideTop', color: theme.foreground, fontFamily: theme.fontFamily, fontWeight: 'bold' },
          data: chart.phases.map((p) => [
            { name: p.label, xAxis: p.fromMinutes * MS, itemStyle: fill(theme.phases[p.id], 0.14) },
            { xAxis: p.toMinutes * MS },
          ]),
        },
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: theme.milestone, type: 'dashed', width: theme.highContrast ? 2 : 1 },
          label: { position: 'end', color: theme.milestone, fontFamily: theme.fontFamily, formatter: '{b}' },
          data: chart.milestones.map((m) => ({ name: `${m.name.replace(/^Incident /, '')} ${new Date(m.minutes * MS).toISOString().slice(11, 16)}`, xAxis: m.minutes * MS })),
        },
      },
      {
        id: 'gaps',
        name: 'Gaps',
        type: 'scatter',
        data: [],
        markArea: {
          silent: true,
          label: { position: 'insideBottom', color: theme.gap, fontFamily: theme.fontFamily },
          data: chart.gaps.map((g) => [
            { name: `gap ${g.text}`, xAxis: g.fromMinutes * MS, itemStyle: { color: theme.gap, opacity: theme.highContrast ? 0 : 0.08, borderColor: theme.gap, borderWidth: 1, borderType: 'dashed' } },
            { xAxis: g.toMinutes * MS },
          ]),
        },
      },
    ],
  };
}
