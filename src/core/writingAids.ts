/**
 * What the editor offers while a report is written, computed from the model: the template's
 * help for the field under the cursor, the UTC value of a timeline time, and where a
 * completion of names or evidence paths applies (and the names this report already holds).
 * The server adds what only the workspace knows (other reports' owners, evidence files).
 */
import { evidenceFolder, evidencePaths, reportIncidentId } from './evidence';
import type { Field, ReportModel, Section, Table, TableRow } from './model/types';
import { actionItemColumns } from './rules/actionItem';
import { perTemplate } from './rules/cache';
import { actionItemsTable, reportDay } from './rules/query';
import { findPlaceholders } from './template/placeholders';
import type { FieldHelp, TemplateField, TemplateModel } from './template/templateModel';
import { parseTimelineTime } from './time';
import { reportTimeline } from './timelineSource';
import type { Span } from './types';

export interface FieldAt {
  readonly label: string;
  /** The `##` section's title as written; undefined in the header. */
  readonly section: string | undefined;
  readonly help: FieldHelp | undefined;
  /** The label, its inline value, or the block under the label the offset is in. */
  readonly span: Span;
}

/** The labelled field at `offset` (on its label, its inline value or a block under it) and the template's help for it. */
export function fieldAt(model: ReportModel, template: TemplateModel, offset: number): FieldAt | undefined {
  const inside = (span: Span): boolean => span.start <= offset && offset <= span.end;
  const find = (fields: readonly Field[]): { field: Field; span: Span } | undefined => {
    for (const field of fields) {
      if (inside(field.span)) return { field, span: field.span };
      const block = field.blocks.find((b) => inside(b.span));
      if (block) return { field, span: block.span };
    }
    return undefined;
  };
  const section = model.sections.find((s) => inside(s.span));
  const found = find(section ? section.content.fields : model.preamble.content.fields);
  if (!found) return undefined;
  const { field, span } = found;
  return { label: field.label, section: section?.title, help: templateField(template, section, field)?.help, span };
}

/** The template's field a report's field plays: same section, same label (same `###` first). */
function templateField(template: TemplateModel, section: Section | undefined, field: Field): TemplateField | undefined {
  const fields = section ? template.sections.find((s) => s.key === section.key)?.fields ?? [] : template.headerFields;
  const sameKey = fields.filter((f) => f.key === field.key);
  return sameKey.find((f) => f.subsection === field.subsection) ?? sameKey[0];
}

/** A timeline Time cell at `offset` written with an offset or zone: what it is in UTC. */
export function timelineTimeAt(model: ReportModel, template: TemplateModel, offset: number): { readonly written: string; readonly utc: string | undefined; readonly span: Span } | undefined {
  const found = reportTimeline(model, template);
  // The time of the row at the offset: in the time cell of a table row, anywhere on a bullet's time.
  const row = found?.rows.find((r) => r.span.start <= offset && offset <= r.span.end);
  const inTime =
    !!row?.time &&
    (found?.kind === 'table' ? cellAt(model.text, found.table, offset)?.column === found.columns.index.time : row.time.span.start <= offset && offset <= row.time.span.end);
  if (!row?.time || !inTime) return undefined;
  const written = row.time.text;
  const time = parseTimelineTime(written, reportDay(model));
  if (time.kind !== 'offset') return undefined;
  return { written, utc: time.utc, span: row.time.span };
}

export type CompletionContext =
  /** The timeline's actor column: the names already in the report (its actors, then People Involved). */
  | { readonly kind: 'actor'; readonly span: Span; readonly names: readonly string[] }
  /** The action items' Owner column: the report's owners, then People Involved (the server adds other reports' owners). */
  | { readonly kind: 'owner'; readonly span: Span; readonly names: readonly string[] }
  /** An evidence path: files of `folder` (`evidence/<INC-ID>/`) complete it. */
  | { readonly kind: 'evidence'; readonly span: Span; readonly folder: string };

/** What completes at `offset`, if anything: a name in the actor or Owner column, or an evidence path. */
export function completionContextAt(model: ReportModel, template: TemplateModel, offset: number, fileName: string | undefined): CompletionContext | undefined {
  const found = reportTimeline(model, template);
  const actorColumn = found?.kind === 'table' ? found.columns.index.actor : undefined;
  const actorCell = found?.kind === 'table' && actorColumn !== undefined ? cellAt(model.text, found.table, offset) : undefined;
  if (actorCell && actorColumn !== undefined && actorCell.column === actorColumn) return { kind: 'actor', span: replaceSpan(actorCell.row, actorColumn, offset), names: unique([...actorsOf(model, template), ...peopleOf(model, template)]) };

  const actionTable = actionItemsTable(model, template);
  const ownerColumn = actionTable ? actionItemColumns(actionTable, template).owner : undefined;
  const ownerCell = actionTable && ownerColumn !== undefined ? cellAt(model.text, actionTable, offset) : undefined;
  if (ownerCell && ownerColumn !== undefined && ownerCell.column === ownerColumn) return { kind: 'owner', span: replaceSpan(ownerCell.row, ownerColumn, offset), names: unique([...ownersOf(model, template), ...peopleOf(model, template)]) };

  const evidence = evidencePaths(model, template).find((p) => p.span.start <= offset && offset <= p.span.end);
  const id = evidence && reportIncidentId(model, fileName, template);
  if (evidence && id) return { kind: 'evidence', span: evidence.span, folder: evidenceFolder(id) };
  return undefined;
}

/** The actors the report's timeline names. */
export function actorsOf(model: ReportModel, template: TemplateModel): string[] {
  const rows = reportTimeline(model, template)?.rows ?? [];
  return unique(rows.map((r) => r.actor?.text.trim() ?? '').filter((n) => isName(n, template)));
}

/** The people the report's People Involved section names: its fields' values and list items. */
export function peopleOf(model: ReportModel, template: TemplateModel): string[] {
  const names: string[] = [];
  const people = model.sections.find((s) => s.key === peopleSectionKey(template));
  if (people) {
    names.push(...people.content.fields.map((f) => f.value));
    for (const list of people.content.lists) names.push(...list.items.map((i) => i.text));
  }
  return unique(names.map((n) => n.trim()).filter((n) => isName(n, template)));
}

/** The owners the report's action items name. */
export function ownersOf(model: ReportModel, template: TemplateModel): string[] {
  const table = actionItemsTable(model, template);
  const column = table && actionItemColumns(table, template).owner;
  if (!table || column === undefined) return [];
  return unique(table.rows.map((r) => r.cells[column]?.text.trim() ?? '').filter((n) => isName(n, template)));
}

/** The template's section that lists the people involved (`## 👥 People Involved`). */
export const peopleSectionKey = perTemplate((template) => template.sections.find((s) => /\b(?:people|participants|responders)\b/.test(s.key))?.key);

/** Something written, not the template's placeholder (`[Name]`, `_____`) nor a lone dash. */
export function isName(text: string, template: TemplateModel): boolean {
  return text !== '' && !/^[-—–]+$/.test(text) && findPlaceholders(text, template.placeholders).length === 0;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** The body row and column of `table` whose cell holds `offset` (between its pipes). */
function cellAt(text: string, table: Table, offset: number): { row: TableRow; column: number } | undefined {
  const row = table.rows.find((r) => r.span.start <= offset && offset <= r.span.end);
  if (!row) return undefined;
  const before = text.slice(row.span.start, offset);
  // Unescaped pipes before the offset; a row opening with a pipe starts its first cell after it.
  const pipes = (before.match(/(?<!\\)\|/g) ?? []).length;
  const column = /^\s*\|/.test(text.slice(row.span.start, row.span.end)) ? pipes - 1 : pipes;
  return column >= 0 && column < row.cells.length ? { row, column } : undefined;
}

/** The cell's written text when the offset is in it, else an empty span at the offset (in its padding). */
function replaceSpan(row: TableRow, column: number, offset: number): Span {
  const span = row.cells[column]!.span;
  return span.start <= offset && offset <= span.end ? span : { start: offset, end: offset };
}
