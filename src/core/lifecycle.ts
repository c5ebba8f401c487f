/**
 * Set Status: the edits that move an incident along Investigating → Mitigated → Resolved →
 * Closed. Front matter Status and LastUpdated; the milestone row the step means (Mitigated:
 * service restored; Resolved: incident resolved), stamped at the time given (now, or earlier
 * for a backfill) unless the timeline has one; on Resolved, an empty Duration (from the
 * timeline), sign-off Date and Closed By. What is already written is never overwritten.
 */
import { formatDuration } from './durations';
import { milestoneName, readTimelineMilestones, type MilestoneId } from './milestones';
import type { Field, ReportModel } from './model/types';
import { CLOSED_BY_FIELD, findSignOffSection, SIGN_OFF_DATE_FIELD } from './rules/signOff';
import type { ReportStatus } from './status';
import { findPlaceholders } from './template/placeholders';
import type { TemplateModel } from './template/templateModel';
import { detectEol } from './text/lineIndex';
import { utcDate } from './time';
import { insertTimelineRow } from './timelineEdit';
import type { TextEdit } from './types';

export type { ReportStatus };

/** The milestone row each status means, when it has one. */
const STATUS_MILESTONE: Partial<Record<ReportStatus, MilestoneId>> = { Mitigated: 'service-restored', Resolved: 'resolved' };

export interface SetStatusRequest {
  readonly status: ReportStatus;
  readonly now: Date;
  /** When the milestone happened (backfilling); now when absent. */
  readonly at?: Date;
  /** Who closes it, for the sign-off's Closed By. */
  readonly closer?: string;
  /** The actor of an appended milestone row. */
  readonly actor?: string;
}

export interface SetStatusResult {
  readonly edits: TextEdit[];
  /** What was written, for the user ("Status Resolved", "row 16:37 Incident resolved", ...). */
  readonly changes: string[];
}

export function setStatusEdits(model: ReportModel, template: TemplateModel, request: SetStatusRequest): SetStatusResult {
  const edits: TextEdit[] = [];
  const changes: string[] = [];
  const eol = detectEol(model.text);
  const today = utcDate(request.now);

  // Front matter: the two keys replaced, or added before the closing fence.
  const frontMatter = model.frontMatter;
  const setKey = (key: string, value: string): void => {
    const entry = frontMatter?.entries.find((e) => e.key === key);
    if (entry) {
      if (String(entry.value ?? '') !== value) edits.push({ span: entry.valueSpan.end > entry.valueSpan.start ? entry.valueSpan : { start: entry.span.end, end: entry.span.end }, newText: entry.valueSpan.end > entry.valueSpan.start ? value : ` ${value}` });
    } else if (frontMatter) edits.push({ span: { start: frontMatter.rawSpan.end, end: frontMatter.rawSpan.end }, newText: `${frontMatter.raw.endsWith('\n') || frontMatter.raw === '' ? '' : eol}${key}: ${value}${eol}` });
  };
  if (frontMatter) {
    setKey('Status', request.status);
    setKey('LastUpdated', today);
    changes.push(`Status ${request.status}`, `LastUpdated ${today}`);
  }

  // The milestone row, unless the timeline already has one.
  const milestone = STATUS_MILESTONE[request.status];
  const timeline = readTimelineMilestones(model, template);
  const at = request.at ?? request.now;
  let resolvedMinutes: number | undefined;
  if (milestone && timeline && !timeline.found.has(milestone)) {
    const name = milestoneName(template, milestone);
    const inserted = insertTimelineRow(model, template, at, { event: name, actor: request.actor ?? '' });
    if (inserted) {
      edits.push(inserted.edit);
      changes.push(`row ${inserted.time} ${name}`);
      if (milestone === 'resolved' && Number.isFinite(inserted.minutes)) resolvedMinutes = inserted.minutes;
    }
  } else if (milestone === 'resolved' && timeline) {
    const row = timeline.found.get('resolved');
    if (row && (row.time.kind === 'ok' || row.time.kind === 'offset')) resolvedMinutes = row.time.minutes;
  }

  if (request.status === 'Resolved') {
    // A field is filled in when it is empty or holds nothing but the template's placeholders.
    const fill = (field: Field | undefined, value: string | undefined, what: string): void => {
      if (!field || !value || field.valueBelowLabel) return;
      const written = field.value.trim();
      if (written === '') edits.push({ span: { start: field.labelSpan.end, end: field.labelSpan.end }, newText: ` ${value}` });
      else if (onlyPlaceholders(written, template)) edits.push({ span: field.valueSpan, newText: value });
      else return;
      changes.push(`${what} ${value}`);
    };
    const detected = timeline?.found.get('detected');
    const detectedMinutes = detected && (detected.time.kind === 'ok' || detected.time.kind === 'offset') ? detected.time.minutes : undefined;
    const duration = model.sections.flatMap((s) => s.content.fields).find((f) => f.key === 'duration');
    if (detectedMinutes !== undefined && resolvedMinutes !== undefined && resolvedMinutes >= detectedMinutes) fill(duration, formatDuration(resolvedMinutes - detectedMinutes), 'Duration');
    const signOff = findSignOffSection(model, template);
    fill(signOff?.content.fields.find((f) => SIGN_OFF_DATE_FIELD(f.key)), today, 'sign-off Date');
    fill(signOff?.content.fields.find((f) => CLOSED_BY_FIELD(f.key)), request.closer?.trim() || undefined, 'Closed By');
  }
  // Edits at one offset keep their order; the caller applies them together.
  edits.sort((a, b) => a.span.start - b.span.start);
  return { edits, changes };
}

function onlyPlaceholders(value: string, template: TemplateModel): boolean {
  let rest = value;
  for (const match of findPlaceholders(value, template.placeholders).reverse()) rest = rest.slice(0, match.index) + rest.slice(match.index + match.text.length);
  return rest.trim() === '';
}

/** On save of a changed report: LastUpdated set to today, when the front matter has the key and another date. */
export function lastUpdatedEdit(model: ReportModel, now: Date): TextEdit | undefined {
  const entry = model.frontMatter?.entries.find((e) => e.key === 'LastUpdated');
  const today = utcDate(now);
  if (!entry || entry.valueSpan.end <= entry.valueSpan.start || String(entry.value ?? '') === today) return undefined;
  // A date YAML read as a Date, or text: either way the written value is replaced, never the key.
  if (model.text.slice(entry.valueSpan.start, entry.valueSpan.end).trim() === today) return undefined;
  return { span: entry.valueSpan, newText: today };
}
