import assert from 'node:assert/strict';
import { applyEdits, createIncidentCore, DEFAULT_TEMPLATE } from '../../src/core';
import { complete, fixesOf, lint, mutate } from './helpers';

/**
 * A new timeline entry is stamped as the timeline writes its times (src/core/timelineEdit.ts
 * entryStamp): in the zone it declares, not in UTC, by Add Timeline Event, Set Status, the
 * timeline-milestones fix and New Incident alike.
 */
describe('timeline entries stamped in the timeline\'s declared zone', () => {
  const core = createIncidentCore();
  const HEADER = '| Time | Event | Actor |';
  const HEADING = '## 📊 Timeline (UTC)';
  /** complete() (Date 2026-10-20, rows 13:48 … 16:37) with its timeline's zone declared by its header (first) or a sentence (before the heading's). */
  const inZone = (header: string, sentence = ''): string => mutate(mutate(complete(), HEADING, `${HEADING}${sentence}`), HEADER, header);
  const add = (text: string, now: string) => {
    const added = core.addTimelineRow(text, new Date(now), { event: 'Cache flushed', actor: 'Alice' })!;
    return { text: applyEdits(text, [added.edit]), time: added.time };
  };
  const between = (earlier: string, row: string, later: string) => `| ${earlier} | Investigation started | Priya Raman |\n${row}\n| ${later} | Root cause identified`;

  it('Add Timeline Event in a `Time (PDT)` table writes the Pacific time, at its place among the rows', () => {
    // 22:00 UTC is 15:00 PDT: after 14:12, before 15:20 (a UTC stamp would have been 22:00, after every row).
    const { text, time } = add(inZone('| Time (PDT) | Event | Actor |'), '2026-10-20T22:00:00Z');
    assert.equal(time, '15:00');
    assert.ok(text.includes(between('14:12', '| 15:00 | Cache flushed | Alice |', '15:20')), text);
  });

  it('an IANA zone follows its offset on that day ("All times are in Europe/Paris": UTC+2 in October)', () => {
    const { text, time } = add(inZone(HEADER, '\n\nAll times are in Europe/Paris.'), '2026-10-20T13:00:00Z');
    assert.equal(time, '15:00');
    assert.ok(text.includes(between('14:12', '| 15:00 | Cache flushed | Alice |', '15:20')), text);
  });

  it('takes the date when the zone\'s day is not the report\'s Date, and not when only UTC\'s is', () => {
    const pdt = inZone('| Time (PDT) | Event | Actor |');
    // 06:30 UTC on the 21st is still the 20th in the Pacific: a clock.
    assert.equal(add(pdt, '2026-10-21T06:30:00Z').time, '23:30');
    assert.equal(add(pdt, '2026-10-21T08:00:00Z').time, '2026-10-21 01:00');
  });

  it('a zone that cannot be converted (IST) gets a UTC time that says it is UTC', () => {
    const { time } = add(inZone('| Time (IST) | Event | Actor |'), '2026-10-20T15:00:00Z');
    assert.equal(time, '15:00 UTC');
  });

  it('a timeline without a declared zone (or one declaring UTC) is stamped in UTC as before', () => {
    assert.equal(add(complete(), '2026-10-20T15:00:00Z').time, '15:00');
    assert.equal(add(inZone('| Time (UTC) | Event | Actor |'), '2026-10-20T15:00:00Z').time, '15:00');
  });

  it('the timeline-milestones fix stamps and names the declared zone', () => {
    const text = mutate(inZone('| Time (PDT) | Event | Actor |'), '| 16:37 | Incident resolved after 30 minutes of clean metrics | Priya Raman |\n', '');
    const result = lint(text, { mode: 'final', now: new Date('2026-10-20T23:50:00Z'), today: '2026-10-20' });
    const fix = fixesOf(result, 'timeline-milestones').find((f) => f.title.startsWith('Add row'));
    assert.ok(fix, 'a fix adds the resolved row');
    assert.equal(fix.title, 'Add row "Incident resolved" stamped now (16:50 PDT)');
    assert.ok(applyEdits(text, fix.edits).includes('| 16:05 | Service restored: error rate back under 0.5% | Marco Silva |\n| 16:50 | Incident resolved |'));
  });

  it('New Incident and Set Status with a template whose timeline is in PDT: Pacific times, and the Duration between them', () => {
    const team = createIncidentCore({ templateText: DEFAULT_TEMPLATE.replace(HEADER, '| Time (PDT) | Event | Actor |') });
    // 17:03 UTC is 10:03 PDT (UTC-7) on the 26th.
    const fresh = team.newReport({ title: 'Redis failover', severity: 'major', now: new Date('2026-11-26T17:03:00Z'), existingIds: [], owner: 'Dana' }).text;
    assert.match(fresh, /^\| 10:03 \| Incident detected \|/m);
    const resolved = team.setStatus(fresh, { status: 'Resolved', now: new Date('2026-11-26T19:40:00Z'), at: new Date('2026-11-26T19:38:00Z'), closer: 'Priya', actor: 'Dana' });
    const text = applyEdits(fresh, resolved.edits);
    // 19:38 UTC is 12:38 PDT: 2h 35m after 10:03.
    assert.match(text, /^\| 12:38 \| Incident resolved \| Dana \|$/m);
    assert.match(text, /^\*\*Duration:\*\* 2h 35m$/m);
    assert.ok(resolved.changes.includes('row 12:38 Incident resolved'), resolved.changes.join(', '));
  });
  it('a time placeholder in a zoned timeline\'s time cell is filled in that zone; elsewhere, and in a UTC timeline, in UTC', () => {
    const ROW = '| 14:12 | Investigation started';
    const placeholder = (text: string, at: string) => {
      const result = lint(text, { rules: ['placeholder'], now: new Date(at) });
      const found = result.diagnostics.filter((d) => d.ruleId === 'placeholder');
      assert.equal(found.length, 1);
      return { message: found[0]!.message, fix: found[0]!.fixes[0]!, span: found[0]!.span };
    };
    // 22:00 UTC on the report's day is 15:00 PDT.
    const pdt = mutate(inZone('| Time (PDT) | Event | Actor |'), ROW, '| HH:MM | Investigation started');
    const inPdt = placeholder(pdt, '2026-10-20T22:00:00Z');
    assert.equal(inPdt.message, 'Placeholder "HH:MM" is left from the template; replace it with a time (HH:MM, PDT).');
    assert.equal(inPdt.fix.title, 'Fill with now (PDT): 15:00');
    assert.equal(pdt.slice(inPdt.span.start, inPdt.span.end), 'HH:MM');
    assert.ok(applyEdits(pdt, inPdt.fix.edits).includes('| 15:00 | Investigation started'));
    // The refactor at the cursor (no rule needed) fills it the same way.
    const refactors = core.refactorsAt(pdt, inPdt.span.start + 1, new Date('2026-10-20T22:00:00Z'), 'r.md');
    assert.deepEqual(refactors.map((f) => f.title), ['Fill with now (PDT): 15:00']);
    // Past midnight in Paris (UTC+2 in October), another day than the report's: dated, so the row sorts right.
    const paris = mutate(inZone(HEADER, '\n\nAll times are in Europe/Paris.'), ROW, '| HH:MM | Investigation started');
    assert.equal(placeholder(paris, '2026-10-20T22:30:00Z').fix.title, 'Fill with now (Europe/Paris): 2026-10-21 00:30');
    // A zone that cannot be converted gets a UTC time that says so.
    assert.equal(placeholder(mutate(inZone('| Time (IST) | Event | Actor |'), ROW, '| HH:MM | Investigation started'), '2026-10-20T15:00:00Z').fix.title, 'Fill with now (UTC): 15:00 UTC');
    // The shipped template's UTC timeline: UTC, as before.
    const utc = placeholder(mutate(complete(), ROW, '| HH:MM | Investigation started'), '2026-10-20T22:00:00Z');
    assert.equal(utc.message, 'Placeholder "HH:MM" is left from the template; replace it with a UTC time (HH:MM).');
    assert.equal(utc.fix.title, 'Fill with now (UTC): 22:00');
  });
});
