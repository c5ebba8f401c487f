import { replace, fix } from '../fix/edits';
import type { Section, SectionContent } from '../model/types';
import { findPlaceholders, placeholderInCode, type PlaceholderMatch } from '../template/placeholders';
import { utcDate, utcTime, utcTimestamp } from '../time';
import { zonedNowIn, type ZonedNow } from '../timelineEdit';
import type { Fix, Span } from '../types';
import { insideAnyOf } from '../text/spans';
import { allTextRuns } from './query';
import { emptyPlaces, placeGuidance, type GuidanceElement } from './guidance';
import { lintTimeline } from './timeline';
import type { Rule, RuleContext } from './rule';

export const placeholderRule: Rule = {
  id: 'placeholder',
  description: "No template placeholder or guidance is left ([YYYY-MM-DD], HH:MM, [Name], {SERVICE}, <name>, TBD, ____, the template's help text and example rows).",
  defaultSeverity: { draft: 'info', final: 'error' },
  check(ctx) {
    const zonedNow = zonedNowIn(ctx.model, ctx.template, ctx.now, lintTimeline(ctx));
    for (const run of allTextRuns(ctx.model)) {
      // An option not chosen (`- [ ] Other: ____`) needs no value.
      if (run.inUncheckedItem) continue;
      // `[text](url)` is a link, whatever its text says.
      if (run.inLink) continue;
      for (const match of findPlaceholders(run.text, ctx.template.placeholders)) {
        // Raw HTML is searched for the template's `<name or role>` only; code is not prose (`a ?? b`).
        if (run.kind === 'html' ? !match.text.startsWith('<') : run.kind !== 'text' && !placeholderInCode(match)) continue;
        const span = { start: run.start + match.index, end: run.start + match.index + match.text.length };
        // A time in a timeline that declares its zone (`Time (PDT)`) is that zone's, as the timeline's rows are.
        const zoned = match.temporal === 'time' ? zonedNow(span) : undefined;
        ctx.report({ span, message: `Placeholder "${match.text}" is left from the template; replace it with ${zoned ? `a time (HH:MM, ${zoned.zone})` : describe(match)}.`, fixes: fillNow(match, span, ctx.now, run.text, zoned), unfilled: true });
      }
    }
    reportGuidance(ctx);
  },
};

const GUIDANCE_MESSAGES: Record<GuidanceElement['kind'], (place: string) => string> = {
  text: (place) => `Still the template's guidance for ${place}; replace it with the report's own words.`,
  row: (place) => `This row is still the template's example for ${place}; replace it with a real row.`,
  item: (place) => `This item is still the template's example for ${place}; replace it with the report's own.`,
};

/**
 * The template's own text left where the template puts it: a help paragraph or quote, an
 * example row or item. A place holding nothing else is reported once, as empty (empty-field).
 */
function reportGuidance(ctx: RuleContext): void {
  const inEmptyPlace = insideAnyOf(emptyPlaces(ctx).flatMap((place) => place.blocks.map((b) => b.span)));
  const places = [{ section: undefined, content: ctx.model.preamble.content }, ...ctx.model.sections.map((section) => ({ section, content: section.content }))];
  for (const { section, content } of places) {
    for (const element of placeGuidance(ctx, section?.key, content).elements) {
      if (inEmptyPlace(element.span)) continue;
      ctx.report({ span: element.span, message: GUIDANCE_MESSAGES[element.kind](placeName(section, content, element.span)), unfilled: true });
    }
  }
}

/** Where guidance stands, as the writer finds it: its field, else its `###`, else its section. */
function placeName(section: Section | undefined, content: SectionContent, span: Span): string {
  const field = content.fields.find((f) => f.blocks.some((b) => span.start >= b.span.start && span.end <= b.span.end));
  if (field) return `"${field.label}"`;
  const sub = [...content.subsections].reverse().find((s) => span.start >= s.span.start && span.end <= s.span.end);
  if (sub) return `"${'#'.repeat(sub.depth)} ${sub.title}"`;
  return section ? `"## ${section.title}"` : 'the header';
}

function describe(match: PlaceholderMatch): string {
  switch (match.temporal) {
    case 'date':
      return /yyyymmdd/i.test(match.text) ? 'a date (YYYYMMDD, UTC)' : 'a date (YYYY-MM-DD, UTC)';
    case 'time':
      return 'a UTC time (HH:MM)';
    case 'timestamp':
      return 'a UTC timestamp';
    default:
      return 'the real value';
  }
}

/**
 * Date and time placeholders can be filled with "now" (UTC). `text` is the searched text
 * `match.index` points into: a timestamp inside a file name is written compact, in prose
 * as ISO 8601; without it, compact. `zoned`: a time cell of a timeline that declares its
 * zone, filled with "now" as that timeline writes it (zonedNowIn).
 */
export function fillNow(match: PlaceholderMatch, span: Span, now: Date, text?: string, zoned?: ZonedNow): Fix[] {
  if (zoned && match.temporal === 'time') return [fix(`Fill with now (${zoned.zone}): ${zoned.text}`, [replace(span, zoned.text)], { isPreferred: true })];
  // The characters on either side, not a pattern over the text before: `/…$/` on a slice
  // scans it from its start, once per placeholder (quadratic in a run of thousands).
  const inProse = text !== undefined && !/[\w./-]/.test(text.charAt(match.index - 1)) && !/[\w.]/.test(text.charAt(match.index + match.text.length));
  const value = temporalValue(match, now, inProse);
  return value === undefined ? [] : [fix(`Fill with now (UTC): ${value}`, [replace(span, value)], { isPreferred: true })];
}

function temporalValue(match: PlaceholderMatch, now: Date, inProse: boolean): string | undefined {
  switch (match.temporal) {
    case 'date':
      return /yyyymmdd/i.test(match.text) ? utcDate(now).replace(/-/g, '') : utcDate(now);
    case 'time':
      return utcTime(now);
    case 'timestamp':
      // Timestamps in file names (`evidence/rollback_[timestamp].txt`) are compact.
      return inProse ? utcTimestamp(now) : utcTimestamp(now).replace(/[-:]/g, '');
    default:
      return undefined;
  }
}
