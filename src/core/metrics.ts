/**
 * Incident metrics computed from the timeline: time to detect, acknowledge, mitigate,
 * restore and resolve. One module, so the editor (CodeLens, hover), the CLI's JSON and the
 * Incidents view say the same numbers.
 *
 * - impact start: the timeline's first row, when it comes before the detected row (the
 *   change or the first symptom the timeline opens with);
 * - acknowledged: the first row after detection that says someone took it (`acknowledged`,
 *   `ack`, `on-call notified|paged|engaged`, `investigation started`, `responded`);
 * - detected, mitigation started, service restored, resolved: the milestone rows
 *   (src/core/milestones.ts).
 * Every interval but time to detect runs from detection.
 */
import { readTimelineMilestones, type TimelineEntry, type TimelineMilestones } from './milestones';
import type { ReportModel } from './model/types';
import type { TemplateModel } from './template/templateModel';
import { wordsKey } from './text/normalize';
import { formatDuration } from './durations';

export type MetricId = 'detect' | 'acknowledge' | 'mitigate' | 'restore' | 'resolve';

export interface Metric {
  readonly id: MetricId;
  /** "Time to detect", ... */
  readonly label: string;
  /** Short form for a CodeLens: "TTD". */
  readonly short: string;
  readonly minutes: number;
  /** `2h 35m`. */
  readonly text: string;
  /** 0-based lines of the rows it runs between. */
  readonly fromLine: number;
  readonly toLine: number;
}

export interface TimelineMetrics {
  readonly metrics: readonly Metric[];
  /** Each timed row: minutes since detection and since the previous timed row (for hovers). */
  readonly rows: readonly { readonly line: number; readonly sinceDetection: number | undefined; readonly sincePrevious: number | undefined }[];
  /** 0-based line of the timeline table's header, where a CodeLens goes. */
  readonly tableLine: number | undefined;
}

const ACKNOWLEDGED = /\b(?:acknowledged|ack(?:ed)?|on ?call (?:notified|paged|engaged|responded)|investigation started|responded|engaged)\b/;

/** Each metric's name and short form (`TTD`), shared by the CodeLens, `stats` and the export. */
export const METRIC_LABELS: Readonly<Record<MetricId, { label: string; short: string }>> = {
  detect: { label: 'Time to detect', short: 'TTD' },
  acknowledge: { label: 'Time to acknowledge', short: 'TTA' },
  mitigate: { label: 'Time to mitigate', short: 'TTM' },
  restore: { label: 'Time to restore', short: 'TTRs' },
  resolve: { label: 'Time to resolve', short: 'TTR' },
};

function minutesOf(entry: TimelineEntry | undefined): number | undefined {
  const time = entry?.time;
  return time && (time.kind === 'ok' || time.kind === 'offset') ? time.minutes : undefined;
}

/** The metrics a report's timeline gives (none without a timeline or a timed detected row). */
export function timelineMetrics(model: ReportModel, template: TemplateModel, lineOf: (offset: number) => number, timeline: TimelineMilestones | undefined = readTimelineMilestones(model, template)): TimelineMetrics {
  if (!timeline) return { metrics: [], rows: [], tableLine: undefined };
  const source = timeline.timeline;
  const tableLine = source.kind === 'table' ? lineOf(source.table.span.start) : source.kind === 'list' ? lineOf(source.list.span.start) : undefined;
  const detected = timeline.found.get('detected');
  const detectedAt = minutesOf(detected);
  const metrics: Metric[] = [];
  const add = (id: MetricId, from: TimelineEntry | undefined, to: TimelineEntry | undefined): void => {
    const start = minutesOf(from);
    const end = minutesOf(to);
    if (start === undefined || end === undefined || end < start) return;
    metrics.push({ id, ...METRIC_LABELS[id], minutes: end - start, text: formatDuration(end - start), fromLine: lineOf(from!.row.span.start), toLine: lineOf(to!.row.span.start) });
  };
  const detection = detectionInterval(timeline);
  if (detection) add('detect', detection.from, detection.to);
  if (detected) {
    const acknowledged = timeline.entries.find((e) => e.index > detected.index && ACKNOWLEDGED.test(wordsKey(e.event)));
    add('acknowledge', detected, acknowledged);
    add('mitigate', detected, timeline.found.get('mitigation-started'));
    add('restore', detected, timeline.found.get('service-restored'));
    add('resolve', detected, timeline.found.get('resolved'));
  }
  let previous: number | undefined;
  const rows = timeline.entries.map((entry) => {
    const at = minutesOf(entry);
    const row = { line: lineOf(entry.row.span.start), sinceDetection: at !== undefined && detectedAt !== undefined ? at - detectedAt : undefined, sincePrevious: at !== undefined && previous !== undefined ? at - previous : undefined };
    if (at !== undefined) previous = at;
    return row;
  });
  return { metrics, rows, tableLine };
}

/**
 * Impact start to detection: from the timeline's first row, when it is timed and comes before
 * the detected row, to that row. Time to detect, and what the Detection Time field states.
 */
export function detectionInterval(timeline: TimelineMilestones): { readonly from: TimelineEntry; readonly to: TimelineEntry; readonly minutes: number } | undefined {
  const detected = timeline.found.get('detected');
  const first = timeline.entries[0];
  const start = minutesOf(first);
  const end = minutesOf(detected);
  if (!first || !detected || first === detected || start === undefined || end === undefined || start > end) return undefined;
  return { from: first, to: detected, minutes: end - start };
}

/** `+1h 05m` / `-3m` for a hover. */
export function signedDuration(minutes: number): string {
  return `${minutes < 0 ? '-' : '+'}${formatDuration(Math.abs(minutes))}`;
}
