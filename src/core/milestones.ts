/**
 * Timeline milestones: which rows say the incident was detected, mitigation started, the
 * service was restored and the incident was resolved. Shared by `timeline-milestones`,
 * `duration`, `sign-off` and the Incidents view, so they all agree on what a row means.
 *
 * A row's Event cell is reduced to its words (`wordsKey`: lower case, accents, emoji and
 * punctuation dropped) and matched against these word lists (whole words):
 *
 * | milestone          | any row                                                        | first row only |
 * |--------------------|----------------------------------------------------------------|----------------|
 * | detected           | detected, detection, incident declared                         | alert fired / firing / triggered, alerted, paged, page sent, user/customer report(s/ed), noticed |
 * | mitigation started | mitigation, mitigating, mitigated, mitigate, rollback, rolled/rolling back, failover, failed over | — |
 * | service restored   | restored, recovered, recovery confirmed/complete(d)/verified, back to normal, back online, fully operational | — |
 * | resolved           | resolved (not "resolved to", as in DNS), all clear, incident closed | — |
 *
 * An alert or a page says "detected" only when it opens the timeline: later in the
 * timeline "Alert fired on the replica" is a fact about the incident, not its detection.
 * A word preceded (within two words) by `not`, `never`, `no`, `partially`, `partly` or a
 * `n't` contraction does not count: "Not resolved by restart", "partially restored".
 * One row may mark several milestones ("Rollback done, service restored").
 *
 * When several rows match, detection and mitigation take the first, restored and resolved
 * the last (an incident that flares up again is resolved by its last "resolved" row).
 */
import type { ReportModel, Section } from './model/types';
import { memoKey, type MemoContext } from './rules/cache';
import { reportDay } from './rules/query';
import { lintTimeline, readTimedRows, timedRows, type TimedRow } from './rules/timeline';
import type { TemplateModel } from './template/templateModel';
import { reportTimeline, type ReportTimeline, type TimelineRow } from './timelineSource';
import { wordsKey } from './text/normalize';
import { parseTimelineTime, type TimelineTime } from './time';
import type { Mode } from './types';

export type MilestoneId = 'detected' | 'mitigation-started' | 'service-restored' | 'resolved';

export interface MilestoneInfo {
  readonly id: MilestoneId;
  /** The event a new row gets: the template's own wording. */
  readonly name: string;
  /** Patterns over the event's words that mark the milestone on any row. */
  readonly anywhere: readonly RegExp[];
  /** Patterns that count only on the timeline's first row. */
  readonly firstRowOnly: readonly RegExp[];
  /** Which row stands for the milestone when several match. */
  readonly pick: 'first' | 'last';
  /** Wordings quoted in messages. */
  readonly examples: readonly string[];
}

export const MILESTONES: readonly MilestoneInfo[] = [
  {
    id: 'detected',
    name: 'Incident detected',
    anywhere: [/\bdetected\b/, /\bdetection\b/, /\bincident declared\b/],
    firstRowOnly: [/\balerts? (?:fired|firing|triggered)\b/, /\balerted\b/, /\bpaged\b/, /\bpage sent\b/, /\b(?:user|customer)s? report(?:s|ed)?\b/, /\breported\b/, /\bnoticed\b/],
    pick: 'first',
    examples: ['Incident detected', 'Alert fired (first row)'],
  },
  {
    id: 'mitigation-started',
    name: 'Mitigation started',
    anywhere: [/\bmitigat(?:ion|ing|ed|e)\b/, /\brollback\b/, /\broll(?:ed|ing)? back\b/, /\bfailover\b/, /\bfail(?:ed|ing) over\b/],
    firstRowOnly: [],
    pick: 'first',
    examples: ['Mitigation started', 'Rollback started'],
  },
  {
    id: 'service-restored',
    name: 'Service restored',
    anywhere: [/\brestored\b/, /\brecovered\b/, /\brecovery (?:confirmed|complete|completed|verified)\b/, /\bback to normal\b/, /\bback online\b/, /\bfully operational\b/],
    firstRowOnly: [],
    pick: 'last',
    examples: ['Service restored', 'Recovered'],
  },
  {
    id: 'resolved',
    name: 'Incident resolved',
    anywhere: [/\bresolved\b(?! to\b)/, /\ball clear\b/, /\bincident closed\b/],
    firstRowOnly: [],
    pick: 'last',
    examples: ['Incident resolved', 'All clear'],
  },
];

const NEGATORS = new Set(['not', 'never', 'no', 'partially', 'partly', 't' /* the t of n't */]);

export function milestoneInfo(id: MilestoneId): MilestoneInfo {
  return MILESTONES.find((m) => m.id === id)!;
}

/** The milestones the timeline must show: detected and resolved; in final mode all four. */
export function requiredMilestones(mode: Mode): readonly MilestoneId[] {
  return mode === 'final' ? MILESTONES.map((m) => m.id) : ['detected', 'resolved'];
}

/** The patterns compiled once: global copies (for every occurrence) and one test for "any pattern at all". */
const COMPILED = MILESTONES.map((m) => ({
  id: m.id,
  anywhere: m.anywhere.map((p) => new RegExp(p.source, 'g')),
  firstRowOnly: m.firstRowOnly.map((p) => new RegExp(p.source, 'g')),
}));
const ANY_ANYWHERE = new RegExp(MILESTONES.flatMap((m) => m.anywhere.map((p) => `(?:${p.source})`)).join('|'));
const ANY_FIRST_ROW = new RegExp(MILESTONES.flatMap((m) => [...m.anywhere, ...m.firstRowOnly].map((p) => `(?:${p.source})`)).join('|'));

/** The milestones an Event cell marks, in timeline order of the milestones. */
export function matchMilestones(event: string, firstRow: boolean): MilestoneId[] {
  const words = wordsKey(event);
  // Most rows name no milestone: one test over every pattern settles them.
  if (!words || !(firstRow ? ANY_FIRST_ROW : ANY_ANYWHERE).test(words)) return [];
  const ids: MilestoneId[] = [];
  for (const m of COMPILED) {
    if (m.anywhere.some((p) => matchesUnnegated(words, p)) || (firstRow && m.firstRowOnly.some((p) => matchesUnnegated(words, p)))) ids.push(m.id);
  }
  return ids;
}

/** `pattern` is global; an occurrence counts unless one of the two words before it negates it. */
function matchesUnnegated(words: string, pattern: RegExp): boolean {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(words); match; match = pattern.exec(words)) {
    if (match[0] === '') pattern.lastIndex++;
    const before = words.slice(0, match.index).trim().split(' ').slice(-2);
    if (!before.some((w) => NEGATORS.has(w))) return true;
  }
  return false;
}

export interface TimelineEntry {
  /** Index among the timeline's rows (table body rows or bullets). */
  readonly index: number;
  readonly row: TimelineRow;
  readonly timeText: string;
  readonly time: TimelineTime;
  readonly event: string;
  readonly milestones: readonly MilestoneId[];
}

export interface TimelineMilestones {
  readonly section: Section;
  /** The timeline as the report writes it: a table, a bullet list, or neither. */
  readonly timeline: ReportTimeline;
  readonly entries: readonly TimelineEntry[];
  /** The row that stands for each milestone found. */
  readonly found: ReadonlyMap<MilestoneId, TimelineEntry>;
}

/**
 * The report's timeline rows with their times and milestones; undefined without a Timeline
 * section. `timed` saves parsing the times again when the caller has them.
 */
export function readTimelineMilestones(model: ReportModel, template: TemplateModel, timed?: readonly TimedRow[], source: ReportTimeline | undefined = reportTimeline(model, template)): TimelineMilestones | undefined {
  if (!source) return undefined;
  const times = timed ?? readTimedRows(model, template, reportDay(model), source);
  const entries: TimelineEntry[] = [];
  for (const [index, row] of source.rows.entries()) {
    const timeText = row.time?.text ?? '';
    const event = row.event?.text ?? '';
    // Rows read again are new objects: the same row is the one at the same place.
    const time = times[index]?.row.span.start === row.span.start ? times[index]!.time : parseTimelineTime(timeText, reportDay(model));
    entries.push({ index, row, timeText, time, event, milestones: matchMilestones(event, index === 0) });
  }
  const byMilestone = new Map<MilestoneId, TimelineEntry>();
  for (const info of MILESTONES) {
    const matching = entries.filter((e) => e.milestones.includes(info.id));
    const chosen = info.pick === 'first' ? matching[0] : matching[matching.length - 1];
    if (chosen) byMilestone.set(info.id, chosen);
  }
  return { section: source.section, timeline: source, entries, found: byMilestone };
}

/** readTimelineMilestones against a Date the caller read (a model without its header): the timeline located once. */
export function readTimelineMilestonesOn(model: ReportModel, template: TemplateModel, day: number | undefined): TimelineMilestones | undefined {
  const source = reportTimeline(model, template);
  return readTimelineMilestones(model, template, readTimedRows(model, template, day, source), source);
}

const TIMELINE_MILESTONES = memoKey<TimelineMilestones | undefined>('timeline milestones');

/** readTimelineMilestones, once per lint, from the timed rows the timeline rules read: timeline-milestones and sign-off share it. */
export function timelineMilestones(ctx: MemoContext): TimelineMilestones | undefined {
  return ctx.memo.get(TIMELINE_MILESTONES, () => readTimelineMilestones(ctx.model, ctx.template, timedRows(ctx), lintTimeline(ctx)));
}
