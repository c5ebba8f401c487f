import * as assert from 'node:assert/strict';
import { createIncidentCore } from '../../../src/core/index';
import { RULES } from '../../../src/core/rules';
import { durationRule } from '../../../src/core/rules/duration';
import type { Rule } from '../../../src/core/rules/rule';
import { signOffRule } from '../../../src/core/rules/signOff';
import { sloBudgetRule } from '../../../src/core/rules/sloBudget';
import { timelineMilestonesRule } from '../../../src/core/rules/timelineMilestones';
import type { Fix } from '../../../src/core/types';
import { applyFix, complete, lint, lintWith, mutate, NOW, rangeOf, snapshot, type LintWithOptions, errorCounts } from '../helpers';

const rule = timelineMilestonesRule;
const MINE: readonly Rule[] = [timelineMilestonesRule, durationRule, sloBudgetRule, signOffRule];
/** Every registered rule plus ours, sign-off last (it reads the others' findings). */
const ALL: readonly Rule[] = [...RULES.filter((r) => !MINE.some((m) => m.id === r.id)), ...MINE];

const HEADER = '| Time | Event | Actor |';
const RESTORED_ROW = '| 16:05 | Service restored: error rate back under 0.5% | Marco Silva |\n';
const MITIGATION_ROW = '| 15:31 | Mitigation started: rollback to 2026.10.20-2 | Marco Silva |\n';
const RESOLVED_ROW = '| 16:37 | Incident resolved after 30 minutes of clean metrics | Priya Raman |\n';
const DETECTED_EVENT = '| 14:02 | Incident detected: checkout error rate alert fired |';

const open = (text: string) => mutate(text, 'Status: Resolved', 'Status: Investigating');
const fresh = (now = NOW) => createIncidentCore().newReport({ title: 'API latency', severity: 'major', now, existingIds: [] }).text;
const missing = (name: string, examples: string) => `timeline-milestones: Timeline has no "${name}" row; expected a row whose Event says so (e.g. ${examples}).`;
const MSG = {
  detected: missing('Incident detected', '"Incident detected" or "Alert fired"'),
  mitigation: missing('Mitigation started', '"Mitigation started" or "Rollback started"'),
  restored: missing('Service restored', '"Service restored" or "Recovered"'),
  resolved: missing('Incident resolved', '"Incident resolved" or "All clear"'),
};

/**
 * Applies the fix of our diagnostic whose message is `message`; asserts it is gone, that no
 * rule reports more errors than before, and that nothing is left for our rule to fix for it.
 */
function applyCleanly(text: string, message: string, options: LintWithOptions = {}): string {
  const before = lint(text, { ...options, rules: ALL });
  const target = before.diagnostics.find((d) => d.ruleId === rule.id && `${d.ruleId}: ${d.message}` === message);
  assert.ok(target, `no diagnostic ${message}`);
  assert.equal(target.fixes.length, 1);
  const fixed = applyFix(text, target.fixes[0] as Fix);
  const after = lint(fixed, { ...options, rules: ALL });
  assert.ok(!after.diagnostics.some((d) => d.ruleId === rule.id && d.message === target.message), 'the diagnostic is still there');
  const [was, now] = [errorCounts(text, { ...options, rules: ALL }), errorCounts(fixed, { ...options, rules: ALL })];
  for (const [id, count] of now) assert.ok(count <= (was.get(id) ?? 0), `${id}: ${was.get(id) ?? 0} -> ${count} errors\n${after.diagnostics.filter((d) => d.ruleId === id).map(snapshot).join('\n')}`);
  return fixed;
}

describe('timeline-milestones', () => {
  it('is silent on the complete report (final), as are all four rules of this group', () => {
    assert.deepEqual(lintWith(complete(), { rules: [rule] }), []);
    assert.deepEqual(lintWith(complete(), { rules: MINE }), []);
    assert.deepEqual(lintWith(complete(), { rules: ALL }), []);
  });

  it('final: reports a missing "Service restored" row on the table header, as an error', () => {
    const text = mutate(complete(), RESTORED_ROW, '');
    const result = lint(text, { rules: [rule] });
    assert.deepEqual(result.diagnostics.map(snapshot), [`${rangeOf(text, HEADER)} ${MSG.restored}`]);
    assert.equal(rangeOf(text, HEADER), '36:1-36:25');
    assert.deepEqual(result.diagnostics.map((d) => d.severity), ['error']);
  });

  it('final: reports a missing "Mitigation started" row', () => {
    const text = mutate(complete(), MITIGATION_ROW, '');
    assert.deepEqual(lintWith(text, { rules: [rule] }), [`36:1-36:25 ${MSG.mitigation}`]);
  });

  it('draft: does not ask for mitigation and restoration yet', () => {
    const text = open(mutate(mutate(complete(), RESTORED_ROW, ''), MITIGATION_ROW, ''));
    assert.deepEqual(lintWith(text, { rules: [rule] }), []);
  });

  // Draft noise policy: a milestone not reached yet is still to be written, a hint.
  it('draft: a missing resolved row is a hint (not yet written), info once the rule is configured', () => {
    const text = open(mutate(complete(), RESOLVED_ROW, ''));
    const result = lint(text, { rules: [rule] });
    assert.deepEqual(result.diagnostics.map(snapshot), [`36:1-36:25 ${MSG.resolved}`]);
    assert.deepEqual(result.diagnostics.map((d) => d.severity), ['hint']);
    const configured = lint(text, { rules: [rule], config: { rules: { 'timeline-milestones': 'info' } } });
    assert.deepEqual(configured.diagnostics.map((d) => d.severity), ['info']);
  });

  it('final severities apply with --final on an open report', () => {
    const text = open(mutate(complete(), RESOLVED_ROW, ''));
    assert.deepEqual(lint(text, { rules: [rule], mode: 'final' }).diagnostics.map((d) => d.severity), ['error']);
  });

  // #13: "alert fired" on row 2 is the detection of real timelines (the first-row-only rule is gone).
  it('an alert that is not the first row is the detection; a row without detection words is not', () => {
    assert.deepEqual(lintWith(mutate(complete(), DETECTED_EVENT, '| 14:02 | Checkout error rate alert fired |'), { rules: [rule] }), []);
    const text = mutate(complete(), DETECTED_EVENT, '| 14:02 | Checkout error rate above 5% |');
    assert.deepEqual(lintWith(text, { rules: [rule] }), [`36:1-36:25 ${MSG.detected}`]);
  });

  it('an alert on the first row is the detection', () => {
    let text = mutate(complete(), '| 13:48 | Helm release 2026.10.20-3 deployed | CD pipeline |\n', '');
    text = mutate(text, DETECTED_EVENT, '| 14:02 | Checkout error rate alert fired |');
    assert.deepEqual(lintWith(text, { rules: [rule] }), []);
  });

  it('accepts other wordings of the milestones', () => {
    let text = mutate(complete(), DETECTED_EVENT, '| 14:02 | DETECTED via error-rate alert |');
    text = mutate(text, 'Mitigation started: rollback to 2026.10.20-2', 'Rolling back to 2026.10.20-2');
    text = mutate(text, 'Service restored: error rate back under 0.5%', 'Error rate back to normal');
    text = mutate(text, 'Incident resolved after 30 minutes of clean metrics', '✅ All clear');
    assert.deepEqual(lintWith(text, { rules: [rule] }), []);
  });

  it('does not count a negated milestone', () => {
    const text = mutate(complete(), 'Incident resolved after 30 minutes of clean metrics', 'Not resolved: errors persist');
    assert.deepEqual(lintWith(text, { rules: [rule] }), [`36:1-36:25 ${MSG.resolved}`]);
  });

  it('reports each missing milestone of a new report in final mode, each with its own fix', () => {
    const text = fresh();
    const result = lint(text, { rules: [rule], mode: 'final' });
    const header = rangeOf(text, HEADER);
    // In the order the incident goes through them.
    assert.deepEqual(result.diagnostics.map(snapshot), [`${header} ${MSG.mitigation}`, `${header} ${MSG.restored}`, `${header} ${MSG.resolved}`]);
    assert.deepEqual(result.diagnostics.map((d) => d.fixes.map((f) => f.title)), [
      ['Add row "Mitigation started" stamped now (12:00 UTC)'],
      ['Add row "Service restored" stamped now (12:00 UTC)'],
      ['Add row "Incident resolved" stamped now (12:00 UTC)'],
    ]);
    assert.deepEqual(lintWith(text, { rules: [rule] }), [`${header} ${MSG.resolved}`]);
  });

  it('without a table: one diagnostic on the section heading, no fix', () => {
    const start = complete().indexOf(HEADER);
    const end = complete().indexOf('\n\n---', start);
    const text = complete().slice(0, start) + 'Nothing written yet.' + complete().slice(end);
    const result = lint(text, { rules: [rule] });
    assert.deepEqual(result.diagnostics.map(snapshot), [
      `${rangeOf(text, '## 📊 Timeline (UTC)')} timeline-milestones: Timeline has no table, so no milestone rows; expected rows for "Incident detected", "Mitigation started", "Service restored", "Incident resolved".`,
    ]);
    assert.deepEqual(result.diagnostics[0]!.fixes, []);
  });

  it('without a Timeline section: nothing (missing-section reports it)', () => {
    const start = complete().indexOf('## 📊 Timeline (UTC)');
    const end = complete().indexOf('## 🔍 Detection');
    assert.deepEqual(lintWith(complete().slice(0, start) + complete().slice(end), { rules: [rule] }), []);
  });

  it('reads rows with missing cells and garbage times without throwing', () => {
    const text = mutate(complete(), RESOLVED_ROW, '| later |\n| xx:yy | Incident resolved | Priya |\n|\n');
    assert.deepEqual(lintWith(text, { rules: [rule] }), []);
    const noEvent = mutate(complete(), RESOLVED_ROW, '| 16:37 |\n');
    assert.deepEqual(lintWith(noEvent, { rules: [rule] }), [`36:1-36:25 ${MSG.resolved}`]);
  });

  it('never throws, and keeps ranges inside the document, on broken inputs', () => {
    const docs = [
      '',
      '\uFEFF',
      '## Timeline (UTC)\n',
      '## Timeline (UTC)\n\n| Time |\n|---|\n',
      '## Timeline (UTC)\n\n| Time | Event | Actor |\n|---|---|---|\n| 25:99 | Incident resolved | a | b |\n| x |\n',
      '---\nStatus: Resolved\n---\n## 📊 Timeline\r\n\r\n| Time | Event | Actor |\r\n|-|-|-|\r\n| 10:00 | 🚨 | 👩‍💻 |\r\n',
      complete().replace(/\n/g, '\r\n'),
      ...Array.from({ length: 40 }, (_, i) => complete().slice(0, Math.floor((complete().length * i) / 40))),
    ];
    for (const text of docs) {
      for (const mode of ['draft', 'final'] as const) {
        const result = lint(text, { rules: [rule], mode });
        assert.ok(!result.diagnostics.some((d) => d.ruleId === 'internal-error'), JSON.stringify(text.slice(0, 60)));
        for (const d of result.diagnostics) assert.ok(d.span.start >= 0 && d.span.end <= text.length);
        for (const f of result.diagnostics.flatMap((d) => d.fixes)) for (const e of f.edits) assert.ok(e.span.start >= 0 && e.span.end <= text.length);
      }
    }
  });

  describe('fix: append the missing row stamped now', () => {
    it('writes YYYY-MM-DD HH:MM when the report is from another day, and goes after the last earlier row', () => {
      const text = mutate(complete(), RESTORED_ROW, '');
      const fixed = applyCleanly(text, MSG.restored);
      assert.equal(fixed, mutate(text, RESOLVED_ROW, `${RESOLVED_ROW}| 2026-11-26 12:00 | Service restored | Priya Raman |\n`));
    });

    it('writes HH:MM on the report\'s own day and inserts the row at its place in time', () => {
      const text = mutate(fresh(), '| 12:00 | Incident detected | [Alert/User] |', '| 12:00 | Incident detected | Alertmanager |\n| 12:30 | Investigation started | Lee |');
      const at = (iso: string) => ({ now: new Date(iso) });
      assert.equal(
        applyCleanly(text, MSG.resolved, at('2026-11-26T12:05:00Z')),
        mutate(text, '| Alertmanager |\n', '| Alertmanager |\n| 12:05 | Incident resolved | On-call |\n'),
      );
      // A row at the same minute goes after the existing one.
      assert.equal(
        applyCleanly(text, MSG.resolved, at('2026-11-26T12:30:59Z')),
        mutate(text, '| Investigation started | Lee |\n', '| Investigation started | Lee |\n| 12:30 | Incident resolved | On-call |\n'),
      );
    });

    it('goes first when every row is later than now', () => {
      const text = mutate(fresh(), '| 12:00 | Incident detected | [Alert/User] |', '| 12:30 | Investigation started | Lee |\n| 12:40 | Incident resolved | Lee |');
      const fixed = applyCleanly(text, MSG.detected, { now: new Date('2026-11-26T12:10:00Z') });
      assert.equal(fixed, mutate(text, '|-------|\n| 12:30', '|-------|\n| 12:10 | Incident detected | On-call |\n| 12:30'));
    });

    it('goes after the delimiter row of an empty table', () => {
      const text = mutate(fresh(), '| 12:00 | Incident detected | [Alert/User] |\n', '');
      const fixed = applyCleanly(text, MSG.detected);
      assert.equal(fixed, mutate(text, '|------|-------|-------|\n', '|------|-------|-------|\n| 12:00 | Incident detected | On-call |\n'));
    });

    it('never makes the timeline go backwards, even in a table already out of order', () => {
      const text = mutate(fresh(), '| 12:00 | Incident detected | [Alert/User] |', '| 10:00 | Incident detected | A |\n| 15:00 | Investigation started | B |\n| 11:00 | Root cause identified | C |');
      const order = (t: string) => lintWith(t, { rules: ['timeline-order'], now: new Date('2026-11-26T12:00:00Z') });
      assert.equal(order(text).length, 1);
      const fixed = applyCleanly(text, MSG.resolved);
      assert.equal(fixed, mutate(text, '| A |\n', '| A |\n| 12:00 | Incident resolved | On-call |\n'));
      assert.deepEqual(order(fixed).length, 1);
    });

    it('names the On-call Engineer, else the Incident Commander, else the Owner, else "On-call"', () => {
      const base = mutate(complete(), RESTORED_ROW, '');
      const actor = (text: string) => {
        const fix = lint(text, { rules: [rule] }).diagnostics[0]!.fixes[0]!;
        return fix.edits[0]!.newText.split(' | Service restored | ')[1]!.slice(0, -2);
      };
      assert.equal(actor(base), 'Priya Raman');
      const noOnCall = mutate(base, '**On-call Engineer:** Priya Raman', '**On-call Engineer:** [Name]');
      assert.equal(actor(noOnCall), 'Marco Silva');
      const noCommander = mutate(noOnCall, '**Incident Commander:** Marco Silva', '**Incident Commander:**');
      assert.equal(actor(noCommander), 'Priya Raman (Payments SRE)');
      assert.equal(actor(mutate(noCommander, 'Owner: Priya Raman (Payments SRE)', 'Owner: ""')), 'On-call');
      assert.equal(actor(mutate(noCommander, 'Owner: Priya Raman (Payments SRE)', 'Owner: "A | B"')), 'A \\| B');
    });

    it('keeps CRLF line breaks', () => {
      const text = mutate(complete(), RESTORED_ROW, '').replace(/\n/g, '\r\n');
      const fixed = applyCleanly(text, MSG.restored);
      assert.equal(fixed, text.replace('| Priya Raman |\r\n\r\n---\r\n\r\n## 🔍', '| Priya Raman |\r\n| 2026-11-26 12:00 | Service restored | Priya Raman |\r\n\r\n---\r\n\r\n## 🔍'));
    });

    it('adding the resolved row as it happens completes the report: nothing new to fix anywhere', () => {
      // The writer resolves the incident at 16:37 on the report's day and adds the row then.
      const text = mutate(complete(), RESOLVED_ROW, '');
      const options = { now: new Date('2026-10-20T16:37:00Z'), today: '2026-10-20' };
      const fixed = applyCleanly(text, MSG.resolved, options);
      assert.equal(fixed, mutate(text, RESTORED_ROW, `${RESTORED_ROW}| 16:37 | Incident resolved | Priya Raman |\n`));
      assert.deepEqual(lintWith(fixed, { ...options, rules: [rule, durationRule, sloBudgetRule] }), []);
    });

    it('each missing milestone of a new report can be added in final mode without new errors, one after the other', () => {
      let text = fresh();
      for (const message of [MSG.mitigation, MSG.restored, MSG.resolved]) text = applyCleanly(text, message, { mode: 'final', now: new Date('2026-11-26T12:20:00Z') });
      assert.deepEqual(lintWith(text, { rules: [rule], mode: 'final' }), []);
      assert.ok(text.includes('| 12:00 | Incident detected | [Alert/User] |\n| 12:20 | Mitigation started | On-call |\n| 12:20 | Service restored | On-call |\n| 12:20 | Incident resolved | On-call |\n'), text);
    });

    it('a missing detection row can be added to the complete report without new errors', () => {
      const text = mutate(complete(), DETECTED_EVENT, '| 14:02 | Checkout error rate above 5% |');
      const fixed = applyCleanly(text, MSG.detected);
      assert.ok(fixed.includes(`${RESOLVED_ROW}| 2026-11-26 12:00 | Incident detected | Priya Raman |\n`));
    });
  });
});
