import { fix, insertAt } from '../fix/edits';
import { eventColumn, milestoneInfo, milestoneName, requiredMilestones, timelineMilestones, type MilestoneInfo, type TimelineMilestones } from '../milestones';
import { findPlaceholders } from '../template/placeholders';
import { detectEol } from '../text/lineIndex';
import { wordsKey } from '../text/normalize';
import { parseDate, parseTimelineTime, utcDate, utcTime } from '../time';
import type { Fix } from '../types';
import { reportDay, timeColumn } from './query';
import type { Rule, RuleContext } from './rule';

/**
 * The timeline shows when the incident was detected and resolved (and, once final, when
 * mitigation started and the service was restored). What counts as such a row is decided
 * in ../milestones.ts. One diagnostic per missing milestone, on the table's header row,
 * each with a fix that inserts the row stamped now (UTC) at its place in time.
 */
export const timelineMilestonesRule: Rule = {
  id: 'timeline-milestones',
  description: 'The timeline has rows for detected and resolved (final: also mitigation started and service restored).',
  defaultSeverity: { draft: 'info', final: 'error' },
  check(ctx) {
    const timeline = timelineMilestones(ctx);
    if (!timeline) return; // missing-section reports an absent Timeline.
    const missing = requiredMilestones(ctx.mode).filter((id) => !timeline.found.has(id)).map(milestoneInfo);
    if (missing.length === 0) return;
    // The team's own words: its template's row for the milestone, its Event column's header.
    const name = (info: MilestoneInfo): string => milestoneName(ctx.template, info.id);
    if (!timeline.table) {
      // timeline-table reports the absent table; say once which rows it will need.
      const names = missing.map((m) => `"${name(m)}"`).join(', ');
      ctx.report({ span: timeline.section.headingSpan, message: `Timeline has no table, so no milestone rows; expected rows for ${names}.` });
      return;
    }
    const eventHeader = timeline.table.columns[eventColumn(ctx.template)] || ctx.template.timeline?.columns[eventColumn(ctx.template)] || 'Event';
    for (const info of missing) {
      const examples = [...new Set([name(info), info.example])].map((e) => `"${e}"`).join(' or ');
      ctx.report({
        span: timeline.table.header.span,
        message: `Timeline has no "${name(info)}" row; expected a row whose ${eventHeader} says so (e.g. ${examples}).`,
        fixes: [appendRowFix(ctx, timeline, info)],
        // While the incident is open, a milestone not reached yet is still to be written.
        unfilled: true,
      });
    }
  },
};

/**
 * Inserts `| <now> | <milestone> | <actor> |`. The time is `HH:MM` when the report's Date is
 * today (UTC), else `YYYY-MM-DD HH:MM`, so the row is ordered correctly against the others.
 * It goes after the last timed row that is not later than now, and before the first later
 * one, so it never makes the timeline go backwards.
 */
function appendRowFix(ctx: RuleContext, timeline: TimelineMilestones, info: MilestoneInfo): Fix {
  const table = timeline.table!;
  const today = utcDate(ctx.now);
  const day = reportDay(ctx.model);
  const sameDay = day !== undefined && day === parseDate(today);
  const time = sameDay ? utcTime(ctx.now) : `${today} ${utcTime(ctx.now)}`;
  const parsed = parseTimelineTime(time, day);
  const minutes = parsed.kind === 'ok' ? parsed.minutes : Number.POSITIVE_INFINITY;

  const entries = timeline.entries;
  const firstLater = entries.findIndex((e) => e.time.kind === 'ok' && e.time.minutes > minutes);
  const before = firstLater < 0 ? entries : entries.slice(0, firstLater);
  const lastTimed = [...before].reverse().find((e) => e.time.kind === 'ok');
  // After the last timed row not later than now; else before the first row; else at the end.
  const anchor = lastTimed ?? (firstLater >= 0 ? undefined : entries[entries.length - 1]);
  const eol = detectEol(ctx.model.text);
  const delimiterLine = ctx.lines.positionAt(table.header.span.end).line + 1;
  const at = anchor ? ctx.lines.lineSpanAt(anchor.row.span.start).end : ctx.lines.lineEnd(delimiterLine);

  const cells = (ctx.template.timeline?.columnKeys ?? ['time', 'event', 'actor']).map((key, i) => {
    if (i === timeColumn(ctx.template)) return time;
    if (i === eventColumn(ctx.template)) return milestoneName(ctx.template, info.id);
    if (/\b(?:actor|who|owner|by)\b/.test(key)) return actorFor(ctx);
    return '';
  });
  const row = `| ${cells.join(' | ')} |`;
  // Not `safe`: fix-all on save must never declare an open incident resolved.
  return fix(`Add row "${milestoneName(ctx.template, info.id)}" stamped now (${time} UTC)`, [insertAt(at, eol + row)], { isPreferred: true });
}

/**
 * Who the new row names: the report's On-call Engineer, else its Incident Commander, else
 * the front matter Owner, else "On-call". Never a template placeholder (which the
 * placeholder rule would then report).
 */
function actorFor(ctx: RuleContext): string {
  const filled = (value: unknown): string | undefined => {
    if (typeof value !== 'string') return undefined;
    const text = value.trim().split(/\r\n|\r|\n/)[0]!.trim();
    if (!wordsKey(text) || findPlaceholders(text, ctx.template.placeholders).length > 0) return undefined;
    return text.replace(/\|/g, '\\|');
  };
  const fieldValue = (key: string): string | undefined => {
    for (const section of ctx.model.sections) {
      const field = section.content.fields.find((f) => f.key === key);
      if (field) return filled(field.value);
    }
    return undefined;
  };
  return fieldValue('on call engineer') ?? fieldValue('incident commander') ?? filled(ctx.model.frontMatter?.data?.['Owner']) ?? 'On-call';
}
