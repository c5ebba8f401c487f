import { wordsKey } from '../text/normalize';
import type { Span } from '../types';
import type { Field, FrontMatter, ParseOptions, ReportModel, Section, SectionContent, Subsection, Table } from './types';

/*
 * Fields a template writes in other forms than the bold label (`**Label:** value`), read out
 * of the assembled model: a heading the template uses as a label (`### Severity` then `SEV2`),
 * the rows of a key-value table (`| Incident ID | INC-… |`), front matter keys
 * (`severity: SEV2`). Done after assembly, so the chunk cache holds models of the parse
 * alone, and only the forms the template's ParseOptions name are read.
 */

/** Whether the options read any field form besides the bold label. */
export function readsFieldForms(options: ParseOptions): boolean {
  return options.headingFields.length > 0 || options.tableFields.length > 0 || options.frontMatterFields.length > 0;
}

/** The model with the fields of the options' forms added (the same object when there are none). */
export function withFieldForms<T extends Pick<ReportModel, 'text' | 'frontMatter' | 'preamble' | 'sections'>>(model: T, options: ParseOptions): T {
  if (!readsFieldForms(options)) return model;
  const headings = new Set(options.headingFields);
  const tables = new Set(options.tableFields);
  const add = (content: SectionContent, extra: readonly Field[]): SectionContent => {
    const formed = [...extra, ...headingFields(model.text, content, headings), ...content.tables.flatMap((t) => tableFields(t, tables))];
    if (formed.length === 0) return content;
    const subsections = content.subsections.filter((s) => !headings.has(s.key));
    const fields = [...content.fields, ...formed].sort((a, b) => a.labelSpan.start - b.labelSpan.start);
    return { ...content, subsections, fields };
  };
  const frontMatter = frontMatterFields(model.text, model.frontMatter, new Set(options.frontMatterFields.map(wordsKey)));
  const preambleContent = add(model.preamble.content, frontMatter);
  const sections = model.sections.map((section): Section => {
    const content = add(section.content, []);
    return content === section.content ? section : { ...section, content };
  });
  const preamble = preambleContent === model.preamble.content ? model.preamble : { ...model.preamble, content: preambleContent };
  return { ...model, preamble, sections };
}

/** `### Severity` then `SEV2`: the heading is the label, the paragraph below it the value (else the blocks below it are its content). */
function headingFields(text: string, content: SectionContent, keys: ReadonlySet<string>): Field[] {
  if (keys.size === 0) return [];
  const fields: Field[] = [];
  const open: Subsection[] = [];
  for (const sub of content.subsections) {
    while (open.length > 0 && open[open.length - 1]!.depth >= sub.depth) open.pop();
    const enclosing = open[open.length - 1];
    open.push(sub);
    if (!keys.has(sub.key)) continue;
    const first = sub.blocks.find((b) => !b.isComment);
    const paragraph = first?.kind === 'paragraph' ? first : undefined;
    const value = paragraph ? text.slice(paragraph.span.start, paragraph.span.end).trim() : '';
    const valueSpan = paragraph && value ? trimmedSpan(text, paragraph.span) : { start: sub.headingSpan.end, end: sub.headingSpan.end };
    fields.push({
      label: sub.title,
      key: sub.key,
      labelSpan: sub.headingSpan,
      span: { start: sub.headingSpan.start, end: value ? valueSpan.end : sub.headingSpan.end },
      value,
      valueSpan,
      // Below the heading is where this form's value belongs: it is the field's own value, not prose under an empty label.
      valueBelowLabel: false,
      blocks: value ? [] : sub.blocks,
      inList: false,
      subsection: enclosing && !keys.has(enclosing.key) ? enclosing.key : undefined,
      field: undefined,
      form: 'heading',
    });
  }
  return fields;
}

/** Each row of a key-value table (`| Incident ID | INC-… |`): the first cell the label, the second the value. */
function tableFields(table: Table, signatures: ReadonlySet<string>): Field[] {
  if (!signatures.has(tableSignature(table.columns)) || table.columns.length !== 2) return [];
  return table.rows.flatMap((row): Field[] => {
    const [labelCell, valueCell] = row.cells;
    if (!labelCell || !valueCell) return [];
    const label = unbold(labelCell.text);
    if (wordsKey(label) === '') return [];
    return [
      {
        label,
        key: wordsKey(label),
        labelSpan: labelCell.span,
        span: { start: labelCell.span.start, end: valueCell.span.end },
        value: valueCell.text,
        valueSpan: valueCell.span,
        valueBelowLabel: false,
        blocks: [],
        inList: false,
        subsection: table.subsection,
        field: undefined,
        form: 'table',
      },
    ];
  });
}

/** The keys of a two-column table's header (`field|value`): how a template's key-value table is recognised in a report. */
export function tableSignature(columns: readonly string[]): string {
  return columns.map((c) => wordsKey(unbold(c))).join('|');
}

/** Front matter keys the template writes (`severity: SEV2`), as preamble fields. */
function frontMatterFields(text: string, frontMatter: FrontMatter | undefined, keys: ReadonlySet<string>): Field[] {
  if (!frontMatter || keys.size === 0) return [];
  return frontMatter.entries
    .filter((entry) => keys.has(wordsKey(entry.key)))
    .map((entry): Field => {
      const line = text.slice(entry.span.start, entry.span.end);
      const at = line.indexOf(entry.key);
      const labelSpan = at >= 0 ? { start: entry.span.start + at, end: entry.span.start + at + entry.key.length } : { start: entry.span.start, end: entry.span.start };
      // A null or empty value (`owner:`, `owner: ""`) is an empty field; the source otherwise, as for a bold label.
      const empty = entry.value === null || entry.value === undefined || entry.value === '';
      const value = empty ? '' : text.slice(entry.valueSpan.start, entry.valueSpan.end);
      const valueSpan = empty ? { start: labelSpan.end, end: labelSpan.end } : entry.valueSpan;
      return {
        label: entry.key,
        key: wordsKey(entry.key),
        labelSpan,
        span: { start: labelSpan.start, end: empty ? labelSpan.end : valueSpan.end },
        value,
        valueSpan,
        valueBelowLabel: false,
        blocks: [],
        inList: false,
        subsection: undefined,
        field: undefined,
        form: 'frontMatter',
      };
    });
}

function unbold(text: string): string {
  return text.replace(/^(\*\*|__)(.*)\1$/, '$2').trim();
}

function trimmedSpan(text: string, span: Span): Span {
  const raw = text.slice(span.start, span.end);
  const start = span.start + (raw.length - raw.trimStart().length);
  return { start, end: start + raw.trim().length };
}
