/**
 * Insights across reports: what one report contributes (its facts), the statistics of many
 * (`incident-report stats`) and their action items (`incident-report actions`). Plain data
 * in and out, so the CLI and, later, the editor's views compute the same numbers.
 *
 * - Durations are metrics.ts's (time to detect, acknowledge, mitigate, restore, resolve),
 *   in minutes; "done" and "overdue" are the action-item rule's (readActionItems in rules/actionItem.ts).
 * - Median and p90 use the nearest-rank method: the p-th percentile of n sorted values is
 *   the value at rank ⌈p/100 × n⌉ (1-based), so it is always a duration some report had;
 *   the median is the 50th percentile (for an even count, the lower of the two middle values).
 * - A report's service is its front matter `Service` (a name, or a list of names: the report
 *   then counts in each of their groups); a report without one is in the group `unknown`.
 * - A report with a missing milestone row (detected, mitigation started, service restored,
 *   resolved) still counts in its group; it is also listed under `incomplete`, and the
 *   durations it cannot give are left out of their medians (each metric says how many
 *   reports it is over).
 */
import { timelineMetrics, type MetricId } from './metrics';
import { MILESTONES, readTimelineMilestonesOn, type MilestoneId } from './milestones';
import { isOverdueOn } from './rules/actionItem';
import { detailsModel, detailsOf, readHeader, type ActionItemSummary } from './summary';
import { parseDate } from './time';
import type { TemplateModel } from './template/templateModel';
import { LineIndex } from './text/lineIndex';
import { wordsKey } from './text/normalize';

export const METRIC_IDS: readonly MetricId[] = ['detect', 'acknowledge', 'mitigate', 'restore', 'resolve'];
export const STATS_DIMENSIONS = ['severity', 'month', 'service'] as const;
export type StatsDimension = (typeof STATS_DIMENSIONS)[number];
/** The group of a report that does not say (no severity, no date, no service). */
export const UNKNOWN_GROUP = 'unknown';

/** What one report contributes to the insights. */
export interface IncidentFacts {
  readonly id: string | undefined;
  readonly title: string | undefined;
  readonly status: string | undefined;
  readonly open: boolean;
  /** The severity level's word (`Critical`), when the report keeps one known level. */
  readonly severity: string | undefined;
  /** The report's Date, when it is a real `YYYY-MM-DD`. */
  readonly date: string | undefined;
  /** The front matter's `Service` (one name or several); empty when it names none. */
  readonly services: readonly string[];
  /** Each duration the timeline gives, in minutes. */
  readonly minutes: Readonly<Partial<Record<MetricId, number>>>;
  /** The milestone rows the timeline lacks, in timeline order. */
  readonly missingMilestones: readonly MilestoneId[];
  readonly actionItems: readonly ActionItemSummary[];
}

/**
 * The facts of one report (undefined when the text is not a report), parsing only its
 * header, Timeline and Action Items. `today` (YYYY-MM-DD) decides which items are overdue.
 */
export function incidentFacts(text: string, template: TemplateModel, today: string): IncidentFacts | undefined {
  const read = readHeader(text, template);
  if (!read) return undefined;
  const { header, data } = read;
  // The header was read by the line scanner: only the Timeline and Action Items are parsed.
  const model = detailsModel(text, template);
  const day = header.date === undefined ? undefined : parseDate(header.date);
  const timeline = readTimelineMilestonesOn(model, template, day);
  let lines: LineIndex | undefined;
  const metrics = timelineMetrics(model, template, (offset) => (lines ??= new LineIndex(text)).positionAt(offset).line, timeline);
  const found = timeline?.found;
  const minutes: Partial<Record<MetricId, number>> = {};
  for (const metric of metrics.metrics) minutes[metric.id] = metric.minutes;
  const date = day === undefined ? undefined : header.date;
  return {
    id: header.id,
    title: header.title,
    status: header.status,
    open: header.open,
    severity: header.severity?.word,
    date,
    services: servicesOf(data?.['Service']),
    minutes,
    missingMilestones: MILESTONES.map((m) => m.id).filter((id) => !found?.has(id)),
    // The template's example rows (`[Action 1]`) are left out by detailsOf.
    actionItems: detailsOf(model, template, today).actionItems,
  };
}

/**
 * The same facts on another day: only which action items are overdue depends on today, and
 * it is read again the rule's way (a cache keeps facts across days).
 */
export function factsOn(facts: IncidentFacts, today: string): IncidentFacts {
  return { ...facts, actionItems: facts.actionItems.map((item) => ({ ...item, overdue: isOverdueOn(item.due, item.done, today) })) };
}

/** `Service: checkout` or `Service: [checkout, payments]`; anything else names none. */
function servicesOf(value: unknown): string[] {
  const names = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  return [...new Set(names.map((n) => n.trim()).filter((n) => n !== ''))];
}

/** A report's facts and the file it came from (as the caller names it). */
export interface FiledFacts {
  readonly file: string;
  readonly facts: IncidentFacts;
}

export interface StatsOptions {
  /** The dimensions to group by, in order (none: one group, the total). */
  readonly by?: readonly StatsDimension[];
  /** Only reports dated on or after this `YYYY-MM-DD`. */
  readonly since?: string;
  /** The severity words in the template's order, to order severity groups by (others follow, then unknown). */
  readonly severityOrder?: readonly string[];
}

export interface MetricStats {
  /** How many reports give this duration. */
  readonly count: number;
  /** Minutes; null when no report gives it. */
  readonly median: number | null;
  readonly p90: number | null;
}

export interface StatsGroup {
  /** The group's value for each dimension grouped by (`{severity: 'Critical', month: '2026-10'}`); empty for the total. */
  readonly key: Readonly<Partial<Record<StatsDimension, string>>>;
  readonly incidents: number;
  /** Reports of the group with at least one missing milestone row. */
  readonly incomplete: number;
  readonly metrics: Readonly<Record<MetricId, MetricStats>>;
  readonly actionItems: { readonly total: number; readonly open: number; readonly overdue: number };
}

export interface IncidentStats {
  readonly by: readonly StatsDimension[];
  /** The `since` asked for, else null. */
  readonly since: string | null;
  readonly groups: readonly StatsGroup[];
  /** Every report counted once. */
  readonly total: StatsGroup;
  /** Reports with missing milestone rows: counted in their groups, listed here. */
  readonly incomplete: readonly { readonly file: string; readonly id: string | undefined; readonly missing: readonly MilestoneId[] }[];
  /** With `since`: reports left out because they have no real Date. */
  readonly undated: readonly string[];
}

/** Nearest-rank percentile of ascending `sorted` values (p in 0..100]; undefined when empty. */
export function nearestRank(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

/** Count, median, p90, open and overdue action items per group (see the module's comment). */
export function incidentStats(reports: readonly FiledFacts[], options: StatsOptions = {}): IncidentStats {
  const by = [...new Set(options.by ?? [])];
  const since = options.since;
  const undated: string[] = [];
  const kept = reports.filter(({ file, facts }) => {
    if (since === undefined) return true;
    if (facts.date === undefined) {
      undated.push(file);
      return false;
    }
    return facts.date >= since;
  });

  const groups = new Map<string, { key: Partial<Record<StatsDimension, string>>; members: IncidentFacts[] }>();
  for (const { facts } of kept) {
    for (const key of groupKeys(facts, by)) {
      const id = JSON.stringify(by.map((d) => key[d]));
      let group = groups.get(id);
      if (!group) groups.set(id, (group = { key, members: [] }));
      group.members.push(facts);
    }
  }
  const order = options.severityOrder ?? [];
  const rank = (dimension: StatsDimension, value: string | undefined): [number, string] => {
    if (value === UNKNOWN_GROUP || value === undefined) return [2, ''];
    if (dimension === 'severity') {
      const at = order.findIndex((w) => w.toLowerCase() === value.toLowerCase());
      return at >= 0 ? [0, String(at).padStart(4, '0')] : [1, value.toLowerCase()];
    }
    return [0, dimension === 'service' ? value.toLowerCase() : value];
  };
  const compare = (a: Partial<Record<StatsDimension, string>>, b: Partial<Record<StatsDimension, string>>): number => {
    for (const dimension of by) {
      const [ra, va] = rank(dimension, a[dimension]);
      const [rb, vb] = rank(dimension, b[dimension]);
      if (ra !== rb) return ra - rb;
      if (va !== vb) return va < vb ? -1 : 1;
    }
    return 0;
  };
  return {
    by,
    since: since ?? null,
    // Without dimensions the one group is the total.
    groups: by.length === 0 ? [] : [...groups.values()].sort((a, b) => compare(a.key, b.key)).map((g) => groupStats(g.key, g.members)),
    total: groupStats({}, kept.map((r) => r.facts)),
    incomplete: kept.filter((r) => r.facts.missingMilestones.length > 0).map((r) => ({ file: r.file, id: r.facts.id, missing: r.facts.missingMilestones })),
    undated,
  };
}

/** The groups a report belongs to: one per service it names, else one. */
function groupKeys(facts: IncidentFacts, by: readonly StatsDimension[]): Partial<Record<StatsDimension, string>>[] {
  let keys: Partial<Record<StatsDimension, string>>[] = [{}];
  for (const dimension of by) {
    const values = dimension === 'severity' ? [facts.severity ?? UNKNOWN_GROUP] : dimension === 'month' ? [facts.date?.slice(0, 7) ?? UNKNOWN_GROUP] : facts.services.length > 0 ? facts.services : [UNKNOWN_GROUP];
    keys = keys.flatMap((key) => values.map((value) => ({ ...key, [dimension]: value })));
  }
  return keys;
}

function groupStats(key: Partial<Record<StatsDimension, string>>, members: readonly IncidentFacts[]): StatsGroup {
  const metrics = {} as Record<MetricId, MetricStats>;
  for (const id of METRIC_IDS) {
    const values = members.map((m) => m.minutes[id]).filter((v): v is number => v !== undefined).sort((a, b) => a - b);
    metrics[id] = { count: values.length, median: nearestRank(values, 50) ?? null, p90: nearestRank(values, 90) ?? null };
  }
  const items = members.flatMap((m) => m.actionItems);
  return {
    key,
    incidents: members.length,
    incomplete: members.filter((m) => m.missingMilestones.length > 0).length,
    metrics,
    actionItems: { total: items.length, open: items.filter((i) => !i.done).length, overdue: items.filter((i) => i.overdue).length },
  };
}

/** One action item with the report it belongs to. */
export interface ActionItemRow extends ActionItemSummary {
  readonly file: string;
  readonly id: string | undefined;
  readonly title: string | undefined;
}

export interface ActionItemFilter {
  /** Only overdue items. */
  readonly overdue?: boolean;
  /** Only items whose Owner names this person (case, accents and punctuation ignored; whole words: `priya` matches `Priya Raman`). */
  readonly owner?: string;
  /** Done items too (by default only open ones are listed). */
  readonly all?: boolean;
}

/** The action items of many reports, filtered; overdue first, then by due date, file and line. */
export function actionItemsAcross(reports: readonly FiledFacts[], filter: ActionItemFilter = {}): ActionItemRow[] {
  const owner = filter.owner === undefined ? undefined : wordsKey(filter.owner);
  const rows = reports.flatMap(({ file, facts }) => facts.actionItems.map((item) => ({ ...item, file, id: facts.id, title: facts.title })));
  return rows
    .filter((row) => (filter.all || !row.done) && (!filter.overdue || row.overdue) && (owner === undefined || ` ${wordsKey(row.owner)} `.includes(` ${owner} `)))
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || compareText(a.due, b.due) || compareText(a.file, b.file) || a.line - b.line);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A timed timeline row, for a chart: minutes since 1970-01-01T00:00Z (UTC). */
export interface ChartEvent {
  readonly minutes: number;
  readonly time: string;
  readonly event: string;
  readonly milestones: readonly MilestoneId[];
}

/** The report's timeline rows that have a time, in table order, with the milestones they mark. */
export function timelineEvents(text: string, template: TemplateModel): ChartEvent[] {
  const header = readHeader(text, template)?.header;
  const day = header?.date === undefined ? undefined : parseDate(header.date);
  const model = detailsModel(text, template);
  const entries = readTimelineMilestonesOn(model, template, day)?.entries ?? [];
  const events: ChartEvent[] = [];
  for (const entry of entries) {
    const time = entry.time;
    if (time.kind !== 'ok' && time.kind !== 'offset') continue;
    events.push({ minutes: time.minutes, time: entry.timeText, event: entry.event, milestones: entry.milestones });
  }
  return events;
}
