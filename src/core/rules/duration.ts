import { fix, insertAt, replace } from '../fix/edits';
import { formatDuration, parseDuration } from '../durations';
import { detectionInterval } from '../metrics';
import { timelineMilestones, type TimelineEntry } from '../milestones';
import type { Field } from '../model/types';
import type { Span, TextEdit } from '../types';
import { findPlaceholders } from '../template/placeholders';
import { sectionByKey } from './query';
import type { Rule, RuleContext } from './rule';

/** A field whose right value the timeline gives: Duration, Detection Time. */
export interface ComputedField {
  /** The field's key (`duration`, `detection time`). */
  readonly key: string;
  /** What the rows are, in a message: "from detection to resolution". */
  readonly between: string;
  /** Minutes and the rows they run between, when the timeline gives them. */
  compute(ctx: RuleContext): ComputedInterval | undefined;
  /** Whether Fix All may write the timeline's value over a wrong one. */
  readonly safe: boolean;
  /** Whether a value that is no duration is reported (Duration); Detection Time is often told in words. */
  readonly reportsProse: boolean;
}

export interface ComputedInterval {
  readonly minutes: number;
  readonly from: TimelineEntry;
  readonly to: TimelineEntry;
}

/** Detected-to-resolved minutes, when both rows exist with valid times in that order. */
export const DURATION_FIELD: ComputedField = {
  key: 'duration',
  between: 'from detection to resolution',
  compute(ctx) {
    const timeline = timelineMilestones(ctx);
    const detected = timeline?.found.get('detected');
    const resolved = timeline?.found.get('resolved');
    if (!detected || !resolved || detected.time.kind !== 'ok' || resolved.time.kind !== 'ok') return undefined;
    const minutes = resolved.time.minutes - detected.time.minutes;
    // Resolved before detected is a timeline problem, not a duration one.
    return minutes >= 0 ? { minutes, from: detected, to: resolved } : undefined;
  },
  safe: true,
  reportsProse: true,
};

/**
 * Impact start (the timeline's first row, before detection) to the detected row: time to
 * detect, as the metrics CodeLens shows it. Not safe: the first row is the impact's start
 * only by convention, so a differing value is offered, never applied by Fix All.
 */
export const DETECTION_TIME_FIELD: ComputedField = {
  key: 'detection time',
  between: 'from the first row to detection',
  compute(ctx) {
    const timeline = timelineMilestones(ctx);
    return timeline ? detectionInterval(timeline) : undefined;
  },
  safe: false,
  // "At the first report", "caught by the canary": a fair answer, not a wrong number.
  reportsProse: false,
};

/** The fields the timeline can fill, by key: empty-field offers their value. */
export const COMPUTED_FIELDS: readonly ComputedField[] = [DURATION_FIELD, DETECTION_TIME_FIELD];

/**
 * The Summary's `**Duration:**` equals the time from the timeline's "detected" row to its
 * "resolved" row (not first to last row: a deploy before detection or follow-ups after
 * resolution are not part of the incident's duration). ±1 minute is tolerated.
 *
 * What is not ours: an empty Duration or one holding only the template comment
 * (`empty-field`), a placeholder in it (`placeholder`), a timeline without those rows
 * (`timeline-milestones`) or with bad times (`timeline-time`).
 *
 * An unreadable value ("TBD", "ongoing") is reported once it can be checked, that is when
 * the timeline gives a duration, and always in final mode; while the incident is open
 * and unresolved, "ongoing" is a fair thing to write.
 */
export const durationRule: Rule = {
  id: 'duration',
  description: 'The Summary Duration equals the time from the detected row to the resolved row of the timeline.',
  defaultSeverity: { draft: 'warning', final: 'error' },
  check: (ctx) => checkComputedField(ctx, DURATION_FIELD),
};

/**
 * A computed field's value against the timeline's: a value that is no duration is reported
 * once it can be checked (always in final mode); one more than a minute off is reported with
 * the timeline's value, written the way the writer wrote theirs.
 */
export function checkComputedField(ctx: RuleContext, spec: ComputedField): void {
  const field = computedFieldOf(ctx, spec.key);
  if (!field) return;
  const value = valueLine(ctx, field);
  if (!value || findPlaceholders(value.text, ctx.template.placeholders).length > 0) return;
  const timeline = spec.compute(ctx);
  const lineSpan = { start: value.start, end: value.start + value.text.length };
  const stated = parseDuration(value.text);

  if (!stated) {
    if (!spec.reportsProse || (!timeline && ctx.mode !== 'final')) return;
    const expected = timeline ? ` (the timeline gives ${formatDuration(timeline.minutes)} ${spec.between})` : '';
    ctx.report({
      span: lineSpan,
      message: `${field.label} "${value.text}" is not a duration; expected a length such as 2h 35m, 155 minutes or 1d 3h${expected}.`,
      // Offered, never applied by fix-all: the writer wrote something else there.
      fixes: timeline ? [fix(`Write the timeline's ${field.label.toLowerCase()}: ${formatDuration(timeline.minutes)}`, writeBefore(value.text, lineSpan, formatDuration(timeline.minutes)))] : [],
    });
    return;
  }
  if (!timeline || Math.abs(stated.minutes - timeline.minutes) <= 1) return;
  const expected = formatDuration(timeline.minutes);
  const statedText = value.text.slice(stated.start, stated.end);
  // The target is the expression itself: a leading `about`/`roughly` is the writer's and stays.
  const expression = stated.start + Math.max(0, statedText.search(/\d|P(?=T?\d)/i));
  const written = writtenLike(timeline.minutes, value.text.slice(expression, stated.end));
  ctx.report({
    span: lineSpan,
    message:
      `${field.label} is ${statedText} (${minutesText(stated.minutes)}) but the timeline runs ${expected} (${minutesText(timeline.minutes)}) ` +
      `from "${timeline.from.event}" at ${timeline.from.timeText} to "${timeline.to.event}" at ${timeline.to.timeText}; expected ${expected}.`,
    fixes: [fix(`Write the timeline's ${field.label.toLowerCase()}: ${written}`, [replace({ start: value.start + expression, end: value.start + stated.end }, written)], { isPreferred: true, safe: spec.safe })],
  });
}

/** The timeline's value for an empty computed field, as empty-field offers it. */
export function computedFillFor(ctx: RuleContext, field: Field): { readonly title: string; readonly text: string } | undefined {
  const spec = COMPUTED_FIELDS.find((f) => f.key === field.key);
  if (!spec || computedFieldOf(ctx, spec.key) !== field) return undefined;
  const interval = spec.compute(ctx);
  if (!interval) return undefined;
  const text = formatDuration(interval.minutes);
  return { title: `Write the timeline's ${field.label.toLowerCase()}: ${text}`, text };
}

/**
 * Edits that put `duration` where `text` (not a duration) stands: a one-word stand-in
 * (`TBD`, `ongoing`, `155`) is replaced; prose is kept, the duration written before it.
 */
function writeBefore(text: string, span: Span, duration: string): TextEdit[] {
  if (!/\s/.test(text)) return [replace(span, duration)];
  if (/^\(.*\)$/.test(text)) return [insertAt(span.start, `${duration} `)];
  return [insertAt(span.start, `${duration} (`), insertAt(span.end, ')')];
}

/**
 * `minutes` in the style of the duration the writer wrote: `155 minutes` for `45 minutes`,
 * `2 hours 35 minutes` for `3 hours`, `PT2H35M` for `PT3H`, else `2h 35m`.
 */
function writtenLike(minutes: number, written: string): string {
  const total = Math.max(0, Math.round(minutes));
  if (/^P/i.test(written)) {
    const [days, hours, mins] = [Math.floor(total / 1440), Math.floor((total % 1440) / 60), total % 60];
    const time = `${hours ? `${hours}H` : ''}${mins || (!days && !hours) ? `${mins}M` : ''}`;
    return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
  }
  const parts = [...written.matchAll(/(\d+(?:\.\d+)?)(\s*)(\p{L}+)/gu)];
  const only = parts.length === 1 ? parts[0]! : undefined;
  if (only && /^(?:minutes?|mins?)$/i.test(only[3]!)) {
    const unit = /^minutes?$/i.test(only[3]!) ? only[3]!.replace(/s$/i, '') + (total === 1 ? '' : 's') : only[3]!;
    return `${total}${only[2]}${unit}`;
  }
  if (parts.some((p) => /^(?:weeks?|days?|hours?|minutes?)$/i.test(p[3]!))) {
    const [days, hours, mins] = [Math.floor(total / 1440), Math.floor((total % 1440) / 60), total % 60];
    const word = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
    const words = [days ? word(days, 'day') : '', hours ? word(hours, 'hour') : '', mins ? word(mins, 'minute') : ''].filter(Boolean);
    return words.length > 0 ? words.join(' ') : '0 minutes';
  }
  return formatDuration(total);
}

/** The field of the template's section that holds it (Summary for Duration), else the first one anywhere. */
function computedFieldOf(ctx: RuleContext, key: string): Field | undefined {
  const home = ctx.template.sections.find((s) => s.fields.some((f) => f.key === key));
  const section = home ? sectionByKey(ctx.model, home.key) : undefined;
  const inHome = section?.content.fields.find((f) => f.key === key);
  if (inHome) return inHome;
  for (const s of ctx.model.sections) {
    const found = s.content.fields.find((f) => f.key === key);
    if (found) return found;
  }
  return undefined;
}

/**
 * The first line of the value: on the label's line, on the lines below it, or below the
 * template comment when the writer kept it (`<!-- Total incident duration -->` then `2h 35m`).
 */
function valueLine(ctx: RuleContext, field: Field): { text: string; start: number } | undefined {
  let raw: string;
  let start: number;
  if (field.value) {
    raw = field.value;
    start = field.valueSpan.start;
  } else {
    const block = field.blocks.find((b) => !b.isComment);
    if (!block || block.kind !== 'paragraph') return undefined;
    raw = ctx.model.text.slice(block.span.start, block.span.end);
    start = block.span.start;
  }
  const first = raw.split(/\r\n|\r|\n/)[0]!;
  const lead = first.length - first.trimStart().length;
  const text = first.trim().replace(/\s*\\$/, '');
  return text ? { text, start: start + lead } : undefined;
}

function minutesText(minutes: number): string {
  const rounded = Math.round(minutes * 10) / 10;
  return `${rounded} minute${rounded === 1 ? '' : 's'}`;
}
