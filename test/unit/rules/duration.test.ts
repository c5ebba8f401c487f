import * as assert from 'node:assert/strict';
import { createIncidentCore } from '../../../src/core/index';
import { RULES } from '../../../src/core/rules';
import { durationRule } from '../../../src/core/rules/duration';
import type { Rule } from '../../../src/core/rules/rule';
import { signOffRule } from '../../../src/core/rules/signOff';
import { sloBudgetRule } from '../../../src/core/rules/sloBudget';
import { timelineMilestonesRule } from '../../../src/core/rules/timelineMilestones';
import { applyFix, complete, lint, lintWith, mutate, NOW, rangeOf, snapshot, TODAY, type LintWithOptions, errorCounts } from '../helpers';

const rule = durationRule;
const MINE: readonly Rule[] = [timelineMilestonesRule, durationRule, sloBudgetRule, signOffRule];
/** Every registered rule plus ours, sign-off last (it reads the others' findings). */
const ALL: readonly Rule[] = [...RULES.filter((r) => !MINE.some((m) => m.id === r.id)), ...MINE];

const DURATION = '**Duration:**\n2h 35m\n';
const withDuration = (value: string, text = complete()) => mutate(text, DURATION, `**Duration:**\n${value}\n`);
const open = (text: string) => mutate(text, 'Status: Resolved', 'Status: Investigating');
const TIMELINE_RUN = 'from "Incident detected: checkout error rate alert fired" at 14:02 to "Incident resolved after 30 minutes of clean metrics" at 16:37';
const mismatch = (stated: string, minutes: number) => `duration: Duration is ${stated} (${minutes} minutes) but the timeline runs 2h 35m (155 minutes) ${TIMELINE_RUN}; expected 2h 35m.`;

/**
 * Applies our one diagnostic's fix: it must go away (so there is nothing left to apply, and
 * fix-all stops), and no rule may report more errors than before.
 */
function applyCleanly(text: string, options: LintWithOptions = {}): string {
  const before = lint(text, { ...options, rules: ALL }).diagnostics.filter((d) => d.ruleId === rule.id);
  assert.equal(before.length, 1, before.map(snapshot).join('\n'));
  const fix = before[0]!.fixes[0]!;
  const fixed = applyFix(text, fix);
  assert.deepEqual(lintWith(fixed, { ...options, rules: [rule] }), []);
  const [was, now] = [errorCounts(text, { ...options, rules: ALL }), errorCounts(fixed, { ...options, rules: ALL })];
  for (const [id, count] of now) assert.ok(count <= (was.get(id) ?? 0), `${id}: ${was.get(id) ?? 0} -> ${count} errors`);
  return fixed;
}

describe('duration', () => {
  it('is silent on the complete report: 2h 35m from 14:02 (detected) to 16:37 (resolved)', () => {
    assert.deepEqual(lintWith(complete(), { rules: [rule] }), []);
    assert.deepEqual(lintWith(complete(), { rules: ALL }), []);
  });

  it('reports a Duration that differs from the timeline, on its value, error in final', () => {
    const text = withDuration('2h 40m');
    const result = lint(text, { rules: [rule] });
    assert.deepEqual(result.diagnostics.map(snapshot), [`27:1-27:7 ${mismatch('2h 40m', 160)}`]);
    assert.deepEqual(result.diagnostics.map((d) => d.severity), ['error']);
  });

  it('is a warning while the incident is open', () => {
    const result = lint(open(withDuration('2h 40m')), { rules: [rule] });
    assert.deepEqual(result.diagnostics.map(snapshot), [`27:1-27:7 ${mismatch('2h 40m', 160)}`]);
    assert.deepEqual(result.diagnostics.map((d) => d.severity), ['warning']);
  });

  it('runs from the detected row to the resolved row, not from the first row to the last', () => {
    // First row 13:48 (the deploy) to the resolved row 16:37 would be 2h 49m.
    assert.deepEqual(lintWith(withDuration('2h 49m'), { rules: [rule] }), [`27:1-27:7 ${mismatch('2h 49m', 169)}`]);
    const later = mutate(complete(), '| 16:37 | Incident resolved after 30 minutes of clean metrics | Priya Raman |\n', '| 16:37 | Incident resolved after 30 minutes of clean metrics | Priya Raman |\n| 17:30 | Post-mortem scheduled | Priya Raman |\n');
    assert.deepEqual(lintWith(later, { rules: [rule] }), []);
  });

  it('reads the ways people write a duration', () => {
    for (const value of ['155 minutes', '2 hours 35 minutes', '2h35m', '~2h 35m', 'PT2H35M', '2h 35m (14:02 to 16:37)', '2 hours and 35 minutes']) {
      assert.deepEqual(lintWith(withDuration(value), { rules: [rule] }), [], value);
    }
  });

  it('tolerates one minute either way, no more', () => {
    assert.deepEqual(lintWith(withDuration('2h 36m'), { rules: [rule] }), []);
    assert.deepEqual(lintWith(withDuration('154 min'), { rules: [rule] }), []);
    assert.deepEqual(lintWith(withDuration('2h 37m'), { rules: [rule] }), [`27:1-27:7 ${mismatch('2h 37m', 157)}`]);
    assert.deepEqual(lintWith(withDuration('2.5 hours'), { rules: [rule] }), [`27:1-27:10 ${mismatch('2.5 hours', 150)}`]);
  });

  it('reads a value on the label line, and one below a kept template comment', () => {
    const sameLine = mutate(complete(), DURATION, '**Duration:** 2h 40m\n');
    assert.deepEqual(lintWith(sameLine, { rules: [rule] }), [`${rangeOf(sameLine, '2h 40m')} ${mismatch('2h 40m', 160)}`]);
    const belowComment = withDuration('<!-- Total incident duration -->\n2h 40m');
    assert.deepEqual(lintWith(belowComment, { rules: [rule] }), [`28:1-28:7 ${mismatch('2h 40m', 160)}`]);
  });

  it('spans days with YYYY-MM-DD HH:MM rows', () => {
    let text = mutate(complete(), '| 13:48 |', '| 2026-10-19 23:16 |');
    text = mutate(text, '| 14:02 | Incident detected', '| 2026-10-19 23:30 | Incident detected');
    text = mutate(text, '| 16:37 | Incident resolved', '| 2026-10-21 02:35 | Incident resolved');
    // Only the duration is off (and sign-off counts it); the timeline itself is in order.
    assert.deepEqual(lint(text, { rules: ALL }).diagnostics.filter((d) => d.ruleId !== 'duration' && d.ruleId !== 'sign-off').map(snapshot), []);
    assert.deepEqual(
      lintWith(text, { rules: [rule] }).map((s) => s.replace(/ from .*;/, ';')),
      ['27:1-27:7 duration: Duration is 2h 35m (155 minutes) but the timeline runs 1d 3h 5m (1625 minutes); expected 1d 3h 5m.'],
    );
    assert.deepEqual(lintWith(withDuration('27h 5m', text), { rules: [rule] }), []);
    assert.deepEqual(lintWith(withDuration('1 day 3 hours 5 minutes', text), { rules: [rule] }), []);
  });

  describe('an unreadable value', () => {
    const UNREADABLE = '27:1-27:4 duration: Duration "TBD" is not a duration; expected a length such as 2h 35m, 155 minutes or 1d 3h (the timeline gives 2h 35m from detection to resolution).';

    it('is reported with the duration the timeline gives', () => {
      assert.deepEqual(lintWith(withDuration('TBD'), { rules: [rule] }), [UNREADABLE]);
      assert.deepEqual(lintWith(open(withDuration('TBD')), { rules: [rule] }), [UNREADABLE]);
    });

    it('is left alone while the incident is open and the timeline has no resolved row yet', () => {
      const text = open(mutate(withDuration('ongoing'), '| 16:37 | Incident resolved after 30 minutes of clean metrics | Priya Raman |\n', ''));
      assert.deepEqual(lintWith(text, { rules: [rule] }), []);
      assert.deepEqual(lintWith(text, { rules: [rule], mode: 'final' }), [
        '27:1-27:8 duration: Duration "ongoing" is not a duration; expected a length such as 2h 35m, 155 minutes or 1d 3h.',
      ]);
    });

    it('offers the computed duration, but not for fix-all', () => {
      const [fix] = lint(withDuration('TBD'), { rules: [rule] }).diagnostics[0]!.fixes;
      assert.equal(fix!.title, "Write the timeline's duration: 2h 35m");
      assert.notEqual(fix!.safe, true);
      assert.equal(applyCleanly(withDuration('TBD')), complete());
    });

    it('keeps prose that is not a duration, writing the duration before it', () => {
      const text = withDuration('ongoing, paging delay excluded');
      assert.deepEqual(lintWith(text, { rules: [rule] }), [
        '27:1-27:31 duration: Duration "ongoing, paging delay excluded" is not a duration; expected a length such as 2h 35m, 155 minutes or 1d 3h (the timeline gives 2h 35m from detection to resolution).',
      ]);
      assert.equal(applyCleanly(text), withDuration('2h 35m (ongoing, paging delay excluded)'));
      assert.equal(applyCleanly(withDuration('(see the timeline)')), withDuration('2h 35m (see the timeline)'));
      // Not applied by fix-all.
      assert.equal(createIncidentCore().fixAll(text, { now: NOW, today: TODAY }).text, text);
    });
  });

  describe('leaves to other rules', () => {
    it('an empty Duration or one with only the template comment (empty-field)', () => {
      assert.deepEqual(lintWith(withDuration('<!-- Total incident duration -->'), { rules: [rule] }), []);
      assert.deepEqual(lintWith(mutate(complete(), DURATION, '**Duration:**\n\n'), { rules: [rule] }), []);
    });

    it('a placeholder in the value (placeholder)', () => {
      assert.deepEqual(lintWith(withDuration('[XX] minutes'), { rules: [rule] }), []);
    });

    it('a timeline without detected or resolved rows, or with bad times', () => {
      const noResolved = mutate(withDuration('2h 40m'), '| 16:37 | Incident resolved after 30 minutes of clean metrics | Priya Raman |\n', '');
      assert.deepEqual(lintWith(noResolved, { rules: [rule] }), []);
      assert.deepEqual(lintWith(mutate(withDuration('2h 40m'), '| 16:37 | Incident resolved', '| 16h37 | Incident resolved'), { rules: [rule] }), []);
      assert.deepEqual(lintWith(mutate(withDuration('2h 40m'), '| 14:02 | Incident detected', '| HH:MM | Incident detected'), { rules: [rule] }), []);
      // Resolved before detected is the timeline's problem.
      assert.deepEqual(lintWith(mutate(withDuration('2h 40m'), '| 16:37 | Incident resolved', '| 13:00 | Incident resolved'), { rules: [rule] }), []);
    });

    it('a report without a Summary or a Duration field', () => {
      assert.deepEqual(lintWith(mutate(complete(), DURATION, ''), { rules: [rule] }), []);
      const start = complete().indexOf('## 📋 Summary');
      assert.deepEqual(lintWith(complete().slice(0, start) + complete().slice(complete().indexOf('## 📊 Timeline')), { rules: [rule] }), []);
    });

    it('a new report', () => {
      const text = createIncidentCore().newReport({ title: 'API latency', severity: 'major', now: NOW, existingIds: [] }).text;
      assert.deepEqual(lintWith(text, { rules: [rule] }), []);
      assert.deepEqual(lintWith(text, { rules: [rule], mode: 'final' }), []);
    });
  });

  it('reads CRLF documents', () => {
    const text = withDuration('2h 40m').replace(/\n/g, '\r\n');
    assert.deepEqual(lintWith(text, { rules: [rule] }), [`27:1-27:7 ${mismatch('2h 40m', 160)}`]);
    assert.equal(applyCleanly(text), complete().replace(/\n/g, '\r\n'));
  });

  it('never throws, and keeps ranges inside the document, on broken inputs', () => {
    const docs = [
      '',
      '\uFEFF**Duration:** 2h',
      '## Summary\n\n**Duration:**',
      '## Summary\n\n**Duration:** 2h 40m\n\n## Timeline\n\n| Time |\n|-|\n| 10:00 |\n',
      '## Summary\n\n**Duration:** 🚨\n\n## Timeline\n\n| Time | Event | Actor |\n|-|-|-|\n| 99:99 | Incident detected | a |\n| 10:00 | Incident resolved |\n',
      ...Array.from({ length: 40 }, (_, i) => withDuration('2h 40m').slice(0, Math.floor((complete().length * i) / 40))),
    ];
    for (const text of docs) {
      for (const mode of ['draft', 'final'] as const) {
        const result = lint(text, { rules: [rule], mode });
        assert.ok(!result.diagnostics.some((d) => d.ruleId === 'internal-error'), JSON.stringify(text.slice(0, 60)));
        for (const d of result.diagnostics) assert.ok(d.span.start >= 0 && d.span.end <= text.length);
      }
    }
  });

  describe('fix: write the computed duration', () => {
    it('replaces the stated duration with the 2h 35m form', () => {
      const fixed = applyCleanly(withDuration('2h 40m'));
      assert.equal(fixed, complete());
    });

    it('keeps a remark after the duration', () => {
      assert.equal(applyCleanly(withDuration('2h 40m (alert to all clear)')), withDuration('2h 35m (alert to all clear)'));
    });

    // Issue #17: the fix replaced `roughly` along with the duration; the word is the writer's.
    it('replaces only the duration expression, keeping words before and after it', () => {
      const text = mutate(complete(), DURATION, '**Duration:** roughly 3h, paging delay excluded\n');
      assert.deepEqual(lintWith(text, { rules: [rule] }), [`${rangeOf(text, 'roughly 3h, paging delay excluded')} ${mismatch('roughly 3h', 180)}`]);
      const fixed = mutate(complete(), DURATION, '**Duration:** roughly 2h 35m, paging delay excluded\n');
      assert.equal(applyCleanly(text), fixed);
      assert.equal(createIncidentCore().fixAll(text, { now: NOW, today: TODAY }).text, fixed);
      assert.equal(applyCleanly(withDuration('about 3 hours')), withDuration('about 2 hours 35 minutes'));
      assert.equal(applyCleanly(withDuration('approx. PT3H (pager to all clear)')), withDuration('approx. PT2H35M (pager to all clear)'));
    });

    it("writes the duration in the writer's units", () => {
      const cases: [string, string][] = [
        ['45 minutes', '155 minutes'],
        ['45 min', '155 min'],
        ['45min', '155min'],
        ['3 hours', '2 hours 35 minutes'],
        ['1 hour and 5 minutes', '2 hours 35 minutes'],
        ['2.5 hours', '2 hours 35 minutes'],
        ['PT3H', 'PT2H35M'],
        ['3h', '2h 35m'],
        ['2 hrs 40 mins', '2h 35m'],
      ];
      for (const [stated, written] of cases) {
        const [fix] = lint(withDuration(stated), { rules: [rule] }).diagnostics[0]!.fixes;
        assert.equal(fix!.title, `Write the timeline's duration: ${written}`, stated);
        assert.equal(applyCleanly(withDuration(stated)), withDuration(written), stated);
      }
    });

    it('is the preferred fix, safe for fix-all', () => {
      const [fix] = lint(withDuration('2h 40m'), { rules: [rule] }).diagnostics[0]!.fixes;
      assert.deepEqual({ title: fix!.title, isPreferred: fix!.isPreferred, safe: fix!.safe }, { title: "Write the timeline's duration: 2h 35m", isPreferred: true, safe: true });
    });

    it('works while the incident is open', () => {
      assert.equal(applyCleanly(open(withDuration('3h'))), open(complete()));
    });
  });
});
