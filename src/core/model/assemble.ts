import type { LimitHit } from '../limits';
import type { BlockRef, Checklist, CodeBlock, Field, FrontMatter, HtmlComment, ListBlock, Preamble, Section, Subsection, Table, TextRun } from './types';

/*
 * The report model is read chunk by chunk (extract.ts) and put together here.
 */

/** What one chunk of the document yields; spans are absolute (chunk base added). */
export interface ChunkModel {
  readonly frontMatter: FrontMatter | undefined;
  /** Content before the chunk's first `##` section (only the first chunk has any). */
  readonly preamble: Preamble;
  readonly sections: readonly Section[];
  /** Parts of the chunk past a parser limit (document offsets); absent when none. */
  readonly limits?: readonly LimitHit[];
}

export interface MutableContent {
  subsections: Subsection[];
  fields: Field[];
  tables: Table[];
  checklists: Checklist[];
  codeBlocks: CodeBlock[];
  lists: ListBlock[];
  textRuns: TextRun[];
  comments: HtmlComment[];
  blocks: BlockRef[];
}

export function emptyContent(): MutableContent {
  return { subsections: [], fields: [], tables: [], checklists: [], codeBlocks: [], lists: [], textRuns: [], comments: [], blocks: [] };
}

/** Assembles chunk models (in document order) into the report model. */
export function assemble(chunks: readonly ChunkModel[]): { frontMatter: FrontMatter | undefined; preamble: Preamble; sections: Section[]; limits?: LimitHit[] } {
  const first = chunks[0];
  const sections: Section[] = [];
  for (const chunk of chunks) sections.push(...chunk.sections);
  // A `#` heading after the sections sends what follows it to the preamble, as a one-piece
  // parse does; later chunks can hold such content, so merge it in document order.
  const later = chunks.slice(1).filter((chunk) => chunk.preamble.content.blocks.length > 0);
  let preamble = first?.preamble ?? { title: undefined, content: emptyContent() };
  if (later.length > 0) {
    const content = emptyContent();
    for (const part of [preamble.content, ...later.map((chunk) => chunk.preamble.content)]) {
      for (const key of Object.keys(content) as (keyof MutableContent)[]) (content[key] as unknown[]).push(...part[key]);
    }
    preamble = { title: preamble.title, content };
  }
  const limits: LimitHit[] = [];
  for (const chunk of chunks) for (const hit of chunk.limits ?? []) limits.push(hit);
  return limits.length > 0 ? { frontMatter: first?.frontMatter, preamble, sections, limits } : { frontMatter: first?.frontMatter, preamble, sections };
}
