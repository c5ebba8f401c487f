import assert from 'node:assert/strict';
import { extractChunk } from '../../../src/core/model/extract';
import { parseReport } from '../../../src/core/model/parseReport';
import type { ReportModel } from '../../../src/core/model/types';
import { parseMarkdown } from '../../../src/core/parse/markdown';

/** The model of `text` parsed in one piece, without chunking or table batches. */
export function onePiece(text: string): Omit<ReportModel, 'text'> {
  const whole = extractChunk(parseMarkdown(text), text, 0);
  return { frontMatter: whole.frontMatter, preamble: whole.preamble, sections: whole.sections };
}

/** The chunked parse (sections, table batches) reads `text` exactly as a one-piece parse. */
export function assertSameAsOnePiece(text: string): void {
  const chunked = parseReport(text);
  const whole = onePiece(text);
  assert.deepStrictEqual(chunked.frontMatter, whole.frontMatter);
  assert.deepStrictEqual(chunked.preamble, whole.preamble);
  assert.deepStrictEqual(chunked.sections, whole.sections);
}
