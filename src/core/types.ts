/** Plain data the core speaks; the VS Code adapter converts these in one place. */

/** Zero-based line and UTF-16 character, as LSP and VS Code count them. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** Half-open [start, end) UTF-16 offsets into the document text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type Mode = 'draft' | 'final';

/** A text edit by offsets into the text it was computed for. */
export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

/** A fix computed by the core: text edits plus, optionally, a file to create. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** Workspace-relative path of a file the fix asks the caller to create (never overwriting). */
  readonly createFile?: string;
  /** The one obvious fix for its diagnostic. */
  readonly isPreferred?: boolean;
  /** Safe to apply without the user choosing (used by fix-all). */
  readonly safe?: boolean;
  /**
   * Changes how the rest of the report is read (closing the front matter moves text out of
   * it): the other fixes of the same lint assumed the old reading, so Fix All applies this
   * one in a pass of its own and lints again.
   */
  readonly exclusive?: boolean;
}

export interface Diagnostic {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly range: Range;
  readonly docsUrl: string;
  readonly fixes: readonly Fix[];
  /** What is not yet written rather than wrong: progress to show, a hint while in draft. */
  readonly unfilled?: boolean;
}
