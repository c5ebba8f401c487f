/**
 * What the tool understood of a template (`incident-report template check`): the same
 * TemplateModel the rules read, laid out as plain data, with what is missing or ambiguous.
 * Nothing here decides anew: column roles, the timeline and the action items come from
 * the functions the rules and New Incident use.
 */
import { MILESTONES } from '../milestones';
import { actionItemColumns } from '../rules/actionItem';
import { findTable } from '../rules/query';
import { LineIndex } from '../text/lineIndex';
import { columnRoles } from '../timelineEdit';
import { hasReportShape } from './reportShape';
import { isTimeColumn, type TemplateModel, type TemplateTable } from './templateModel';
import { describeParseOptions } from './templateShape';

export interface TemplateHeading {
  readonly title: string;
  /** The heading's level: a section's is at most `reading.sectionLevel` (2, `##`, by default); deeper ones are inside one. */
  readonly level: number;
  /** 1-based line in the template. */
  readonly line: number;
}

export interface TemplateColumn {
  readonly name: string;
  /** The part the rules read it as; undefined when none. */
  readonly role: 'time' | 'event' | 'actor' | 'action' | 'owner' | 'due' | 'status' | undefined;
}

export interface TemplateTableSummary {
  readonly section: string;
  readonly kind: 'timeline' | 'action items' | 'metrics' | undefined;
  readonly columns: readonly TemplateColumn[];
}

export interface TemplateProblem {
  /** error: the template cannot be used as it is (exit 1); warning: ambiguous, some checks see nothing. */
  readonly level: 'error' | 'warning';
  readonly message: string;
}

/** How reports of the template are read (its ParseOptions, in words). */
export interface TemplateReading {
  /** Heading level of a section (2: `##`). */
  readonly sectionLevel: number;
  /** Whether setext headings (a line over `---`) are sections. */
  readonly setext: boolean;
  /** The section headings, in words (`### ATX headings and setext headings`). */
  readonly sections: string;
  /** The forms fields are read in (`**Label:** value`, headings as labels, key-value table rows, front matter keys). */
  readonly fieldForms: readonly string[];
}

export interface TemplateSummary {
  readonly reading: TemplateReading;
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
    sections.push({ title: section.title, level: headingLevel(template.text.slice(section.headingSpan.start, section.headingSpan.end)), line: lineOf(section.headingSpan.start) });
    for (const sub of section.content.subsections) sections.push({ title: sub.title, level: sub.depth, line: lineOf(sub.headingSpan.start) });
  }
  const titleOf = (key: string): string => template.sections.find((s) => s.key === key)?.title ?? key;
  /** A field as the template writes it, from its key. */
  const fieldLabel = (sectionKey: string, key: string | undefined): string | undefined =>
    key === undefined ? undefined : (template.sections.find((s) => s.key === sectionKey)?.fields.find((f) => f.key === key)?.label ?? key);

  const timelineRoles = columnRoles(template);
  const actionTable = findTable(template.report, template.actionItems)?.table;
  const actionRoles = actionTable ? actionItemColumns(actionTable, template) : undefined;
  const roleIn = (table: TemplateTable, index: number): TemplateColumn['role'] => {
    if (table === template.timeline) {
      const role = timelineRoles[index];
      return role === 'other' ? undefined : role;
    }
    if (table === template.actionItems && actionRoles) {
      const found = (['action', 'owner', 'due', 'status'] as const).find((role) => actionRoles[role] === index);
      return found;
    }
    return undefined;
  };
  const allTables = template.sections.flatMap((s) => s.tables);
  const tables: TemplateTableSummary[] = allTables.map((table) => ({
    section: titleOf(table.sectionKey),
    kind: table === template.timeline ? 'timeline' : table === template.actionItems ? 'action items' : table === template.metrics ? 'metrics' : undefined,
    columns: table.columns.map((name, index) => ({ name, role: roleIn(table, index) })),
  }));

  const problems: TemplateProblem[] = [];
  if (template.sections.length === 0) problems.push({ level: 'error', message: 'no "##" section: reports would be checked against no section at all' });
  if (template.severityLevels.length === 0) {
    problems.push({ level: 'error', message: 'no severity levels: write them on a header line such as "**Severity:** 🔴 Critical / 🟡 Major / 🟢 Minor" (`new` needs them)' });
  }
  // Without either, reports are found by the template's shape (template/reportShape.ts), when it has enough of one.
  if (!template.headerFields.some((f) => f.key === 'incident id') && !(template.report.frontMatter?.data && 'Status' in template.report.frontMatter.data && 'Title' in template.report.frontMatter.data) && !hasReportShape(template)) {
    problems.push({ level: 'warning', message: 'no "**Incident ID:**" header field and no front matter with Status and Title: reports written from it are not found in a folder' });
  }
  if (!template.timeline) problems.push({ level: 'warning', message: 'no timeline table found (a table in a "Timeline" section, or one with a Time, When or Timestamp column): the timeline checks see nothing' });
  else {
    const where = `the timeline table (in "## ${titleOf(template.timeline.sectionKey)}")`;
    if (!timelineRoles.includes('event')) problems.push({ level: 'warning', message: `${where} has no Event, What or Description column` });
    if (!template.timeline.columnKeys.some(isTimeColumn)) problems.push({ level: 'warning', message: `${where} has no Time, When or Timestamp column: its first column "${template.timeline.columns[0] ?? ''}" is read as the time` });
  }
  if (!template.actionItems) problems.push({ level: 'warning', message: 'no action items table found (a table with Action and Owner columns): the action-item checks see nothing' });
  const seen = new Map<string, string>();
  for (const section of template.sections) {
    if (section.key === '') continue;
    const earlier = seen.get(section.key);
    if (earlier !== undefined) problems.push({ level: 'warning', message: `duplicate section names: "## ${earlier}" and "## ${section.title}" are the same section (headings match by their words)` });
    else seen.set(section.key, section.title);
  }

  const reading = describeParseOptions(template.parseOptions);
  return {
    reading: { sectionLevel: template.parseOptions.sectionDepth, setext: template.parseOptions.setext, sections: reading.sections, fieldForms: reading.fieldForms },
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

/** An ATX heading's level from its `#` markers; a setext one's from its underline (`=` 1, `-` 2). */
function headingLevel(raw: string): number {
  const atx = /^ {0,3}(#{1,6})/.exec(raw);
  if (atx) return atx[1]!.length;
  return /=[ \t]*$/.test(raw) ? 1 : 2;
}

/** A milestone pattern as people read it: `\bdetected\b` -> `detected`. */
function readable(pattern: RegExp): string {
  return pattern.source.replace(/\\b/g, '');
}
