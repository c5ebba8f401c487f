import { replace, fix } from '../fix/edits';
import { findPlaceholders, type PlaceholderMatch } from '../template/placeholders';
import { utcDate, utcTime, utcTimestamp } from '../time';
import type { Fix, Span } from '../types';
import { allTextRuns } from './query';
import type { Rule } from './rule';

export const placeholderRule: Rule = {
  id: 'placeholder',
  description: 'No template placeholder is left ([YYYY-MM-DD], HH:MM, [Name], XXXms, ____, ...).',
  defaultSeverity: { draft: 'info', final: 'error' },
  check(ctx) {
    for (const run of allTextRuns(ctx.model)) {
      // An option not chosen (`- [ ] Other: ____`) needs no value.
      if (run.inUncheckedItem) continue;
      // `[text](url)` is a link, whatever its text says.
      if (run.inLink) continue;
      for (const match of findPlaceholders(run.text, ctx.template.placeholders)) {
        const span = { start: run.start + match.index, end: run.start + match.index + match.text.length };
        ctx.report({ span, message: `Placeholder "${match.text}" is left from the template; replace it with ${describe(match)}.`, fixes: fillNow(match, span, ctx.now, run.text), unfilled: true });
      }
    }
  },
};

function describe(match: PlaceholderMatch): string {
  switch (match.temporal) {
    case 'date':
      return /yyyymmdd/i.test(match.text) ? 'a date (YYYYMMDD, UTC)' : 'a date (YYYY-MM-DD, UTC)';
    case 'time':
      return 'a UTC time (HH:MM)';
    case 'timestamp':
      return 'a UTC timestamp';
    default:
      return 'the real value';
  }
}

/**
 * Date and time placeholders can be filled with "now" (UTC). `text` is the searched text
 * `match.index` points into: a timestamp inside a file name is written compact, in prose
 * as ISO 8601; without it, compact.
 */
export function fillNow(match: PlaceholderMatch, span: Span, now: Date, text?: string): Fix[] {
  // The characters on either side, not a pattern over the text before: `/…$/` on a slice
  // scans it from its start, once per placeholder (quadratic in a run of thousands).
  const inProse = text !== undefined && !/[\w./-]/.test(text.charAt(match.index - 1)) && !/[\w.]/.test(text.charAt(match.index + match.text.length));
  const value = temporalValue(match, now, inProse);
  return value === undefined ? [] : [fix(`Fill with now (UTC): ${value}`, [replace(span, value)], { isPreferred: true })];
}

function temporalValue(match: PlaceholderMatch, now: Date, inProse: boolean): string | undefined {
  switch (match.temporal) {
    case 'date':
      return /yyyymmdd/i.test(match.text) ? utcDate(now).replace(/-/g, '') : utcDate(now);
    case 'time':
      return utcTime(now);
    case 'timestamp':
      // Timestamps in file names (`evidence/rollback_[timestamp].txt`) are compact.
      return inProse ? utcTimestamp(now) : utcTimestamp(now).replace(/[-:]/g, '');
    default:
      return undefined;
  }
}
