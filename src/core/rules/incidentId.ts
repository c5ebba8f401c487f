import { replace, fix } from '../fix/edits';
import { compactToIsoDate, isRealDate } from '../time';
import type { Fix, Span } from '../types';
import { headerAnchor, headerField } from './query';
import type { Rule } from './rule';
import { ID_PATTERN, ID_TOKEN, WHOLE_ID } from '../ids';


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
    // The target is the ID token; notes and comments around it are the writer's and stay.
    const token = idToken(ctx.model.text, field.valueSpan);
    const value = token?.text ?? '';
    const span = token ? token.span : field.labelSpan;
    // With no ID in the value, a fix writes it after the label (never over it or the notes).
    const setId = (id: string) => (token ? replace(token.span, id) : replace({ start: field.labelSpan.end, end: field.labelSpan.end }, ` ${id}`));
    const date = headerField(ctx.model, 'date');
    const dateValue = date && isRealDate(date.value) ? date.value : undefined;
    const fromName = ctx.fileName ? ID_PATTERN.exec(ctx.fileName)?.[0] : undefined;
    const fixes: Fix[] = [];
    const number = WHOLE_ID.exec(value)?.[2] ?? '001';
    const fromDate = dateValue ? `INC-${dateValue.replace(/-/g, '')}-${number}` : undefined;
    const nameDate = fromName ? compactToIsoDate(fromName.slice(4, 12)) : undefined;
    // The file name and Date name different days: only the writer knows which is right,
    // so both fixes are offered and neither is applied by Fix All (it would flip-flop).
    const conflict = !!fromName && !!dateValue && nameDate !== dateValue;
    if (conflict) {
      if (fromName !== value) fixes.push(fix(`Set the ID from the file name (${fromName})`, [setId(fromName!)]));
      if (fromDate && fromDate !== value) fixes.push(fix(`Set the ID from Date (${fromDate})`, [setId(fromDate)]));
      const match = WHOLE_ID.exec(value);
      const idDate = match ? compactToIsoDate(match[1]!) : undefined;
      ctx.report({
        span,
        message: `The file name's ID ${fromName} names ${nameDate} but Date is ${dateValue}${idDate ? ` (the Incident ID names ${idDate})` : ''}; correct the Date or rename the file, then the ID.`,
        fixes,
      });
      return;
    }
    if (fromName && fromName !== value) fixes.push(fix(`Set the ID from the file name (${fromName})`, [setId(fromName)], { isPreferred: true, safe: true }));
    else if (fromDate && fromDate !== value) fixes.push(fix(`Set the ID from Date (${fromDate})`, [setId(fromDate)], { isPreferred: true, safe: true }));

    const match = WHOLE_ID.exec(value);
    if (!match) {
      ctx.report({ span, message: `Incident ID is "${value}"; expected INC-YYYYMMDD-NNN, e.g. INC-20261126-001.`, fixes });
      return;
    }
    const idDate = compactToIsoDate(match[1]!);
    if (!isRealDate(idDate)) {
      ctx.report({ span, message: `Incident ID ${value} names ${idDate}, which is not a real date.`, fixes });
      return;
    }
    if (dateValue && idDate !== dateValue) {
      ctx.report({ span, message: `Incident ID ${value} names ${idDate} but Date is ${dateValue}; they must agree.`, fixes });
      return;
    }
    if (fromName && fromName !== value) {
      ctx.report({ span, message: `Incident ID ${value} differs from the file name's ID ${fromName}.`, fixes });
    }
  },
};

/** An ID standing alone: not part of a longer word (`INC-20261020-001-checkout`), not in backticks (documented as reported). */

/**
 * The ID inside a field value such as `INC-20261020-001 (see Slack, reopened from
 * INC-20261019-003)`: the first well-formed ID, else the first word (a malformed ID or a
 * stand-in like `TBD`), HTML comments skipped. Undefined when the value has no word.
 */
export function idToken(text: string, valueSpan: Span): { text: string; span: Span } | undefined {
  const raw = text.slice(valueSpan.start, valueSpan.end);
  // Blanked to the same length, so offsets into `visible` are offsets into `raw`.
  const visible = raw.replace(/<!--[\s\S]*?(?:-->|$)/g, (comment) => ' '.repeat(comment.length));
  const match = ID_TOKEN.exec(visible) ?? /\S+/.exec(visible);
  if (!match) return undefined;
  // A word's trailing punctuation belongs to the sentence (`TBD, see thread`).
  const word = match[0].replace(/(?<=.)[,;:.!?]+$/, '');
  const start = valueSpan.start + match.index;
  return { text: word, span: { start, end: start + word.length } };
}
