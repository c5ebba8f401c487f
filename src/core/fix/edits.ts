import type { Fix, Span, TextEdit } from '../types';

export function replace(span: Span, newText: string): TextEdit {
  return { span, newText };
}

export function insertAt(offset: number, newText: string): TextEdit {
  return { span: { start: offset, end: offset }, newText };
}

export function fix(title: string, edits: readonly TextEdit[], options: { isPreferred?: boolean; safe?: boolean; createFile?: string; exclusive?: boolean } = {}): Fix {
  return { title, edits, ...options };
}

/**
 * Applies non-overlapping edits to a text. Overlapping edits (after the first) are
 * skipped, never merged, so text outside the edits is untouched.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  let out = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.span.start < cursor || edit.span.end > text.length || edit.span.end < edit.span.start) continue;
    out += text.slice(cursor, edit.span.start) + edit.newText;
    cursor = edit.span.end;
  }
  return out + text.slice(cursor);
}
