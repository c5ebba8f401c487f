/**
 * How a report's timeline reads its times, beyond each cell (src/core/time.ts reads the cell):
 * the zone the timeline declares, and what the template's own example rows allow.
 *
 * A declared zone is, in this order: a zone in parentheses in the report's Time column header
 * (`Time (PDT)`), a sentence of the timeline section saying "All times PDT" / "All times are
 * in CET" / "All times shown in Europe/Paris", or the timeline section's heading
 * (`## Timeline (CET)`). A time without a zone of its own is in that zone; a declared UTC changes nothing.
 */
import type { ReportModel } from './model/types';
import type { TemplateModel } from './template/templateModel';
import { zoneByName, type TimeReading, type Zone } from './time';
import { reportTimeline, type ReportTimeline } from './timelineSource';
import type { Span } from './types';

export interface ZoneDeclaration {
  readonly zone: Zone;
  /** Where the timeline says it, as written: `Time (PDT)`, `All times are in CET.` */
  readonly source: string;
  /** The whole declaration (header cell, heading, sentence), where its diagnostic goes. */
  readonly span: Span;
  /** The zone's own text inside it, which a conversion rewrites to `UTC`. */
  readonly zoneSpan: Span;
}

/** `(PDT)`, `(UTC-7)`, `(Europe/Paris)` inside a header or heading. */
const IN_PARENTHESES = /\(\s*([^()\s]+)\s*\)/;
/** "All times PDT", "All times are in CET", "all times shown in UTC+2". */
const ALL_TIMES = /\ball times(?: are)?(?: (?:in|shown in|given in|listed in|are in))?:? ([A-Za-z][A-Za-z0-9_/]*(?:[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2})/i;

/** The zone the report's timeline declares, if any. */
/** A short paragraph that says which zone the timeline's times are in ("All times UTC."): a statement a report keeps, not guidance. */
export function isZoneDeclaration(text: string): boolean {
  return text.length <= 80 && ALL_TIMES.test(text);
}

/** `found`: the report's timeline, when the caller has already read it (timelineSource.ts). */
export function declaredZone(model: ReportModel, template: TemplateModel, found: ReportTimeline | undefined = reportTimeline(model, template)): ZoneDeclaration | undefined {
  if (!found) return undefined;
  const text = model.text;
  const inside = (span: Span, pattern: RegExp): ZoneDeclaration | undefined => {
    const written = text.slice(span.start, span.end);
    const match = pattern.exec(written);
    const zone = match ? zoneByName(match[1]!) : undefined;
    if (!match || !zone) return undefined;
    const start = span.start + match.index + match[0].lastIndexOf(match[1]!);
    return { zone, source: written.trim(), span, zoneSpan: { start, end: start + match[1]!.length } };
  };
  // The team's time column, by role (template/columnRoles.ts): `When (PDT)` as well as `Time (PDT)`.
  const header = found.kind === 'table' && found.columns.index.time !== undefined ? found.table.header.cells[found.columns.index.time] : undefined;
  const fromHeader = header ? inside(header.span, IN_PARENTHESES) : undefined;
  if (fromHeader) return fromHeader;
  // The report's own sentence before the heading, which often comes from the template ("Timeline (UTC)").
  for (const block of found.section.content.blocks) {
    if (block.kind !== 'paragraph' && block.kind !== 'blockquote') continue;
    const sentence = inside(block.span, ALL_TIMES);
    if (sentence) return sentence;
  }
  return inside(found.section.headingSpan, IN_PARENTHESES);
}

/**
 * How the report's timeline cells are read: the declared zone, and what the template's own
 * example times show (date-only rows, a `UTC` marker), so a report written like its template is clean.
 */
export function timelineReading(model: ReportModel, template: TemplateModel, found: ReportTimeline | undefined = reportTimeline(model, template)): TimeReading {
  const zone = declaredZone(model, template, found)?.zone;
  return { ...templateTimeForm(template), ...(zone ? { zone } : {}) };
}

const TEMPLATE_FORMS = new WeakMap<TemplateModel, TimeReading>();

/** What the template's example time cells allow: `YYYY-MM-DD` or a date alone, and `… UTC`. */
function templateTimeForm(template: TemplateModel): TimeReading {
  let form = TEMPLATE_FORMS.get(template);
  if (!form) {
    // The template's own rows, a table's time cells or a bullet list's times.
    const cells = (reportTimeline(template.report, template)?.rows ?? []).map((row) => row.time?.text.trim() ?? '').filter(Boolean);
    const dateOnly = cells.some((cell) => /^[[(]?(?:YYYY[-/]MM[-/]DD|\d{4}[-/]\d{1,2}[-/]\d{1,2})[\])]?$/i.test(cell));
    const utcMarked = cells.some((cell) => /\b(?:UTC|GMT)\b/.test(cell));
    form = { ...(dateOnly ? { dateOnly } : {}), ...(utcMarked ? { utcMarked } : {}) };
    TEMPLATE_FORMS.set(template, form);
  }
  return form;
}
