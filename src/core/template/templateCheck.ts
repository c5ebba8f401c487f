/**
 * What the tool understood of a template (`incident-report template check`): the same
 * TemplateModel the rules read, laid out as plain data, with what is missing or ambiguous.
 * Nothing here decides anew: column roles, the timeline and the action items come from
 * the functions the rules and New Incident use.
 */
import { milestoneWords } from '../milestones';
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

/** The identity and classification understood (src/core/template/identity.ts); a role absent is undefined. */
export interface TemplateIdentitySummary {
  /** The ID field's label, with where it is (`header` or a section's title). */
  readonly idField: { readonly label: string; readonly in: string } | undefined;
  /** `INC-{YYYYMMDD}-{NNN}`, with an example and where it came from; undefined when there is none. */
  readonly idPattern: { readonly spec: string; readonly example: string; readonly from: 'template' | 'config' } | undefined;
  readonly dateField: { readonly label: string; readonly in: string } | undefined;
  readonly severityField: { readonly label: string; readonly in: string } | undefined;
  /** Where the levels were read: the field's value, a checklist, a comment, or config. */
  readonly severityLevelsFrom: 'value' | 'checklist' | 'comment' | 'config' | undefined;
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
  readonly identity: TemplateIdentitySummary;
  readonly reading: TemplateReading;
  readonly sections: readonly TemplateHeading[];
  readonly headerFields: readonly string[];
  readonly sectionFields: readonly { readonly section: string; readonly field: string }[];
  readonly tables: readonly TemplateTableSummary[];
  readonly severityLevels: readonly string[];
  readonly checklists: readonly { readonly section: string; readonly field: string | undefined; readonly choice: string; readonly options: readonly string[] }[];
  readonly placeholders: { readonly tokens: readonly string[]; readonly shapes: readonly string[] };
  readonly evidenceSlots: readonly { readonly section: string; readonly field: string | undefined; readonly kind: string }[];
  /**
   * The milestone words the timeline rules look for, each milestone named as a new row gets it
   * (the template's own wording when it has a row for it): built in, from the config's
   * `milestones`, and the template's example rows that mark it (`#` stands for a number).
   */
  readonly milestoneWords: readonly { readonly milestone: string; readonly id: string; readonly builtIn: readonly string[]; readonly fromConfig: readonly string[]; readonly fromTemplate: readonly string[] }[];
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

  const identity = template.identity;
  const where = (field: { label: string; sectionKey: string | undefined } | undefined) => field && { label: field.label, in: field.sectionKey === undefined ? 'header' : titleOf(field.sectionKey) };
  if (identity.id && !identity.idScheme) {
    problems.push({ level: 'warning', message: `the "${identity.id.label}" field's example has no pattern tokens (such as INC-[YYYYMMDD]-[NNN] or PM[YYYY]-[NNN]): any value passes; set "idPattern" in the config to check IDs` });
  }
  if (identity.severity && template.severityLevels.length === 0) {
    problems.push({ level: 'warning', message: `the "${identity.severity.label}" field lists no levels (such as "SEV1 / SEV2 / SEV3"): any value passes; set "severityLevels" in the config` });
  }

  const reading = describeParseOptions(template.parseOptions);
  return {
    reading: { sectionLevel: template.parseOptions.sectionDepth, setext: template.parseOptions.setext, sections: reading.sections, fieldForms: reading.fieldForms },
    identity: {
      idField: where(identity.id),
      idPattern: identity.idScheme && identity.idSchemeSource ? { spec: identity.idScheme.spec, example: identity.idScheme.example, from: identity.idSchemeSource } : undefined,
      dateField: where(identity.date),
      severityField: where(identity.severity),
      severityLevelsFrom: identity.severityLevelsSource,
    },
    sections,
    headerFields: template.headerFields.map((f) => f.label),
    sectionFields: template.sections.flatMap((s) => s.fields.map((f) => ({ section: s.title, field: f.label }))),
    tables,
    severityLevels: template.severityLevels.map((l) => l.label),
    checklists: template.sections.flatMap((s) => s.checklists.map((c) => ({ section: s.title, field: fieldLabel(c.sectionKey, c.field), choice: c.choice, options: c.options }))),
    placeholders: { tokens: template.placeholders.tokens, shapes: template.placeholders.shapes },
    evidenceSlots: template.evidenceSlots.map((e) => ({ section: titleOf(e.sectionKey), field: fieldLabel(e.sectionKey, e.field), kind: e.kind })),
    milestoneWords: milestoneWords(template).map((m) => ({ milestone: m.name, id: m.id, builtIn: m.builtIn, fromConfig: m.fromConfig, fromTemplate: m.fromTemplate })),
    problems,
  };
}

/** An ATX heading's level from its `#` markers; a setext one's from its underline (`=` 1, `-` 2). */
function headingLevel(raw: string): number {
  const atx = /^ {0,3}(#{1,6})/.exec(raw);
  if (atx) return atx[1]!.length;
  return /=[ \t]*$/.test(raw) ? 1 : 2;
}
