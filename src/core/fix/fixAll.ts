import type { Diagnostic, TextEdit } from '../types';
import { applyEdits } from './edits';

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
  const chosen: TextEdit[] = [];
  // Insertions at one offset are kept in diagnostic order (sections in template order);
  // edits that replace text must not overlap anything.
  const overlaps = (edit: TextEdit): boolean => chosen.some((other) => edit.span.start < other.span.end && other.span.start < edit.span.end);
  for (const diagnostic of diagnostics) {
    const fix = diagnostic.fixes.find((f) => f.safe && !f.createFile);
    if (!fix || fix.edits.some(overlaps)) continue;
    chosen.push(...fix.edits);
    fixed.push(diagnostic);
  }
  return { edits: chosen, fixed };
}

const MAX_PASSES = 5;

/**
 * Applies safe fixes until none is left (a fix can reveal another: an inserted section
 * brings its own placeholders but also completes the order). Returns the final text and
 * how many passes changed it.
 */
export function fixAllText(text: string, lint: (text: string) => readonly Diagnostic[]): { text: string; passes: number } {
  let current = text;
  // A problem whose fix was applied and that is still there (a section inserted where an
  // unclosed fence swallows it) is not fixed again: no pass may repeat another's work.
  // Keyed by the fix's title: a message may change as other fixes land ("place it before ...").
  const applied = new Set<string>();
  const key = (d: Diagnostic): string => `${d.ruleId}\u0000${d.fixes.find((f) => f.safe && !f.createFile)?.title ?? d.message}`;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const diagnostics = lint(current).filter((d) => !applied.has(key(d)));
    const { edits, fixed } = safeFixes(diagnostics);
    for (const d of fixed) applied.add(key(d));
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
