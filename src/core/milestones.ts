/**
 * Timeline milestones: which rows say the incident was detected, mitigation started, the
 * service was restored and the incident was resolved. Shared by `timeline-milestones`,
 * `duration`, `sign-off`, the metrics, the chart and the Incidents view, so they all agree on
 * what a row means.
 *
 * A row's Event cell is reduced to its words (`wordsKey`: lower case, accents, emoji and
 * punctuation dropped) and matched against each milestone's phrases, whole words, anywhere in
 * the timeline. The phrases are, in this order:
 * - the built-in list below (MILESTONE_WORDS, documented in docs/rules/timeline-milestones.md);
 * - the team's own, from `.incident-report.json` (`"milestones": { "detected": ["sev declared"] }`);
 * - the template's own example rows: a template timeline row that one of those phrases marks
 *   gives its whole wording ("Incident declared"), which is also what a new row for it says.
 * In a phrase, `#` stands for a number (`sev # ended` matches "SEV-2 ended").
 *
 * A phrase preceded (within two words) by `not`, `never`, `no`, `partially`, `partly` or a
 * `n't` contraction does not count: "Not resolved by restart", "partially restored"; nor does
 * one inside an IGNORED phrase ("api.internal resolved to the old load balancer").
 * One row may mark several milestones ("Rollback done, service restored").
 *
 * When several rows match, detection and mitigation take the first, restored and resolved
 * the last (an incident that flares up again is resolved by its last "resolved" row).
 */
import { MILESTONE_IDS, type MilestoneConfig } from './config';
import type { ReportModel, Section } from './model/types';
import { memoKey, type MemoContext } from './rules/cache';
import { reportDay } from './rules/query';
import { lintTimeline, readTimedRows, timedRows, type TimedRow } from './rules/timeline';
import type { TemplateModel } from './template/templateModel';
import { reportTimeline, type ReportTimeline, type TimelineRow } from './timelineSource';
import { wordsKey } from './text/normalize';
import { parseTimelineTime, type TimelineTime, type TimeReading } from './time';
import { timelineReading } from './timelineZone';
import type { Mode } from './types';

export type MilestoneId = (typeof MILESTONE_IDS)[number];

export interface MilestoneInfo {
  readonly id: MilestoneId;
  /** The event a new row gets when the template has no row of its own for it. */
  readonly name: string;
  /** Which row stands for the milestone when several match. */
  readonly pick: 'first' | 'last';
  /** Another wording, quoted in messages beside the name. */
  readonly example: string;
}

export const MILESTONES: readonly MilestoneInfo[] = [
  { id: 'detected', name: 'Incident detected', pick: 'first', example: 'Alert fired' },
  { id: 'mitigation-started', name: 'Mitigation started', pick: 'first', example: 'Rollback started' },
  { id: 'service-restored', name: 'Service restored', pick: 'last', example: 'Recovered' },
  { id: 'resolved', name: 'Incident resolved', pick: 'last', example: 'All clear' },
];

/** The built-in milestone phrases: the one list of them (config and the template add to it). */
export const MILESTONE_WORDS: Readonly<Record<MilestoneId, readonly string[]>> = {
  detected: [
    'detected', 'detection', 'incident declared', 'declared incident', 'declares incident', 'declared an incident', 'declares an incident', 'declare an incident',
    'alert fired', 'alerts fired', 'alert firing', 'alerts firing', 'alert triggered', 'alerts triggered', 'alerted', 'paged', 'page sent',
    'user report', 'user reports', 'user reported', 'users reported', 'customer report', 'customer reports', 'customer reported', 'customers reported', 'reported', 'noticed',
  ],
  'mitigation-started': ['mitigation', 'mitigating', 'mitigated', 'mitigate', 'rollback', 'roll back', 'rolled back', 'rolling back', 'failover', 'failed over', 'failing over'],
  'service-restored': ['restored', 'recovered', 'recovery confirmed', 'recovery complete', 'recovery completed', 'recovery verified', 'back to normal', 'back online', 'fully operational', 'back to baseline', 'impact ended', 'outage ended'],
  resolved: ['resolved', 'all clear', 'incident closed', 'incident ended', 'sev # ended', 'sev# ended', 'p# ended'],
};

/** Phrases whose milestone word is not a milestone: DNS "resolved to" an address. */
const IGNORED = ['resolved to'];

const NEGATORS = new Set(['not', 'never', 'no', 'partially', 'partly', 't' /* the t of n't */]);

export function milestoneInfo(id: MilestoneId): MilestoneInfo {
  return MILESTONES.find((m) => m.id === id)!;
}

/** The milestones the timeline must show: detected and resolved; in final mode all four. */
export function requiredMilestones(mode: Mode): readonly MilestoneId[] {
  return mode === 'final' ? MILESTONES.map((m) => m.id) : ['detected', 'resolved'];
}

/** A milestone's phrases for one template and config, by where they come from. */
export interface MilestoneWords {
  readonly id: MilestoneId;
  /** The wording a new row gets: the template's own row for it, else the built-in name. */
  readonly name: string;
  readonly builtIn: readonly string[];
  readonly fromConfig: readonly string[];
  /** The template's example rows that mark it, as phrases (`incident detected`). */
  readonly fromTemplate: readonly string[];
}

/** Matching compiled once per word set: one test for "any phrase at all", then each milestone's. */
interface CompiledWords {
  readonly words: readonly MilestoneWords[];
  readonly any: RegExp;
  readonly each: readonly { readonly id: MilestoneId; readonly pattern: RegExp }[];
  readonly ignored: RegExp;
}

/** `sev # ended` -> a pattern over a words key: whole words, `#` any number (wordsKey leaves letters, digits and spaces). */
function phraseSource(phrase: string): string {
  const edge = (part: string, at: RegExp): string => (at.test(part) && wordsKey(part) ? ' ' : '');
  const source = phrase
    .split('#')
    .map((part) => `${edge(part, /^[^\p{L}\p{N}]/u)}${wordsKey(part)}${edge(part, /[^\p{L}\p{N}]$/u)}`)
    .join('\\d+');
  return `(?<![^ ])${source}(?![^ ])`;
}

function compile(words: readonly MilestoneWords[]): CompiledWords {
  const each = words.map((m) => {
    const phrases = [...m.builtIn, ...m.fromConfig, ...m.fromTemplate].filter((p) => wordsKey(p) !== '');
    return { id: m.id, pattern: new RegExp(phrases.map((p) => `(?:${phraseSource(p)})`).join('|') || '(?!)', 'gu') };
  });
  return {
    words,
    each,
    any: new RegExp(each.map((e) => e.pattern.source).join('|'), 'u'),
    ignored: new RegExp(IGNORED.map((p) => `(?:${phraseSource(p)})`).join('|'), 'gu'),
  };
}

const BUILT_IN: readonly MilestoneWords[] = MILESTONES.map((m) => ({ id: m.id, name: m.name, builtIn: MILESTONE_WORDS[m.id], fromConfig: [], fromTemplate: [] }));
const DEFAULT_COMPILED = compile(BUILT_IN);
const COMPILED = new WeakMap<TemplateModel, CompiledWords>();

/**
 * The milestone phrases a template's reports are read with: built in, the config's
 * (`template.milestoneConfig`), and the template's own example rows they mark.
 */
export function milestoneWords(template: TemplateModel): readonly MilestoneWords[] {
  return compiledFor(template).words;
}

function compiledFor(template: TemplateModel | undefined): CompiledWords {
  if (!template) return DEFAULT_COMPILED;
  let compiled = COMPILED.get(template);
  if (!compiled) {
    const config: MilestoneConfig = template.milestoneConfig ?? {};
    const configured = BUILT_IN.map((m) => ({ ...m, fromConfig: config[m.id] ?? [] }));
    const base = compile(configured);
    // The template's own rows: each one a listed phrase marks gives its wording to that milestone.
    const fromTemplate = new Map<MilestoneId, { name: string; phrases: string[] }>();
    // A table's event cells (by role) or a bullet list's events (timelineSource.ts).
    for (const row of reportTimeline(template.report, template)?.rows ?? []) {
      const event = (row.event?.text ?? '').replace(/\[[^\]]*\]|\{[^}]*\}|<[^>]*>/g, ' ').replace(/[*_`]/g, '').trim();
      for (const id of matchWith(base, event)) {
        const entry = fromTemplate.get(id) ?? { name: event, phrases: [] };
        if (!entry.phrases.includes(wordsKey(event))) entry.phrases.push(wordsKey(event));
        fromTemplate.set(id, entry);
      }
    }
    compiled = compile(configured.map((m) => ({ ...m, name: fromTemplate.get(m.id)?.name ?? m.name, fromTemplate: fromTemplate.get(m.id)?.phrases ?? [] })));
    COMPILED.set(template, compiled);
  }
  return compiled;
}

/** The wording a new row for the milestone gets in this template's reports. */
export function milestoneName(template: TemplateModel, id: MilestoneId): string {
  return milestoneWords(template).find((m) => m.id === id)!.name;
}

/** The milestones an Event cell marks, in timeline order of the milestones; with the template's words when given. */
export function matchMilestones(event: string, template?: TemplateModel): MilestoneId[] {
  return matchWith(compiledFor(template), event);
}

function matchWith(compiled: CompiledWords, event: string): MilestoneId[] {
  let words = wordsKey(event);
  // Most rows name no milestone: one test over every phrase settles them.
  if (!words || !compiled.any.test(words)) return [];
  compiled.ignored.lastIndex = 0;
  words = words.replace(compiled.ignored, (m) => m.replace(/[^ ]/g, '_'));
  return compiled.each.filter((m) => matchesUnnegated(words, m.pattern)).map((m) => m.id);
}

/** `pattern` is global; an occurrence counts unless one of the two words before it negates it. */
function matchesUnnegated(words: string, pattern: RegExp): boolean {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(words); match; match = pattern.exec(words)) {
    if (match[0] === '') pattern.lastIndex++;
    // The two words before, found backwards from the match: slicing from the start made a
    // cell of thousands of negated phrases quadratic (130 s for 390 KB).
    let from = match.index;
    for (let n = 0; n < 2 && from > 0; n++) from = words.lastIndexOf(' ', from - 2) + 1;
    const before = words.slice(from, match.index).trim().split(' ');
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
  let reading: TimeReading | undefined;
  for (const [index, row] of source.rows.entries()) {
    const timeText = row.time?.text ?? '';
    const event = row.event?.text ?? '';
    // Rows read again are new objects: the same row is the one at the same place.
    const time = times[index]?.row.span.start === row.span.start ? times[index]!.time : parseTimelineTime(timeText, reportDay(model), (reading ??= timelineReading(model, template, source)));
    entries.push({ index, row, timeText, time, event, milestones: matchMilestones(event, template) });
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
