import { detectEol } from './text/lineIndex';
import { applyEdits, replace } from './fix/edits';
import type { TextEdit } from './types';
import { headerField } from './rules/query';
import { reportTimeline } from './timelineSource';
import { yamlString } from './rules/frontMatter';
import type { SeverityLevel, TemplateModel } from './template/templateModel';
import { utcDate, utcTime } from './time';
import { ID_PATTERN } from './ids';

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
  setField('incident id', request.id);
  setField('date', date);
  setField('severity', request.severity.label);

  const [first, ...rest] = reportTimeline(model, template)?.rows ?? [];
  if (first) {
    const cell = first.time;
    if (cell) edits.push(replace(cell.text ? cell.span : { start: cell.span.start, end: cell.span.start }, utcTime(request.now)));
    const last = rest[rest.length - 1];
    // Later rows are the template's examples; the writer adds real ones as they happen.
    if (last) edits.push(replace({ start: first.span.end, end: last.span.end }, ''));
  }
  return applyEdits(text, edits);
}

/** The next free `INC-YYYYMMDD-NNN` for the UTC day of `now`, given the IDs that exist. */
export function allocateId(existing: Iterable<string>, now: Date, skip = 0): string {
  const day = utcDate(now).replace(/-/g, '');
  let highest = 0;
  for (const name of existing) {
    const match = ID_PATTERN.exec(name);
    if (match && match[1] === day) highest = Math.max(highest, Number(match[2]));
  }
  const next = highest + 1 + skip;
  if (next > 999) throw new RangeError(`No incident ID left for ${utcDate(now)}: INC-${day}-999 is taken.`);
  return `INC-${day}-${String(next).padStart(3, '0')}`;
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
  return slug ? `${id}-${slug}.md` : `${id}.md`;
}
