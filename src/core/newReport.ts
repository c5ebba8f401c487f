import { detectEol } from './text/lineIndex';
import { applyEdits, replace } from './fix/edits';
import type { TextEdit } from './types';
import type { FrontMatterEntry, ReportModel } from './model/types';
import { headerField } from './rules/query';
import { reportTimeline } from './timelineSource';
import { yamlString } from './rules/frontMatter';
import type { SeverityLevel, TemplateModel } from './template/templateModel';
import { incidentDateProblem, utcDate, wallClock } from './time';
import { declaredZone } from './timelineZone';

export { incidentDateProblem };
import { DEFAULT_ID_SCHEME, ID_PATTERN, type IdParts, type IdScheme } from './ids';
import { REPORT_STATUSES } from './status';
import { DEFAULT_FILE_NAME, fileNameFor } from './fileName';

export { ID_PATTERN };

export interface NewReportRequest {
  readonly id: string;
  readonly title: string;
  /** Undefined when the template lists no severity levels. */
  readonly severity: SeverityLevel | undefined;
  /** When the report is written: LastUpdated, and the first timeline time when `date` is today. */
  readonly now: Date;
  /** The incident's day, `YYYY-MM-DD`; the UTC day of `now` when absent. */
  readonly date?: string;
  readonly owner?: string;
}

/**
 * Renders a new report from the template by editing the template's own text at the
 * spans its model gives: its front matter keys that the tool knows, the H1's placeholder,
 * ID, Date, the chosen severity alone, and the timeline reduced to a first entry stamped
 * in the template's own time format.
 */
export function renderNewReport(template: TemplateModel, request: NewReportRequest): string {
  const text = template.text;
  const model = template.report;
  const eol = detectEol(text);
  const edits: TextEdit[] = [];
  const today = utcDate(request.now);
  const date = request.date ?? today;
  const title = request.title.replace(/[\r\n]+/g, ' ');
  const values: Record<KnownKey, string | undefined> = { id: request.id, title, date, severity: request.severity?.label, owner: request.owner, status: 'Open', lastUpdated: today };

  edits.push(...frontMatterEdits(text, model, values, eol));
  edits.push(...titleEdits(text, model, values));

  for (const known of ['id', 'title', 'date', 'severity', 'owner'] as const) {
    const value = values[known];
    const field = value === undefined ? undefined : HEADER_FIELD_KEYS[known].map((key) => headerField(model, key)).find((f) => f !== undefined);
    if (field && value !== undefined) edits.push(replace(field.value ? field.valueSpan : { start: field.labelSpan.end, end: field.labelSpan.end }, field.value ? value : ` ${value}`));
  }

  // A report written on a later day does not know the first event's time: the clock stays to
  // fill in. A template whose timeline declares a zone (`Time (PDT)`) gets its clock there.
  const zone = declaredZone(template.report, template)?.zone;
  const local = wallClock(request.now, zone);
  const clock = local && date === local.date ? local.clock : undefined;
  edits.push(...firstTimelineEdits(template, { date, clock }));
  return applyEdits(text, edits);
}

type KnownKey = 'id' | 'title' | 'date' | 'severity' | 'owner' | 'status' | 'lastUpdated';

/** Front matter keys the tool fills, by what teams call them (compared without case, spaces, `_` or `-`). */
const FRONT_MATTER_KEYS: Record<KnownKey, readonly string[]> = {
  id: ['id', 'incidentid', 'postmortemid', 'reportid', 'incidentnumber'],
  title: ['title', 'name', 'incidenttitle', 'incidentname'],
  date: ['date', 'incidentdate', 'day'],
  severity: ['severity', 'sev', 'priority', 'incidentseverity', 'level'],
  owner: ['owner', 'author', 'authors', 'incidentowner', 'incidentcommander', 'reporter'],
  status: ['status', 'state', 'reportstatus'],
  lastUpdated: ['lastupdated', 'updated', 'lastmodified', 'modified', 'updatedat', 'lastupdate'],
};

/** Header field keys (the model's word keys) the tool fills. */
const HEADER_FIELD_KEYS = {
  id: ['incident id', 'id', 'postmortem id', 'post mortem id', 'incident number'],
  title: ['title', 'incident title'],
  date: ['date', 'incident date'],
  severity: ['severity', 'sev', 'priority', 'incident severity'],
  owner: ['owner', 'author', 'authors', 'incident owner'],
} as const;

function frontMatterEdits(text: string, model: ReportModel, values: Record<KnownKey, string | undefined>, eol: string): TextEdit[] {
  const fm = model.frontMatter;
  if (!fm || fm.error) {
    // No front matter (or one that is not YAML): the report gets the one the front-matter rule asks for.
    const block = ['---', `Title: ${yamlString(values.title ?? '')}`, `Owner: ${yamlString(values.owner ?? '')}`, 'Status: Open', `LastUpdated: ${values.lastUpdated}`, 'Links: []', '---'].join(eol);
    return [fm ? replace(fm.span, block) : replace({ start: 0, end: 0 }, block + eol + eol)];
  }
  // The template's own keys, order and comments stay: only the values of keys the tool knows change.
  const edits: TextEdit[] = [];
  const done = new Set<KnownKey>();
  for (const entry of fm.entries) {
    const normalized = entry.key.toLowerCase().replace(/[\s_-]+/g, '');
    const known = (Object.keys(FRONT_MATTER_KEYS) as KnownKey[]).find((k) => !done.has(k) && FRONT_MATTER_KEYS[k].includes(normalized));
    if (!known) continue;
    done.add(known);
    const value = frontMatterValue(known, entry, values);
    if (value !== undefined) edits.push(valueEdit(text, entry, value));
  }
  return edits;
}

/** The YAML to write for a known key; undefined keeps the template's value. */
function frontMatterValue(known: KnownKey, entry: FrontMatterEntry, values: Record<KnownKey, string | undefined>): string | undefined {
  const value = values[known];
  if (known === 'owner') {
    // `authors: [...]` stays a list.
    if (Array.isArray(entry.value)) return value ? `[${yamlString(value)}]` : undefined;
    return yamlString(value ?? '');
  }
  if (known === 'status') {
    // A team's own first state (`draft`) stays; a choice list, a placeholder or a lifecycle status becomes Open.
    const current = typeof entry.value === 'string' ? entry.value.trim() : '';
    const ownState = /^\p{L}[\p{L}\p{N} _-]*$/u.test(current) && !REPORT_STATUSES.some((s) => s.toLowerCase() === current.toLowerCase());
    return ownState ? undefined : 'Open';
  }
  if (value === undefined) return undefined;
  return known === 'date' || known === 'lastUpdated' ? value : yamlString(value);
}

/** Replaces an entry's value; a key with no value (`owner:`) gets one after its colon. */
function valueEdit(text: string, entry: FrontMatterEntry, value: string): TextEdit {
  if (entry.valueSpan.end > entry.valueSpan.start) return replace(entry.valueSpan, value);
  const colon = text.indexOf(':', entry.valueSpan.start);
  const lineEnd = text.slice(entry.span.start).search(/\r|\n|$/) + entry.span.start;
  const at = colon >= 0 && colon < lineEnd ? colon + 1 : entry.span.end;
  return replace({ start: at, end: at }, ` ${value}`);
}

/** `[Title]`, `{Incident title}`, `<title>`: a placeholder in the H1. */
const HEADING_PLACEHOLDER = /\[[^[\]\r\n]+\]|\{[^{}\r\n]+\}|<[^<>\r\n]+>/g;

/**
 * The H1's placeholders get the title (and the ID, date or severity a placeholder names),
 * keeping the template's own words around them; an H1 with none gets `: title` appended.
 */
function titleEdits(text: string, model: ReportModel, values: Record<KnownKey, string | undefined>): TextEdit[] {
  const heading = model.preamble.title;
  if (!heading) return [];
  const source = text.slice(heading.span.start, heading.span.end);
  const at = source.indexOf(heading.text);
  const placeholders = at < 0 ? [] : [...heading.text.matchAll(HEADING_PLACEHOLDER)].map((m) => ({ start: heading.span.start + at + m.index, end: heading.span.start + at + m.index + m[0].length, kind: placeholderKind(m[0]) }));
  if (placeholders.length === 0) return [replace(heading.span, `# ${heading.text}: ${values.title}`)];
  // Without a placeholder that names the title, the first that names nothing the tool knows is its place.
  const untitled = !placeholders.some((p) => p.kind === 'title');
  const free = untitled ? placeholders.find((p) => p.kind === undefined) : undefined;
  const edits: TextEdit[] = [];
  let titleWritten = false;
  for (const p of placeholders) {
    const kind = p === free ? 'title' : p.kind;
    // The title once; a second `[Title]` stays for the writer to see.
    if (!kind || (kind === 'title' && titleWritten)) continue;
    const value = values[kind];
    if (!value) continue;
    if (kind === 'title') titleWritten = true;
    edits.push(replace({ start: p.start, end: p.end }, value));
  }
  if (!titleWritten) edits.push(replace({ start: heading.span.end, end: heading.span.end }, `: ${values.title}`));
  return edits;
}

function placeholderKind(token: string): 'title' | 'id' | 'date' | 'severity' | undefined {
  const words = token.slice(1, -1).toLowerCase();
  if (/\b(?:sev|severity|priority)\b/.test(words)) return 'severity';
  if (/\b(?:id|number|no|nnn)\b/.test(words)) return 'id';
  if (/\b(?:date|yyyy-mm-dd|day)\b/.test(words)) return 'date';
  if (/\b(?:title|name|summary|incident|headline|what)\b/.test(words)) return 'title';
  return undefined;
}

/**
 * The first timeline entry's time and the template's example entries after it. The entries
 * are the ones every reader reads (timelineSource.ts): a table's time cell by its column
 * role, or a bullet's time (inside its `[…]`/`**…**`, which stay).
 */
function firstTimelineEdits(template: TemplateModel, at: TimelineStampValues): TextEdit[] {
  const found = reportTimeline(template.report, template);
  if (!found || found.kind === 'none') return [];
  const [first, ...rest] = found.rows;
  if (!first) return [];
  const edits: TextEdit[] = [];
  const cell = first.time;
  if (cell) edits.push(replace(cell.text ? cell.span : { start: cell.span.start, end: cell.span.start }, timelineStamp(cell.text, at, { cell: found.kind === 'table' })));
  const last = rest[rest.length - 1];
  // Later rows are the template's examples; the writer adds real ones as they happen.
  if (last) edits.push(replace({ start: first.span.end, end: last.span.end }, ''));
  return edits;
}

export interface TimelineStampValues {
  /** `YYYY-MM-DD`. */
  readonly date: string;
  /** `HH:MM`; undefined leaves the clock as a placeholder (a report written on a later day). */
  readonly clock: string | undefined;
}

const DATE_TOKEN = /(?:YYYY|\d{4})([-/])(?:MM|\d{2})\1(?:DD|\d{2})/;
const CLOCK_TOKEN = /(?<![\d:])(?:HH|\d{1,2}):(?:MM|\d{2})(?::(?:SS|\d{2}))?(?![\d:])/;

/**
 * The time for the first timeline entry in the format the template writes there: `HH:MM` →
 * `09:05`; `YYYY-MM-DD HH:MM` → the date and time; `HH:MM UTC` keeps its suffix, `**HH:MM**`
 * its emphasis. A table cell's placeholder brackets (`[HH:MM]`) go; a list item's stay, as
 * they are the item's format (`- [09:05] …`). With nothing recognisable, the clock alone.
 * (One function, so the timeline's column lookup can change without touching the format.)
 */
export function timelineStamp(sample: string, at: TimelineStampValues, where: { readonly cell: boolean }): string {
  let format = sample.trim();
  if (where.cell && /^\[[^[\]]*\]$/.test(format)) format = format.slice(1, -1).trim();
  const clock = at.clock ?? 'HH:MM';
  const hasDate = DATE_TOKEN.test(format);
  const hasClock = CLOCK_TOKEN.test(format);
  if (!hasDate && !hasClock) return clock;
  const withSeconds = (m: string): string => (m.split(':').length === 3 ? (at.clock ? `${at.clock}:00` : 'HH:MM:SS') : clock);
  return format.replace(DATE_TOKEN, (_m, separator: string) => at.date.replace(/-/g, separator)).replace(CLOCK_TOKEN, withSeconds);
}

/** The next free number for the incident's day, given the IDs that exist and the highest number already taken by a file name. */
export function allocateId(existing: Iterable<string>, day: Date, skip = 0, highestTaken = 0, scheme: IdScheme = DEFAULT_ID_SCHEME): string {
  return allocate(existing, utcDate(day), skip, highestTaken, scheme).id;
}

/** The ID and its number (`001`), for the file name's {NNN}. */
export function allocate(existing: Iterable<string>, date: string, skip = 0, highestTaken = 0, scheme: IdScheme = DEFAULT_ID_SCHEME): { id: string; number: string } {
  // `INC-YYYYMMDD-NNN` numbers within the day, `PM{YYYY}-{NNN}` within the year, `{N}` across all.
  const own = scheme.parse(scheme.format(date, 1))!;
  const samePeriod = (parts: IdParts): boolean => parts.year === own.year && parts.month === own.month && parts.day === own.day;
  let highest = highestTaken;
  let taken = false;
  for (const name of existing) {
    const match = scheme.pattern.exec(name);
    const parts = match ? scheme.parse(match[0]) : undefined;
    if (!parts || !samePeriod(parts)) continue;
    taken = true;
    if (parts.number !== undefined) highest = Math.max(highest, Number(parts.number));
  }
  // A pattern without a number token has one ID per period.
  if (!scheme.numbered) {
    if (taken || skip > 0) throw new RangeError(`No incident ID left for ${date}: ${scheme.format(date, 1)} is taken.`);
    return { id: scheme.format(date, 1), number: '' };
  }
  const next = highest + 1 + skip;
  if (next > scheme.maxNumber) throw new RangeError(`No incident ID left for ${date}: ${scheme.format(date, scheme.maxNumber)} is taken.`);
  const id = scheme.format(date, next);
  return { id, number: scheme.parse(id)?.number ?? String(next) };
}

/** `INC-20261126-001-api-latency.md`: the ID, then a short slug of the title. */
export function reportFileName(id: string, title: string): string {
  return fileNameFor(DEFAULT_FILE_NAME, { id, number: ID_PATTERN.exec(id)?.[2] ?? '', date: dateOfId(id), title });
}

function dateOfId(id: string): string {
  const digits = ID_PATTERN.exec(id)?.[1] ?? '00000000';
  return `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
}
