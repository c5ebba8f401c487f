/**
 * The sizes past which the core stops analysing part of a document (issue #17, "never
 * hang"). The Markdown parser is quadratic in some nestings and needs about a kilobyte of
 * memory per character of some shapes; the rules are linear. Past a limit, the piece is
 * read as plain text (or not read) and the `input-limit` rule says so once, with the lines
 * it concerns, instead of the editor or the CI job hanging. Each limit is far beyond what a
 * report written by people holds; the hostile-shapes benchmark (scripts/bench/hostile.mjs)
 * grows each shape past its limit.
 */
export const LIMITS = {
  /** A longer document is not analysed at all (the readers' own limit is 64 MB). */
  documentChars: 8 * 1024 * 1024,
  /** Block quotes and list items opened at the start of one line. */
  nestingDepth: 100,
  /** Emphasis and link brackets left open at once in one paragraph, or `]` closing nothing. */
  inlineNesting: 100,
  /** `]` in one paragraph: the parser looks back over the paragraph for the `[` of each. */
  closingBrackets: 1000,
  /**
   * Characters on one line: a pasted paragraph of 70,000 is read; a line of words costs the
   * parser ~400 bytes a character (a 1 MB line, 460 MB).
   */
  lineChars: 256 * 1024,
  /** `|` on one line: a table row's columns. */
  columnsPerRow: 200,
  /** Lines of one piece the parser reads at once (a `##` section, or a batch of table rows). */
  pieceLines: 100_000,
  /** Diagnostics of one rule on one document; the rest are counted in one more. */
  diagnosticsPerRule: 1000,
} as const;

export const INPUT_LIMIT_RULE_ID = 'input-limit';

/** Which limit a part of the document went past. */
export type LimitKind = 'nesting' | 'inline-nesting' | 'line-length' | 'columns' | 'piece-lines';

/** A part of the document past a limit: read as plain text, or (piece-lines) not read. Offsets are document offsets. */
export interface LimitHit {
  readonly kind: LimitKind;
  readonly span: { readonly start: number; readonly end: number };
}

/** "20,000": figures in messages, the same in every locale. */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
