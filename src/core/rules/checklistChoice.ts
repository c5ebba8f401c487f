import type { Checklist, ChecklistItem } from '../model/types';
import { findPlaceholders, type PlaceholderSet } from '../template/placeholders';
import type { TemplateChecklist } from '../template/templateModel';
import { wordsKey } from '../text/normalize';
import type { Span } from '../types';
import { sectionByKey } from './query';
import type { Rule, RuleContext } from './rule';

/**
 * The template's choice lists: single (Yes/No) keeps exactly one ticked, multi (Detection,
 * Affected Services) at least one; to-do lists (Prevention) are free. A ticked option whose
 * template item has a blank (`Other: ____`, `Yes → Version: ____`) needs its text.
 */
export const checklistChoiceRule: Rule = {
  id: 'checklist-choice',
  description: 'Single-choice lists have exactly one item ticked, multi-choice at least one; a ticked Other:/Yes → has its text.',
  defaultSeverity: { draft: 'info', final: 'error' },
  check(ctx) {
    for (const expected of ctx.template.sections.flatMap((s) => s.checklists)) {
      if (expected.choice === 'todo') continue;
      const section = sectionByKey(ctx.model, expected.sectionKey);
      if (!section) continue; // missing-section reports it.
      for (const list of section.content.checklists) {
        if (list.subsection !== expected.subsection || list.field !== expected.field || list.items.length === 0) continue;
        checkList(ctx, expected, list);
      }
    }
  },
};

function checkList(ctx: RuleContext, expected: TemplateChecklist, list: Checklist): void {
  const ticked = list.items.filter((i) => i.checked);
  const name = listName(ctx, expected);
  const options = expected.options.map((o) => optionLabel(o, ctx.template.placeholders)).join(' / ');
  const first = itemLine(ctx, list.items[0]!);
  if (ticked.length === 0) {
    const expectation = expected.choice === 'single' ? 'tick exactly one' : 'tick at least one';
    ctx.report({ span: first, message: `${name}: no option is ticked; ${expectation} of ${options}.`, unfilled: true });
  } else if (expected.choice === 'single' && ticked.length > 1) {
    ctx.report({ span: first, message: `${name}: ${ticked.length} options are ticked; tick exactly one of ${options}.` });
  }
  for (const item of ticked) {
    const option = expected.options.find((o) => firstWord(o) === firstWord(item.text) && hasBlank(o, ctx.template.placeholders));
    if (!option) continue;
    const value = valueAfterPrompt(item.text, promptWords(option, ctx.template.placeholders));
    if (isFilled(value, ctx.template.placeholders)) continue;
    const prompt = optionLabel(option, ctx.template.placeholders);
    ctx.report({ span: itemLine(ctx, item), message: `${name}: "${prompt}" is ticked but its text is not filled; write it after "${prompt}".`, unfilled: true });
  }
}

/** `"Follow-up Required"`, `"Rollback Performed"`: the template's label or heading over the list. */
function listName(ctx: RuleContext, expected: TemplateChecklist): string {
  const section = ctx.template.sections.find((s) => s.key === expected.sectionKey);
  const label = expected.field
    ? section?.fields.find((f) => f.key === expected.field && f.subsection === expected.subsection)?.label
    : section?.subsections.find((s) => s.key === expected.subsection)?.title;
  return `"${label ?? section?.title ?? expected.sectionKey}"`;
}

/** The item's line from its marker: `- [x] Yes → Version: 1.2`. */
function itemLine(ctx: RuleContext, item: ChecklistItem): Span {
  return { start: item.span.start, end: Math.max(item.span.start, ctx.lines.lineSpanAt(item.span.start).end) };
}

function firstWord(text: string): string {
  return wordsKey(text).split(' ')[0] ?? '';
}

function hasBlank(option: string, placeholders: PlaceholderSet): boolean {
  return findPlaceholders(option, placeholders).length > 0;
}

/** `Yes → Version: ____` -> `Yes → Version:`; an option without a blank stays whole. */
function optionLabel(option: string, placeholders: PlaceholderSet): string {
  const blank = findPlaceholders(option, placeholders)[0];
  return (blank ? option.slice(0, blank.index) : option).trim();
}

function promptWords(option: string, placeholders: PlaceholderSet): string[] {
  return wordsKey(optionLabel(option, placeholders)).split(' ').filter(Boolean);
}

/**
 * What follows the prompt: the item's leading words are consumed while they repeat the
 * prompt's words in order (`Yes → Version: 1.2` -> `1.2`; `Yes → 1.2` -> `1.2`).
 */
function valueAfterPrompt(text: string, prompt: readonly string[]): string {
  let rest = text;
  let next = 0;
  for (;;) {
    const separator = /^\s*(?:→|->|=>|:|-|–|—)\s*/.exec(rest);
    if (separator && separator[0].length > 0) {
      rest = rest.slice(separator[0].length);
      continue;
    }
    const word = /^\s*[^\s:→]+/.exec(rest);
    if (!word) return rest.trim();
    const words = wordsKey(word[0]).split(' ').filter(Boolean);
    if (words.length === 0 || words.some((w, i) => prompt[next + i] !== w)) return rest.trim();
    next += words.length;
    rest = rest.slice(word[0].length);
  }
}

/** Filled: something with words is left once the template's placeholders are removed. */
function isFilled(value: string, placeholders: PlaceholderSet): boolean {
  let rest = value;
  for (const match of findPlaceholders(value, placeholders).reverse()) rest = rest.slice(0, match.index) + rest.slice(match.index + match.text.length);
  return wordsKey(rest) !== '';
}
