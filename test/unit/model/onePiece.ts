import assert from 'node:assert/strict';
import { extractChunk } from '../../../src/core/model/extract';
import { assemble } from '../../../src/core/model/assemble';
import { parseChunk, parseReport } from '../../../src/core/model/parseReport';
import { splitChunks } from '../../../src/core/parse/chunks';
import type { ReportModel } from '../../../src/core/model/types';
import { parseMarkdown } from '../../../src/core/parse/markdown';

/** The model of `text` parsed in one piece, without chunking or table batches. */
export function onePiece(text: string): Omit<ReportModel, 'text'> {
  const whole = extractChunk(parseMarkdown(text), text, 0);
  return { frontMatter: whole.frontMatter, preamble: whole.preamble, sections: whole.sections };
}

/** The model of `text` parsed chunk by chunk (and table batch by batch), never in one piece. */
export function chunkByChunk(text: string): Omit<ReportModel, 'text'> {
  return assemble(splitChunks(text).map(parseChunk));
}

/**
 * The chunked parse (sections, table batches) reads `text` exactly as a one-piece parse,
 * and so does parseReport (which parses a short report's first time in one piece, read out chunk by chunk).
 */
export function assertSameAsOnePiece(text: string): void {
  const whole = onePiece(text);
  for (const [how, model] of [['chunk by chunk', chunkByChunk(text)], ['parseReport', parseReport(text)]] as const) {
    assert.deepStrictEqual(model.frontMatter, whole.frontMatter, how);
    assert.deepStrictEqual(model.preamble, whole.preamble, how);
    assert.deepStrictEqual(model.sections, whole.sections, how);
  }
}
