import { replace, fix } from '../fix/edits';
import { isRealDate } from '../time';
import type { Fix, Span } from '../types';
import { headerAnchor, identityField } from './query';
import type { Rule } from './rule';
import { DEFAULT_ID_SCHEME, idDay, type IdScheme } from '../ids';


export const incidentIdRule: Rule = {
  id: 'incident-id',
  description: "The incident ID follows the template's pattern (INC-YYYYMMDD-NNN by default), names a real date equal to Date, and matches the file name.",
  defaultSeverity: { draft: 'error', final: 'error' },
  check(ctx) {
    const declared = ctx.template.identity.id;
    // A template without an ID field: nothing to check.
    if (!declared) return;
    const scheme = ctx.template.identity.idScheme;
    const label = declared.label;
    const shape = scheme ? idShape(scheme) : undefined;
    const field = identityField(ctx.model, ctx.template, 'id');
    if (!field) {
      ctx.report({ span: headerAnchor(ctx.model, ctx.lines), message: `No **${label}:** field found; expected a line "**${label}:** ${shape ?? '…'}" under the title.` });
      return;
    }
    // Without a pattern (the template's example has no tokens and config names none), any value goes.
    if (!scheme) return;
    // The target is the ID token; notes and comments around it are the writer's and stay.
    const token = idToken(ctx.model.text, field.valueSpan, scheme);
    const value = token?.text ?? '';
    const span = token ? token.span : field.labelSpan;
    // With no ID in the value, a fix writes it after the label (never over it or the notes).
    const setId = (id: string) => (token ? replace(token.span, id) : replace({ start: field.labelSpan.end, end: field.labelSpan.end }, ` ${id}`));
    const date = identityField(ctx.model, ctx.template, 'date');
    // An ID without a date part has nothing to agree with.
    const dateValue = scheme.dated !== 'none' && date && isRealDate(date.value) ? date.value : undefined;
    // A file name is searched for an ID only when IDs stand out from other numbers (`PM2025-002`, not `12`).
    const fromName = ctx.fileName && scheme.inText ? scheme.pattern.exec(ctx.fileName)?.[0] : undefined;
    const fixes: Fix[] = [];
    const number = Number(scheme.parse(value)?.number ?? '1');
    const fromDate = dateValue ? scheme.format(dateValue, number) : undefined;
    const nameDate = fromName ? namedDate(scheme, fromName) : undefined;
    // The file name and Date name different days: only the writer knows which is right,
    // so both fixes are offered and neither is applied by Fix All (it would flip-flop).
    const conflict = !!fromName && !!dateValue && !!nameDate && !agrees(nameDate, dateValue);
    if (conflict) {
      if (fromName !== value) fixes.push(fix(`Set the ID from the file name (${fromName})`, [setId(fromName!)]));
      if (fromDate && fromDate !== value) fixes.push(fix(`Set the ID from Date (${fromDate})`, [setId(fromDate)]));
      const idDate = scheme.parse(value) ? namedDate(scheme, value) : undefined;
      ctx.report({
        span,
        message: `The file name's ID ${fromName} names ${nameDate} but Date is ${dateValue}${idDate ? ` (the ${label} names ${idDate})` : ''}; correct the Date or rename the file, then the ID.`,
        fixes,
      });
      return;
    }
    if (fromName && fromName !== value) fixes.push(fix(`Set the ID from the file name (${fromName})`, [setId(fromName)], { isPreferred: true, safe: true }));
    else if (fromDate && fromDate !== value) fixes.push(fix(`Set the ID from Date (${fromDate})`, [setId(fromDate)], { isPreferred: true, safe: true }));

    const parts = scheme.parse(value);
    if (!parts) {
      ctx.report({ span, message: `${label} is "${value}"; expected ${shape}, e.g. ${scheme.example}.`, fixes });
      return;
    }
    const idDate = namedDate(scheme, value);
    if (scheme.dated === 'day' && idDate && !isRealDate(idDate)) {
      ctx.report({ span, message: `${label} ${value} names ${idDate}, which is not a real date.`, fixes });
      return;
    }
    if (dateValue && idDate && !agrees(idDate, dateValue)) {
      ctx.report({ span, message: `${label} ${value} names ${idDate} but Date is ${dateValue}; they must agree.`, fixes });
      return;
    }
    if (fromName && fromName !== value) {
      ctx.report({ span, message: `${label} ${value} differs from the file name's ID ${fromName}.`, fixes });
    }
  },
};

/** `INC-{YYYYMMDD}-{NNN}` -> `INC-YYYYMMDD-NNN`, the pattern as messages show it. */
export function idShape(scheme: IdScheme): string {
  return scheme.spec.replace(/\{([A-Z]+)\}/g, '$1');
}

/** The day (`2026-10-20`) or the year (`2025`) an ID names, as its pattern allows. */
function namedDate(scheme: IdScheme, id: string): string | undefined {
  const parts = scheme.parse(id);
  return scheme.dated === 'day' ? idDay(parts) : scheme.dated === 'year' ? parts?.year : undefined;
}

/** A day agrees with the report's Date when equal; a year, when it is the Date's year. */
function agrees(named: string, date: string): boolean {
  return named.length === 4 ? date.startsWith(`${named}-`) : named === date;
}

/** An ID standing alone: not part of a longer word (`INC-20261020-001-checkout`), not in backticks (documented as reported). */

/**
 * The ID inside a field value such as `INC-20261020-001 (see Slack, reopened from
 * INC-20261019-003)`: the first well-formed ID, else the first word (a malformed ID or a
 * stand-in like `TBD`), HTML comments skipped. Undefined when the value has no word.
 */
export function idToken(text: string, valueSpan: Span, scheme: IdScheme = DEFAULT_ID_SCHEME): { text: string; span: Span } | undefined {
  const raw = text.slice(valueSpan.start, valueSpan.end);
  // Blanked to the same length, so offsets into `visible` are offsets into `raw`.
  const visible = raw.replace(/<!--[\s\S]*?(?:-->|$)/g, (comment) => ' '.repeat(comment.length));
  const match = scheme.token.exec(visible) ?? /\S+/.exec(visible);
  if (!match) return undefined;
  // A word's trailing punctuation belongs to the sentence (`TBD, see thread`).
  const word = match[0].replace(/(?<=.)[,;:.!?]+$/, '');
  const start = valueSpan.start + match.index;
  return { text: word, span: { start, end: start + word.length } };
}
