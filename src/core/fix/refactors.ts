import type { ReportModel } from '../model/types';
import { allTextRuns, headerField } from '../rules/query';
import { reportTimeline } from '../timelineSource';
import { fillNow } from '../rules/placeholder';
import { findPlaceholders } from '../template/placeholders';
import type { TemplateModel } from '../template/templateModel';
import { utcDate, utcTime, utcTimestamp } from '../time';
import type { Fix } from '../types';
import { concreteEvidencePath, evidenceFolder, evidencePaths, evidenceSlotAt, reportIncidentId } from '../evidence';
import { fix } from './edits';
import { zonedNowIn } from '../timelineEdit';

/** Rewrites offered at the cursor without a diagnostic: a timestamp placeholder, an evidence path. */
export function refactorsAt(model: ReportModel, template: TemplateModel, offset: number, now: Date, fileName: string | undefined): Fix[] {
  const fixes = timestampRefactorsAt(model, template, offset, now);
  const evidence = evidencePaths(model, template).find((e) => offset >= e.span.start && offset <= e.span.end);
  const filled = evidence ? evidenceFillAt(model, template, offset, now, fileName) : undefined;
  if (filled && evidence && filled.path !== evidence.path) fixes.push(filled.fix);
  return fixes;
}

/**
 * Fill Evidence Path at an offset: replaces the evidence path under the cursor with a
 * concrete `evidence/<INC-ID>/<name>_<YYYYMMDDTHHMMSSZ>.txt`, or inserts one (named after
 * the template slot the cursor is in). Undefined when the report has no usable ID.
 */
export function evidenceFillAt(model: ReportModel, template: TemplateModel, offset: number, now: Date, fileName: string | undefined): { fix: Fix; path: string } | undefined {
  const id = reportIncidentId(model, fileName, template);
  if (!id) return undefined;
  const existing = evidencePaths(model, template).find((e) => offset >= e.span.start && offset <= e.span.end);
  if (existing) {
    const path = existing.directory ? evidenceFolder(id) : concreteEvidencePath(id, existing.name, now);
    return { path, fix: fix(`Fill evidence path ${path}`, [{ span: existing.span, newText: path }], { createFile: existing.directory ? undefined : path }) };
  }
  const slot = evidenceSlotAt(model, template, offset);
  const path = slot?.directory ? evidenceFolder(id) : concreteEvidencePath(id, slot?.name ?? 'evidence', now);
  return { path, fix: fix(`Insert evidence path ${path}`, [{ span: { start: offset, end: offset }, newText: path }], { createFile: slot?.directory ? undefined : path }) };
}

/** Timestamp placeholders under the cursor can be filled even when no rule reports them. */
export function timestampRefactorsAt(model: ReportModel, template: TemplateModel, offset: number, now: Date): Fix[] {
  for (const run of allTextRuns(model)) {
    if (offset < run.start || offset > run.start + run.text.length) continue;
    for (const match of findPlaceholders(run.text, template.placeholders)) {
      const start = run.start + match.index;
      const end = start + match.text.length;
      if (offset >= start && offset <= end && match.temporal) return fillNow(match, { start, end }, now, run.text, match.temporal === 'time' ? zonedNowIn(model, template, now)({ start, end }) : undefined);
    }
  }
  return [];
}

export type TimestampFormat = 'time' | 'date-time' | 'iso';

/**
 * What "Insert UTC Timestamp" writes at an offset: `HH:MM` in a timeline Time cell
 * (`YYYY-MM-DD HH:MM` when the report's Date is not today, so the row stays in order),
 * an ISO 8601 timestamp anywhere else.
 */
export function timestampAt(model: ReportModel, template: TemplateModel, offset: number, now: Date): { format: TimestampFormat; text: string } {
  const found = reportTimeline(model, template);
  const row = found?.rows.find((r) => offset >= r.span.start && offset <= r.span.end);
  const inTime =
    !!row &&
    (found?.kind === 'table'
      ? cellIndexAt(model.text.slice(row.span.start, row.span.end), offset - row.span.start) === found.columns.index.time
      : !!row.time && offset >= row.time.span.start && offset <= row.time.span.end);
  if (inTime) {
    const date = headerField(model, 'date')?.value;
    return date && date !== utcDate(now) ? { format: 'date-time', text: `${utcDate(now)} ${utcTime(now)}` } : { format: 'time', text: utcTime(now) };
  }
  return { format: 'iso', text: utcTimestamp(now) };
}

/** Which cell (0-based) of a table row's source an offset falls in, by its unescaped pipes. */
export function cellIndexAt(row: string, offset: number): number {
  let index = 0;
  let seenContent = false;
  const leadingPipe = row.trimStart().startsWith('|');
  for (let i = 0; i < Math.min(offset, row.length); i++) {
    const c = row[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '|') {
      if (leadingPipe && !seenContent) {
        seenContent = true;
        continue;
      }
      index++;
    } else if (c !== ' ' && c !== '\t') {
      seenContent = true;
    }
  }
  return index;
}
