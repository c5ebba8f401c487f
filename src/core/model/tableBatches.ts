import type { LimitHit } from '../limits';
import type { Chunk, TableBatches } from '../parse/chunks';
import type { ChunkModel } from './assemble';
import type { BlockRef, HtmlComment, SectionContent, Table, TableRow, TextRun } from './types';

/**
 * The pieces of a chunk whose long tables are parsed in row batches (see TableBatches in
 * parse/chunks), and how their models are put back together into the model a parse of
 * the whole chunk gives.
 */

/** The chunk as parsed without its batches, and where its offsets are in the document. */
export interface FirstPart {
  readonly text: string;
  /** Document offset of an offset in `text`. */
  readonly toDocument: (offset: number) => number;
}

export function firstPart(chunk: Chunk): FirstPart {
  const parts: string[] = [];
  // Offsets at or after `at` in the first part's text lie `delta` further in the document.
  const cuts: { at: number; delta: number }[] = [];
  let from = chunk.start;
  let length = 0;
  for (const table of chunk.tables ?? []) {
    const cutStart = table.batches[0]!.start;
    const cutEnd = batchesEnd(table);
    parts.push(chunk.text.slice(from - chunk.start, cutStart - chunk.start));
    length += cutStart - from;
    cuts.push({ at: length, delta: cutEnd - length });
    from = cutEnd;
  }
  parts.push(chunk.text.slice(from - chunk.start));
  const base = chunk.start;
  return {
    text: parts.join(''),
    toDocument: (offset) => {
      // An offset at a cut is the first character after the rows cut out (or the end of
      // the chunk): no span of the table region ends there, the rows' spans end before their line break.
      let delta = base;
      for (const cut of cuts) {
        if (offset < cut.at) break;
        delta = cut.delta;
      }
      return offset + delta;
    },
  };
}

function batchesEnd(table: TableBatches): number {
  const last = table.batches[table.batches.length - 1]!;
  return last.start + last.text.length;
}

/** What one batch adds to its table, in document offsets. */
export interface BatchRows {
  readonly rows: readonly TableRow[];
  readonly textRuns: readonly TextRun[];
  /** HTML comments in the rows' cells. */
  readonly comments: readonly HtmlComment[];
  /** Rows past a parser limit (a row of too many columns); absent when none. */
  readonly limits?: readonly LimitHit[];
}

/**
 * The rows of a batch out of the model of `prefix + batch` extracted with the batch's
 * document offsets (base = batch start - prefix length), the synthetic header dropped.
 * Undefined when the model is not exactly one table of `rowCount` body rows, which the
 * chunker's checks rule out: the caller then parses the whole chunk.
 */
export function batchRows(model: ChunkModel, batchStart: number, rowCount: number): BatchRows | undefined {
  if (model.frontMatter !== undefined || model.preamble.title !== undefined || model.sections.length > 0) return undefined;
  const content = model.preamble.content;
  const table = content.tables[0];
  if (!table || content.tables.length !== 1 || content.blocks.length !== 1 || content.blocks[0]!.kind !== 'table') return undefined;
  if (content.subsections.length + content.fields.length + content.checklists.length + content.codeBlocks.length + content.lists.length > 0) return undefined;
  if (table.rows.length !== rowCount || table.header.span.end >= batchStart || table.rows[0]!.span.start < batchStart) return undefined;
  const textRuns = content.textRuns.filter((run) => run.start >= batchStart);
  const comments = content.comments.filter((comment) => comment.span.start >= batchStart);
  // The header and delimiter lines parsed before the rows are the table's own: their limits are the first part's.
  const limits = model.limits?.filter((hit) => hit.span.start >= batchStart);
  return limits && limits.length > 0 ? { rows: table.rows, textRuns, comments, limits } : { rows: table.rows, textRuns, comments };
}

/**
 * The chunk's model (from its first part, offsets already in the document) with a table's
 * batches merged back: their rows after the first batch's rows (before any row that joined
 * after the cut, a lazy line), their text runs likewise, the table's span (and every block
 * reference to it) running to the last row. Undefined when the table is not where the
 * chunker put it (it never is not): the caller then parses the whole chunk.
 */
export function mergeBatches(model: ChunkModel, table: TableBatches, batches: readonly BatchRows[]): ChunkModel | undefined {
  const cutStart = table.batches[0]!.start;
  const cutEnd = batchesEnd(table);
  const added = batches.flatMap((batch) => batch.rows);
  const runs = batches.flatMap((batch) => batch.textRuns);
  const comments = batches.flatMap((batch) => batch.comments);
  const lastRow = added[added.length - 1];
  if (!lastRow) return undefined;

  const merge = (content: SectionContent): SectionContent | undefined => {
    const found = content.tables.find((t) => t.span.start === table.start);
    if (!found) return undefined;
    const before = found.rows.filter((row) => row.span.start < cutStart);
    const after = found.rows.filter((row) => row.span.start >= cutEnd);
    if (before.length === 0 || before.length + after.length !== found.rows.length) return undefined;
    const span = { start: found.span.start, end: found.span.end < cutStart ? lastRow.span.end : found.span.end };
    const merged: Table = { ...found, span, rows: [...before, ...added, ...after] };
    const isRef = (ref: BlockRef): boolean => ref.kind === 'table' && ref.span.start === found.span.start && ref.span.end === found.span.end;
    const fix = (refs: readonly BlockRef[]): readonly BlockRef[] => (refs.some(isRef) ? refs.map((ref) => (isRef(ref) ? { ...ref, span } : ref)) : refs);
    let at = content.textRuns.findIndex((run) => run.start >= cutStart);
    if (at < 0) at = content.textRuns.length;
    let commentAt = content.comments.findIndex((comment) => comment.span.start >= cutStart);
    if (commentAt < 0) commentAt = content.comments.length;
    return {
      ...content,
      tables: content.tables.map((t) => (t === found ? merged : t)),
      blocks: fix(content.blocks),
      subsections: content.subsections.map((sub) => (sub.blocks.some(isRef) ? { ...sub, blocks: fix(sub.blocks) } : sub)),
      fields: content.fields.map((field) => (field.blocks.some(isRef) ? { ...field, blocks: fix(field.blocks) } : field)),
      textRuns: [...content.textRuns.slice(0, at), ...runs, ...content.textRuns.slice(at)],
      comments: [...content.comments.slice(0, commentAt), ...comments, ...content.comments.slice(commentAt)],
    };
  };

  const limits = batches.flatMap((batch) => batch.limits ?? []);
  if (limits.length > 0) model = { ...model, limits: [...(model.limits ?? []), ...limits].sort((a, b) => a.span.start - b.span.start) };
  const preamble = merge(model.preamble.content);
  if (preamble) return { ...model, preamble: { ...model.preamble, content: preamble } };
  for (let i = 0; i < model.sections.length; i++) {
    const section = model.sections[i]!;
    const content = merge(section.content);
    if (!content) continue;
    const sections = [...model.sections];
    sections[i] = { ...section, content };
    return { ...model, sections };
  }
  return undefined;
}
