/**
 * What the tool understood of a template (`incident-report template check`): the same
 * TemplateModel the rules read, laid out as plain data, with what is missing or ambiguous.
 * Nothing here decides anew: column roles, the timeline and the action items come from
 * the functions the rules and New Incident use.
 */
import { milestoneWords } from '../milestones';
import { findTable, headerField } from '../rules/query';
import { LineIndex } from '../text/lineIndex';
import { resolveColumns, type ColumnRole, type ResolvedColumns } from './columnRoles';
import { hasReportShape } from './reportShape';
import type { TemplateModel, TemplateTable } from './templateModel';
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
  /** 1-based line in the template the problem is about (the Severity field, the timeline's header row…); absent when it is about the whole file. */
  readonly line?: number;
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
  /** A problem's `line`, when it is about one place of the template. */
  const at = (offset: number | undefined): { line?: number } => (offset === undefined ? {} : { line: lineOf(offset) });
  const sections: TemplateHeading[] = [];
  for (const section of template.report.sections) {
    sections.push({ title: section.title, level: headingLevel(template.text.slice(section.headingSpan.start, section.headingSpan.end)), line: lineOf(section.headingSpan.start) });
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
  // No levels is usable: `new` then asks for none and the severity rule is silent (docs/templates.md).
  // A severity field that lists none is worth a warning (on its line when in the header): any value passes.
  const severityField = template.severityLevels.length === 0 ? template.identity.severity : undefined;
  if (severityField) {
    const line = severityField.sectionKey === undefined ? headerField(template.report, severityField.key)?.labelSpan.start : undefined;
    problems.push({ level: 'warning', message: `the "${severityField.label}" field lists no levels: any value passes and \`new\` offers none; write them in the field, such as "**Severity:** 🔴 Critical / 🟡 Major / 🟢 Minor", or set "severityLevels" in the config`, ...at(line) });
  }
  // Without either, reports are found by the template's shape (template/reportShape.ts), when it has enough of one.
  if (!template.headerFields.some((f) => f.key === 'incident id') && !(template.report.frontMatter?.data && 'Status' in template.report.frontMatter.data && 'Title' in template.report.frontMatter.data) && !hasReportShape(template)) {
    problems.push({ level: 'warning', message: 'no "**Incident ID:**" header field and no front matter with Status and Title: reports written from it are not found in a folder' });
  }
  if (!template.timeline) problems.push({ level: 'warning', message: 'no timeline found (a table with a time column or a bullet list in a "Timeline" section, or a table with a Time, When or Timestamp column): the timeline checks see nothing' });
  for (const [table, columns] of resolved) {
    const where = `the ${kindOf(table)} table (in "## ${titleOf(table.sectionKey)}")`;
    // A problem about a table's columns is on its header row.
    const headerRow = at(findTable(template.report, table)?.table?.header.span.start);
    if (table === template.timeline && columns.index.event === undefined) problems.push({ level: 'warning', message: `${where} has no event column (Event, Description, What happened…): milestones cannot be read from it`, ...headerRow });
    // One problem per cause: a column left out by an ambiguity is said there, not again here.
    const unread = table.columns.filter((_, i) => columns.roles[i] === undefined && !columns.ambiguous.includes(i));
    if (unread.length > 0) problems.push({ level: 'warning', message: `${where}: ${unread.map((c) => `"${c}"`).join(', ')} ${unread.length === 1 ? 'has' : 'have'} no role and ${unread.length === 1 ? 'is' : 'are'} not read`, ...headerRow });
    for (const note of columns.ambiguities) problems.push({ level: 'warning', message: `${where}: ${note}`, ...headerRow });
  }
  if (!template.actionItems) problems.push({ level: 'warning', message: 'no action items table found (a table with Action and Owner columns): the action-item checks see nothing' });
  const seen = new Map<string, string>();
  for (const section of template.report.sections) {
    if (section.key === '') continue;
    const earlier = seen.get(section.key);
    if (earlier !== undefined) problems.push({ level: 'warning', message: `duplicate section names: "## ${earlier}" and "## ${section.title}" are the same section (headings match by their words)`, ...at(section.headingSpan.start) });
    else seen.set(section.key, section.title);
  }

  const identity = template.identity;
  const where = (field: { label: string; sectionKey: string | undefined } | undefined) => field && { label: field.label, in: field.sectionKey === undefined ? 'header' : titleOf(field.sectionKey) };
  if (identity.id && !identity.idScheme) {
    problems.push({ level: 'warning', message: `the "${identity.id.label}" field's example has no pattern tokens (such as INC-[YYYYMMDD]-[NNN] or PM[YYYY]-[NNN]): any value passes; set "idPattern" in the config to check IDs` });
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

/** What the template declares for the ID, date and severity; "none" and its effect when it has none. */
function identityLines(identity: TemplateSummary['identity']): string[] {
  const at = (field: { label: string; in: string }): string => `"${field.label}"${field.in === 'header' ? '' : ` (in ${field.in})`}`;
  const pattern = identity.idPattern ? `pattern ${identity.idPattern.spec}, e.g. ${identity.idPattern.example} (from the ${identity.idPattern.from === 'config' ? 'config\'s idPattern' : "template's example"})` : 'no pattern: any value passes';
  return [
    identity.idField ? `ID field: ${at(identity.idField)}, ${pattern}` : 'ID field: none (incident-id is silent)',
    identity.dateField ? `Date field: ${at(identity.dateField)}` : 'Date field: none (incident-date is silent)',
    identity.severityField
      ? `Severity field: ${at(identity.severityField)}${identity.severityLevelsFrom ? `, levels from ${identity.severityLevelsFrom === 'config' ? "the config's severityLevels" : `its ${identity.severityLevelsFrom}`}` : ', no levels'}`
      : `Severity field: none (severity is silent${identity.severityLevelsFrom === 'config' ? " unless a report has a Severity field; levels from the config's severityLevels" : ''})`,
  ];
}

/**
 * The summary for people, one block per part, problems last (with their line): what
 * `template check` prints and the editor's Check Template shows. `name` is shown as given.
 */
export function formatTemplateSummary(name: string, summary: TemplateSummary, usable: boolean): string {
  const out: string[] = [`Template: ${name}`];
  const list = (items: readonly string[]): string => (items.length ? items.join(', ') : '(none)');
  const sectionLevel = summary.reading.sectionLevel;
  out.push(`Sections (${summary.sections.filter((s) => s.level <= sectionLevel).length}, in order):`);
  for (const s of summary.sections) out.push(`  ${'  '.repeat(Math.max(0, s.level - sectionLevel))}${'#'.repeat(s.level)} ${s.title}  (line ${s.line})`);
  out.push(...identityLines(summary.identity));
  out.push(`Section headings read: ${summary.reading.sections}`);
  out.push(`Field forms read: ${summary.reading.fieldForms.join('; ')}`);
  out.push(`Header fields: ${list(summary.headerFields)}`);
  out.push('Section fields:');
  const bySection = new Map<string, string[]>();
  for (const f of summary.sectionFields) bySection.set(f.section, [...(bySection.get(f.section) ?? []), f.field]);
  if (bySection.size === 0) out.push('  (none)');
  for (const [section, fields] of bySection) out.push(`  ${section}: ${fields.join(', ')}`);
  out.push('Tables:');
  if (summary.tables.length === 0) out.push('  (none)');
  // A timeline or action items column with no role is not read: said so, next to the roles.
  const column = (t: (typeof summary.tables)[number], c: (typeof t.columns)[number]): string => (c.role ? `${c.name} (${c.role})` : t.kind === 'timeline' || t.kind === 'action items' ? `${c.name} (not read)` : c.name);
  for (const t of summary.tables) out.push(`  ${t.section}${t.kind ? ` [${t.kind}]` : ''}: ${t.form === 'list' ? 'a bullet list (- HH:MM event)' : t.columns.map((c) => column(t, c)).join(' | ')}`);
  out.push(`Severity levels: ${list(summary.severityLevels)}`);
  out.push('Checklists:');
  if (summary.checklists.length === 0) out.push('  (none)');
  for (const c of summary.checklists) out.push(`  ${c.section}${c.field ? ` / ${c.field}` : ''} (${c.choice}): ${c.options.join('; ')}`);
  out.push(`Placeholders: ${list(summary.placeholders.tokens)}${summary.placeholders.shapes.length ? `; shapes: ${summary.placeholders.shapes.join(', ')}` : ''}`);
  out.push(`Evidence slots: ${list(summary.evidenceSlots.map((e) => `${e.section}${e.field ? ` / ${e.field}` : ''} (${e.kind})`))}`);
  out.push('Milestone words (a row whose event has one of them marks the milestone; # is a number):');
  for (const m of summary.milestoneWords) {
    const from = [m.fromTemplate.length ? `from the template: ${m.fromTemplate.join(', ')}` : '', m.fromConfig.length ? `from config: ${m.fromConfig.join(', ')}` : '', `built in: ${m.builtIn.join(', ')}`];
    out.push(`  ${m.milestone} (${m.id}): ${from.filter(Boolean).join('; ')}`);
  }
  if (summary.problems.length) {
    out.push('Problems:');
    for (const p of summary.problems) out.push(`  ${p.level}: ${p.message}${p.line === undefined ? '' : ` (line ${p.line})`}`);
  }
  const errors = summary.problems.filter((p) => p.level === 'error').length;
  const warnings = summary.problems.length - errors;
  out.push(usable ? `Usable${warnings ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''}.` : `Not usable: ${errors} error${errors === 1 ? '' : 's'}.`);
  return out.join('\n');
}
