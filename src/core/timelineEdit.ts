import type { ReportModel } from './model/types';
import { reportDay } from './rules/query';
import { readTimedRows, type TimedRow } from './rules/timeline';
import type { TemplateModel } from './template/templateModel';
import { LineIndex, detectEol } from './text/lineIndex';
import { parseDate, parseTimelineTime, utcDate, utcTime } from './time';
import { reportTimeline, type ReportTimeline } from './timelineSource';
import type { TextEdit } from './types';

/** `HH:MM` when the report's Date is today (UTC), else `YYYY-MM-DD HH:MM`, so the row sorts right. */
export function rowTime(model: ReportModel, now: Date): string {
  const day = reportDay(model);
  return day !== undefined && day === parseDate(utcDate(now)) ? utcTime(now) : `${utcDate(now)} ${utcTime(now)}`;
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
  const firstLater = rows.findIndex((r) => r.time.kind === 'ok' && r.time.minutes > minutes);
  const before = firstLater < 0 ? rows : rows.slice(0, firstLater);
  const lastTimed = [...before].reverse().find((r) => r.time.kind === 'ok');
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
 * Inserts a timeline entry stamped `now` at its chronological place. Undefined when the
 * report has no timeline table or list.
 */
export function insertTimelineRow(model: ReportModel, template: TemplateModel, now: Date, values: { event: string; actor: string }): { edit: TextEdit; time: string; row: string } | undefined {
  const timeline = reportTimeline(model, template);
  if (!timeline || timeline.kind === 'none') return undefined;
  const time = rowTime(model, now);
  const parsed = parseTimelineTime(time, reportDay(model));
  const minutes = parsed.kind === 'ok' ? parsed.minutes : Number.POSITIVE_INFINITY;
  const rows = readTimedRows(model, template, reportDay(model), timeline);
  const row = timelineEntryText(timeline, time, values);
  return { edit: insertEntryEdit(model.text, new LineIndex(model.text), timeline, rows, minutes, row), time, row };
}
