import { headingText, isAtx } from '../model/extract';
import { tableSignature, withFieldForms } from '../model/fieldForms';
import { parseReport } from '../model/parseReport';
import { DEFAULT_PARSE_OPTIONS, type ParseOptions, type SectionContent, type Table } from '../model/types';
import { parseBounded } from '../parse/markdown';
import { REQUIRED_FRONT_MATTER } from '../rules/frontMatter';
import { wordsKey } from '../text/normalize';

/*
 * The shape of a team's template, read from its Markdown: the level and style of its section
 * headings and the forms its fields take (ParseOptions), so reports are read the way the
 * template is written. The shipped template gives DEFAULT_PARSE_OPTIONS.
 */

/** A heading under a section is a field when the template follows it with one short line (`### Severity` then `SEV1 / SEV2`). */
const HEADING_FIELD_MAX_VALUE_CHARS = 80;

/** Header words that make a two-column table a key-value table: its first column holds labels. */
const LABEL_COLUMNS = new Set(['', 'field', 'fields', 'key', 'item', 'property', 'attribute', 'name', 'label']);
const VALUE_COLUMNS = new Set(['', 'value', 'values', 'details', 'detail', 'answer', 'response', 'info', 'information', 'entry']);

/**
 * Front matter keys the product manages itself (the front-matter rule and Set Status read
 * them): never read as fields, so a template that keeps them reads as the shipped one does.
 */
const LIFECYCLE_KEYS = new Set([...REQUIRED_FRONT_MATTER, 'Links'].map(wordsKey));

/**
 * How reports of this template are read. Sections: the shallowest heading level under the
 * title (`##`, or `###` in a template with no `##`), ATX or setext as the template writes them.
 * Fields besides bold labels: headings deeper than sections that hold one short line, the
 * rows of two-column key-value tables, the template's own front matter keys.
 */
export function deriveParseOptions(text: string): ParseOptions {
  const { sectionDepth, setext } = sectionStyle(text);
  const structural: ParseOptions = sectionDepth === 2 && !setext ? DEFAULT_PARSE_OPTIONS : { ...DEFAULT_PARSE_OPTIONS, sectionDepth, setext };
  const model = parseReport(text, structural);
  const contents = [model.preamble.content, ...model.sections.map((s) => s.content)];
  const headingFields = unique(contents.flatMap((content) => headingFieldKeys(model.text, content)));
  const tableFields = unique(contents.flatMap((content) => content.tables.filter(isKeyValueTable).map((t) => tableSignature(t.columns))));
  // A key the template also writes as a field in its body (`Severity: ""` and `**Severity:** SEV1 / SEV2`)
  // is read from the body: that is where the template declares it.
  const body = withFieldForms(model, { ...structural, headingFields, tableFields });
  const bodyKeys = new Set([body.preamble.content, ...body.sections.map((s) => s.content)].flatMap((c) => c.fields.map((f) => f.key)));
  const frontMatterFields = unique((model.frontMatter?.entries ?? []).map((e) => e.key).filter((key) => !LIFECYCLE_KEYS.has(wordsKey(key)) && !bodyKeys.has(wordsKey(key))));
  if (headingFields.length === 0 && tableFields.length === 0 && frontMatterFields.length === 0) return structural;
  return { ...structural, headingFields, tableFields, frontMatterFields };
}

/** The section level and style: the shallowest top-level heading under the title, and whether any is setext. */
function sectionStyle(text: string): { sectionDepth: number; setext: boolean } {
  const { tree } = parseBounded(text);
  let depth = Number.POSITIVE_INFINITY;
  let setext = false;
  for (const node of tree.children) {
    if (node.type !== 'heading') continue;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) continue;
    const raw = text.slice(start, end);
    if (!isAtx(raw)) {
      // `**Attendees:**` over a `-` line is a label, not a heading the template means.
      if (isLabelText(headingText(raw))) continue;
      setext = true;
    }
    if (node.depth >= 2) depth = Math.min(depth, node.depth);
  }
  return { sectionDepth: Number.isFinite(depth) ? depth : 2, setext };
}

function isLabelText(text: string): boolean {
  return /^(\*\*|__).*(:(\*\*|__)|(\*\*|__):)\s*$/.test(text.trim());
}

/** Subsection headings that hold one short line and nothing under them: labels of fields. */
function headingFieldKeys(text: string, content: SectionContent): string[] {
  const subs = content.subsections;
  return subs
    .filter((sub, index) => {
      if ((subs[index + 1]?.depth ?? 0) > sub.depth) return false;
      const blocks = sub.blocks.filter((b) => !b.isComment);
      if (blocks.length !== 1 || blocks[0]!.kind !== 'paragraph') return false;
      const value = text.slice(blocks[0]!.span.start, blocks[0]!.span.end).trim();
      return value.length <= HEADING_FIELD_MAX_VALUE_CHARS && !/[\r\n]/.test(value);
    })
    .map((sub) => sub.key);
}

function isKeyValueTable(table: Table): boolean {
  if (table.columns.length !== 2) return false;
  const [label, value] = tableSignature(table.columns).split('|');
  // `| Field | Value |`, `| Field | |`, `| | Value |`, or a header left empty (`| | |`).
  if (label === '' && value === '') return true;
  return (label !== '' && LABEL_COLUMNS.has(label!)) || (value !== '' && VALUE_COLUMNS.has(value!));
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** How the options read sections and fields, in words (template check). */
export function describeParseOptions(options: ParseOptions): { sections: string; fieldForms: string[] } {
  const sections = `${options.sectionDepth > 2 ? `${'#'.repeat(options.sectionDepth)} (with ${'#'.repeat(2)} read as sections too)` : '##'} ATX headings${options.setext ? ' and setext headings (a line over ---)' : ''}`;
  const fieldForms = ['**Label:** value'];
  if (options.headingFields.length > 0) fieldForms.push(`headings as labels: ${options.headingFields.join(', ')}`);
  if (options.tableFields.length > 0) fieldForms.push(`key-value table rows (columns ${options.tableFields.map((s) => s.split('|').map((c) => c || '(empty)').join(' | ')).join('; ')})`);
  if (options.frontMatterFields.length > 0) fieldForms.push(`front matter keys: ${options.frontMatterFields.join(', ')}`);
  return { sections, fieldForms };
}
