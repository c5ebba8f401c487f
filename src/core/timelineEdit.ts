import type { ReportModel } from './model/types';
import { reportDay, timeColumn, timeline } from './rules/query';
import { readTimedRows } from './rules/timeline';
import type { TemplateModel } from './template/templateModel';
import { LineIndex, detectEol } from './text/lineIndex';
import { parseDate, parseTimelineTime, utcDate, utcTime } from './time';
import type { TextEdit } from './types';

/** A timeline cell's part, read from the template's column names. */
export type ColumnRole = 'time' | 'event' | 'actor' | 'other';

export function columnRoles(template: TemplateModel): ColumnRole[] {
  const keys = template.timeline?.columnKeys ?? ['time', 'event', 'actor'];
  const time = timeColumn(template);
  return keys.map((key, i) => (i === time ? 'time' : /\b(?:event|what|description)\b/.test(key) ? 'event' : /\b(?:actor|who|owner|by)\b/.test(key) ? 'actor' : 'other'));
}

/** `HH:MM` when the report's Date is today (UTC), else `YYYY-MM-DD HH:MM`, so the row sorts right. */
export function rowTime(model: ReportModel, now: Date): string {
  const day = reportDay(model);
  return day !== undefined && day === parseDate(utcDate(now)) ? utcTime(now) : `${utcDate(now)} ${utcTime(now)}`;
}

/**
 * Inserts a timeline row stamped `now` at its chronological place: after the last timed
 * row not later than now, before the first later one, so the timeline never goes
 * backwards. Undefined when the report has no timeline table.
 */
export function insertTimelineRow(model: ReportModel, template: TemplateModel, now: Date, values: { event: string; actor: string }): { edit: TextEdit; time: string; row: string } | undefined {
  const table = timeline(model, template)?.table;
  if (!table) return undefined;
  const time = rowTime(model, now);
  const parsed = parseTimelineTime(time, reportDay(model));
  const minutes = parsed.kind === 'ok' ? parsed.minutes : Number.POSITIVE_INFINITY;
  const rows = readTimedRows(model, template);
  const firstLater = rows.findIndex((r) => r.time.kind === 'ok' && r.time.minutes > minutes);
  const before = firstLater < 0 ? rows : rows.slice(0, firstLater);
  const lastTimed = [...before].reverse().find((r) => r.time.kind === 'ok');
  const anchor = lastTimed ?? (firstLater >= 0 ? undefined : rows[rows.length - 1]);
  const lines = new LineIndex(model.text);
  const delimiterLine = lines.positionAt(table.header.span.end).line + 1;
  const at = anchor ? lines.lineSpanAt(anchor.row.span.start).end : lines.lineEnd(delimiterLine);
  const escape = (cell: string): string => cell.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|').trim();
  const cells = columnRoles(template).map((role) => (role === 'time' ? time : role === 'event' ? escape(values.event) : role === 'actor' ? escape(values.actor) : ''));
  const row = `| ${cells.join(' | ')} |`;
  return { edit: { span: { start: at, end: at }, newText: detectEol(model.text) + row }, time, row };
}
