import type { Position, Range, Span } from '../types';
import { partitionPoint } from './search';

/**
 * Offsets <-> positions for one text. Line breaks are \r\n, \r or \n, the same
 * set micromark and VS Code recognise, so ranges agree with the editor on CRLF files.
 */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    // The last line starting at or before the offset (line 0 starts at 0, so there is one).
    const line = partitionPoint(this.lineStarts.length, (i) => this.lineStarts[i]! <= clamped) - 1;
    return { line, character: clamped - this.lineStarts[line]! };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[position.line]!;
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))]!;
  }

  /** Offset of the end of the line's content, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1]! : this.text.length + 1;
    let end = Math.min(next, this.text.length + 1) - 1;
    if (line + 1 >= this.lineStarts.length) return this.text.length;
    // Step back over the line break (one or two characters).
    if (this.text.charCodeAt(end) === 10 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** Span of the whole line holding offset, without its line break. */
  lineSpanAt(offset: number): Span {
    const { line } = this.positionAt(offset);
    return { start: this.lineStart(line), end: this.lineEnd(line) };
  }
}

/** The document's line break, for edits that insert lines. */
/** The text's line break, from its first one (CRLF, LF or a lone CR, as old Mac files have); LF when it has none. */
export function detectEol(text: string): '\n' | '\r\n' | '\r' {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  if (cr < 0 || (lf >= 0 && lf < cr)) return '\n';
  return text.charCodeAt(cr + 1) === 10 ? '\r\n' : '\r';
}

/**
 * How many byte order marks open the text. The parser drops the first; all of them are
 * invisible and none is content, so the report starts after the last.
 */
export function leadingBoms(text: string): number {
  let n = 0;
  while (text.charCodeAt(n) === 0xfeff) n++;
  return n;
}
