import type { Field, ReportModel, Section, SectionContent, Table, TextRun } from '../model/types';
import { resolveColumns } from '../template/columnRoles';
import { reportTimeline } from '../timelineSource';
import type { TemplateModel, TemplateTable } from '../template/templateModel';
import type { IdentityRole } from '../template/identity';
import type { LineIndex } from '../text/lineIndex';
import { wordsKey } from '../text/normalize';
import { parseDate } from '../time';
import type { Span } from '../types';

/** Lookups the rules share over the report model. */

export function sectionByKey(model: ReportModel, key: string): Section | undefined {
  return model.sections.find((s) => s.key === key);
}

/**
 * A header field (`**Date:** 2026-11-26`) is one line: a label alone on its line has no
 * value, whatever prose follows it. The following lines are not the value, so a fix writes
 * after the label instead of over them.
 */
export function headerField(model: ReportModel, key: string): Field | undefined {
  const field = model.preamble.content.fields.find((f) => f.key === key);
  if (!field?.valueBelowLabel) return field;
  const end = field.labelSpan.end;
  return { ...field, value: '', valueSpan: { start: end, end }, span: field.labelSpan, valueBelowLabel: false };
}

/**
 * The report's field for a role the template declares (its ID, date or severity field), read
 * where the template has it: the header (as headerField reads it), else the same section.
 * Undefined when the template has no such field or the report lacks it.
 */
export function identityField(model: ReportModel, template: TemplateModel, role: IdentityRole): Field | undefined {
  const declared = template.identity[role];
  if (!declared) return undefined;
  const inHeader = headerField(model, declared.key);
  if (inHeader || declared.sectionKey === undefined) return inHeader;
  return sectionByKey(model, declared.sectionKey)?.content.fields.find((f) => f.key === declared.key);
}

export function allContents(model: ReportModel): SectionContent[] {
  return [model.preamble.content, ...model.sections.map((s) => s.content)];
}

/** Every text run of the report, in document order (preamble, then section by section). */
export function allTextRuns(model: ReportModel): TextRun[] {
  return allContents(model).flatMap((content) => content.textRuns);
}

/** The report's table that plays the template table's part (same section, then same columns). */
export function findTable(model: ReportModel, templateTable: TemplateTable | undefined): { section: Section; table: Table | undefined } | undefined {
  if (!templateTable) return undefined;
  const section = sectionByKey(model, templateTable.sectionKey);
  if (!section) return undefined;
  const tables = section.content.tables.filter((t) => t.subsection === templateTable.subsection || templateTable.subsection === undefined);
  const byColumns = tables.find((t) => t.columns.map(wordsKey).join('|') === templateTable.columnKeys.join('|'));
  return { section, table: byColumns ?? tables[0] ?? section.content.tables[0] };
}

/** The report's timeline table, when it is one (timelineSource.ts gives the rows of either form). */
export function timeline(model: ReportModel, template: TemplateModel): { section: Section; table: Table | undefined } | undefined {
  const found = reportTimeline(model, template);
  return found && { section: found.section, table: found.kind === 'table' ? found.table : undefined };
}

/** The report's action items table: in the template's section, the first table with an Action column (by role). */
export function actionItemsTable(model: ReportModel, template: TemplateModel): Table | undefined {
  const expected = template.actionItems;
  if (!expected) return undefined;
  const section = sectionByKey(model, expected.sectionKey);
  const tables = (section?.content.tables ?? []).filter((t) => expected.subsection === undefined || t.subsection === expected.subsection);
  return tables.find((t) => resolveColumns('actionItems', t.columns, template.columnNames).index.action !== undefined);
}

/** Days since epoch of the report's `**Date:**`, when it is a real date. */
export function reportDay(model: ReportModel): number | undefined {
  const date = headerField(model, 'date');
  return date ? parseDate(date.value) : undefined;
}

/** The span of the line holding `offset`, for problems that belong to a whole line. */
export function lineOf(lines: LineIndex, offset: number): Span {
  return lines.lineSpanAt(offset);
}

/** Where a problem about a missing header field is shown: the title or the first line. */
export function headerAnchor(model: ReportModel, lines: LineIndex): Span {
  const title = model.preamble.title;
  if (title) return title.span;
  // The first line with text after the front matter; else the front matter's closing fence.
  const from = model.frontMatter ? lines.positionAt(model.frontMatter.span.end).line + 1 : 0;
  for (let line = from; line < lines.lineCount; line++) {
    const span = { start: lines.lineStart(line), end: lines.lineEnd(line) };
    if (lines.text.slice(span.start, span.end).trim() !== '') return span;
  }
  return lines.lineSpanAt(model.frontMatter ? model.frontMatter.span.end : 0);
}
