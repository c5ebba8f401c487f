import type { MilestoneConfig } from '../config';
import { parseReport } from '../model/parseReport';
import type { Checklist, Field, ParseOptions, ReportModel, SectionContent, Table } from '../model/types';
import { wordsKey } from '../text/normalize';
import { exactRole, resolveColumns, type ColumnNames } from './columnRoles';
import { derivePlaceholders, type PlaceholderSet, type TemplateText } from './placeholders';
import { parseLevelList, readIdentity, type IdentityConfig, type SeverityLevel, type TemplateIdentity } from './identity';
import { deriveParseOptions } from './templateShape';

export type { SeverityLevel, TemplateIdentity, IdentityConfig };

/**
 * What the rules know about reports, read from a template's own Markdown: sections and
 * their order, labelled fields, tables and their columns, checklists, evidence slots and
 * placeholders. The default template and a team's custom one go through the same code.
 */
export interface TemplateModel {
  readonly text: string;
  /** How reports of this template are read: section level and style, field forms (templateShape.ts). */
  readonly parseOptions: ParseOptions;
  readonly report: ReportModel;
  readonly sections: readonly TemplateSection[];
  readonly headerFields: readonly TemplateField[];
  /** The ID, date and severity fields, the ID's pattern (src/core/template/identity.ts). */
  readonly identity: TemplateIdentity;
  /** Most severe first; empty when the template (and config) declare none. */
  readonly severityLevels: readonly SeverityLevel[];
  readonly placeholders: PlaceholderSet;
  readonly timeline: TemplateTable | undefined;
  readonly actionItems: TemplateTable | undefined;
  readonly metrics: TemplateTable | undefined;
  readonly evidenceSlots: readonly EvidenceSlot[];
  /** Column names from the config, read before the synonyms (see columnRoles.ts). */
  readonly columnNames: ColumnNames | undefined;
  /** The config's milestone words (`"milestones"`), added to the built-in ones (src/core/milestones.ts). */
  readonly milestoneConfig?: MilestoneConfig;
}

export interface TemplateSection {
  readonly title: string;
  readonly key: string;
  readonly index: number;
  /** The section's source, heading to the next section, for inserting it into a report. */
  readonly source: string;
  readonly subsections: readonly { readonly title: string; readonly key: string }[];
  readonly fields: readonly TemplateField[];
  readonly tables: readonly TemplateTable[];
  readonly checklists: readonly TemplateChecklist[];
}

export interface TemplateField {
  readonly label: string;
  readonly key: string;
  readonly subsection: string | undefined;
  /** The label stands alone and its content follows as blocks (list, code, comment). */
  readonly block: boolean;
  /** Template guidance that counts as empty (the HTML comment under the label). */
  readonly guidance: readonly string[];
  /** What the template writes at the field, shown as help on hover (undefined when nothing). */
  readonly help: FieldHelp | undefined;
}

/**
 * The template's own text at a field: its HTML comment (`Brief description of the
 * incident`), else the example it holds (`INC-[YYYYMMDD]-[NNN]`, a checklist, a code block).
 */
export interface FieldHelp {
  readonly kind: 'comment' | 'example';
  readonly text: string;
}

export interface TemplateTable {
  readonly sectionKey: string;
  readonly subsection: string | undefined;
  readonly columns: readonly string[];
  readonly columnKeys: readonly string[];
  /** `list` for a timeline written as a bullet list (`- 13:26 Alert fired`: no columns); absent for a table. */
  readonly form?: 'list';
}

export type ChoiceKind = 'single' | 'multi' | 'todo';

export interface TemplateChecklist {
  readonly sectionKey: string;
  readonly subsection: string | undefined;
  readonly field: string | undefined;
  readonly options: readonly string[];
  readonly choice: ChoiceKind;
}

export interface EvidenceSlot {
  readonly sectionKey: string;
  readonly subsection: string | undefined;
  readonly field: string | undefined;
  readonly kind: 'code' | 'field';
}

/** What the config overrides: `idPattern` and `severityLevels` (identity.ts), `columns` (columnRoles.ts). */
export interface TemplateOptions extends IdentityConfig {
  readonly columns?: ColumnNames | undefined;
}

/** `options` (`idPattern`, `severityLevels`, `columns`) override what the template declares. */
export function buildTemplateModel(text: string, options: TemplateOptions = {}): TemplateModel {
  const columnNames = options.columns;
  const config: IdentityConfig = { ...(options.idPattern !== undefined ? { idPattern: options.idPattern } : {}), ...(options.severityLevels !== undefined ? { severityLevels: options.severityLevels } : {}) };
  const parseOptions = deriveParseOptions(text);
  const report = parseReport(text, parseOptions);
  const sections: TemplateSection[] = report.sections.map((section, index) => ({
    title: section.title,
    key: section.key,
    index,
    source: text.slice(section.span.start, section.span.end),
    subsections: section.content.subsections.map((s) => ({ title: s.title, key: s.key })),
    fields: section.content.fields.map((f) => toTemplateField(text, f)),
    tables: section.content.tables.map((t) => toTemplateTable(section.key, t)),
    checklists: section.content.checklists.map((c) => toTemplateChecklist(section.key, c)),
  }));

  const headerFields = report.preamble.content.fields.map((f) => toTemplateField(text, f));
  const { identity, severityLevels } = readIdentity(text, report, config);

  const placeholders = derivePlaceholders(allTexts(report));
  const tables = sections.flatMap((s) => s.tables);
  // The timeline: in a section named Timeline (or Chronology), its first table with a time
  // column, else its bullet list; else the first table whose header names a time exactly
  // ("Time", "When", "Timestamp"), so a team template can differ. No time column, no timeline.
  const hasTime = (t: TemplateTable, exactOnly: boolean): boolean => {
    const at = resolveColumns('timeline', t.columns, columnNames).index.time;
    return at !== undefined && (!exactOnly || exactRole('timeline', t.columns[at]!, columnNames) === 'time');
  };
  const timelineSection = sections.find((s) => isTimelineSectionKey(s.key) && (s.tables.length > 0 || listIn(report, s.key)));
  const sectionTable = timelineSection?.tables.find((t) => hasTime(t, false));
  const sectionList = timelineSection && !sectionTable ? listIn(report, timelineSection.key) : undefined;
  const timeline: TemplateTable | undefined =
    sectionTable ??
    (sectionList && timelineSection ? { sectionKey: timelineSection.key, subsection: sectionList.subsection, columns: [], columnKeys: [], form: 'list' } : undefined) ??
    tables.find((t) => hasTime(t, true));
  const isActionItems = (t: TemplateTable): boolean => {
    const { index } = resolveColumns('actionItems', t.columns, columnNames);
    return index.action !== undefined && index.owner !== undefined;
  };
  const actionItems = tables.find((t) => t !== timeline && isActionItems(t));
  const metrics = tables.find((t) => t !== timeline && t !== actionItems && t.columnKeys.includes('before'));

  const evidenceSlots: EvidenceSlot[] = [];
  for (const section of report.sections) {
    for (const code of section.content.codeBlocks) {
      if (code.lines.some((line) => line.text.trim().startsWith('evidence/'))) {
        evidenceSlots.push({ sectionKey: section.key, subsection: code.subsection, field: code.field, kind: 'code' });
      }
    }
    for (const field of section.content.fields) {
      if (field.value.includes('evidence/')) evidenceSlots.push({ sectionKey: section.key, subsection: field.subsection, field: field.key, kind: 'field' });
    }
  }

  return { text, parseOptions, report, sections, headerFields, identity, severityLevels, placeholders, timeline, actionItems, metrics, evidenceSlots, columnNames };
}

/** A section that holds the timeline: its title has the word Timeline or Chronology. */
export function isTimelineSectionKey(key: string): boolean {
  return key.split(' ').some((w) => w === 'timeline' || w === 'chronology');
}

/** The first plain (not task) bullet list of a section. */
function listIn(report: ReportModel, sectionKey: string) {
  const section = report.sections.find((s) => s.key === sectionKey);
  return section?.content.lists.find((l) => !l.ordered && !section.content.checklists.some((c) => c.span.start === l.span.start));
}

function toTemplateField(text: string, field: Field): TemplateField {
  return {
    label: field.label,
    key: field.key,
    subsection: field.subsection,
    block: field.value === '',
    guidance: field.blocks.filter((b) => b.isComment).map(() => 'comment'),
    help: fieldHelp(text, field),
  };
}

/** Longest help kept per field: a template's example block can be long. */
const MAX_HELP_LENGTH = 600;

function fieldHelp(text: string, field: Field): FieldHelp | undefined {
  const source = (block: { span: { start: number; end: number } }) => text.slice(block.span.start, block.span.end).trim();
  const comments = field.blocks
    .filter((b) => b.isComment)
    .map((b) => /^<!--([\s\S]*?)-->$/.exec(source(b))?.[1]?.replace(/\s+/g, ' ').trim())
    .filter((c): c is string => !!c);
  if (comments.length > 0) return { kind: 'comment', text: comments.join(' ').slice(0, MAX_HELP_LENGTH) };
  const example = field.value || field.blocks.map(source).filter(Boolean).join('\n');
  return example ? { kind: 'example', text: example.slice(0, MAX_HELP_LENGTH) } : undefined;
}

function toTemplateTable(sectionKey: string, table: Table): TemplateTable {
  return { sectionKey, subsection: table.subsection, columns: table.columns, columnKeys: table.columns.map(wordsKey) };
}

function toTemplateChecklist(sectionKey: string, list: Checklist): TemplateChecklist {
  const options = list.items.map((i) => i.text);
  const firstWords = options.map((o) => wordsKey(o).split(' ')[0]);
  const yesNo = options.length >= 2 && firstWords.every((w) => w === 'yes' || w === 'no');
  const choice: ChoiceKind = yesNo ? 'single' : list.field ? 'multi' : 'todo';
  return { sectionKey, subsection: list.subsection, field: list.field, options, choice };
}

/** `🔴 Critical / 🟡 Major / 🟢 Minor` -> three levels (every form: identity.ts parseLevelList). */
export function parseSeverityLevels(value: string): SeverityLevel[] {
  return parseLevelList(value);
}

function* allTexts(report: ReportModel): Generator<TemplateText> {
  const contents: SectionContent[] = [report.preamble.content, ...report.sections.map((s) => s.content)];
  for (const content of contents) for (const run of content.textRuns) yield run;
}

let defaultModel: TemplateModel | undefined;

/** The shipped template's model, built once. */
export function defaultTemplateModel(defaultText: string, config: TemplateOptions = {}): TemplateModel {
  if (config.idPattern !== undefined || config.severityLevels !== undefined || config.columns !== undefined) return buildTemplateModel(defaultText, config);
  if (!defaultModel || defaultModel.text !== defaultText) defaultModel = buildTemplateModel(defaultText);
  return defaultModel;
}
