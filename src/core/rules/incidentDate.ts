import { replace, fix } from '../fix/edits';
import { parseDate } from '../time';
import type { Field, ReportModel } from '../model/types';
import type { Fix } from '../types';
import { idDay, type IdParts, type IdScheme } from '../ids';
import type { TemplateModel } from '../template/templateModel';
import { headerAnchor, identityField } from './query';
import type { Rule } from './rule';

export const incidentDateRule: Rule = {
  id: 'incident-date',
  description: 'The Date is a real YYYY-MM-DD, not in the future.',
  defaultSeverity: { draft: 'error', final: 'error' },
  check(ctx) {
    const declared = ctx.template.identity.date;
    // A template without a date field: nothing to check.
    if (!declared) return;
    const label = declared.label;
    const field = identityField(ctx.model, ctx.template, 'date');
    const today = ctx.today;
    if (!field) {
      ctx.report({ span: headerAnchor(ctx.model, ctx.lines), message: `No **${label}:** field found; expected a line "**${label}:** YYYY-MM-DD" under the title.` });
      return;
    }
    const span = field.value ? field.valueSpan : field.labelSpan;
    const id = reportId(ctx.model, ctx.template);
    const fromId = idDateFix(id, field, today);
    const fixes = [...(fromId ? [fromId] : []), ...(field.value !== today ? [todayFix(id, field, today, !fromId)] : [])];
    const day = parseDate(field.value);
    if (day === undefined) {
      ctx.report({ span, message: `${label} is "${field.value}"; expected a real date YYYY-MM-DD.`, fixes });
      return;
    }
    const todayDay = parseDate(ctx.today);
    if (todayDay !== undefined && day > todayDay) {
      ctx.report({ span, message: `${label} ${field.value} is in the future (today is ${ctx.today}, UTC).`, fixes });
    }
  },
};

/** The report's ID field and what its ID names, when the template's IDs name a whole day. */
interface ReportId {
  readonly field: Field;
  readonly scheme: IdScheme;
  readonly parts: IdParts;
}

function reportId(model: ReportModel, template: TemplateModel): ReportId | undefined {
  const scheme = template.identity.idScheme;
  const field = identityField(model, template, 'id');
  if (!scheme || scheme.dated !== 'day' || !field) return undefined;
  const parts = scheme.parse(field.value);
  return parts ? { field, scheme, parts } : undefined;
}

/**
 * Sets Date to today; an ID that named the old Date follows it, so the fix does not trade
 * this problem for an incident-id one.
 */
function todayFix(id: ReportId | undefined, field: Field, today: string, preferred: boolean): Fix {
  const edits = [replace(field.value ? field.valueSpan : { start: field.labelSpan.end, end: field.labelSpan.end }, field.value ? today : ` ${today}`)];
  if (id && field.value !== '' && idDay(id.parts) === field.value) {
    const newId = id.scheme.format(today, Number(id.parts.number ?? '1'));
    edits.push(replace(id.field.valueSpan, newId));
    return fix(`Set ${field.label} to today (${today}, UTC) and the ${id.field.label} to ${newId}`, edits, { isPreferred: preferred });
  }
  return fix(`Set ${field.label} to today (${today}, UTC)`, edits, { isPreferred: preferred });
}

/**
 * A report is often written days after the incident: the day its ID names is the likelier
 * Date than today, when it is a real date not in the future.
 */
function idDateFix(id: ReportId | undefined, field: Field, today: string): Fix | undefined {
  const named = idDay(id?.parts);
  if (!id || !named) return undefined;
  const day = parseDate(named);
  const todayDay = parseDate(today);
  if (day === undefined || named === field.value || (todayDay !== undefined && day > todayDay)) return undefined;
  const target = field.value ? field.valueSpan : { start: field.labelSpan.end, end: field.labelSpan.end };
  return fix(`Set ${field.label} to ${named}, the day the ${id.field.label} names`, [replace(target, field.value ? named : ` ${named}`)], { isPreferred: true });
}
