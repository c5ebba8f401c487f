import { leadingBoms } from '../text/lineIndex';
/**
 * Splits a report into chunks at its top-level `## ` headings so each chunk can be
 * parsed (and cached) on its own. A split is made only where a whole-document
 * CommonMark parse would also start an ATX heading; when the scanner cannot be sure
 * (indented fences or HTML that may belong to a list item, raw HTML blocks) it stops
 * splitting, which is always safe: a larger chunk parses exactly as the whole text does.
 */
export interface Chunk {
  /** Offset of the chunk in the document. */
  readonly start: number;
  readonly text: string;
}

const FRONT_MATTER_FENCE = /^---[ \t]*$/;
const SECTION_HEADING = /^##(?:[ \t]|$)/;
const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;
/** Fence characters after a tab or 4+ columns: indented code at top level, a fence in a list item. */
const DEEP_FENCE = /^[ \t]+(`{3,}|~{3,})/;
const HTML_COMMENT_OPEN = /^ {0,3}<!--/;
const OTHER_HTML_OPEN = /^ {0,3}<(?:[A-Za-z/?!])/;
/** A link reference or footnote definition, possibly in a list item or quote: it affects the whole document. */
const DEFINITION = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?[ \t>]*\[(?:[^\]\\\r\n]|\\.)+\]:/m;

interface Line {
  readonly start: number;
  /** Content without its line break. */
  readonly text: string;
}

function* lines(text: string): Generator<Line> {
  let start = 0;
  while (start <= text.length) {
    let end = start;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    yield { start, text: text.slice(start, end) };
    if (end >= text.length) return;
    start = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
}

/** Offsets at which a new chunk starts (always including 0). */
export function chunkStarts(text: string): number[] {
  // `[Name]` in one section is a link when another defines `[Name]: url`: such a text is
  // parsed in one piece (a definition-like line in code also counts: that is only slower).
  if (DEFINITION.test(text)) return [0];
  const starts = [0];
  let fence: { char: string; length: number; indent: number } | undefined;
  let inComment = false;
  let untilBlank = false;
  let inFrontMatter = false;
  let first = true;

  for (const line of lines(text)) {
    const content = line.text;
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
      if (close && close[2]![0] === fence.char && close[2]!.length >= fence.length && close[3]!.trim() === '') {
        fence = undefined;
        continue;
      }
      // A less-indented line inside an indented fence may end a list item (and the fence):
      // we cannot tell without a full parse, so stop splitting from here on.
      if (fence.indent > 0 && content.trim() !== '' && indentOf(content) < fence.indent) return starts;
      continue;
    }
    if (untilBlank) {
      // After a `<br>` line and up to the next blank line, a line is HTML block content or
      // continues a paragraph: when the two readings could differ, stop splitting.
      if (content.trim() === '') untilBlank = false;
      else if (FENCE_OPEN.test(content) || HTML_COMMENT_OPEN.test(content) || OTHER_HTML_OPEN.test(content) || SECTION_HEADING.test(content)) return starts;
      continue;
    }
    // Which one it is takes a full parse (and an unclosed list fence ends with its item).
    if (DEEP_FENCE.test(content) && indentOf(content) >= 4) return starts;
    const open = FENCE_OPEN.exec(content);
    if (open && !(open[2]![0] === '`' && open[3]!.includes('`'))) {
      fence = { char: open[2]![0]!, length: open[2]!.length, indent: open[1]!.length };
      continue;
    }
    if (HTML_COMMENT_OPEN.test(content)) {
      const after = content.slice(content.indexOf('<!--') + 4);
      if (after.includes('-->')) continue;
      // A comment that spans lines at column 0 is a top-level HTML block; indented, it may be a list item's.
      if (indentOf(content) > 0) return starts;
      inComment = true;
      continue;
    }
    if (OTHER_HTML_OPEN.test(content)) {
      if (!isSingleLineInlineHtml(content)) return starts;
      untilBlank = true;
      continue;
    }
    if (SECTION_HEADING.test(content) && line.start > 0) starts.push(line.start);
  }
  return starts;
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

export function splitChunks(text: string): Chunk[] {
  // A byte order mark is not content: the first chunk starts after it (after all of them:
  // the parser would drop one more and read every offset one early), offsets stay the text's own.
  const bom = leadingBoms(text);
  const starts = chunkStarts(text.slice(bom)).map((start, i) => (i === 0 ? bom : start + bom));
  return starts.map((start, i) => ({ start, text: text.slice(start, starts[i + 1] ?? text.length) }));
}
