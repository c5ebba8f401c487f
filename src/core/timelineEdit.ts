import type { ReportModel } from './model/types';
import { reportDay } from './rules/query';
import { readTimedRows, type TimedRow } from './rules/timeline';
import type { TemplateModel } from './template/templateModel';
import { LineIndex, detectEol } from './text/lineIndex';
import { insideAnyOf } from './text/spans';
import { parseDate, parseTimelineTime, wallClock } from './time';
import { reportTimeline, type ReportTimeline } from './timelineSource';
import { timelineReading } from './timelineZone';
import type { TextEdit } from './types';

/** A new timeline entry's time as written, and its instant (minutes, as the timeline's rows are read). */
export interface EntryStamp {
  readonly text: string;
  readonly minutes: number;
  /** The time with the zone it is in, for messages: `16:50 PDT`, `15:00 UTC`. */
  readonly label: string;
}

/**
 * What "now" is in a time cell of a timeline that declares its zone, as a function of the
 * cell's span that reads the zone once: the entry stamp (in that zone; dated when the
 * report's day is another; `15:00 UTC` for a zone that cannot be converted), and the zone it
 * is in, for the fix's title. Undefined outside the timeline's time cells, and where the
 * timeline declares no zone or UTC (GMT, Z, +00:00): a placeholder there is filled in UTC,
 * as its fix says.
 */
export function zonedNowIn(model: ReportModel, template: TemplateModel, now: Date, timeline: ReportTimeline | undefined = reportTimeline(model, template)): (span: { start: number; end: number }) => ZonedNow | undefined {
  // Read once, at the first placeholder in a time cell: a draft has one in every example row.
  let zoned: ZonedNow | null | undefined;
  // Searched by halves: a timeline of thousands of `HH:MM` rows stays linear.
  const inTimeCell = insideAnyOf((timeline?.rows ?? []).flatMap((row) => (row.time ? [row.time.span] : [])));
  return (span) => {
    if (!inTimeCell(span)) return undefined;
    if (zoned === undefined) {
      const zone = timelineReading(model, template, timeline).zone;
      const stamp = !zone || (zone.kind === 'fixed' && zone.minutes === 0) ? undefined : entryStamp(model, template, now, timeline);
      zoned = stamp && zone ? { text: stamp.text, zone: stamp.text.endsWith(' UTC') ? 'UTC' : zone.name } : null;
    }
    return zoned ?? undefined;
  };
}

/** "Now" as a zoned timeline writes it (zonedNowIn), and the zone it is in. */
export interface ZonedNow {
  readonly text: string;
  readonly zone: string;
}

/**
 * The time a new timeline entry is stamped with: now, as the timeline writes its times: in
 * the zone it declares (`Time (PDT)`, "All times CET", timelineZone.ts), else UTC; `HH:MM`
 * when that is on the report's Date, else `YYYY-MM-DD HH:MM`, so the entry sorts right. A
 * declared zone that cannot be converted (`IST`) gets a UTC time that says it is UTC.
 */
export function entryStamp(model: ReportModel, template: TemplateModel, now: Date, timeline: ReportTimeline | undefined = reportTimeline(model, template)): EntryStamp {
  // The reading holds the declared zone, and reads the stamp back as the timeline's rows are read.
  const reading = timelineReading(model, template, timeline);
  const local = wallClock(now, reading.zone);
  const at = local ?? wallClock(now, undefined)!;
  const day = reportDay(model);
  const written = day !== undefined && day === parseDate(at.date) ? at.clock : `${at.date} ${at.clock}`;
  const text = local ? written : `${written} UTC`;
  const parsed = parseTimelineTime(text, day, reading);
  const minutes = parsed.kind === 'ok' || parsed.kind === 'offset' ? parsed.minutes : Number.POSITIVE_INFINITY;
  return { text, minutes, label: local ? `${text} ${reading.zone?.name ?? 'UTC'}` : text };
}

/** A row whose time can be placed (UTC, or in a zone). */
function isTimed(row: TimedRow): row is TimedRow & { time: { minutes: number } } {
  return row.time.kind === 'ok' || row.time.kind === 'offset';
}

/** A timeline the writer can add to: a table with a time column, or a bullet list. */
export type WritableTimeline = Extract<ReportTimeline, { kind: 'table' | 'list' }>;

/**
 * A new entry in the timeline's own form: `| 13:26 | Rollback started | Alice |` by the
 * report's own header roles (a column with no role stays empty), or `- [13:26] Rollback
 * started` in the bullets' own style (a bullet has no actor).
 */
export function timelineEntryText(timeline: WritableTimeline, time: string, values: { readonly event: string; readonly actor: string }): string {
  const line = (text: string): string => text.replace(/[\r\n]+/g, ' ').trim();
  if (timeline.kind === 'list') {
    const { marker, open, close, separator } = timeline.style;
    return `${marker}${open}${time}${close}${separator}${line(values.event)}`;
  }
  const escape = (cell: string): string => line(cell).replace(/\|/g, '\\|');
  const cells = timeline.columns.roles.map((role) => (role === 'time' ? time : role === 'event' ? escape(values.event) : role === 'actor' ? escape(values.actor) : ''));
  return `| ${cells.join(' | ')} |`;
}

/**
 * Inserts `entry` at its chronological place (`minutes`): after the last timed row not
 * later than it, before the first later one, so the timeline never goes backwards.
 */
export function insertEntryEdit(text: string, lines: LineIndex, timeline: WritableTimeline, rows: readonly TimedRow[], minutes: number, entry: string): TextEdit {
  const firstLater = rows.findIndex((r) => isTimed(r) && r.time.minutes > minutes);
  const before = firstLater < 0 ? rows : rows.slice(0, firstLater);
  const lastTimed = [...before].reverse().find(isTimed);
  const anchor = lastTimed ?? (firstLater >= 0 ? undefined : rows[rows.length - 1]);
  const eol = detectEol(text);
  if (anchor) {
    const at = lines.lineSpanAt(anchor.row.span.end).end;
    return { span: { start: at, end: at }, newText: eol + entry };
  }
  if (timeline.kind === 'table') {
    const at = lines.lineEnd(lines.positionAt(timeline.table.header.span.end).line + 1);
    return { span: { start: at, end: at }, newText: eol + entry };
  }
  // Before the first bullet, on a line of its own.
  const at = lines.lineSpanAt(timeline.list.span.start).start;
  return { span: { start: at, end: at }, newText: entry + eol };
}

/**
 * Inserts a timeline entry stamped `now` (entryStamp) at its chronological place. Undefined
 * when the report has no timeline table or list.
 */
export function insertTimelineRow(model: ReportModel, template: TemplateModel, now: Date, values: { event: string; actor: string }): { edit: TextEdit; time: string; row: string; minutes: number } | undefined {
  const timeline = reportTimeline(model, template);
  if (!timeline || timeline.kind === 'none') return undefined;
  const stamp = entryStamp(model, template, now, timeline);
  const rows = readTimedRows(model, template, reportDay(model), timeline);
  const row = timelineEntryText(timeline, stamp.text, values);
  return { edit: insertEntryEdit(model.text, new LineIndex(model.text), timeline, rows, stamp.minutes, row), time: stamp.text, row, minutes: stamp.minutes };
}
