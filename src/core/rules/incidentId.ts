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
    if (fromName && fromName !== field.value) fixes.push(fix(`Set the ID from the file name (${fromName})`, [setId(fromName)], { isPreferred: true, safe: true }));
    else if (dateValue) {
      const fromDate = `INC-${dateValue.replace(/-/g, '')}-${number}`;
      if (fromDate !== field.value) fixes.push(fix(`Set the ID from Date (${fromDate})`, [setId(fromDate)], { isPreferred: true, safe: true }));
    }

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
