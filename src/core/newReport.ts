import { detectEol } from './text/lineIndex';
import { applyEdits, replace } from './fix/edits';
import type { TextEdit } from './types';
import { headerField, timeColumn, timeline } from './rules/query';
import { yamlString } from './rules/frontMatter';
import type { SeverityLevel, TemplateModel } from './template/templateModel';
import { utcDate, utcTime } from './time';
import { DEFAULT_ID_SCHEME, ID_PATTERN, type IdParts, type IdScheme } from './ids';

export { ID_PATTERN };

export interface NewReportRequest {
  readonly id: string;
  readonly title: string;
  readonly severity: SeverityLevel;
  readonly now: Date;
  readonly owner?: string;
}

/**
 * Renders a new report from the template by editing the template's own text at the
 * spans its model gives: front matter, ID, Date, the chosen severity alone, and the
 * timeline reduced to a first row stamped with the current UTC time.
 */
export function renderNewReport(template: TemplateModel, request: NewReportRequest): string {
  const text = template.text;
  const model = template.report;
  const eol = detectEol(text);
  const edits: TextEdit[] = [];
  const date = utcDate(request.now);

  const frontMatter = [
    '---',
    `Title: ${yamlString(request.title)}`,
    `Owner: ${yamlString(request.owner ?? '')}`,
    'Status: Open',
    `LastUpdated: ${date}`,
    'Links: []',
    '---',
  ].join(eol);
  if (model.frontMatter) edits.push(replace(model.frontMatter.span, frontMatter));
  else edits.push(replace({ start: 0, end: 0 }, frontMatter + eol + eol));

  const title = model.preamble.title;
  if (title) edits.push(replace(title.span, `# ${title.text}: ${request.title.replace(/[\r\n]+/g, ' ')}`));

  const setField = (key: string, value: string): void => {
    const field = headerField(model, key);
    if (field) edits.push(replace(field.value ? field.valueSpan : { start: field.labelSpan.end, end: field.labelSpan.end }, field.value ? value : ` ${value}`));
  };
  // The fields the template declares for each role (src/core/template/identity.ts).
  const { id, date: dateField, severity } = template.identity;
  if (id && request.id) setField(id.key, request.id);
  if (dateField) setField(dateField.key, date);
  if (severity) setField(severity.key, request.severity.label);

  const table = timeline(model, template)?.table;
  const [first, ...rest] = table?.rows ?? [];
  if (first) {
    const cell = first.cells[timeColumn(template)];
    if (cell) edits.push(replace(cell.text ? cell.span : { start: cell.span.start, end: cell.span.start }, utcTime(request.now)));
    const last = rest[rest.length - 1];
    // Later rows are the template's examples; the writer adds real ones as they happen.
    if (last) edits.push(replace({ start: first.span.end, end: last.span.end }, ''));
  }
  return applyEdits(text, edits);
}

/**
 * The next free ID of `scheme` for the UTC day of `now`, given the names that exist (IDs or
 * file names): `INC-YYYYMMDD-NNN` numbers within the day, `PM{YYYY}-{NNN}` within the year,
 * `{N}` across all. A scheme without a number token has one ID per day (or year).
 */
export function allocateId(existing: Iterable<string>, now: Date, skip = 0, scheme: IdScheme = DEFAULT_ID_SCHEME): string {
  const today = utcDate(now);
  const own = scheme.parse(scheme.format(today, 1))!;
  // An ID counts when it names the same period as today's would (day, year, or any).
  const samePeriod = (parts: IdParts): boolean => parts.year === own.year && parts.month === own.month && parts.day === own.day;
  let highest = 0;
  let taken = false;
  for (const name of existing) {
    const match = scheme.pattern.exec(name);
    const parts = match ? scheme.parse(match[0]) : undefined;
    if (!parts || !samePeriod(parts)) continue;
    taken = true;
    if (parts.number !== undefined) highest = Math.max(highest, Number(parts.number));
  }
  if (!scheme.numbered) {
    if (taken || skip > 0) throw new RangeError(`No incident ID left for ${today}: ${scheme.format(today, 1)} is taken.`);
    return scheme.format(today, 1);
  }
  const next = highest + 1 + skip;
  if (next > scheme.maxNumber) throw new RangeError(`No incident ID left for ${today}: ${scheme.format(today, scheme.maxNumber)} is taken.`);
  return scheme.format(today, next);
}

/** `INC-20261126-001-api-latency.md`: the ID, then a short slug of the title. */
export function reportFileName(id: string, title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  // A template without an ID field: the title alone names the file.
  if (!id) return `${slug || 'incident'}.md`;
  return slug ? `${id}-${slug}.md` : `${id}.md`;
}
