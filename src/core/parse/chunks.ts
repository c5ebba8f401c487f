import { leadingBoms } from '../text/lineIndex';
import { parseMarkdown } from './markdown';
/**
 * Splits a report into chunks at its top-level `## ` headings so each chunk can be
 * parsed (and cached) on its own. A split is made only where a whole-document
 * CommonMark parse would also start an ATX heading; when the scanner cannot be sure
 * (indented fences or HTML that may belong to a list item, raw HTML blocks) it stops
 * splitting, which is always safe: a larger chunk parses exactly as the whole text does.
 * Within a chunk, the rows of a long top-level table are cut into batches parsed on their
 * own (TableBatches), on the same terms: only rows that cannot be anything else are cut.
 */
export interface Chunk {
  /** Offset of the chunk in the document. */
  readonly start: number;
  readonly text: string;
  /**
   * Long tables of the chunk whose rows are parsed in batches (see TableBatches), in
   * document order; absent when there are none. `text` is still the whole chunk.
   */
  readonly tables?: readonly TableBatches[];
}

/**
 * A long top-level GFM table whose body rows after the first batch are cut out of its
 * chunk. The chunk is parsed without those rows (its first batch of rows stays in place,
 * and whatever follows the table joins it as in the document), and each batch is parsed
 * on its own after a copy of the table's header and delimiter lines, then merged back.
 * Rows are independent of each other (each row's cells are parsed on their own, and the
 * chunker makes no batches at all when a reference definition could change inline parsing),
 * so the pieces give exactly the model of the whole chunk.
 */
export interface TableBatches {
  /** Offset of the table, the start of its header line, in the document. */
  readonly start: number;
  /** The header and delimiter lines with their line breaks, as written: parsed before each batch. */
  readonly prefix: string;
  /**
   * The batches cut out, in order: consecutive whole lines (line breaks included), one
   * plain table row each, from the second batch of the table's body rows to its last certain row.
   */
  readonly batches: readonly { readonly start: number; readonly text: string; readonly rows: number }[];
}

/**
 * Row batches of a long table. Boundaries depend on the rows' content, not on their
 * count from the table's start, so adding or deleting a row changes one batch (or two),
 * not every batch after it: a batch ends after a row whose hash has its low bits zero,
 * once it holds at least TABLE_BATCH_MIN_ROWS rows, or when it reaches TABLE_BATCH_MAX_ROWS.
 * Batches average about 32 rows: ~3 KB of a timeline, ~3 ms to parse (a parse costs about
 * 0.1 ms a row plus 0.3 ms, so much smaller batches would mostly add overhead). A table of
 * up to TABLE_BATCH_MIN_ROWS body rows is never cut; one of more is when a row's hash says so.
 */
export const TABLE_BATCH_MIN_ROWS = 16;
export const TABLE_BATCH_MAX_ROWS = 64;
/** One row in 16 ends a batch once past the minimum: a mean of 16 + 16 rows. */
const TABLE_BATCH_HASH_MASK = 15;

const FRONT_MATTER_FENCE = /^---[ \t]*$/;
const SECTION_HEADING = /^##(?:[ \t]|$)/;
const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;
/** Fence characters after a tab or 4+ columns: indented code at top level, a fence in a list item. */
const DEEP_FENCE = /^[ \t]+(`{3,}|~{3,})/;
const HTML_COMMENT_OPEN = /^ {0,3}<!--/;
const OTHER_HTML_OPEN = /^ {0,3}<(?:[A-Za-z/?!])/;
/** A blank line for CommonMark: spaces and tabs only (a no-break space is content, though trim() drops it). */
const BLANK = /^[ \t]*$/;
/** An ATX heading at the margin: a block of its own that no container or paragraph can absorb. */
const ATX_LINE = /^#{1,6}(?:[ \t]|$)/;
/**
 * A line that can only be a row of the table it follows: a pipe after at most 3 spaces
 * (no tabs). Nothing else starts with `|`, so no block can interrupt the table there.
 */
const TABLE_ROW = /^ {0,3}\|/;
/**
 * A link reference or footnote definition, possibly in a list item or quote: it affects the
 * whole document. The prefix after a list marker is part of the marker's group: two
 * adjacent `[ \t>]*` would try every split of a long `> > > …` line (quadratic).
 */
const DEFINITION = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+[ \t>]*)?\[(?:[^\]\\\r\n]|\\.)+\]:/m;

interface Line {
  readonly start: number;
  /** Content without its line break. */
  readonly text: string;
  /** Start of the next line (the text's length for the last one). */
  readonly next: number;
}

function* lines(text: string): Generator<Line> {
  let start = 0;
  while (start <= text.length) {
    let end = start;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    const next = end >= text.length ? text.length : end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
    yield { start, text: text.slice(start, end), next };
    if (end >= text.length) return;
    start = next;
  }
}

/** Offsets at which a new chunk starts (always including 0). */
export function chunkStarts(text: string): number[] {
  return scan(text).starts;
}

/** A table being read: its header line, where its body starts, and its certain rows so far. */
interface OpenTable {
  readonly start: number;
  /** Start of the line after the delimiter line, undefined until that line is read. */
  bodyStart: number | undefined;
  readonly rows: Line[];
}

/** Chunk starts and long tables (offsets in `text`); with `firstOnly`, stopping at the second chunk's start. */
function scan(text: string, firstOnly = false): { starts: number[]; tables: TableBatches[] } {
  const tables: TableBatches[] = [];
  // `[Name]` in one section is a link when another defines `[Name]: url`: such a text is
  // parsed in one piece (a definition-like line in code also counts: that is only slower).
  if (DEFINITION.test(text)) return { starts: [0], tables };
  const starts = [0];
  const result = { starts, tables };
  let fence: { char: string; length: number; indent: number } | undefined;
  let inComment = false;
  let untilBlank = false;
  let inFrontMatter = false;
  let first = true;

  // Whether the previous line ended every block before it at the top level (a blank line,
  // an ATX heading at the margin, the start of the text): a table starting at the margin
  // after it is a top-level table, not content of a list item, a quote or a paragraph.
  let fresh = true;
  let table: OpenTable | undefined;
  const closeTable = (): void => {
    if (table?.bodyStart !== undefined) {
      const batches = tableBatches(text, table);
      if (batches) tables.push(batches);
    }
    table = undefined;
  };

  for (const line of lines(text)) {
    const content = line.text;
    if (table) {
      if (TABLE_ROW.test(content)) {
        // The header's next line (the delimiter row, checked when the table closes), then rows.
        if (table.bodyStart === undefined) table.bodyStart = line.next;
        else table.rows.push(line);
        fresh = false;
        continue;
      }
      // Anything else ends the run of certain rows: a blank line or a block ends the table, a
      // lazy line joins it as a row. Either way the line stays in the chunk, after the last batch.
      closeTable();
    }
    const wasFresh = fresh;
    fresh = false;
    if (first) {
      first = false;
      if (FRONT_MATTER_FENCE.test(content)) {
        inFrontMatter = true;
        continue;
      }
    }
    if (inFrontMatter) {
      if (FRONT_MATTER_FENCE.test(content) || /^\.\.\.[ \t]*$/.test(content)) inFrontMatter = false;
      continue;
    }
    if (inComment) {
      if (content.includes('-->')) inComment = false;
      continue;
    }
    if (fence) {
      const close = FENCE_OPEN.exec(content);
      if (close && close[2]![0] === fence.char && close[2]!.length >= fence.length && BLANK.test(close[3]!)) {
        fence = undefined;
        continue;
      }
      // A less-indented line inside an indented fence may end a list item (and the fence):
      // we cannot tell without a full parse, so stop splitting from here on.
      if (fence.indent > 0 && !BLANK.test(content) && indentOf(content) < fence.indent) return result;
      continue;
    }
    if (untilBlank) {
      // After a `<br>` line and up to the next blank line, a line is HTML block content or
      // continues a paragraph: when the two readings could differ, stop splitting.
      if (BLANK.test(content)) {
        untilBlank = false;
        fresh = true;
      } else if (FENCE_OPEN.test(content) || HTML_COMMENT_OPEN.test(content) || OTHER_HTML_OPEN.test(content) || SECTION_HEADING.test(content)) return result;
      continue;
    }
    // Which one it is takes a full parse (and an unclosed list fence ends with its item).
    if (DEEP_FENCE.test(content) && indentOf(content) >= 4) return result;
    const open = FENCE_OPEN.exec(content);
    if (open && !(open[2]![0] === '`' && open[3]!.includes('`'))) {
      fence = { char: open[2]![0]!, length: open[2]!.length, indent: open[1]!.length };
      continue;
    }
    if (HTML_COMMENT_OPEN.test(content)) {
      const after = content.slice(content.indexOf('<!--') + 4);
      if (after.includes('-->')) continue;
      // A comment that spans lines at column 0 is a top-level HTML block; indented, it may be a list item's.
      if (indentOf(content) > 0) return result;
      inComment = true;
      continue;
    }
    if (OTHER_HTML_OPEN.test(content)) {
      if (!isSingleLineInlineHtml(content)) return result;
      untilBlank = true;
      continue;
    }
    if (SECTION_HEADING.test(content) && line.start > 0) {
      starts.push(line.start);
      if (firstOnly) return result;
    }
    if (BLANK.test(content) || ATX_LINE.test(content)) fresh = true;
    else if (wasFresh && content.startsWith('|')) table = { start: line.start, bodyStart: undefined, rows: [] };
  }
  closeTable();
  return result;
}

/**
 * The batches of a table whose rows run on: undefined when it is not long enough to cut or
 * its first two lines are not a table's header and delimiter (checked by parsing just them).
 */
function tableBatches(text: string, table: OpenTable): TableBatches | undefined {
  const { rows } = table;
  const ends: number[] = [];
  let size = 0;
  for (let i = 0; i < rows.length; i++) {
    size++;
    if (size >= TABLE_BATCH_MAX_ROWS || (size >= TABLE_BATCH_MIN_ROWS && (rowHash(rows[i]!.text) & TABLE_BATCH_HASH_MASK) === 0)) {
      ends.push(i + 1);
      size = 0;
    }
  }
  if (size > 0) ends.push(rows.length);
  if (ends.length < 2) return undefined;
  const prefix = text.slice(table.start, table.bodyStart);
  if (!isTableHead(prefix)) return undefined;
  const batches = ends.slice(1).map((end, i) => {
    const start = rows[ends[i]!]!.start;
    return { start, text: text.slice(start, rows[end - 1]!.next), rows: end - ends[i]! };
  });
  return { start: table.start, prefix, batches };
}

/** isTableHead's answers for the last few header and delimiter lines seen (one per long table, reparsed on every parse otherwise). */
const tableHeads = new Map<string, boolean>();

/** Whether a header line and a delimiter line (the text of both) start a GFM table: a parse of just them says. */
function isTableHead(prefix: string): boolean {
  let known = tableHeads.get(prefix);
  if (known === undefined) {
    const tree = parseMarkdown(prefix);
    const node = tree.children[0];
    known = tree.children.length === 1 && node?.type === 'table' && node.children.length === 1 && node.position?.start.offset === 0;
    if (tableHeads.size >= 64) tableHeads.clear();
    tableHeads.set(prefix, known);
  }
  return known;
}

/** FNV-1a of a row's text: where batches end. */
function rowHash(row: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < row.length; i++) hash = Math.imul(hash ^ row.charCodeAt(i), 0x01000193);
  return hash >>> 5;
}

/**
 * `<br>` or `<img ...>` alone on a line is common in reports. It may start an HTML block
 * (which ends at a blank line) or sit in a paragraph: no split before the next blank line.
 */
function isSingleLineInlineHtml(content: string): boolean {
  return /^ {0,3}<(br|img|hr)\b[^>]*>\s*$/i.test(content);
}

function indentOf(content: string): number {
  let n = 0;
  while (n < content.length && (content[n] === ' ' || content[n] === '\t')) n += content[n] === '\t' ? 4 : 1;
  return n;
}

/** The report's chunks, in order; with `firstOnly`, the scan stops where the second chunk starts. */
export function splitChunks(text: string, firstOnly = false): Chunk[] {
  // A byte order mark is not content: the first chunk starts after it (after all of them:
  // the parser would drop one more and read every offset one early), offsets stay the text's own.
  const bom = leadingBoms(text);
  const scanned = scan(text.slice(bom), firstOnly);
  const starts = scanned.starts.map((start, i) => (i === 0 ? bom : start + bom));
  const tables = scanned.tables.map((t) => ({ start: t.start + bom, prefix: t.prefix, batches: t.batches.map((b) => ({ ...b, start: b.start + bom })) }));
  let next = 0;
  return starts.map((start, i) => {
    const end = starts[i + 1] ?? text.length;
    const own: TableBatches[] = [];
    while (next < tables.length && tables[next]!.start < end) own.push(tables[next++]!);
    return own.length > 0 ? { start, text: text.slice(start, end), tables: own } : { start, text: text.slice(start, end) };
  });
}

/**
 * The first chunk (what precedes the first `##`: front matter, title, header fields),
 * found without scanning the rest of the text.
 */
export function firstChunk(text: string): Chunk {
  return splitChunks(text, true)[0]!;
}
