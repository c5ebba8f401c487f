/**
 * What the tool understood of a template (`incident-report template check`): the same
 * TemplateModel the rules read, laid out as plain data, with what is missing or ambiguous.
 * Nothing here decides anew: column roles, the timeline and the action items come from
 * the functions the rules and New Incident use.
 */
import { MILESTONES } from '../milestones';
import { LineIndex } from '../text/lineIndex';
import { resolveColumns, type ColumnRole, type ResolvedColumns } from './columnRoles';
import type { TemplateModel, TemplateTable } from './templateModel';

export interface TemplateHeading {
  readonly title: string;
  /** 2 for a section (`##`), 3 or more for a heading inside one. */
  readonly level: number;
  /** 1-based line in the template. */
  readonly line: number;
}

export interface TemplateColumn {
  readonly name: string;
  /** The part the rules read it as; undefined when none (the column is not read). */
  readonly role: ColumnRole | undefined;
}

export interface TemplateTableSummary {
  readonly section: string;
  readonly kind: 'timeline' | 'action items' | 'metrics' | undefined;
  readonly columns: readonly TemplateColumn[];
  /** A timeline written as a bullet list (`- 13:26 Alert fired`): no columns. */
  readonly form: 'table' | 'list';
}

export interface TemplateProblem {
  /** error: the template cannot be used as it is (exit 1); warning: ambiguous, some checks see nothing. */
  readonly level: 'error' | 'warning';
  readonly message: string;
}

export interface TemplateSummary {
  readonly sections: readonly TemplateHeading[];
  readonly headerFields: readonly string[];
  readonly sectionFields: readonly { readonly section: string; readonly field: string }[];
  readonly tables: readonly TemplateTableSummary[];
  readonly severityLevels: readonly string[];
  readonly checklists: readonly { readonly section: string; readonly field: string | undefined; readonly choice: string; readonly options: readonly string[] }[];
  readonly placeholders: { readonly tokens: readonly string[]; readonly shapes: readonly string[] };
  readonly evidenceSlots: readonly { readonly section: string; readonly field: string | undefined; readonly kind: string }[];
  /** The milestone words the timeline rules look for (built in, not read from the template). */
  readonly milestoneWords: readonly { readonly milestone: string; readonly patterns: readonly string[]; readonly firstRowOnly: readonly string[] }[];
  readonly problems: readonly TemplateProblem[];
}

/** Whether a summary's template can be used: no problem of level error. */
export function templateUsable(summary: TemplateSummary): boolean {
  return !summary.problems.some((p) => p.level === 'error');
}

export function summarizeTemplate(template: TemplateModel): TemplateSummary {
  const lines = new LineIndex(template.text);
  const lineOf = (offset: number): number => lines.positionAt(offset).line + 1;
  const sections: TemplateHeading[] = [];
  for (const section of template.report.sections) {
    sections.push({ title: section.title, level: 2, line: lineOf(section.headingSpan.start) });
    for (const sub of section.content.subsections) sections.push({ title: sub.title, level: sub.depth, line: lineOf(sub.headingSpan.start) });
  }
  const titleOf = (key: string): string => template.sections.find((s) => s.key === key)?.title ?? key;
  /** A field as the template writes it, from its key. */
  const fieldLabel = (sectionKey: string, key: string | undefined): string | undefined =>
    key === undefined ? undefined : (template.sections.find((s) => s.key === sectionKey)?.fields.find((f) => f.key === key)?.label ?? key);

  // The roles every reader resolves (columnRoles.ts), for the timeline and action items tables.
  const resolved = new Map<TemplateTable, ResolvedColumns>();
  if (template.timeline && template.timeline.form !== 'list') resolved.set(template.timeline, resolveColumns('timeline', template.timeline.columns, template.columnNames));
  if (template.actionItems) resolved.set(template.actionItems, resolveColumns('actionItems', template.actionItems.columns, template.columnNames));
  const allTables = template.sections.flatMap((s) => s.tables);
  const kindOf = (table: TemplateTable): TemplateTableSummary['kind'] => (table === template.timeline ? 'timeline' : table === template.actionItems ? 'action items' : table === template.metrics ? 'metrics' : undefined);
  const tables: TemplateTableSummary[] = allTables.map((table) => ({
    section: titleOf(table.sectionKey),
    kind: kindOf(table),
    columns: table.columns.map((name, index) => ({ name, role: resolved.get(table)?.roles[index] })),
    form: 'table',
  }));
  if (template.timeline?.form === 'list') tables.push({ section: titleOf(template.timeline.sectionKey), kind: 'timeline', columns: [], form: 'list' });

  const problems: TemplateProblem[] = [];
  if (template.sections.length === 0) problems.push({ level: 'error', message: 'no "##" section: reports would be checked against no section at all' });
  if (template.severityLevels.length === 0) {
    problems.push({ level: 'error', message: 'no severity levels: write them on a header line such as "**Severity:** 🔴 Critical / 🟡 Major / 🟢 Minor" (`new` needs them)' });
  }
  if (!template.headerFields.some((f) => f.key === 'incident id') && !(template.report.frontMatter?.data && 'Status' in template.report.frontMatter.data && 'Title' in template.report.frontMatter.data)) {
    problems.push({ level: 'warning', message: 'no "**Incident ID:**" header field and no front matter with Status and Title: reports written from it are not found in a folder' });
  }
  if (!template.timeline) problems.push({ level: 'warning', message: 'no timeline found (a table with a time column or a bullet list in a "Timeline" section, or a table with a Time, When or Timestamp column): the timeline checks see nothing' });
  for (const [table, columns] of resolved) {
    const where = `the ${kindOf(table)} table (in "## ${titleOf(table.sectionKey)}")`;
    if (table === template.timeline && columns.index.event === undefined) problems.push({ level: 'warning', message: `${where} has no event column (Event, Description, What happened…): milestones cannot be read from it` });
    // One problem per cause: a column left out by an ambiguity is said there, not again here.
    const unread = table.columns.filter((_, i) => columns.roles[i] === undefined && !columns.ambiguous.includes(i));
    if (unread.length > 0) problems.push({ level: 'warning', message: `${where}: ${unread.map((c) => `"${c}"`).join(', ')} ${unread.length === 1 ? 'has' : 'have'} no role and ${unread.length === 1 ? 'is' : 'are'} not read` });
    for (const note of columns.ambiguities) problems.push({ level: 'warning', message: `${where}: ${note}` });
  }
  if (!template.actionItems) problems.push({ level: 'warning', message: 'no action items table found (a table with Action and Owner columns): the action-item checks see nothing' });
  const seen = new Map<string, string>();
  for (const section of template.sections) {
    if (section.key === '') continue;
    const earlier = seen.get(section.key);
    if (earlier !== undefined) problems.push({ level: 'warning', message: `duplicate section names: "## ${earlier}" and "## ${section.title}" are the same section (headings match by their words)` });
    else seen.set(section.key, section.title);
  }

  return {
    sections,
    headerFields: template.headerFields.map((f) => f.label),
    sectionFields: template.sections.flatMap((s) => s.fields.map((f) => ({ section: s.title, field: f.label }))),
    tables,
    severityLevels: template.severityLevels.map((l) => l.label),
    checklists: template.sections.flatMap((s) => s.checklists.map((c) => ({ section: s.title, field: fieldLabel(c.sectionKey, c.field), choice: c.choice, options: c.options }))),
    placeholders: { tokens: template.placeholders.tokens, shapes: template.placeholders.shapes },
    evidenceSlots: template.evidenceSlots.map((e) => ({ section: titleOf(e.sectionKey), field: fieldLabel(e.sectionKey, e.field), kind: e.kind })),
    milestoneWords: MILESTONES.map((m) => ({ milestone: m.name, patterns: m.anywhere.map(readable), firstRowOnly: m.firstRowOnly.map(readable) })),
    problems,
  };
}

/** A milestone pattern as people read it: `\bdetected\b` -> `detected`. */
function readable(pattern: RegExp): string {
  return pattern.source.replace(/\\b/g, '');
}
