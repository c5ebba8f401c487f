import type { BlockRef, ReportModel, SectionContent } from '../model/types';
import { wordsKey } from '../text/normalize';
import type { Span } from '../types';
import type { Rule, RuleContext } from './rule';
import { computedFillFor } from './duration';
import { fix, insertAt } from '../fix/edits';

export const emptyFieldRule: Rule = {
  id: 'empty-field',
  description: 'A labelled field or ### section holds more than the template comment.',
  defaultSeverity: { draft: 'info', final: 'error' },
  check(ctx) {
    for (const section of ctx.model.sections) {
      for (const field of section.content.fields) {
        if (field.value !== '') continue;
        if (field.blocks.some((block) => !isGuidanceOnly(block, ctx))) continue;
        // Duration and Detection Time: the timeline's value, offered (not for Fix All: the writer may mean another).
        const fill = computedFillFor(ctx, field);
        const fixes = fill ? [fix(fill.title, [insertAt(field.labelSpan.end, ` ${fill.text}`)])] : [];
        ctx.report({ span: field.labelSpan, message: `"${field.label}" is empty; write its content below the label (the template comment does not count).`, unfilled: true, fixes });
      }
      const subs = section.content.subsections;
      subs.forEach((sub, index) => {
        // A `###` with `####` below it holds what they hold.
        const nested = [sub];
        for (let j = index + 1; j < subs.length && subs[j]!.depth > sub.depth; j++) nested.push(subs[j]!);
        if (nested.some((s) => s.blocks.some((block) => !isGuidanceOnly(block, ctx)))) return;
        // A subsection whose content is labelled fields is reported field by field.
        if (section.content.fields.some((f) => nested.some((s) => f.subsection === s.key))) return;
        ctx.report({ span: sub.headingSpan, message: `"${'#'.repeat(sub.depth)} ${sub.title}" is empty; it holds nothing but the template's guidance.`, unfilled: true });
      });
    }
  },
};

/**
 * Guidance is what the template put there for the writer: an HTML comment, a list whose
 * items have no words (`- `, `- ✅ `), or a code block holding only the template's own
 * comment lines (`# Commands run, logs checked`).
 */
function isGuidanceOnly(block: BlockRef, ctx: RuleContext): boolean {
  if (block.isComment) return true;
  const text = ctx.model.text.slice(block.span.start, block.span.end);
  if (block.kind === 'list') {
    const list = findIn(ctx.model, (content) => content.lists, block.span);
    return !!list && list.items.every((item) => wordsKey(item.text) === '');
  }
  if (block.kind === 'code') {
    const code = findIn(ctx.model, (content) => content.codeBlocks, block.span);
    const body = (code?.lines ?? []).map((l) => l.text.trim()).filter(Boolean);
    return body.every((line) => /^(#|\/\/)/.test(line) && ctx.template.text.includes(line));
  }
  return wordsKey(text) === '';
}

/** The model element (list, code block) read from the block at `span`. */
function findIn<T extends { readonly span: Span }>(model: ReportModel, pick: (content: SectionContent) => readonly T[], span: Span): T | undefined {
  for (const content of [model.preamble.content, ...model.sections.map((s) => s.content)]) {
    const found = pick(content).find((item) => item.span.start === span.start && item.span.end === span.end);
    if (found) return found;
  }
  return undefined;
}
