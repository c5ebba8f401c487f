import { splitChunks } from '../parse/chunks';
import { parseMarkdown } from '../parse/markdown';
import { assemble, extractChunk, type ChunkModel } from './extract';
import type { ReportModel } from './types';

/**
 * Parses reports into models, chunk by chunk, remembering the chunks of the previous
 * parse: after an edit only the changed `##` section is parsed again. Parse trees are
 * dropped as soon as the chunk's model is read. One instance per document.
 */
export class ReportParser {
  /** Chunk text -> its model extracted at offset 0. */
  private cache = new Map<string, ChunkModel>();

  parse(text: string): ReportModel {
    const next = new Map<string, ChunkModel>();
    const chunks = splitChunks(text).map((chunk) => this.chunkModel(chunk, next));
    this.cache = next;
    return { text, ...assemble(text, chunks) };
  }

  /**
   * The same parse, handing control back between chunks through `pause` (the caller's
   * setTimeout), so a large report does not hold the thread for the whole parse. Resolves to
   * undefined when `cancelled()` says the result is no longer wanted (the text changed).
   */
  async parseAsync(text: string, pause: () => Promise<void>, cancelled: () => boolean = () => false): Promise<ReportModel | undefined> {
    const next = new Map<string, ChunkModel>();
    const chunks: ChunkModel[] = [];
    for (const chunk of splitChunks(text)) {
      const cached = this.cache.has(chunk.text) || next.has(chunk.text);
      chunks.push(this.chunkModel(chunk, next));
      if (!cached) {
        await pause();
        if (cancelled()) return undefined;
      }
    }
    this.cache = next;
    return { text, ...assemble(text, chunks) };
  }

  private chunkModel(chunk: { start: number; text: string }, next: Map<string, ChunkModel>): ChunkModel {
    const local = this.cache.get(chunk.text) ?? next.get(chunk.text) ?? extractChunk(parseMarkdown(chunk.text), chunk.text, 0);
    next.set(chunk.text, local);
    return shift(local, chunk.start);
  }
}

/** Parses once with no cache. */
export function parseReport(text: string): ReportModel {
  return new ReportParser().parse(text);
}

/**
 * Copies a chunk model with every offset moved by `delta`. By convention every
 * numeric property named `start` or `end` in the model is a document offset.
 */
export function shift<T>(value: T, delta: number): T {
  if (delta === 0) return value;
  return shiftValue(value, delta) as T;
}

function shiftValue(value: unknown, delta: number): unknown {
  if (Array.isArray(value)) return value.map((item) => shiftValue(item, delta));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = (key === 'start' || key === 'end') && typeof inner === 'number' ? inner + delta : key === 'data' || key === 'value' ? inner : shiftValue(inner, delta);
  }
  return out;
}

/**
 * Whether a Markdown text is an incident report: it has an `**Incident ID:**` field or
 * report front matter (Status and Title). Only the part before the first `##` is parsed.
 */
export function isReport(text: string): boolean {
  const [first] = splitChunks(text);
  if (!first) return false;
  const model = extractChunk(parseMarkdown(first.text), first.text, first.start);
  if (model.preamble.content.fields.some((f) => f.key === 'incident id')) return true;
  const data = model.frontMatter?.data;
  return !!data && 'Status' in data && 'Title' in data;
}
