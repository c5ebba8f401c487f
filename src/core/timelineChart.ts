/**
 * The timeline chart of one report (the editor's "Incident: Show Timeline"): the timed rows on
 * a UTC axis, the phases between milestones, the gaps without a row, the milestones and the
 * durations. Plain data; the webview only draws it.
 *
 * - Times are the timeline rule's reading (src/core/time.ts: minutes since 1970-01-01T00:00Z),
 *   milestones are milestones.ts's, durations metrics.ts's, so the chart, the CodeLens and
 *   `stats` agree.
 * - Phases run from one milestone to the next one the timeline has: impact (the first row,
 *   when it comes before detection, as time to detect counts it) → detected → mitigating →
 *   restored → resolved; the last phase runs to the last row. Empty phases are left out.
 * - A gap is two consecutive timed rows (in time order) more than `gapMinutes` apart.
 */
import { timelineMetrics, type MetricId } from './metrics';
import { readTimelineMilestonesOn, milestoneName, type MilestoneId, type TimelineEntry } from './milestones';
import { detailsModel, readHeader, unescapeCell } from './summary';
import { formatDuration } from './durations';
import { parseDate } from './time';
import type { ReportParser } from './model/parseReport';
import type { TemplateModel } from './template/templateModel';
import { LineIndex } from './text/lineIndex';

/** Rows further apart than this (minutes) are marked as a gap unless the caller says otherwise. */
export const DEFAULT_GAP_MINUTES = 30;

export type PhaseId = 'impact' | 'detected' | 'mitigating' | 'restored' | 'resolved';

/** The phases in order, each with the milestone it starts at (impact starts at the first row). */
export const PHASES: readonly { readonly id: PhaseId; readonly label: string; readonly startsAt: MilestoneId | 'impact' }[] = [
  { id: 'impact', label: 'Impact', startsAt: 'impact' },
  { id: 'detected', label: 'Detected', startsAt: 'detected' },
  { id: 'mitigating', label: 'Mitigating', startsAt: 'mitigation-started' },
  { id: 'restored', label: 'Restored', startsAt: 'service-restored' },
  { id: 'resolved', label: 'Resolved', startsAt: 'resolved' },
];

export interface ChartRow {
  /** Minutes since 1970-01-01T00:00Z. */
  readonly minutes: number;
  /** `2026-10-20 13:48` (UTC). */
  readonly utc: string;
  /** The Time cell as written. */
  readonly time: string;
  readonly event: string;
  readonly actor: string;
  /** 0-based line of the row in the report. */
  readonly line: number;
  readonly milestones: readonly MilestoneId[];
}

export interface ChartPhase {
  readonly id: PhaseId;
  readonly label: string;
  readonly fromMinutes: number;
  readonly toMinutes: number;
}

export interface ChartGap {
  readonly fromMinutes: number;
  readonly toMinutes: number;
  readonly minutes: number;
  /** `1h 08m`. */
  readonly text: string;
  readonly fromLine: number;
  readonly toLine: number;
}

export interface ChartMilestone {
  readonly id: MilestoneId;
  /** `Incident detected`. */
  readonly name: string;
  readonly minutes: number;
  readonly line: number;
}

export interface ChartDuration {
  readonly id: MetricId;
  /** `TTD`. */
  readonly short: string;
  readonly label: string;
  readonly minutes: number;
  readonly text: string;
  readonly fromMinutes: number;
  readonly toMinutes: number;
}

export interface TimelineChartModel {
  readonly id: string | undefined;
  readonly title: string | undefined;
  /** Timed rows in table order. */
  readonly rows: readonly ChartRow[];
  /** Rows left off the chart: their time is empty, a placeholder or unreadable. */
  readonly untimed: number;
  readonly phases: readonly ChartPhase[];
  readonly gaps: readonly ChartGap[];
  readonly milestones: readonly ChartMilestone[];
  readonly durations: readonly ChartDuration[];
  readonly gapMinutes: number;
}

function minutesOf(entry: TimelineEntry | undefined): number | undefined {
  const time = entry?.time;
  return time && (time.kind === 'ok' || time.kind === 'offset') ? time.minutes : undefined;
}

/** `2026-10-20 13:48` for minutes since the epoch. */
export function utcText(minutes: number): string {
  return new Date(minutes * 60_000).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * The chart of a report's timeline; undefined when the text is not a report. With the
 * document's own parser (the server's, which has just linted this text), nothing is parsed again.
 */
export function timelineChart(text: string, template: TemplateModel, options: { readonly gapMinutes?: number } = {}, parser?: ReportParser): TimelineChartModel | undefined {
  const read = readHeader(text, template);
  if (!read) return undefined;
  const { header } = read;
  const gapMinutes = options.gapMinutes !== undefined && Number.isFinite(options.gapMinutes) && options.gapMinutes > 0 ? options.gapMinutes : DEFAULT_GAP_MINUTES;
  const model = parser ? parser.parse(text, template.parseOptions) : detailsModel(text, template);
  const day = header.date === undefined ? undefined : parseDate(header.date);
  const timeline = readTimelineMilestonesOn(model, template, day);
  const lines = new LineIndex(text);
  const lineOf = (offset: number): number => lines.positionAt(offset).line;
  const metrics = timelineMetrics(model, template, lineOf, timeline);

  const rows: ChartRow[] = [];
  let untimed = 0;
  for (const entry of timeline?.entries ?? []) {
    const minutes = minutesOf(entry);
    if (minutes === undefined) {
      untimed++;
      continue;
    }
    // The actor as the Incidents view reads it (by the report's own column roles).
    const actor = unescapeCell(entry.row.actor?.text ?? '');
    rows.push({ minutes, utc: utcText(minutes), time: entry.timeText, event: unescapeCell(entry.event), actor, line: lineOf(entry.row.span.start), milestones: entry.milestones });
  }
  const lastMinutes = rows.length === 0 ? undefined : Math.max(...rows.map((r) => r.minutes));

  const milestones: ChartMilestone[] = [];
  for (const [id, entry] of timeline?.found ?? []) {
    const minutes = minutesOf(entry);
    if (minutes !== undefined) milestones.push({ id, name: milestoneName(template, id), minutes, line: lineOf(entry.row.span.start) });
  }

  // Where each phase starts: impact where time to detect starts counting, the others at their milestone.
  const rowAtLine = (line: number): ChartRow | undefined => rows.find((r) => r.line === line);
  const detect = metrics.metrics.find((m) => m.id === 'detect');
  const starts: { id: PhaseId; label: string; at: number }[] = [];
  for (const phase of PHASES) {
    const at = phase.startsAt === 'impact' ? (detect ? rowAtLine(detect.fromLine)?.minutes : undefined) : milestones.find((m) => m.id === phase.startsAt)?.minutes;
    if (at !== undefined) starts.push({ id: phase.id, label: phase.label, at });
  }
  const phases: ChartPhase[] = [];
  for (const [index, start] of starts.entries()) {
    const end = index + 1 < starts.length ? starts[index + 1]!.at : lastMinutes;
    // A timeline that runs backwards gives no phase rather than a negative one.
    if (end !== undefined && end > start.at) phases.push({ id: start.id, label: start.label, fromMinutes: start.at, toMinutes: end });
  }

  const gaps: ChartGap[] = [];
  const inTimeOrder = [...rows].sort((a, b) => a.minutes - b.minutes || a.line - b.line);
  for (let i = 1; i < inTimeOrder.length; i++) {
    const from = inTimeOrder[i - 1]!;
    const to = inTimeOrder[i]!;
    const minutes = to.minutes - from.minutes;
    if (minutes > gapMinutes) gaps.push({ fromMinutes: from.minutes, toMinutes: to.minutes, minutes, text: formatDuration(minutes), fromLine: from.line, toLine: to.line });
  }

  const durations: ChartDuration[] = [];
  for (const metric of metrics.metrics) {
    const from = rowAtLine(metric.fromLine);
    const to = rowAtLine(metric.toLine);
    if (from && to) durations.push({ id: metric.id, short: metric.short, label: metric.label, minutes: metric.minutes, text: metric.text, fromMinutes: from.minutes, toMinutes: to.minutes });
  }

  return { id: header.id, title: header.title, rows, untimed, phases, gaps, milestones, durations, gapMinutes };
}
