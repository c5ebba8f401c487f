/**
 * Mentions of incident IDs in a report's text: what go to definition, find references and
 * the `incident-reference` rule read. A plain scan of the raw text (no parse), so the
 * server can keep every file's mentions in its index, recomputed when the file changes.
 */
import { ID_IN_TEXT } from './ids';
import type { LineIndex } from './text/lineIndex';
import type { Range, Span } from './types';

export { ID_IN_TEXT };

export interface IncidentMention {
  readonly id: string;
  readonly span: Span;
}

/** Every incident ID written in `text` (the report's own included), in order. */
export function incidentMentions(text: string): IncidentMention[] {
  // Cheap test first: most lines of most files name no incident.
  if (!text.includes('INC-')) return [];
  return [...text.matchAll(ID_IN_TEXT)].map((match) => ({ id: match[0], span: { start: match.index, end: match.index + match[0].length } }));
}

/** The same with line/character ranges, as the server's index keeps them. */
export function incidentMentionRanges(text: string, lines: LineIndex): { readonly id: string; readonly range: Range }[] {
  return incidentMentions(text).map(({ id, span }) => ({ id, range: { start: lines.positionAt(span.start), end: lines.positionAt(span.end) } }));
}
