import { timelineMilestones } from '../milestones';
import type { Field, ReportModel, Section } from '../model/types';
import type { TemplateModel } from '../template/templateModel';
import { findPlaceholders } from '../template/placeholders';
import { wordsKey } from '../text/normalize';
import { parseDate } from '../time';
import { reportDay, sectionByKey } from './query';
import type { Rule, RuleContext } from './rule';

/**
 * The Sign-off: who closed the incident, when, and that nothing is left to fix.
 *
 * The template carries `**Final Status:** ✅ Resolved` from the start, so that line alone
 * proves nothing. Choices:
 * - Final mode (front matter Resolved/Closed, or --final): Final Status must say Resolved
 *   (or Closed); Incident Closed By must be filled (not empty, not a placeholder); Date
 *   must be a real date, not before the day of the timeline's resolved row and not after
 *   today; and when earlier rules still report errors, one diagnostic on the Final Status
 *   line says how many and from which rules (sign-off is registered last, so
 *   `ctx.previous` holds every other rule's findings).
 * - Draft mode (incident open): only what is wrong whatever the progress, and only while
 *   Final Status says Resolved: a sign-off Date that is filled but not a real date, before
 *   the resolved row, or in the future. An unfilled Closed By or Date is normal while the
 *   incident runs (and `placeholder` already points at `[Name]`), so draft says nothing.
 *
 * Ranges: the problem field's line content (label and value) for a field that is empty or
 * a placeholder, the value for a wrong value, the section heading for a missing field.
 */
export const signOffRule: Rule = {
  id: 'sign-off',
  description: 'Sign-off: Closed By filled, a Date not before the resolved row, and (final) no errors left in other rules.',
  defaultSeverity: { draft: 'info', final: 'error' },
  check(ctx) {
    const section = signOffSection(ctx);
    if (!section) return; // missing-section reports it.
    const field = (test: (key: string) => boolean): Field | undefined => section.content.fields.find((f) => test(f.key));
    const status = field((k) => k === 'final status' || k === 'status');
    const closedBy = field(CLOSED_BY_FIELD);
    const date = field(SIGN_OFF_DATE_FIELD);
    const final = ctx.mode === 'final';
    const resolved = status !== undefined && saysResolved(status.value);
    const heading = `"## ${section.title}"`;

    if (final) {
      if (!status) ctx.report({ span: section.headingSpan, message: `${heading} has no **Final Status:** field; expected "**Final Status:** ✅ Resolved" once the incident is resolved.` });
      else if (!resolved) {
        ctx.report({ span: status.value ? status.span : status.labelSpan, message: `Final Status is ${status.value ? `"${status.value}"` : 'empty'} but the report is ${statusWord(ctx)}; expected ✅ Resolved.` });
      }
      if (!closedBy) ctx.report({ span: section.headingSpan, message: `${heading} has no **Incident Closed By:** field; expected the name of who closed the incident.` });
      else if (!isFilled(ctx, closedBy.value)) {
        const found = closedBy.value ? `still "${closedBy.value}"` : 'empty';
        ctx.report({ span: closedBy.value ? closedBy.span : closedBy.labelSpan, message: `Incident Closed By is ${found}; expected the name of who closed the incident.` });
      }
    }

    if (final || resolved) checkDate(ctx, date, section, final);

    if (final) {
      const errors = ctx.previous.filter((d) => d.severity === 'error' && d.ruleId !== 'sign-off');
      if (errors.length > 0) {
        const rules = [...new Set(errors.map((d) => d.ruleId))];
        const shown = rules.slice(0, 5).join(', ') + (rules.length > 5 ? `, and ${rules.length - 5} more` : '');
        const anchor = status ? (status.value ? status.span : status.labelSpan) : section.headingSpan;
        ctx.report({
          span: anchor,
          message: `${errors.length} error${errors.length === 1 ? '' : 's'} from other rules remain${errors.length === 1 ? 's' : ''} (${shown}); a resolved report is signed off with none left.`,
        });
      }
    }
  },
};

function checkDate(ctx: RuleContext, date: Field | undefined, section: Section, final: boolean): void {
  if (!date) {
    if (final) ctx.report({ span: section.headingSpan, message: `"## ${section.title}" has no **Date:** field; expected the sign-off date (YYYY-MM-DD).` });
    return;
  }
  const resolvedDay = resolvedRowDay(ctx);
  const expected = resolvedDay === undefined ? 'a date YYYY-MM-DD' : `a date YYYY-MM-DD on or after ${dayText(resolvedDay)} (the timeline's resolved row)`;
  const value = date.value;
  if (!value || findPlaceholders(value, ctx.template.placeholders).length > 0) {
    if (final) ctx.report({ span: value ? date.span : date.labelSpan, message: `Sign-off Date is ${value ? `still "${value}"` : 'empty'}; expected ${expected}.` });
    return;
  }
  const day = parseDate(value);
  if (day === undefined) {
    ctx.report({ span: date.valueSpan, message: `Sign-off Date "${value}" is not a real date; expected ${expected}.` });
    return;
  }
  if (resolvedDay !== undefined && day < resolvedDay) {
    ctx.report({ span: date.valueSpan, message: `Sign-off Date ${value} is before the incident was resolved; expected ${expected}.` });
    return;
  }
  const today = parseDate(ctx.today);
  if (today !== undefined && day > today) {
    ctx.report({ span: date.valueSpan, message: `Sign-off Date ${value} is in the future (today is ${ctx.today}, UTC); expected the date the incident was closed.` });
  }
}

function signOffSection(ctx: RuleContext): Section | undefined {
  return findSignOffSection(ctx.model, ctx.template);
}

/** The section of the template that holds Final Status (Sign-off), else one named so. */
export function findSignOffSection(model: ReportModel, template: TemplateModel): Section | undefined {
  const home = template.sections.find((s) => s.fields.some((f) => f.key === 'final status'));
  const byTemplate = home ? sectionByKey(model, home.key) : undefined;
  return byTemplate ?? model.sections.find((s) => /\bsign off\b/.test(s.key));
}

/** The sign-off's Closed By and Date fields, as the rule reads them. */
export const CLOSED_BY_FIELD = (key: string): boolean => /\bclosed by\b/.test(key) || key === 'signed off by';
export const SIGN_OFF_DATE_FIELD = (key: string): boolean => key === 'date' || key === 'sign off date' || key === 'closed on';

/** "✅ Resolved", "resolved", "Closed"; not "Not resolved" or "Unresolved". */
function saysResolved(value: string): boolean {
  const words = wordsKey(value);
  return /\b(?:resolved|closed)\b/.test(words) && !/\b(?:not|never|no)\b/.test(words);
}

function isFilled(ctx: RuleContext, value: string): boolean {
  return wordsKey(value) !== '' && findPlaceholders(value, ctx.template.placeholders).length === 0;
}

function statusWord(ctx: RuleContext): string {
  const status = ctx.model.frontMatter?.data?.['Status'];
  // With --final an open report is checked as final without being marked so.
  return typeof status === 'string' && /^(?:resolved|closed)$/i.test(status.trim()) ? `marked ${status.trim()}` : 'checked as final';
}

/** The UTC day of the resolved row, when its time is valid and its day known. */
function resolvedRowDay(ctx: RuleContext): number | undefined {
  const row = timelineMilestones(ctx)?.found.get('resolved');
  if (!row || row.time.kind !== 'ok') return undefined;
  // `HH:MM` rows sit on the report's Date; without a real Date their day is unknown.
  if (!row.time.explicitDate && reportDay(ctx.model) === undefined) return undefined;
  return Math.floor(row.time.minutes / 1440);
}

function dayText(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
