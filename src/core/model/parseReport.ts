import type { RootContent } from 'mdast';
import { firstChunk, splitChunks, type Chunk } from '../parse/chunks';
import { parseBounded } from '../parse/markdown';
import { assemble, type ChunkModel } from './assemble';
import { extractChunk } from './extract';
import { mapOffsets, shiftOffsets } from './offsets';
import { batchRows, firstPart, mergeBatches, type BatchRows } from './tableBatches';
import { withFieldForms } from './fieldForms';
import { DEFAULT_PARSE_OPTIONS, type ParseOptions, type ReportModel } from './types';

/** A model and the document offset it was placed at (its offsets are document offsets for that start). */
interface Placed<T> {
  readonly start: number;
  readonly model: T;
}

/** What one parse keeps for the next: every piece's model, by the text that was parsed. */
interface Pieces {
  /** Whole chunks, by chunk text, at the offset they had. */
  readonly chunks: Map<string, Placed<ChunkModel>>;
  /** First parts of chunks cut into table batches (see tableBatches), by their text, at offset 0. */
  readonly parts: Map<string, ChunkModel>;
  /** Table batches, by their rows' text (the header and delimiter lines they were parsed after in `prefix`), at the offset their rows had (undefined: not usable). */
  readonly batches: Map<string, Placed<BatchRows | undefined> & { readonly prefix: string }>;
}

/** isReport reads at most this much of the part before the first `##` (front matter is read up to 256 KB). */
const REPORT_HEAD_CHARS = 512 * 1024;

/** Reports up to this long are parsed in one piece the first time (see inOnePiece). */
const ONE_PIECE_MAX_CHARS = 32 * 1024;

/** The model of one piece of text (a chunk, a chunk's first part, a batch of rows) placed at document offset `base`. */
function parsePiece(text: string, base: number, options: ParseOptions): ChunkModel {
  const { tree, limits } = parseBounded(text);
  const model = extractChunk(tree, text, base, options);
  if (limits.length === 0) return model;
  return { ...model, limits: limits.map((hit) => ({ kind: hit.kind, span: { start: hit.span.start + base, end: hit.span.end + base } })) };
}

function pieces(): Pieces {
  return { chunks: new Map(), parts: new Map(), batches: new Map() };
}

/** A placed model moved to `start`: the same object when it has not moved. */
function place<T>(placed: Placed<T>, start: number): Placed<T> {
  return placed.start === start ? placed : { start, model: shiftOffsets(placed.model, start - placed.start) };
}

/**
 * Parses reports into models, chunk by chunk, remembering the chunks of the previous
 * parse: after an edit only the changed `##` section is parsed again, and in a long table
 * only the changed batch of rows. Parse trees are dropped as soon as a piece's model is read.
 * Models of unchanged pieces are reused as they are (the same objects) when they have not
 * moved, and copied with their offsets moved when they have. One instance per document.
 */
export class ReportParser {
  private cache = pieces();
  private parsed = 0;
  /** The options the cached pieces were read with: pieces read with others are never reused. */
  private options: ParseOptions = DEFAULT_PARSE_OPTIONS;
  private readonly wholeFirstParse: boolean;

  /**
   * `wholeFirstParse: false` parses even a first parse section by section, for throughput over
   * many files (the CLI): a whole report's micromark events survive the young generation's
   * collections and are copied and promoted, so over 2,000 reports per-section parses cost 27%
   * less CPU, and scale on two threads (see inOnePiece). The editor keeps the default: one
   * report's first parse is faster in one piece on its own thread.
   */
  constructor(options: { readonly wholeFirstParse?: boolean } = {}) {
    this.wholeFirstParse = options.wholeFirstParse ?? true;
  }

  /**
   * Pieces (chunks, first parts of batched chunks, batches of table rows) the last parse
   * had to parse: the rest came from the parse before. For tests and logs.
   */
  get piecesParsed(): number {
    return this.parsed;
  }

  /** The report's model, read as `options` say (the template's, from TemplateModel.parseOptions; the shipped shape by default). */
  parse(text: string, options: ParseOptions = DEFAULT_PARSE_OPTIONS): ReportModel {
    this.parsed = 0;
    this.useOptions(options);
    const next = pieces();
    const split = splitChunks(text);
    const chunks = (this.wholeFirstParse ? this.inOnePiece(text, split, next) : undefined) ?? split.map((chunk) => this.chunkModel(chunk, next));
    this.cache = next;
    return withFieldForms({ text, ...assemble(chunks) }, options);
  }

  /** One chunk's model, parsed with this parser's pieces but without keeping it (see parseChunk). */
  chunk(chunk: Chunk, options: ParseOptions = DEFAULT_PARSE_OPTIONS): ChunkModel {
    this.useOptions(options);
    return this.chunkModel(chunk, pieces());
  }

  /**
   * The model of the part before the first section, parsed as parse() parses it and kept for
   * the parse of the same text that follows (isReport, then lint: the head is parsed once).
   */
  head(text: string, options: ParseOptions = DEFAULT_PARSE_OPTIONS): ChunkModel {
    this.useOptions(options);
    this.parsed = 0;
    return this.chunkModel(firstChunk(text), this.cache);
  }

  /** Drops the cached pieces when the options change: a section read at `##` is not one read at `###`. */
  private useOptions(options: ParseOptions): void {
    if (options === this.options || sameOptions(options, this.options)) return;
    this.options = options;
    this.cache = pieces();
  }

  /**
   * A short report none of whose chunks the cache knows (its first parse) is parsed in one
   * piece, then read chunk by chunk out of that one tree: each parse had a fixed cost (~0.1 ms
   * to set micromark and the mdast compiler up), a quarter of a 5 KB report's parse when paid
   * per section. (The parser is now set up once, parse/markdown.ts, so that cost is ~10 µs,
   * and one piece still pays: core.lint of the bench's 5 KB draft, 17 chunks, warm, 300 runs
   * interleaved, took 9.28 ms in one piece and 10.45 ms by sections, against remark's 9.29 ms.
   * Parsing 400 distinct 7 KB reports once each after 15 ms idle, the two were even.) The chunks'
   * models are those of their own parses (a chunk starts where the whole parse starts a
   * heading), kept for the next parse as usual. Undefined when the
   * report is long, has table batches, is partly known, or a node crosses a chunk's end.
   *
   * That saving is the editor's (one report, its thread's time). Over many reports one
   * piece costs more: measured on 2,000 generated reports of 7.5 KB in one process, the CLI
   * spent 55.6 s of CPU with it and 40.7 s without, and on two threads 32-39 s against 24-26 s
   * of wall time, with the same peak RSS (wholeFirstParse). The saving above is measured on
   * the thread's clock; the helper threads' collections it causes are not.
   */
  private inOnePiece(text: string, chunks: readonly Chunk[], next: Pieces): ChunkModel[] | undefined {
    if (text.length > ONE_PIECE_MAX_CHARS || chunks.length < 2 || chunks[0]!.start !== 0) return undefined;
    if (chunks.some((chunk) => chunk.tables || this.cache.chunks.has(chunk.text))) return undefined;
    const { tree, limits } = parseBounded(text);
    // Parts past a limit belong to one chunk each: the chunk by chunk parse places them.
    if (limits.length > 0) return undefined;
    const nodes = tree.children;
    this.parsed++;
    const models: ChunkModel[] = [];
    const placed: [string, Placed<ChunkModel>][] = [];
    let at = 0;
    for (const chunk of chunks) {
      const end = chunk.start + chunk.text.length;
      const own: RootContent[] = [];
      for (; at < nodes.length && (nodes[at]!.position?.start.offset ?? end) < end; at++) {
        const node = nodes[at]!;
        if ((node.position?.end.offset ?? 0) > end) return undefined;
        own.push(node);
      }
      // Offsets in the whole tree are document offsets: base 0, and the text up to the chunk's end.
      const model = extractChunk({ type: 'root', children: own }, text.slice(0, end), 0, this.options);
      models.push(model);
      placed.push([chunk.text, { start: chunk.start, model }]);
    }
    if (at !== nodes.length) return undefined;
    for (const [key, value] of placed) next.chunks.set(key, value);
    return models;
  }

  /** A piece this parse could not reuse. */
  private parsedPiece(text: string, base: number): ChunkModel {
    this.parsed++;
    return parsePiece(text, base, this.options);
  }

  private chunkModel(chunk: Chunk, next: Pieces): ChunkModel {
    const known = next.chunks.get(chunk.text) ?? this.cache.chunks.get(chunk.text);
    if (known) {
      const placed = place(known, chunk.start);
      next.chunks.set(chunk.text, placed);
      // Keep its pieces too, for the edit that changes one of them next.
      if (chunk.tables) this.keepPieces(chunk, next);
      return placed.model;
    }
    const model = (chunk.tables && this.batchedModel(chunk, next)) || this.parsedPiece(chunk.text, chunk.start);
    next.chunks.set(chunk.text, { start: chunk.start, model });
    return model;
  }

  /** Carries a batched chunk's first part and batches over to the next parse as they are (placed where they were). */
  private keepPieces(chunk: Chunk, next: Pieces): void {
    const part = firstPart(chunk).text;
    const local = this.cache.parts.get(part);
    if (local && !next.parts.has(part)) next.parts.set(part, local);
    for (const table of chunk.tables ?? []) {
      for (const batch of table.batches) {
        const known = this.cache.batches.get(batch.text);
        if (known && !next.batches.has(batch.text)) next.batches.set(batch.text, known);
      }
    }
  }

  /** The model of a batch of rows parsed after `prefix`, from this parse or the last, if any. */
  private knownBatch(rows: string, prefix: string, next: Pieces): (Placed<BatchRows | undefined> & { readonly prefix: string }) | undefined {
    const fresh = next.batches.get(rows);
    const known = fresh?.prefix === prefix ? fresh : this.cache.batches.get(rows);
    return known?.prefix === prefix ? known : undefined;
  }

  /** A chunk's model from its first part and its tables' batches (undefined if a piece is not as expected). */
  private batchedModel(chunk: Chunk, next: Pieces): ChunkModel | undefined {
    const part = firstPart(chunk);
    const local = next.parts.get(part.text) ?? this.cache.parts.get(part.text) ?? this.parsedPiece(part.text, 0);
    next.parts.set(part.text, local);
    let model: ChunkModel | undefined = mapOffsets(local, part.toDocument);
    for (const table of chunk.tables ?? []) {
      const rows: BatchRows[] = [];
      for (const batch of table.batches) {
        const known = this.knownBatch(batch.text, table.prefix, next);
        // A batch is parsed after the table's header and delimiter lines, its offsets placed where its rows are.
        const placed = known ? place(known, batch.start) : { start: batch.start, model: batchRows(this.parsedPiece(table.prefix + batch.text, batch.start - table.prefix.length), batch.start, batch.rows) };
        next.batches.set(batch.text, { ...placed, prefix: table.prefix });
        if (!placed.model) return undefined;
        rows.push(placed.model);
      }
      model = mergeBatches(model, table, rows);
      if (!model) return undefined;
    }
    return model;
  }
}

/** Whether two option sets read reports the same way. */
function sameOptions(a: ParseOptions, b: ParseOptions): boolean {
  const same = (x: readonly string[], y: readonly string[]) => x.length === y.length && x.every((v, i) => v === y[i]);
  return a.sectionDepth === b.sectionDepth && a.setext === b.setext && same(a.headingFields, b.headingFields) && same(a.tableFields, b.tableFields) && same(a.frontMatterFields, b.frontMatterFields);
}

/** Parses once with no cache. */
export function parseReport(text: string, options: ParseOptions = DEFAULT_PARSE_OPTIONS): ReportModel {
  return new ReportParser().parse(text, options);
}

/**
 * The model of one chunk of splitChunks (document offsets), its long tables parsed in
 * row batches as the parser does: for callers that parse only some chunks.
 */
export function parseChunk(chunk: Chunk): ChunkModel {
  return new ReportParser().chunk(chunk);
}

/**
 * Whether a Markdown text is an incident report: it has an `**Incident ID:**` field or
 * report front matter (Status and Title). Only the part before the first `##` is parsed.
 */
export function isReport(text: string, parser?: ReportParser): boolean {
  const first = firstChunk(text);
  // The header is at the top: a report with no `##` at all is not parsed whole to find it
  // (the editor asks on every change, in its thread). Cut at a line's end.
  const long = first.text.length > REPORT_HEAD_CHARS;
  const head = long ? first.text.slice(0, first.text.lastIndexOf('\n', REPORT_HEAD_CHARS) + 1 || REPORT_HEAD_CHARS) : first.text;
  // With the document's parser, the head's model is the one its next parse reuses.
  const model = parser && !long ? parser.head(text, DEFAULT_PARSE_OPTIONS) : parsePiece(head, first.start, DEFAULT_PARSE_OPTIONS);
  if (model.preamble.content.fields.some((f) => f.key === 'incident id')) return true;
  const data = model.frontMatter?.data;
  return !!data && 'Status' in data && 'Title' in data;
}
