/**
 * The incident ID, `INC-YYYYMMDD-NNN`, defined once; every other form is derived from it.
 * Groups: 1 the UTC date's digits, 2 the day's number.
 */
export const ID_PATTERN = /INC-(\d{8})-(\d{3})/;

/** A value that is exactly one ID. */
export const WHOLE_ID = new RegExp(`^${ID_PATTERN.source}$`);

/** IDs inside prose, as whole words (go to definition, references, incident-reference). */
export const ID_IN_TEXT = new RegExp(`\\b${ID_PATTERN.source}\\b`, 'g');

/** The ID token in a field value that may carry a note: not glued to a word, a dash or a code span. */
export const ID_TOKEN = new RegExp(`(?<![\\w\`-])${ID_PATTERN.source}(?![\\w\`-])`);
