/**
 * Mentions of incident IDs in a report's text: what go to definition, find references and
 * the `incident-reference` rule read. A plain scan of the raw text (no parse), so the
 * server can keep every file's mentions in its index, recomputed when the file changes.
 */
import { DEFAULT_ID_SCHEME, ID_IN_TEXT, type IdScheme } from './ids';
import type { LineIndex } from './text/lineIndex';
import type { Range, Span } from './types';

export { ID_IN_TEXT };

export interface IncidentMention {
  readonly id: string;
  readonly span: Span;
}

/** Every incident ID written in `text` (the report's own included), in order. */
export function incidentMentions(text: string, scheme: IdScheme | undefined = DEFAULT_ID_SCHEME): IncidentMention[] {
  // IDs that are bare numbers are not told apart from other numbers; no ID field, no IDs.
  if (!scheme?.inText) return [];
  // Cheap test first: most lines of most files name no incident.
  const literal = /^[^{]+/.exec(scheme.spec)?.[0];
  if (literal && !text.includes(literal)) return [];
  return [...text.matchAll(scheme.inText)].map((match) => ({ id: match[0], span: { start: match.index, end: match.index + match[0].length } }));
}

/** The same with line/character ranges, as the server's index keeps them. */
export function incidentMentionRanges(text: string, lines: LineIndex, scheme: IdScheme | undefined = DEFAULT_ID_SCHEME): { readonly id: string; readonly range: Range }[] {
  return incidentMentions(text, scheme).map(({ id, span }) => ({ id, range: { start: lines.positionAt(span.start), end: lines.positionAt(span.end) } }));
}
