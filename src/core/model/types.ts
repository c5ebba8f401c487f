import type { LimitHit } from '../limits';
import type { Span } from '../types';

/**
 * How a report is read, derived from the team's template (templateModel.ts): the heading
 * level and style of its sections and the forms its fields take beyond `**Label:** value`.
 * The default reads the shipped template's shape: `##` ATX sections, bold-label fields.
 */
export interface ParseOptions {
  /** Depth of a section heading (2: `##`); headings between the title and this depth start sections too, deeper ones are subsections. */
  readonly sectionDepth: number;
  /** Whether setext headings (`Impact` over `------`) are headings; otherwise only ATX ones are (a `---` under a line is a classic accident). */
  readonly setext: boolean;
  /** Keys of the headings deeper than sections that are fields (`### Severity` then `SEV2` below it). */
  readonly headingFields: readonly string[];
  /** Key-value tables whose rows are fields, by their two column keys joined with `|` (`field|value`). */
  readonly tableFields: readonly string[];
  /** Front matter keys (as written) read as fields of the preamble (`severity: SEV2`). */
  readonly frontMatterFields: readonly string[];
}

export const DEFAULT_PARSE_OPTIONS: ParseOptions = Object.freeze({ sectionDepth: 2, setext: false, headingFields: [], tableFields: [], frontMatterFields: [] });

/** The report model: what the rules read. Every element carries its source span. */
export interface ReportModel {
  readonly text: string;
  readonly frontMatter: FrontMatter | undefined;
  readonly preamble: Preamble;
  readonly sections: readonly Section[];
  /** Parts of the document past a parser limit (read as plain text, or not read), in order; absent when none. */
  readonly limits?: readonly LimitHit[];
}

export interface FrontMatter {
  /** The whole block, fences included. */
  readonly span: Span;
  /** The YAML between the fences. */
  readonly raw: string;
  readonly rawSpan: Span;
  /** Parsed mapping, when the YAML is a valid mapping. */
  readonly data: Readonly<Record<string, unknown>> | undefined;
  /** The YAML error (or "not a mapping"), with the span it concerns. */
  readonly error: { readonly message: string; readonly span: Span } | undefined;
  readonly entries: readonly FrontMatterEntry[];
}

export interface FrontMatterEntry {
  readonly key: string;
  readonly value: unknown;
  /** Key and value, the line's content. */
  readonly span: Span;
  readonly valueSpan: Span;
}

export interface Preamble {
  readonly title: { readonly text: string; readonly span: Span } | undefined;
  readonly content: SectionContent;
}

export interface Section {
  /** Heading text as written (emoji included). */
  readonly title: string;
  /** Normalised words of the title, for matching. */
  readonly key: string;
  readonly headingSpan: Span;
  /** Heading to the end of the section's content. */
  readonly span: Span;
  readonly content: SectionContent;
}

/** What lives between two `##` headings. Items name the `###` subsection and the field they follow. */
export interface SectionContent {
  readonly subsections: readonly Subsection[];
  readonly fields: readonly Field[];
  readonly tables: readonly Table[];
  readonly checklists: readonly Checklist[];
  readonly codeBlocks: readonly CodeBlock[];
  readonly lists: readonly ListBlock[];
  readonly textRuns: readonly TextRun[];
  /** HTML comments (`<!-- … -->`), block or inline, in document order: where suppression comments are read. */
  readonly comments: readonly HtmlComment[];
  /** Offset of the first block after the heading, or the section end. */
  readonly blocks: readonly BlockRef[];
}

export interface Placement {
  /** Key of the `###` subsection the element is in, if any. */
  readonly subsection: string | undefined;
  /** Key of the labelled field the element belongs to (it follows that field's label), if any. */
  readonly field: string | undefined;
}

export interface Subsection {
  readonly title: string;
  readonly key: string;
  readonly depth: number;
  readonly headingSpan: Span;
  readonly span: Span;
  /** The blocks under the heading, up to the next heading. */
  readonly blocks: readonly BlockRef[];
}

export type BlockKind = 'paragraph' | 'list' | 'table' | 'code' | 'html' | 'blockquote' | 'heading' | 'thematicBreak' | 'other';

export interface BlockRef {
  readonly kind: BlockKind;
  readonly span: Span;
  /** True for an HTML comment (the template's guidance) or a block with no words. */
  readonly isComment: boolean;
}

export interface Field extends Placement {
  /** Label as written, without the colon ("What happened"). */
  readonly label: string;
  readonly key: string;
  readonly labelSpan: Span;
  /** Label to the end of the inline value. */
  readonly span: Span;
  /** Raw inline value after the label on the same line (trimmed). */
  readonly value: string;
  /** Span of the trimmed inline value; empty at the label's end when there is none. */
  readonly valueSpan: Span;
  /** Whether the value was read from the lines below an otherwise empty label line. */
  readonly valueBelowLabel: boolean;
  /** Blocks that follow a label with no inline value, up to the next label, heading or rule. */
  readonly blocks: readonly BlockRef[];
  /** Whether the label is inside a list item. */
  readonly inList: boolean;
  /** How the field is written, when not as a bold label (`**Label:** value`). */
  readonly form?: FieldForm;
}

/** The ways a field is written besides the bold label: a heading, a key-value table row, a front matter key. */
export type FieldForm = 'heading' | 'table' | 'frontMatter';

export interface Table extends Placement {
  readonly span: Span;
  readonly header: TableRow;
  readonly rows: readonly TableRow[];
  /** Header cell texts. */
  readonly columns: readonly string[];
}

export interface TableRow {
  readonly span: Span;
  readonly cells: readonly TableCell[];
}

export interface TableCell {
  /** Raw text of the cell, trimmed. */
  readonly text: string;
  /** Span of the trimmed text (empty at the cell's start when the cell is empty). */
  readonly span: Span;
}

export interface Checklist extends Placement {
  readonly span: Span;
  readonly items: readonly ChecklistItem[];
}

export interface ChecklistItem {
  readonly checked: boolean;
  readonly text: string;
  readonly span: Span;
  readonly textSpan: Span;
}

export interface ListBlock extends Placement {
  readonly span: Span;
  readonly ordered: boolean;
  readonly items: readonly { readonly text: string; readonly span: Span; readonly textSpan: Span }[];
}

export interface CodeBlock extends Placement {
  readonly span: Span;
  readonly lang: string | undefined;
  /** The code lines, each with its span. */
  readonly lines: readonly { readonly text: string; readonly span: Span }[];
}

/** An HTML comment the parser read as HTML (never one inside code): its raw source. */
export interface HtmlComment {
  readonly text: string;
  readonly span: Span;
}

/** `html`: raw HTML that is not a comment (`<name or role>` parses as a tag), searched only for the template's `<…>` placeholders. */
export type TextRunKind = 'text' | 'inlineCode' | 'code' | 'html';

/** A run of the document's own characters the text rules search (raw source, not unescaped). */
export interface TextRun {
  readonly kind: TextRunKind;
  readonly text: string;
  readonly start: number;
  /** Inside a task item that is not ticked: an option not chosen. */
  readonly inUncheckedItem: boolean;
  readonly inBlockquote: boolean;
  readonly inTableCell: boolean;
  /** The text of a Markdown link (`[text](url)`): prose, but never a placeholder. */
  readonly inLink?: boolean;
  /** The text of a heading. */
  readonly inHeading?: boolean;
}
