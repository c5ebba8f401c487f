/**
 * Where a report's timeline is and what its rows say: the one place timed rows come from.
 * The rules (via `timedRows` in rules/timeline.ts), the milestones, metrics, chart, summary,
 * writing aids and Add Timeline Event all read these rows, whatever the timeline's form:
 *
 * - a table in the template's timeline section with a time column, read by the roles of
 *   its own header (template/columnRoles.ts): `| Time (UTC) | Description |`;
 * - else a bullet list there whose items open with a time: `- 13:26 Alert fired`,
 *   `- [13:26] Alert fired`, `- **13:26** — Alert fired`, `- 13:26 - Alert fired`,
 *   `` - `13:26` Alert fired ``. A bullet has a time and an event, never an actor.
 *
 * How the time text is read (formats, zones) is time.ts's business, not this file's.
 */
import type { ListBlock, ReportModel, Section, Table, TableCell } from './model/types';
import { resolveColumns, type ResolvedColumns, type TimelineRole } from './template/columnRoles';
import type { TemplateModel } from './template/templateModel';
import type { Span } from './types';

/** A piece of a row: its source text (trimmed) and where it is. */
export interface TimelineCell {
  readonly text: string;
  readonly span: Span;
}

/** One timeline entry, a table row or a bullet: the same shape for every reader. */
export interface TimelineRow {
  /** The whole row, or the whole list item. */
  readonly span: Span;
  readonly time: TimelineCell | undefined;
  readonly event: TimelineCell | undefined;
  readonly actor: TimelineCell | undefined;
  /** A table row's cells (none for a bullet). */
  readonly cells: readonly TableCell[];
}

/** How a bullet timeline writes its entries, so a new one looks like the others. */
export interface BulletStyle {
  /** `- `, `* `, `+ ` */
  readonly marker: string;
  /** What wraps the time: `[`/`]`, `**`/`**`, `` ` ``, or nothing. */
  readonly open: string;
  readonly close: string;
  /** Between the time and the event: ` `, ` - `, ` — `, `: `. */
  readonly separator: string;
}

export type ReportTimeline =
  | { readonly kind: 'table'; readonly section: Section; readonly table: Table; readonly columns: ResolvedColumns<TimelineRole>; readonly rows: readonly TimelineRow[] }
  | { readonly kind: 'list'; readonly section: Section; readonly list: ListBlock; readonly style: BulletStyle; readonly rows: readonly TimelineRow[] }
  /** The section is there but holds no table with a time column and no timed list. */
  | { readonly kind: 'none'; readonly section: Section; readonly rows: readonly TimelineRow[]; readonly tables: readonly Table[] };

/** The report's timeline; undefined when the template has none or the report lacks its section. */
export function reportTimeline(model: ReportModel, template: TemplateModel): ReportTimeline | undefined {
  const expected = template.timeline;
  if (!expected) return undefined;
  const section = model.sections.find((s) => s.key === expected.sectionKey);
  if (!section) return undefined;
  const inPlace = <T extends { subsection: string | undefined }>(items: readonly T[]): T[] => items.filter((t) => expected.subsection === undefined || t.subsection === expected.subsection);
  const tables = inPlace(section.content.tables);
  for (const table of tables) {
    const columns = resolveColumns('timeline', table.columns, template.columnNames);
    const time = columns.index.time;
    if (time === undefined) continue;
    const cell = (cells: readonly TableCell[], at: number | undefined): TableCell | undefined => (at === undefined ? undefined : cells[at]);
    const rows = table.rows.map((row) => ({ span: row.span, time: cell(row.cells, time), event: cell(row.cells, columns.index.event), actor: cell(row.cells, columns.index.actor), cells: row.cells }));
    return { kind: 'table', section, table, columns, rows };
  }
  const checklistStarts = new Set(section.content.checklists.map((c) => c.span.start));
  for (const list of inPlace(section.content.lists)) {
    if (list.ordered || checklistStarts.has(list.span.start)) continue;
    const bullets = list.items.map((item) => readBullet(model.text, item));
    const timed = bullets.filter((b) => b.time);
    // A list is the timeline when most of its items open with a time.
    if (timed.length === 0 || timed.length * 2 < bullets.length) continue;
    return { kind: 'list', section, list, style: timed[0]!.style, rows: bullets.map((b) => b.row) };
  }
  return { kind: 'none', section, rows: [], tables };
}

/** Where a problem about the whole timeline goes: the table's header row, the list's first line, else the heading. */
export function timelineAnchor(timeline: ReportTimeline): Span {
  if (timeline.kind === 'table') return timeline.table.header.span;
  if (timeline.kind === 'list') return timeline.list.items[0]?.textSpan ?? timeline.list.span;
  return timeline.section.headingSpan;
}

/**
 * A time as a bullet opens with it: optional date, `H:MM` or `HH:MM` (seconds optional),
 * an optional zone; or the template's `HH:MM` (`YYYY-MM-DD HH:MM`). Zone words are a short known list so that
 * `13:26 API down` keeps "API" in the event.
 */
const BARE_TIME = /^(?:(?:\d{4}[-/]\d{1,2}[-/]\d{1,2}|YYYY[-/]MM[-/]DD)(?:[ T]|,\s*))?(?:\d{1,2}[:h.]\d{2}|HH:MM)(?::\d{2}|:SS)?(?:\s*(?:Z|UTC|GMT|[A-Z]{1,3}[SD]T|CES?T|[+-]\d{2}:?\d{2})(?![\p{L}\p{N}]))?/u;
/** A time wrapped in `[…]`, `**…**`, `__…__` or backticks: whatever is inside, when it opens with a digit or `HH`. */
const WRAPPED_TIME = /^(\[|\*\*|__|`)(\s*(?:\d|HH)[^\]*_`\r\n]*?)(\]|\*\*|__|`)/;
const SEPARATOR = /^(?:\s*(?:[—–-]+|:|\|)\s*|\s+)/;

function readBullet(text: string, item: ListBlock['items'][number]): { row: TimelineRow; time: boolean; style: BulletStyle } {
  const raw = text.slice(item.textSpan.start, item.textSpan.end);
  const lead = raw.length - raw.trimStart().length;
  const body = raw.trim();
  const start = item.textSpan.start + lead;
  const marker = `${text.slice(item.span.start, item.span.start + 1)} `;
  const none = { row: { span: item.span, time: undefined, event: body ? { text: body, span: { start, end: start + body.length } } : undefined, actor: undefined, cells: [] }, time: false, style: { marker, open: '', close: '', separator: ' ' } };

  let open = '';
  let close = '';
  let timeText: string;
  let timeStart: number;
  let after: number;
  const wrapped = WRAPPED_TIME.exec(body);
  if (wrapped) {
    [, open, timeText, close] = wrapped as unknown as [string, string, string, string];
    timeStart = open.length + (timeText.length - timeText.trimStart().length);
    timeText = timeText.trim().replace(/\s*:$/, '');
    after = wrapped[0].length;
  } else {
    const bare = BARE_TIME.exec(body);
    if (!bare) return none;
    timeText = bare[0];
    timeStart = 0;
    after = bare[0].length;
  }
  const separator = SEPARATOR.exec(body.slice(after))?.[0] ?? '';
  // `13:26am` or `13:26x`: not a time followed by an event.
  if (separator === '' && after < body.length) return none;
  const eventText = body.slice(after + separator.length).trim();
  const eventStart = start + after + separator.length;
  return {
    row: {
      span: item.span,
      time: { text: timeText, span: { start: start + timeStart, end: start + timeStart + timeText.length } },
      event: { text: eventText, span: { start: eventStart, end: eventStart + eventText.length } },
      actor: undefined,
      cells: [],
    },
    time: true,
    style: { marker, open, close, separator: separator === '' ? ' ' : separator },
  };
}
