import { replace, fix } from '../fix/edits';
import { compactToIsoDate, isRealDate } from '../time';
import type { Fix } from '../types';
import { headerAnchor, headerField } from './query';
import type { Rule } from './rule';

export const INCIDENT_ID = /^INC-(\d{8})-(\d{3})$/;
const ID_IN_NAME = /INC-(\d{8})-(\d{3})/;

export const incidentIdRule: Rule = {
  id: 'incident-id',
  description: 'The Incident ID reads INC-YYYYMMDD-NNN, names a real date equal to Date, and matches the file name.',
  defaultSeverity: { draft: 'error', final: 'error' },
  check(ctx) {
    const field = headerField(ctx.model, 'incident id');
    if (!field) {
      ctx.report({ span: headerAnchor(ctx.model, ctx.lines), message: 'No **Incident ID:** field found; expected a line "**Incident ID:** INC-YYYYMMDD-NNN" under the title.' });
      return;
    }
    const span = field.value ? field.valueSpan : field.labelSpan;
    // With no value, a fix writes the ID after the label (never over it).
    const setId = (id: string) => (field.value ? replace(field.valueSpan, id) : replace({ start: field.labelSpan.end, end: field.labelSpan.end }, ` ${id}`));
    const date = headerField(ctx.model, 'date');
    const dateValue = date && isRealDate(date.value) ? date.value : undefined;
    const fromName = ctx.fileName ? ID_IN_NAME.exec(ctx.fileName)?.[0] : undefined;
    const fixes: Fix[] = [];
    const number = INCIDENT_ID.exec(field.value)?.[2] ?? '001';
    const fromDate = dateValue ? `INC-${dateValue.replace(/-/g, '')}-${number}` : undefined;
    const nameDate = fromName ? compactToIsoDate(fromName.slice(4, 12)) : undefined;
    // The file name and Date name different days: only the writer knows which is right,
    // so both fixes are offered and neither is applied by Fix All (it would flip-flop).
    const conflict = !!fromName && !!dateValue && nameDate !== dateValue;
    if (conflict) {
      if (fromName !== field.value) fixes.push(fix(`Set the ID from the file name (${fromName})`, [setId(fromName!)]));
      if (fromDate && fromDate !== field.value) fixes.push(fix(`Set the ID from Date (${fromDate})`, [setId(fromDate)]));
      const match = INCIDENT_ID.exec(field.value);
      const idDate = match ? compactToIsoDate(match[1]!) : undefined;
      ctx.report({
        span,
        message: `The file name's ID ${fromName} names ${nameDate} but Date is ${dateValue}${idDate ? ` (the Incident ID names ${idDate})` : ''}; correct the Date or rename the file, then the ID.`,
        fixes,
      });
      return;
    }
    if (fromName && fromName !== field.value) fixes.push(fix(`Set the ID from the file name (${fromName})`, [setId(fromName)], { isPreferred: true, safe: true }));
    else if (fromDate && fromDate !== field.value) fixes.push(fix(`Set the ID from Date (${fromDate})`, [setId(fromDate)], { isPreferred: true, safe: true }));

    const match = INCIDENT_ID.exec(field.value);
    if (!match) {
      ctx.report({ span, message: `Incident ID is "${field.value}"; expected INC-YYYYMMDD-NNN, e.g. INC-20261126-001.`, fixes });
      return;
    }
    const idDate = compactToIsoDate(match[1]!);
    if (!isRealDate(idDate)) {
      ctx.report({ span, message: `Incident ID ${field.value} names ${idDate}, which is not a real date.`, fixes });
      return;
    }
    if (dateValue && idDate !== dateValue) {
      ctx.report({ span, message: `Incident ID ${field.value} names ${idDate} but Date is ${dateValue}; they must agree.`, fixes });
      return;
    }
    if (fromName && fromName !== field.value) {
      ctx.report({ span, message: `Incident ID ${field.value} differs from the file name's ID ${fromName}.`, fixes });
    }
  },
};
