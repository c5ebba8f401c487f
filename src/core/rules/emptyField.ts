import type { BlockRef, ReportModel } from '../model/types';
import { wordsKey } from '../text/normalize';
import type { Span } from '../types';
import type { Rule, RuleContext } from './rule';

export const emptyFieldRule: Rule = {
  id: 'empty-field',
  description: 'A labelled field or ### section holds more than the template comment.',
  defaultSeverity: { draft: 'info', final: 'error' },
  check(ctx) {
    for (const section of ctx.model.sections) {
      for (const field of section.content.fields) {
        if (field.value !== '') continue;
        if (field.blocks.some((block) => !isGuidanceOnly(block, ctx))) continue;
        ctx.report({ span: field.labelSpan, message: `"${field.label}" is empty; write its content below the label (the template comment does not count).` });
      }
      for (const sub of section.content.subsections) {
        if (sub.blocks.some((block) => !isGuidanceOnly(block, ctx))) continue;
        // A subsection whose content is labelled fields is reported field by field.
        if (section.content.fields.some((f) => f.subsection === sub.key)) continue;
        ctx.report({ span: sub.headingSpan, message: `"### ${sub.title}" is empty; it holds nothing but the template's guidance.` });
      }
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
    const list = findList(ctx.model, block.span);
    return !!list && list.items.every((item) => wordsKey(item.text) === '');
  }
  if (block.kind === 'code') {
    const body = text.split(/\r\n|\r|\n/).slice(1, -1).map((l) => l.trim()).filter(Boolean);
    return body.every((line) => /^(#|\/\/)/.test(line) && ctx.template.text.includes(line));
  }
  return wordsKey(text) === '';
}

function findList(model: ReportModel, span: Span) {
  for (const content of [model.preamble.content, ...model.sections.map((s) => s.content)]) {
    const list = content.lists.find((l) => l.span.start === span.start && l.span.end === span.end);
    if (list) return list;
  }
  return undefined;
}
