import { fix, insertAt } from '../fix/edits';
import { milestoneInfo, milestoneName, requiredMilestones, timelineMilestones, type MilestoneInfo, type TimelineMilestones } from '../milestones';
import { findPlaceholders } from '../template/placeholders';
import { wordsKey } from '../text/normalize';
import type { Fix } from '../types';
import { entryStamp, insertEntryEdit, timelineEntryText } from '../timelineEdit';
import { timelineAnchor } from '../timelineSource';
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
    const source = timeline.timeline;
    // The team's own words: its template's row for the milestone, its event column's header.
    const name = (info: MilestoneInfo): string => milestoneName(ctx.template, info.id);
    if (source.kind === 'none') {
      // timeline-table reports the absent table; say once which rows it will need.
      const names = missing.map((m) => `"${name(m)}"`).join(', ');
      ctx.report({ span: timeline.section.headingSpan, message: `Timeline has no table, so no milestone rows; expected rows for ${names}.` });
      return;
    }
    // The team's own name for the event column ("What happened"); a bullet is its own event.
    const eventAt = source.kind === 'table' ? source.columns.index.event : undefined;
    const event = source.kind === 'list' ? 'entry' : eventAt === undefined ? 'row' : `row whose ${source.table.columns[eventAt]}`;
    for (const info of missing) {
      const examples = [...new Set([name(info), info.example])].map((e) => `"${e}"`).join(' or ');
      ctx.report({
        span: timelineAnchor(source),
        message: `Timeline has no "${name(info)}" ${source.kind === 'list' ? 'entry' : 'row'}; expected ${source.kind === 'list' ? 'an entry that says so' : eventAt === undefined ? 'a row that says so' : `a ${event} says so`} (e.g. ${examples}).`,
        fixes: [appendRowFix(ctx, timeline, info)],
        // While the incident is open, a milestone not reached yet is still to be written.
        unfilled: true,
      });
    }
  },
};

/**
 * Inserts `| <now> | <milestone> | <actor> |`, stamped as Add Timeline Event stamps (in the
 * timeline's declared zone, `HH:MM` on the report's Date: entryStamp). It goes after the last
 * timed row that is not later than now, and before the first later one, so it never makes
 * the timeline go backwards.
 */
function appendRowFix(ctx: RuleContext, timeline: TimelineMilestones, info: MilestoneInfo): Fix {
  const source = timeline.timeline as Extract<TimelineMilestones['timeline'], { kind: 'table' | 'list' }>;
  const stamp = entryStamp(ctx.model, ctx.template, ctx.now, source);
  const name = milestoneName(ctx.template, info.id);
  const entry = timelineEntryText(source, stamp.text, { event: name, actor: source.kind === 'table' && source.columns.index.actor !== undefined ? actorFor(ctx) : '' });
  const edit = insertEntryEdit(ctx.model.text, ctx.lines, source, timeline.entries, stamp.minutes, entry);
  // Not `safe`: fix-all on save must never declare an open incident resolved.
  return fix(`Add row "${name}" stamped now (${stamp.label})`, [insertAt(edit.span.start, edit.newText)], { isPreferred: true });
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
    return text; // timelineEntryText escapes a pipe.
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
