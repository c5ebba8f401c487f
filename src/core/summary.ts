import { splitChunks } from './parse/chunks';
import { parseMarkdown } from './parse/markdown';
import { assemble, extractChunk } from './model/extract';
import type { ReportModel } from './model/types';
import { findTable, headerField, timeColumn } from './rules/query';
import { matchLevel } from './rules/severity';
import { columnRoles } from './timelineEdit';
import type { SeverityLevel, TemplateModel } from './template/templateModel';
import { LineIndex } from './text/lineIndex';
import { wordsKey } from './text/normalize';
import { parseDate } from './time';

/** What the Incidents view shows of a report: its header, timeline and action items. */
export interface ReportSummary {
  readonly id: string | undefined;
  readonly title: string | undefined;
  readonly status: string | undefined;
  /** Status Open, Investigating or Mitigated (or none given). */
  readonly open: boolean;
  readonly severity: SeverityLevel | undefined;
  readonly date: string | undefined;
  /** 0-based line to reveal for the report itself (its ID line, else its title). */
  readonly line: number;
  readonly timeline: readonly { readonly time: string; readonly event: string; readonly actor: string; readonly line: number }[];
  readonly actionItems: readonly ActionItemSummary[];
}

export interface ActionItemSummary {
  readonly action: string;
  readonly owner: string;
  readonly due: string;
  readonly status: string;
  readonly done: boolean;
  readonly overdue: boolean;
  readonly line: number;
}

const CLOSED = new Set(['resolved', 'closed']);

/**
 * Summarises a report, parsing only what the view needs (the header and the Timeline and
 * Action Items sections), so indexing a large workspace stays cheap. Undefined when the
 * text is not a report.
 */
export function summarizeReport(text: string, template: TemplateModel, today: string): ReportSummary | undefined {
  const wanted = new Set([template.timeline?.sectionKey, template.actionItems?.sectionKey].filter((k): k is string => !!k));
  // A chunk may hold several sections where the splitter had to be careful: parse those whole.
  const chunks = splitChunks(text).filter((chunk, i) => i === 0 || wanted.has(wordsKey(firstLine(chunk.text).replace(/^##\s*/, ''))) || /[\r\n]##(?:[ \t]|$)/m.test(chunk.text));
  const parsed = chunks.map((chunk) => extractChunk(parseMarkdown(chunk.text), chunk.text, chunk.start));
  const model: ReportModel = { text, ...assemble(text, parsed) };

  const idField = headerField(model, 'incident id');
  const data = model.frontMatter?.data;
  const isReport = !!idField || (!!data && 'Status' in data && 'Title' in data);
  if (!isReport) return undefined;

  const lines = new LineIndex(text);
  const lineOf = (offset: number): number => lines.positionAt(offset).line;
  const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : typeof value === 'number' ? String(value) : undefined);
  const status = str(data?.['Status']);
  const severityField = headerField(model, 'severity');

  const roles = columnRoles(template);
  const cellOf = (cells: readonly { text: string }[], role: string): string => cells[roles.indexOf(role as never)]?.text ?? '';
  const timelineTable = findTable(model, template.timeline)?.table;
  const timelineRows = (timelineTable?.rows ?? []).map((row) => ({
    time: row.cells[timeColumn(template)]?.text ?? '',
    event: cellOf(row.cells, 'event'),
    actor: cellOf(row.cells, 'actor'),
    line: lineOf(row.span.start),
  }));

  const actionTable = findTable(model, template.actionItems)?.table;
  const keys = template.actionItems?.columnKeys ?? [];
  const at = (name: string): number => keys.findIndex((k) => k.includes(name));
  const todayDay = parseDate(today);
  const actionItems = (actionTable?.rows ?? []).map((row) => {
    const cell = (name: string): string => (at(name) >= 0 ? row.cells[at(name)]?.text ?? '' : '');
    const status_ = cell('status');
    const done = wordsKey(status_).split(' ').includes('done');
    const dueDay = parseDate(cell('due'));
    return {
      action: cell('action'),
      owner: cell('owner'),
      due: cell('due'),
      status: status_,
      done,
      overdue: !done && dueDay !== undefined && todayDay !== undefined && dueDay < todayDay,
      line: lineOf(row.span.start),
    };
  });

  return {
    id: idField?.value || undefined,
    title: str(data?.['Title']) ?? model.preamble.title?.text,
    status,
    open: !status || !CLOSED.has(status.toLowerCase()),
    severity: severityField ? matchLevel(severityField.value, template.severityLevels) : undefined,
    date: headerField(model, 'date')?.value || undefined,
    line: idField ? lineOf(idField.labelSpan.start) : model.preamble.title ? lineOf(model.preamble.title.span.start) : 0,
    timeline: timelineRows,
    actionItems,
  };
}

function firstLine(text: string): string {
  const end = text.search(/\r\n|\r|\n/);
  return end < 0 ? text : text.slice(0, end);
}
