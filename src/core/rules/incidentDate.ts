import { replace, fix } from '../fix/edits';
import { parseDate } from '../time';
import { headerAnchor, headerField } from './query';
import type { Rule } from './rule';

export const incidentDateRule: Rule = {
  id: 'incident-date',
  description: 'The Date is a real YYYY-MM-DD, not in the future.',
  defaultSeverity: { draft: 'error', final: 'error' },
  check(ctx) {
    const field = headerField(ctx.model, 'date');
    const today = ctx.today;
    if (!field) {
      ctx.report({ span: headerAnchor(ctx.model, ctx.lines), message: 'No **Date:** field found; expected a line "**Date:** YYYY-MM-DD" under the title.' });
      return;
    }
    const span = field.value ? field.valueSpan : field.labelSpan;
    const fixes = field.value !== today ? [fix(`Set Date to today (${today}, UTC)`, [replace(field.value ? field.valueSpan : { start: field.labelSpan.end, end: field.labelSpan.end }, field.value ? today : ` ${today}`)], { isPreferred: true })] : [];
    const day = parseDate(field.value);
    if (day === undefined) {
      ctx.report({ span, message: `Date is "${field.value}"; expected a real date YYYY-MM-DD.`, fixes });
      return;
    }
    const todayDay = parseDate(ctx.today);
    if (todayDay !== undefined && day > todayDay) {
      ctx.report({ span, message: `Date ${field.value} is in the future (today is ${ctx.today}, UTC).`, fixes });
    }
  },
};
