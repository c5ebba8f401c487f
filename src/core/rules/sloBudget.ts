import { fix, insertAt, replace } from '../fix/edits';
import type { Section } from '../model/types';
import { findPlaceholders } from '../template/placeholders';
import { wordsKey } from '../text/normalize';
import type { Fix, Span, TextEdit } from '../types';
import type { TemplateModel } from '../template/templateModel';
import { perTemplate } from './cache';
import { sectionByKey } from './query';
import type { Rule, RuleContext } from './rule';

/**
 * Under SLO Impact, "Budget consumed" equals "After incident" − "Before incident", in
 * percentage points, ±0.1. The three lines are read as `Label: value` from the section's
 * list items (`- Before incident: 22.5%`, also `- **Before incident:** 22.5%`) and from
 * plain labelled fields. Labels match by their first word (`Before ...`, `After ...`) and
 * by `consumed`/`used`/`burned` for the budget line; a value is its first percentage
 * (`about 9% (finance to confirm)`), else a number it starts with (`22.5`), text around it
 * allowed (`71.0% of the 30-day budget`). Fixes replace only that figure.
 *
 * Not ours: a placeholder left in any of the three (`[XX]%`: `placeholder`), or a section
 * without these lines (a custom template). A value that is empty or not a number is
 * reported in final mode, and in draft only when the other two are readable (then the
 * check could run and the writer would want to know why it did not).
 */
export const sloBudgetRule: Rule = {
  id: 'slo-budget',
  description: 'SLO Impact: Budget consumed equals After incident minus Before incident.',
  defaultSeverity: { draft: 'warning', final: 'error' },
  check(ctx) {
    const section = sloSection(ctx);
    if (!section) return;
    const lines = budgetLines(ctx, section);
    const before = lines.get('before');
    const after = lines.get('after');
    const consumed = lines.get('consumed');
    if (!before || !after || !consumed) return;
    const all = [before, after, consumed];
    if (all.some((l) => findPlaceholders(l.value, ctx.template.placeholders).length > 0)) return;

    const computed = before.number !== undefined && after.number !== undefined ? after.number - before.number : undefined;
    const decimals = [before, after].some((l) => l.numberText?.includes('.')) ? 1 : 0;
    const expectedText = computed !== undefined && computed >= 0 ? `${computed.toFixed(decimals)}%` : undefined;

    if (computed !== undefined && computed < 0) {
      ctx.report({
        span: after.valueSpan,
        message: `${after.label} (${after.numberText}%) is below ${before.label} (${before.numberText}%); budget consumption only grows, expected ${after.label} ≥ ${before.label}.`,
      });
    }
    for (const line of all) {
      if (line.number !== undefined) continue;
      const othersReadable = all.every((l) => l === line || l.number !== undefined);
      if (ctx.mode !== 'final' && !othersReadable) continue;
      const found = line.value ? `is "${line.value}"` : 'is empty';
      const writable = line === consumed && expectedText !== undefined;
      ctx.report({
        span: line.value ? line.valueSpan : line.lineSpan,
        message: `${line.label} ${found}, not a percentage; expected ${writable ? `After − Before = ${expectedText}` : 'a percentage such as 22.5%'}.`,
        fixes: writable ? [writeFix(line, expectedText)] : [],
      });
    }
    if (expectedText === undefined || consumed.number === undefined) return;
    // A hair over 0.1 so that 48.6 against 48.5 (0.1000000000000014 in floating point) passes.
    if (Math.abs(consumed.number - computed!) <= 0.1 + 1e-9) return;
    ctx.report({
      span: consumed.valueSpan,
      message: `${consumed.label} is ${consumed.numberText}% but ${after.label} − ${before.label} = ${after.numberText}% − ${before.numberText}% = ${expectedText}; expected ${expectedText} (±0.1 points).`,
      fixes: [writeFix(consumed, expectedText)],
    });
  },
};

type Kind = 'before' | 'after' | 'consumed';

interface BudgetLine {
  readonly label: string;
  /** Value text (first line, trimmed), '' when empty. */
  readonly value: string;
  readonly valueSpan: Span;
  /** The figure and its `%`: the first percentage, else a number the value starts with. */
  readonly number: number | undefined;
  /** The number as written (`22.5`). */
  readonly numberText: string | undefined;
  readonly numberSpan: Span | undefined;
  /** The `Label:` line, for an empty value. */
  readonly lineSpan: Span;
}

/**
 * Writes the computed value over the number, keeping every other character of the value.
 * Without a number: over a one-word stand-in (`TBD`), before prose (kept, in parentheses),
 * or after an empty label.
 */
function writeFix(line: BudgetLine, text: string): Fix {
  let edits: TextEdit[];
  if (line.numberSpan) edits = [replace(line.numberSpan, text)];
  else if (!line.value) edits = [insertAt(line.valueSpan.start, ` ${text}`)];
  else if (!/\s/.test(line.value)) edits = [replace(line.valueSpan, text)];
  else if (/^\(.*\)$/.test(line.value)) edits = [insertAt(line.valueSpan.start, `${text} `)];
  else edits = [insertAt(line.valueSpan.start, `${text} (`), insertAt(line.valueSpan.end, ')')];
  return fix(`Write ${line.label}: ${text}`, edits, { isPreferred: true, safe: true });
}

/** The report section that plays the template's SLO part (the one holding "Budget consumed"). */
function sloSection(ctx: RuleContext): Section | undefined {
  const home = sloHomeKey(ctx.template);
  const byTemplate = home !== undefined ? sectionByKey(ctx.model, home) : undefined;
  return byTemplate ?? ctx.model.sections.find((s) => s.key.split(' ').includes('slo'));
}

/** The key of the template section holding "Budget consumed", found once per template. */
const sloHomeKey = perTemplate(
  (template: TemplateModel): string | undefined =>
    template.report.sections.find((s) => s.content.lists.some((l) => l.items.some((i) => kindOf(i.text.split(':')[0] ?? '') === 'consumed')))?.key,
);

function kindOf(label: string): Kind | undefined {
  const words = wordsKey(label);
  if (/^before\b/.test(words)) return 'before';
  if (/^after\b/.test(words)) return 'after';
  if (/\b(?:consumed|used|burned|burnt)\b/.test(words)) return 'consumed';
  return undefined;
}

const PERCENT = /(?<![\w.])([+-]?\d+(?:\.\d+)?)[ \t]*%/;
const LEADING_NUMBER = /^([+-]?\d+(?:\.\d+)?)(?:[ \t]*%)?(?![\d.])/;

/** The first Before / After / consumed line of the section, from list items and plain fields. */
function budgetLines(ctx: RuleContext, section: Section): Map<Kind, BudgetLine> {
  const found = new Map<Kind, BudgetLine>();
  const consider = (start: number, end: number): void => {
    const raw = ctx.model.text.slice(start, end).split(/\r\n|\r|\n/)[0]!;
    const colon = raw.indexOf(':');
    if (colon < 0) return;
    const label = raw.slice(0, colon).replace(/[*_]/g, '').trim();
    const kind = kindOf(label);
    if (!kind || found.has(kind)) return;
    const skip = /^(?:\*\*|__)?[ \t]*/.exec(raw.slice(colon + 1))![0].length;
    const valueStart = start + colon + 1 + skip;
    const value = raw.slice(colon + 1 + skip).trim().replace(/\s*\\$/, '');
    // Comments are blanked (same length) so a figure inside one is never read or replaced.
    const visible = value.replace(/<!--[\s\S]*?(?:-->|$)/g, (comment) => ' '.repeat(comment.length));
    // A percentage anywhere (`about 9%`); a bare number only at the start, since one later
    // in the text is more likely a date or a count (`TBD (as of 2026-10-20)`).
    const number = PERCENT.exec(visible) ?? LEADING_NUMBER.exec(visible);
    found.set(kind, {
      label,
      value,
      valueSpan: { start: valueStart, end: valueStart + value.length },
      number: number ? Number(number[1]) : undefined,
      numberText: number?.[1],
      numberSpan: number ? { start: valueStart + number.index, end: valueStart + number.index + number[0].length } : undefined,
      lineSpan: { start, end: start + raw.trimEnd().length },
    });
  };
  for (const list of section.content.lists) for (const item of list.items) consider(item.textSpan.start, item.textSpan.end);
  for (const field of section.content.fields) if (!field.inList) consider(field.span.start, Math.max(field.span.end, field.labelSpan.end));
  return found;
}
