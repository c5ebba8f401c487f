import type { RootContent } from 'mdast';
import { firstChunk, splitChunksSteps, type Chunk, type TableBatches } from '../parse/chunks';
import { parseMarkdown } from '../parse/markdown';
import { runToEnd } from '../steps';
import { assemble, type ChunkModel } from './assemble';
import { extractChunk } from './extract';
import { mapOffsets, shiftOffsets } from './offsets';
import { batchRows, firstPart, mergeBatches, type BatchRows } from './tableBatches';
import type { ReportModel } from './types';

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

/**
 * Pieces at least this long may be parsed elsewhere (see PieceParser): ~15–40 ms of parsing
 * in the thread (0.8–2.3 ms per KB, emoji-heavy lists the slowest), so a piece left in the
 * thread never holds it much longer than that.
 */
export const OFFLOAD_MIN_CHARS = 16 * 1024;

/**
 * Parses one piece somewhere else (a worker thread): parsePiece's result for `text` placed
 * at `base`, as plain data. A rejection is not an error: the piece is parsed in the thread
 * (or not at all, once `cancelled()`: the parse that asked is dropped).
 */
export type PieceParser = (text: string, base: number, cancelled?: () => boolean) => Promise<ChunkModel>;

/** Batches read (answered, or moved) between two yields. */
const BATCHES_PER_STEP = 128;

/** isReport reads at most this much of the part before the first `##` (front matter is read up to 256 KB). */
const REPORT_HEAD_CHARS = 512 * 1024;

/** Reports up to this long are parsed in one piece the first time (see inOnePiece). */
const ONE_PIECE_MAX_CHARS = 32 * 1024;

/** A piece of text and its document offset. */
interface Piece {
  readonly text: string;
  readonly base: number;
}
/**
 * What the parse steps hand their driver: nothing (a pause point) or pieces it may have
 * parsed elsewhere; the answer is their models (undefined: parse it here).
 */
type Step = readonly Piece[] | undefined;
type Answer = readonly (ChunkModel | undefined)[] | undefined;

/** The model of one piece of text at document offset `base`: the parse a worker thread runs. */
export function parsePiece(text: string, base: number): ChunkModel {
  return extractChunk(parseMarkdown(text), text, base);
}

function pieces(): Pieces {
  return { chunks: new Map(), parts: new Map(), batches: new Map() };
}

/**
 * Characters of moved pieces whose models a parse copies (to move their offsets) before it
 * hands control back as it does after parsing a piece: an edit near the start of a 5 MB
 * report moves everything after it, ~100 ms of copying in all, ~15 ms per budget.
 */
const MOVED_CHARS_PER_STEP = 512 * 1024;

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
  /** Characters of pieces moved (copied) since the parse last yielded. */
  private moved = 0;

  parse(text: string): ReportModel {
    return runToEnd(this.steps(text));
  }

  /**
   * The same parse, handing control back through `pause` (the caller's setTimeout) after
   * every piece it parses (a chunk, or a batch of table rows) and after copying many moved
   * ones, so a large report does not hold the thread for the whole parse. Resolves to
   * undefined when `cancelled()` says the result is no longer wanted (the text changed).
   */
  async parseAsync(text: string, pause: () => Promise<void>, cancelled: () => boolean = () => false, elsewhere?: PieceParser): Promise<ReportModel | undefined> {
    const steps = this.steps(text);
    let step = steps.next();
    while (!step.done) {
      let answer: Answer;
      const request = step.value;
      if (!request) await pause();
      // Pieces go elsewhere if they can, all at once (a worker parses them back to back while
      // this thread takes each model as it comes; waiting hands the thread back as a pause
      // would); a piece that did not is parsed here in the next steps, which pause after it.
      else if (elsewhere) answer = await Promise.all(request.map((piece) => elsewhere(piece.text, piece.base, cancelled).catch(() => undefined)));
      if (cancelled()) return undefined;
      step = steps.next(answer);
    }
    return step.value;
  }

  /** One chunk's model, parsed with this parser's pieces but without keeping it (see parseChunk). */
  chunk(chunk: Chunk): ChunkModel {
    return runToEnd(this.chunkModel(chunk, pieces()));
  }

  /**
   * The parse, yielding after each piece it had to parse (none for pieces of the previous
   * parse) and after every MOVED_CHARS_PER_STEP characters of pieces it moved.
   */
  private *steps(text: string): Generator<Step, ReportModel, Answer> {
    const next = pieces();
    const split = yield* splitChunksSteps(text);
    const whole = this.inOnePiece(text, split, next);
    if (whole) {
      this.cache = next;
      return { text, ...assemble(whole) };
    }
    const chunks: ChunkModel[] = [];
    this.moved = 0;
    for (const chunk of split) chunks.push(yield* this.chunkModel(chunk, next));
    this.cache = next;
    return { text, ...assemble(chunks) };
  }

  /**
   * A short report none of whose chunks the cache knows (its first parse) is parsed in one
   * piece, then read chunk by chunk out of that one tree: each parse has a fixed cost (~0.1 ms
   * to set micromark and the mdast compiler up), a quarter of a 5 KB report's parse when paid
   * per section. The chunks' models are those of their own parses (a chunk starts where the
   * whole parse starts a heading), kept for the next parse as usual. Undefined when the
   * report is long, has table batches, is partly known, or a node crosses a chunk's end.
   */
  private inOnePiece(text: string, chunks: readonly Chunk[], next: Pieces): ChunkModel[] | undefined {
    if (text.length > ONE_PIECE_MAX_CHARS || chunks.length < 2 || chunks[0]!.start !== 0) return undefined;
    if (chunks.some((chunk) => chunk.tables || this.cache.chunks.has(chunk.text))) return undefined;
    const nodes = parseMarkdown(text).children;
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
      const model = extractChunk({ type: 'root', children: own }, text.slice(0, end), 0);
      models.push(model);
      placed.push([chunk.text, { start: chunk.start, model }]);
    }
    if (at !== nodes.length) return undefined;
    for (const [key, value] of placed) next.chunks.set(key, value);
    return models;
  }

  /** `placed` moved to `start`, counting the characters a copy moved (`length`). */
  private *moveTo<T>(placed: Placed<T>, start: number, length: number): Generator<Step, Placed<T>, Answer> {
    if (placed.start === start) return placed;
    const moved = place(placed, start);
    this.moved += length;
    if (this.moved >= MOVED_CHARS_PER_STEP) yield* this.parsed();
    return moved;
  }

  /** A yield after a piece was parsed (or enough were moved). */
  private *parsed(): Generator<Step, void, Answer> {
    this.moved = 0;
    yield;
  }

  /**
   * A piece's model: a long piece is first offered to the driver to parse elsewhere (the
   * model comes back from the yield), and parsed here if it was not; a yield follows either way.
   */
  private *parsedPiece(text: string, base: number): Generator<Step, ChunkModel, Answer> {
    const elsewhere = text.length >= OFFLOAD_MIN_CHARS ? (yield [{ text, base }])?.[0] : undefined;
    this.moved = 0;
    if (elsewhere) return elsewhere;
    const model = parsePiece(text, base);
    yield* this.parsed();
    return model;
  }

  private *chunkModel(chunk: Chunk, next: Pieces): Generator<Step, ChunkModel, Answer> {
    const known = next.chunks.get(chunk.text) ?? this.cache.chunks.get(chunk.text);
    if (known) {
      const placed = yield* this.moveTo(known, chunk.start, chunk.text.length);
      next.chunks.set(chunk.text, placed);
      // Keep its pieces too, for the edit that changes one of them next.
      if (chunk.tables) this.keepPieces(chunk, next);
      return placed.model;
    }
    let model = chunk.tables ? yield* this.batchedModel(chunk, next) : undefined;
    if (!model) model = yield* this.parsedPiece(chunk.text, chunk.start);
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
  private *batchedModel(chunk: Chunk, next: Pieces): Generator<Step, ChunkModel | undefined, Answer> {
    const part = firstPart(chunk);
    let local = next.parts.get(part.text) ?? this.cache.parts.get(part.text);
    if (!local) local = yield* this.parsedPiece(part.text, 0);
    next.parts.set(part.text, local);
    let model: ChunkModel | undefined = mapOffsets(local, part.toDocument);
    for (const table of chunk.tables ?? []) {
      // The batches no parse knows, offered to the driver together: a worker thread parses
      // them back to back (one at a time, each answer a round trip), short as they are.
      const pieceOf = (batch: TableBatches['batches'][number]): Piece => ({ text: table.prefix + batch.text, base: batch.start - table.prefix.length });
      const unknown = table.batches.filter((batch) => !this.knownBatch(batch.text, table.prefix, next));
      const answers = unknown.length > 0 ? yield unknown.map(pieceOf) : undefined;
      this.moved = 0;
      const elsewhere = new Map(unknown.map((batch, i) => [batch, answers?.[i]]));
      const rows: BatchRows[] = [];
      for (const [index, batch] of table.batches.entries()) {
        // Reading thousands of answered batches takes a while too.
        if (index % BATCHES_PER_STEP === BATCHES_PER_STEP - 1) yield* this.parsed();
        const known = this.knownBatch(batch.text, table.prefix, next);
        let placed: Placed<BatchRows | undefined>;
        if (known) placed = yield* this.moveTo(known, batch.start, batch.text.length);
        else {
          let parsed = elsewhere.get(batch);
          if (!parsed) {
            const piece = pieceOf(batch);
            parsed = parsePiece(piece.text, piece.base);
            yield* this.parsed();
          }
          placed = { start: batch.start, model: batchRows(parsed, batch.start, batch.rows) };
        }
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

/** Parses once with no cache. */
export function parseReport(text: string): ReportModel {
  return new ReportParser().parse(text);
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
export function isReport(text: string): boolean {
  const first = firstChunk(text);
  // The header is at the top: a report with no `##` at all is not parsed whole to find it
  // (the editor asks on every change, in its thread). Cut at a line's end.
  const head = first.text.length > REPORT_HEAD_CHARS ? first.text.slice(0, first.text.lastIndexOf('\n', REPORT_HEAD_CHARS) + 1 || REPORT_HEAD_CHARS) : first.text;
  const model = parsePiece(head, first.start);
  if (model.preamble.content.fields.some((f) => f.key === 'incident id')) return true;
  const data = model.frontMatter?.data;
  return !!data && 'Status' in data && 'Title' in data;
}
