import { detectEol } from '../text/lineIndex';
import { replace, fix } from '../fix/edits';
import type { ReportModel } from '../model/types';
import type { TemplateModel } from '../template/templateModel';
import { memoKey, type MemoContext } from './cache';
import { headerKey, resolveColumns, TIMELINE_ROLES } from '../template/columnRoles';
import { parseTimelineTime, type TimelineTime } from '../time';
import { reportTimeline, type ReportTimeline, type TimelineCell, type TimelineRow } from '../timelineSource';
import { declaredZone, timelineReading } from '../timelineZone';
import { reportDay } from './query';
import type { Rule, RuleContext } from './rule';

export interface TimedRow {
  /** A table row or a bullet, the same shape (timelineSource.ts). */
  readonly row: TimelineRow;
  readonly time: TimelineTime;
}

/** The timeline's rows with their parsed times (empty when the report has no timeline). */
/** `day`: the report's Date (days since epoch), when the caller read it without the model's header. */
export function readTimedRows(model: ReportModel, template: TemplateModel, day: number | undefined = reportDay(model), timeline: ReportTimeline | undefined = reportTimeline(model, template)): readonly TimedRow[] {
  if (!timeline) return [];
  // The zone the timeline declares and the template's own time forms (timelineZone.ts).
  const reading = timelineReading(model, template, timeline);
  return timeline.rows.map((row) => ({ row, time: parseTimelineTime(row.time?.text ?? '', day, reading) }));
}

const TIMELINE = memoKey<ReportTimeline | undefined>('timeline');
const TIMED_ROWS = memoKey<readonly TimedRow[]>('timed rows');

/** reportTimeline, once per lint. */
export function lintTimeline(ctx: MemoContext): ReportTimeline | undefined {
  return ctx.memo.get(TIMELINE, () => reportTimeline(ctx.model, ctx.template));
}

/** readTimedRows, once per lint: timeline-time, timeline-order and the milestones share it. */
export function timedRows(ctx: MemoContext): readonly TimedRow[] {
  return ctx.memo.get(TIMED_ROWS, () => readTimedRows(ctx.model, ctx.template, reportDay(ctx.model), lintTimeline(ctx)));
}

export const timelineTableRule: Rule = {
  id: 'timeline-table',
  description: 'The Timeline section holds a table (or a bullet list) with a time column and the template\'s other roles, each row complete.',
  defaultSeverity: { draft: 'error', final: 'error' },
  check(ctx) {
    const expected = ctx.template.timeline;
    if (!expected) return;
    const found = lintTimeline(ctx);
    if (!found) return; // missing-section reports an absent section.
    const columns = expected.columns.join(' | ');
    if (found.kind === 'list') return; // A bullet timeline has no columns to check.
    if (found.kind === 'none') {
      const table = found.tables[0];
      const wanted = expected.form === 'list' ? 'a bullet list of timed entries (- HH:MM event)' : `a table with columns ${columns}`;
      ctx.report(
        table
          ? { span: table.header.span, message: `Timeline columns are ${table.columns.join(' | ') || '(none)'}: none is a time column (Time, When, Timestamp, Date…); expected ${wanted}.` }
          : { span: found.section.headingSpan, message: `"## ${found.section.title}" has no table; expected ${wanted}.` },
      );
      return;
    }
    const table = found.table;
    // The template's roles the report's header lacks (its own names are fine: `When` for `Time`).
    const wantedRoles = resolveColumns('timeline', expected.columns, ctx.template.columnNames).index;
    const missing = TIMELINE_ROLES.filter((role) => wantedRoles[role] !== undefined && found.columns.index[role] === undefined);
    if (missing.length > 0) {
      const names = missing.map((role) => `"${expected.columns[wantedRoles[role]!]}"`).join(' and ');
      ctx.report({ span: table.header.span, message: `Timeline columns are ${table.columns.join(' | ') || '(none)'}: no column plays the part of ${names}; expected ${columns}.` });
    }
    const own = table.columns.join(' | ');
    for (const row of table.rows) {
      if (row.cells.length !== table.columns.length) {
        ctx.report({ span: row.span, message: `Timeline row has ${row.cells.length} cell${row.cells.length === 1 ? '' : 's'}; expected ${table.columns.length} (${own}).` });
      }
    }
  },
};

export const timelineTimeRule: Rule = {
  id: 'timeline-time',
  description: 'Each timeline time is a time in UTC: HH:MM, YYYY-MM-DD HH:MM or ISO 8601 (Z); a zone is converted.',
  defaultSeverity: { draft: 'error', final: 'error' },
  check(ctx) {
    const timeline = lintTimeline(ctx);
    const subject = timeSubject(timeline);
    const zoned: Zoned[] = [];
    for (const { row, time } of timedRows(ctx)) {
      const cell = row.time;
      if (!cell && timeline?.kind === 'table') continue; // timeline-table reports the short row.
      if (!cell) {
        ctx.report({ span: row.span, message: 'Timeline entry has no time; expected it to open with one: - HH:MM event.' });
        continue;
      }
      const span = cell.text ? cell.span : row.span;
      switch (time.kind) {
        case 'empty':
          ctx.report({ span, message: `${subject} is empty; expected HH:MM (UTC), YYYY-MM-DD HH:MM or an ISO 8601 time ending in Z.` });
          break;
        case 'offset':
          zoned.push({ cell, time });
          break;
        case 'invalid':
          ctx.report({ span, message: `${subject} "${cell.text}" is not a time; expected HH:MM (UTC), YYYY-MM-DD HH:MM or an ISO 8601 time ending in Z.` });
          break;
        default:
          break;
      }
    }
    reportZones(ctx, subject, timeline, zoned);
  },
};

/**
 * How messages name a time: "Timeline time" under a `Time` header and in a bullet list,
 * else by the team's own header: `The "When" cell "25:99" is not a time`.
 */
function timeSubject(timeline: ReportTimeline | undefined): string {
  if (timeline?.kind !== 'table') return 'Timeline time';
  const header = timeline.table.columns[timeline.columns.index.time!] ?? '';
  return headerKey(header) === 'time' ? 'Timeline time' : `The "${header}" cell`;
}

type Zoned = { readonly cell: TimelineCell; readonly time: Extract<TimelineTime, { kind: 'offset' }> };

/**
 * One diagnostic per cause: the declared zone once (on its declaration, a fix converting every
 * row and the declaration), a zone written on several rows once (on its first row, a fix
 * converting them all), a zone written on one row on that row.
 */
function reportZones(ctx: RuleContext, subject: string, timeline: ReportTimeline | undefined, zoned: readonly Zoned[]): void {
  const declared = zoned.filter((z) => z.time.declared);
  const declaration = declared.length ? declaredZone(ctx.model, ctx.template, timeline) : undefined;
  if (declaration) {
    const { zone, source } = declaration;
    const rows = `${declared.length} row${declared.length === 1 ? '' : 's'}`;
    const convertible = declared.every((z) => z.time.utc !== undefined);
    const message =
      zone.kind === 'ambiguous'
        ? `Timeline times are in ${zone.name} ("${source}"), which may be ${zone.meanings}; timeline times are UTC: write the ${rows} in UTC.`
        : convertible
          ? `Timeline times are in ${zone.name} ("${source}"), not UTC: "${declared[0]!.cell.text}" is ${utcReading(declared[0]!.time.utc!)}; timeline times are UTC: convert the ${rows} to UTC.`
          : `Timeline times are in ${zone.name} ("${source}"), not UTC; timeline times are UTC: write the ${rows} in UTC with their date (the report's Date is needed to convert them).`;
    const edits = [...declared.map((z) => replace(z.cell.span, z.time.utc ?? '')), replace(declaration.zoneSpan, 'UTC')];
    ctx.report({ span: declaration.span, message, fixes: convertible ? [fix(`Convert the timeline from ${zone.name} to UTC (${rows})`, edits, { isPreferred: true, safe: true })] : [] });
  }
  const own = zoned.filter((z) => !z.time.declared || !declaration);
  const byCause = new Map<string, typeof own>();
  for (const z of own) byCause.set(z.time.offset.toUpperCase(), [...(byCause.get(z.time.offset.toUpperCase()) ?? []), z]);
  for (const group of byCause.values()) {
    if (group.length === 1) {
      reportOne(ctx, subject, group[0]!.cell, group[0]!.time);
      continue;
    }
    const [{ cell, time }] = group as [(typeof group)[0]];
    const convertible = group.every((z) => z.time.utc !== undefined);
    const what = time.offset === '' ? 'have no zone' : time.ambiguous ? `are in ${time.offset}, which may be ${time.ambiguous}` : /^(z|utc|gmt|[+-]00:?00)$/i.test(time.offset) ? `are UTC but not in a timeline form (${time.offset})` : `are in ${time.offset}, not UTC`;
    const first = convertible ? `: "${cell.text}" is ${utcReading(time.utc!)}` : '';
    ctx.report({
      span: cell.span,
      message: `${group.length} timeline times ${what}${first}; timeline times are UTC: ${convertible ? 'convert them' : 'write them in UTC'}.`,
      fixes: convertible ? [fix(`Convert the ${group.length} times to UTC`, group.map((z) => replace(z.cell.span, z.time.utc!)), { isPreferred: true, safe: true })] : [],
    });
  }
}

/** `subject`: how the time is named (timeSubject): `Timeline time`, `The "When" cell`. */
function reportOne(ctx: RuleContext, subject: string, cell: TimelineCell, time: Zoned['time']): void {
  const zone = time.zone ? `zone ${time.zone}` : `offset ${time.offset}`;
  ctx.report({
    span: cell.span,
    message:
      time.offset === ''
        ? `${subject} "${cell.text}" has no zone; timeline times are UTC: write ${time.utc}.`
        : time.ambiguous
          ? `${subject} "${cell.text}" is in ${time.offset}, which may be ${time.ambiguous}; timeline times are UTC: write it in UTC.`
          : /^(z|utc|gmt|[+-]00:?00)$/i.test(time.offset)
            ? `${subject} "${cell.text}" is UTC but not in a timeline form; write ${time.utc ?? 'it as HH:MM'}.`
            : time.utc
              ? `${subject} "${cell.text}" is not UTC: it is ${utcReading(time.utc)} (${zone}); timeline times are UTC: write ${time.utc}.`
              : `${subject} "${cell.text}" has ${zone}; timeline times are UTC: write it in UTC with its date.`,
    fixes: time.utc ? [fix(`Convert to UTC: ${time.utc}`, [replace(cell.span, time.utc)], { isPreferred: true, safe: true })] : [],
  });
}

/** `12:05` -> `12:05 UTC`, `2026-10-20T14:05Z` -> `2026-10-20 14:05 UTC`: the instant as a reader says it. */
function utcReading(written: string): string {
  return `${written.replace('T', ' ').replace(/Z$/, '')} UTC`;
}

export const timelineOrderRule: Rule = {
  id: 'timeline-order',
  description: 'Timeline times never go backwards.',
  defaultSeverity: { draft: 'warning', final: 'error' },
  check(ctx) {
    const rows = timedRows(ctx);
    let latest: { minutes: number; text: string } | undefined;
    const sortFix = sortRowsFix(ctx, rows);
    for (const { row, time } of rows) {
      // A time with another offset is timeline-time's error, but it still has a place in time.
      if (time.kind !== 'ok' && time.kind !== 'offset') continue;
      const text = row.time?.text ?? '';
      if (latest && time.minutes < latest.minutes) {
        ctx.report({ span: row.span, message: `Timeline goes backwards: ${text} comes after ${latest.text}; rows must be in time order.`, fixes: sortFix ? [sortFix] : [] });
        continue;
      }
      latest = { minutes: time.minutes, text };
    }
  },
};

/**
 * Sorts the rows by time, stable. A row whose time does not parse (a typo, `HH:MM`) keeps its
 * place after the row above it, and rows above the first timed one stay first: the fix is
 * then still offered, but not applied by Fix All (it is a guess about those rows).
 */
function sortRowsFix(ctx: RuleContext, rows: readonly TimedRow[]) {
  if (rows.length < 2) return undefined;
  const minutesOf = (r: TimedRow): number | undefined => (r.time.kind === 'ok' || r.time.kind === 'offset' ? r.time.minutes : undefined);
  const leading: TimedRow[] = [];
  const groups: { minutes: number; rows: TimedRow[] }[] = [];
  for (const row of rows) {
    const minutes = minutesOf(row);
    if (minutes !== undefined) groups.push({ minutes, rows: [row] });
    else (groups[groups.length - 1]?.rows ?? leading).push(row);
  }
  const untimed = rows.length - groups.length;
  // Array.prototype.sort is stable: equal times keep their order.
  const sorted = [...leading, ...[...groups].sort((a, b) => a.minutes - b.minutes).flatMap((g) => g.rows)];
  const eol = detectEol(ctx.model.text);
  const first = rows[0]!.row.span.start;
  const last = rows[rows.length - 1]!.row.span.end;
  const text = sorted.map((r) => ctx.model.text.slice(r.row.span.start, r.row.span.end)).join(eol);
  const title = untimed === 0 ? 'Sort the timeline rows by time' : `Sort the timeline rows by time (${untimed} row${untimed === 1 ? '' : 's'} without a valid time move${untimed === 1 ? 's' : ''} with the row above)`;
  return fix(title, [replace({ start: first, end: last }, text)], { isPreferred: true, safe: untimed === 0 });
}
