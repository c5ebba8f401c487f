import { replace, fix } from '../fix/edits';
import { parseDate } from '../time';
import type { Field, ReportModel } from '../model/types';
import type { Fix } from '../types';
import { WHOLE_ID } from '../ids';
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
    const fromId = idDateFix(ctx.model, field, today);
    const fixes = [...(fromId ? [fromId] : []), ...(field.value !== today ? [todayFix(ctx.model, field, today, !fromId)] : [])];
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

/**
 * Sets Date to today; an Incident ID that named the old Date follows it, so the fix does
 * not trade this problem for an incident-id one.
 */
function todayFix(model: ReportModel, field: Field, today: string, preferred: boolean): Fix {
  const edits = [replace(field.value ? field.valueSpan : { start: field.labelSpan.end, end: field.labelSpan.end }, field.value ? today : ` ${today}`)];
  const id = headerField(model, 'incident id');
  const match = id ? WHOLE_ID.exec(id.value) : null;
  if (id && match && field.value !== '' && match[1] === field.value.replace(/-/g, '')) {
    const newId = `INC-${today.replace(/-/g, '')}-${match[2]}`;
    edits.push(replace(id.valueSpan, newId));
    return fix(`Set Date to today (${today}, UTC) and the Incident ID to ${newId}`, edits, { isPreferred: preferred });
  }
  return fix(`Set Date to today (${today}, UTC)`, edits, { isPreferred: preferred });
}

/**
 * A report is often written days after the incident: the day its Incident ID names is the
 * likelier Date than today, when it is a real date not in the future.
 */
function idDateFix(model: ReportModel, field: Field, today: string): Fix | undefined {
  const match = WHOLE_ID.exec(headerField(model, 'incident id')?.value ?? '');
  if (!match) return undefined;
  const named = `${match[1]!.slice(0, 4)}-${match[1]!.slice(4, 6)}-${match[1]!.slice(6, 8)}`;
  const day = parseDate(named);
  const todayDay = parseDate(today);
  if (day === undefined || named === field.value || (todayDay !== undefined && day > todayDay)) return undefined;
  const target = field.value ? field.valueSpan : { start: field.labelSpan.end, end: field.labelSpan.end };
  return fix(`Set Date to ${named}, the day the Incident ID names`, [replace(target, field.value ? named : ` ${named}`)], { isPreferred: true });
}
