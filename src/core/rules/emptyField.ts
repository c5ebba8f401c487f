import type { Rule } from './rule';
import { computedFillFor } from './duration';
import { fix, insertAt } from '../fix/edits';
import { emptyPlaces } from './guidance';

export const emptyFieldRule: Rule = {
  id: 'empty-field',
  description: "A labelled field, ### subsection or the template's ## section holds more than the template's guidance.",
  defaultSeverity: { draft: 'info', final: 'error' },
  check(ctx) {
    for (const place of emptyPlaces(ctx)) {
      if (place.kind === 'field') {
        const field = place.field!;
        // Duration and Detection Time: the timeline's value, offered (not for Fix All: the writer may mean another).
        const fill = computedFillFor(ctx, field);
        const fixes = fill ? [fix(fill.title, [insertAt(field.labelSpan.end, ` ${fill.text}`)])] : [];
        const message = place.guidanceValue
          ? `"${place.name}" still holds the template's guidance; write its content below the label instead.`
          : `"${place.name}" is empty; write its content below the label (the template comment does not count).`;
        ctx.report({ span: place.span, message, unfilled: true, fixes });
        continue;
      }
      const heading = place.kind === 'section' ? `## ${place.name}` : place.name;
      ctx.report({ span: place.span, message: `"${heading}" is empty; it holds nothing but the template's guidance.`, unfilled: true });
    }
  },
};
