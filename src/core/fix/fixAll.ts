import type { Diagnostic, Fix, TextEdit } from '../types';
import { applyEdits } from './edits';
import { partitionPoint } from '../text/search';

/**
 * The safe fixes of one lint result as one set of non-overlapping edits: for each
 * diagnostic its first fix marked `safe` (fixes that need a choice, a file, or "now"
 * are never applied unasked), skipping any that would touch text another already edits.
 */
export function safeFixEdits(diagnostics: readonly Diagnostic[]): TextEdit[] {
  return safeFixes(diagnostics).edits;
}

/** safeFixEdits, and which diagnostics those edits fix. */
export function safeFixes(diagnostics: readonly Diagnostic[]): { edits: TextEdit[]; fixed: Diagnostic[] } {
  const fixed: Diagnostic[] = [];
  const chosen: { edit: TextEdit; startsLine: boolean }[] = [];
  // An edit equal to one already chosen is the same change (the blank line or fence closer
  // every section inserted at one place needs): shared, applied once.
  const same = (edit: TextEdit, other: TextEdit): boolean => edit.span.start === other.span.start && edit.span.end === other.span.end && edit.newText === other.newText;
  const chosenKeys = new Set<string>();
  const keyOf = (edit: TextEdit): string => `${edit.span.start}:${edit.span.end}:${edit.newText}`;
  // Insertions at one offset are kept in diagnostic order (sections in template order);
  // edits that replace text must not overlap anything. The chosen edits never overlap one
  // another, so sorted by start their ends are sorted too: a binary search finds the first
  // that could overlap, not a scan of all of them for each of thousands of fixes.
  const byStart: TextEdit[] = [];
  const firstEndingAfter = (offset: number): number => partitionPoint(byStart.length, (i) => byStart[i]!.span.end <= offset);
  const overlaps = (edit: TextEdit): boolean => {
    for (let i = firstEndingAfter(edit.span.start); i < byStart.length && byStart[i]!.span.start < edit.span.end; i++) {
      if (!same(edit, byStart[i]!)) return true;
    }
    return false;
  };
  const choose = (edit: TextEdit): void => {
    let at = firstEndingAfter(edit.span.start);
    // After the edits at this offset already chosen, so equal offsets keep their order.
    while (at < byStart.length && byStart[at]!.span.start <= edit.span.start && byStart[at]!.span.end <= edit.span.end) at++;
    byStart.splice(at, 0, edit);
  };
  // A fix that changes how the report is read goes alone (the others assumed the old reading).
  const exclusive = diagnostics.find((d) => d.fixes.find((f) => f.safe && !f.createFile)?.exclusive);
  for (const diagnostic of exclusive ? [exclusive] : diagnostics) {
    const fix = diagnostic.fixes.find((f) => f.safe && !f.createFile);
    if (!fix || fix.edits.some(overlaps)) continue;
    for (const edit of fix.edits) {
      const key = keyOf(edit);
      if (chosenKeys.has(key)) continue;
      chosenKeys.add(key);
      choose(edit);
      // What the fix writes first at this offset: a new line (a section after the text)
      // or the rest of the current line (a value after its label).
      const first = fix.edits.find((e) => e.span.start === edit.span.start)!;
      chosen.push({ edit, startsLine: /^[\r\n]/.test(first.newText) });
    }
    fixed.push(diagnostic);
  }
  // At one offset the line's own text goes before new lines, so a value lands after its
  // label, not after a section appended there; otherwise the order is kept (a stable sort,
  // and applyEdits keeps it for equal spans).
  const ordered = chosen.map((c, index) => ({ ...c, index })).sort((a, b) => a.edit.span.start - b.edit.span.start || Number(a.startsLine) - Number(b.startsLine) || a.index - b.index);
  return { edits: ordered.map(({ edit }) => edit), fixed };
}

/**
 * Whether a diagnostic counts as a problem when Fix All says what it fixed and what is left,
 * and for the CI output formats: a hint (what an open report has not filled in yet) does not.
 */
export function isProblem(diagnostic: { readonly severity: string }): boolean {
  return diagnostic.severity !== 'hint';
}

const MAX_PASSES = 5;

/**
 * Applies safe fixes until none is left (a fix can reveal another: an inserted section
 * brings its own placeholders but also completes the order). Returns the final text and
 * how many passes changed it.
 */
export function fixAllText(text: string, lint: (text: string) => readonly Diagnostic[]): { text: string; passes: number } {
  let current = text;
  // A fix applied and then wanted again, word for word (same title, same text replaced by
  // the same text), did not take: no pass repeats another's work. A different problem
  // with the same fix title replaces other text, so it is still fixed. Offsets are left
  // out: other fixes move them.
  const applied = new Set<string>();
  // One fix object is often shared by many diagnostics (the timeline sort, offered on every
  // row out of order, replaces the whole table): its key is built once per pass, not per row.
  let fixKeys = new Map<Fix, string>();
  const key = (d: Diagnostic, text: string): string => {
    const fix = d.fixes.find((f) => f.safe && !f.createFile);
    if (!fix) return `${d.ruleId}\u0000${d.message}`;
    let known = fixKeys.get(fix);
    if (known === undefined) {
      known = [fix.title, ...fix.edits.map((e) => `${text.slice(e.span.start, e.span.end)}\u0001${e.newText}`)].join('\u0000');
      fixKeys.set(fix, known);
    }
    return `${d.ruleId}\u0000${known}`;
  };
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const text = current;
    fixKeys = new Map();
    const diagnostics = lint(current).filter((d) => !applied.has(key(d, text)));
    const { edits, fixed } = safeFixes(diagnostics);
    for (const d of fixed) applied.add(key(d, text));
    const next = edits.length ? applyEdits(current, edits) : current;
    if (next === current) return { text: current, passes: pass };
    current = next;
  }
  return { text: current, passes: MAX_PASSES };
}

/** One edit that turns `before` into `after`, touching only the part that differs. */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const limit = Math.min(before.length, after.length);
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // Never split a surrogate pair or a CRLF.
  while (start > 0 && (isLowSurrogate(before.charCodeAt(start)) || (before.charCodeAt(start) === 10 && before.charCodeAt(start - 1) === 13))) start--;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  while (endBefore < before.length && (isLowSurrogate(before.charCodeAt(endBefore)) || (before.charCodeAt(endBefore) === 10 && before.charCodeAt(endBefore - 1) === 13))) {
    endBefore++;
    endAfter++;
  }
  return { span: { start, end: endBefore }, newText: after.slice(start, endAfter) };
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
