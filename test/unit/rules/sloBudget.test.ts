import * as assert from 'node:assert/strict';
import { createIncidentCore } from '../../../src/core/index';
import { RULES } from '../../../src/core/rules';
import { durationRule } from '../../../src/core/rules/duration';
import type { Rule } from '../../../src/core/rules/rule';
import { signOffRule } from '../../../src/core/rules/signOff';
import { sloBudgetRule } from '../../../src/core/rules/sloBudget';
import { timelineMilestonesRule } from '../../../src/core/rules/timelineMilestones';
import { applyFix, complete, lint, lintWith, mutate, NOW, snapshot, TODAY, type LintWithOptions, errorCounts } from '../helpers';

const rule = sloBudgetRule;
const MINE: readonly Rule[] = [timelineMilestonesRule, durationRule, sloBudgetRule, signOffRule];
/** Every registered rule plus ours, sign-off last (it reads the others' findings). */
const ALL: readonly Rule[] = [...RULES.filter((r) => !MINE.some((m) => m.id === r.id)), ...MINE];

const BUDGET = '- Before incident: 22.5%\n- After incident: 71.0%\n- Budget consumed: 48.5%\n';
const budget = (before: string, after: string, consumed: string, text = complete()) =>
  mutate(text, BUDGET, `- Before incident:${before ? ` ${before}` : ''}\n- After incident:${after ? ` ${after}` : ''}\n- Budget consumed:${consumed ? ` ${consumed}` : ''}\n`);
const open = (text: string) => mutate(text, 'Status: Resolved', 'Status: Investigating');

/**
 * Applies our one diagnostic's fix: it must go away (so there is nothing left to apply, and
 * fix-all stops), and no rule may report more errors than before.
 */
function applyCleanly(text: string, options: LintWithOptions = {}): string {
  const before = lint(text, { ...options, rules: ALL }).diagnostics.filter((d) => d.ruleId === rule.id);
  assert.equal(before.length, 1, before.map(snapshot).join('\n'));
  const fixed = applyFix(text, before[0]!.fixes[0]!);
  assert.deepEqual(lintWith(fixed, { ...options, rules: [rule] }), []);
  const [was, now] = [errorCounts(text, { ...options, rules: ALL }), errorCounts(fixed, { ...options, rules: ALL })];
  for (const [id, count] of now) assert.ok(count <= (was.get(id) ?? 0), `${id}: ${was.get(id) ?? 0} -> ${count} errors`);
  return fixed;
}

describe('slo-budget', () => {
  it('is silent on the complete report: 71.0% − 22.5% = 48.5%', () => {
    assert.deepEqual(lintWith(complete(), { rules: [rule] }), []);
    assert.deepEqual(lintWith(complete(), { rules: ALL }), []);
  });

  it('reports a Budget consumed that is not After − Before, on its value, error in final', () => {
    const text = budget('22.5%', '71.0%', '40.0%');
    const result = lint(text, { rules: [rule] });
    assert.deepEqual(result.diagnostics.map(snapshot), [
      '297:20-297:25 slo-budget: Budget consumed is 40.0% but After incident − Before incident = 71.0% − 22.5% = 48.5%; expected 48.5% (±0.1 points).',
    ]);
    assert.deepEqual(result.diagnostics.map((d) => d.severity), ['error']);
  });

  it('is a warning while the incident is open', () => {
    const result = lint(open(budget('22.5%', '71.0%', '40.0%')), { rules: [rule] });
    assert.deepEqual(result.diagnostics.map((d) => `${d.severity} ${snapshot(d).slice(0, 24)}`), ['warning 297:20-297:25 slo-budget']);
  });

  it('tolerates 0.1 percentage points, no more', () => {
    assert.deepEqual(lintWith(budget('22.5%', '71.0%', '48.6%'), { rules: [rule] }), []);
    assert.deepEqual(lintWith(budget('22.5%', '71.0%', '48.4%'), { rules: [rule] }), []);
    assert.deepEqual(lintWith(budget('22.55%', '71.05%', '48.6%'), { rules: [rule] }), []);
    assert.deepEqual(lintWith(budget('22.5%', '71.0%', '48.7%'), { rules: [rule] }).length, 1);
    assert.deepEqual(lintWith(budget('22.5%', '71.0%', '48.3%'), { rules: [rule] }).length, 1);
  });

  it('reads values without a %, with spaces, and with text after them', () => {
    assert.deepEqual(lintWith(budget('22.5', '71 %', '48.5% of the 30-day budget'), { rules: [rule] }), []);
    assert.deepEqual(lintWith(budget('22.5% (1 Oct.)', '71.0%', '40% of the 30-day budget'), { rules: [rule] }), [
      '297:20-297:44 slo-budget: Budget consumed is 40% but After incident − Before incident = 71.0% − 22.5% = 48.5%; expected 48.5% (±0.1 points).',
    ]);
  });

  it('reads bold labels and plain labelled fields', () => {
    const bold = mutate(complete(), BUDGET, '- **Before incident:** 22.5%\n- **After incident:** 71.0%\n- **Budget consumed:** 40%\n');
    assert.deepEqual(lintWith(bold, { rules: [rule] }), [
      '297:24-297:27 slo-budget: Budget consumed is 40% but After incident − Before incident = 71.0% − 22.5% = 48.5%; expected 48.5% (±0.1 points).',
    ]);
    const fields = mutate(complete(), BUDGET, '\n**Before incident:** 22.5%  \n**After incident:** 71.0%  \n**Budget consumed:** 40%\n');
    assert.deepEqual(lintWith(fields, { rules: [rule] }), [
      '298:22-298:25 slo-budget: Budget consumed is 40% but After incident − Before incident = 71.0% − 22.5% = 48.5%; expected 48.5% (±0.1 points).',
    ]);
  });

  it('reports After below Before on the After value, without a fix', () => {
    const result = lint(budget('71.0%', '22.5%', '48.5%'), { rules: [rule] });
    assert.deepEqual(result.diagnostics.map(snapshot), [
      '296:19-296:24 slo-budget: After incident (22.5%) is below Before incident (71.0%); budget consumption only grows, expected After incident ≥ Before incident.',
    ]);
    assert.deepEqual(result.diagnostics[0]!.fixes, []);
    // With Budget consumed unreadable too: no negative value is suggested for it.
    assert.deepEqual(lintWith(budget('71.0%', '22.5%', 'TBD'), { rules: [rule] }), [
      '296:19-296:24 slo-budget: After incident (22.5%) is below Before incident (71.0%); budget consumption only grows, expected After incident ≥ Before incident.',
      '297:20-297:23 slo-budget: Budget consumed is "TBD", not a percentage; expected a percentage such as 22.5%.',
    ]);
  });

  describe('unreadable and empty values', () => {
    it('final: reports each, with the computed value offered for Budget consumed', () => {
      const result = lint(budget('22.5%', '71.0%', 'TBD'), { rules: [rule] });
      assert.deepEqual(result.diagnostics.map(snapshot), ['297:20-297:23 slo-budget: Budget consumed is "TBD", not a percentage; expected After − Before = 48.5%.']);
      assert.deepEqual(result.diagnostics[0]!.fixes.map((f) => f.title), ['Write Budget consumed: 48.5%']);
      assert.deepEqual(lintWith(budget('unknown', '71.0%', '48.5%'), { rules: [rule] }), [
        '295:20-295:27 slo-budget: Before incident is "unknown", not a percentage; expected a percentage such as 22.5%.',
      ]);
      assert.deepEqual(lintWith(budget('22.5%', '71.0%', ''), { rules: [rule] }), [
        '297:3-297:19 slo-budget: Budget consumed is empty, not a percentage; expected After − Before = 48.5%.',
      ]);
      assert.deepEqual(lintWith(budget('n/a', 'n/a', ''), { rules: [rule] }), [
        '295:20-295:23 slo-budget: Before incident is "n/a", not a percentage; expected a percentage such as 22.5%.',
        '296:19-296:22 slo-budget: After incident is "n/a", not a percentage; expected a percentage such as 22.5%.',
        '297:3-297:19 slo-budget: Budget consumed is empty, not a percentage; expected a percentage such as 22.5%.',
      ]);
    });

    it('draft: reports one only when the other two are readable', () => {
      assert.deepEqual(lintWith(open(budget('22.5%', '71.0%', 'TBD')), { rules: [rule] }).length, 1);
      assert.deepEqual(lintWith(open(budget('22.5%', 'TBD', 'TBD')), { rules: [rule] }), []);
      assert.deepEqual(lintWith(open(budget('', '', '')), { rules: [rule] }), []);
    });
  });

  describe('leaves to other rules', () => {
    it('placeholders ([XX]%): a new report, and a half-filled one', () => {
      const text = createIncidentCore().newReport({ title: 'API latency', severity: 'major', now: NOW, existingIds: [] }).text;
      assert.deepEqual(lintWith(text, { rules: [rule] }), []);
      assert.deepEqual(lintWith(text, { rules: [rule], mode: 'final' }), []);
      assert.deepEqual(lintWith(budget('22.5%', '71.0%', '[XX]%'), { rules: [rule] }), []);
    });

    it('a missing SLO Impact section or missing lines', () => {
      const start = complete().indexOf('## 📊 SLO Impact');
      assert.deepEqual(lintWith(complete().slice(0, start) + complete().slice(complete().indexOf('## ✍️ Sign-off')), { rules: [rule] }), []);
      assert.deepEqual(lintWith(mutate(budget('22.5%', '71.0%', '40%'), '- Before incident: 22.5%\n', ''), { rules: [rule] }), []);
    });
  });

  it('reads CRLF documents', () => {
    const text = budget('22.5%', '71.0%', '40.0%').replace(/\n/g, '\r\n');
    assert.deepEqual(lintWith(text, { rules: [rule] }).map((s) => s.slice(0, 24)), ['297:20-297:25 slo-budget']);
    assert.equal(applyCleanly(text), complete().replace(/\n/g, '\r\n'));
  });

  it('never throws, and keeps ranges inside the document, on broken inputs', () => {
    const docs = [
      '',
      '\uFEFF## SLO Impact\n- Budget consumed: 5%',
      '## SLO Impact\n\n- Before incident:\n- After incident: 1e400%\n- Budget consumed: -\n',
      '## 📊 SLO Impact\r\n\r\n- Before incident: 🚨\r\n- After incident: 99999999999999999999%\r\n- Budget consumed: 0%\r\n',
      '## SLO Impact\n\n- Before: 10%\n- After: 20%\n- Used: 10%\n- : 5%\n- Budget consumed\n',
      ...Array.from({ length: 40 }, (_, i) => budget('22.5%', '71.0%', '40%').slice(0, Math.floor((complete().length * i) / 40))),
    ];
    for (const text of docs) {
      for (const mode of ['draft', 'final'] as const) {
        const result = lint(text, { rules: [rule], mode });
        assert.ok(!result.diagnostics.some((d) => d.ruleId === 'internal-error'), JSON.stringify(text.slice(0, 60)));
        for (const d of result.diagnostics) assert.ok(d.span.start >= 0 && d.span.end <= text.length);
      }
    }
  });

  describe('fix: write the computed value', () => {
    it('replaces the number, one decimal place for decimal inputs', () => {
      assert.equal(applyCleanly(budget('22.5%', '71.0%', '40.0%')), complete());
      assert.equal(applyCleanly(budget('22.55%', '71.1%', '40%')), budget('22.55%', '71.1%', '48.5%'));
    });

    it('writes a whole number when the inputs are whole numbers', () => {
      assert.equal(applyCleanly(budget('20%', '70%', '40%')), budget('20%', '70%', '50%'));
    });

    it('keeps text after the number, and adds the % when it was missing', () => {
      assert.equal(applyCleanly(budget('22.5%', '71.0%', '40 (of the 30-day budget)')), budget('22.5%', '71.0%', '48.5% (of the 30-day budget)'));
    });

    it('fills an empty or unreadable value', () => {
      assert.equal(applyCleanly(budget('22.5%', '71.0%', '')), complete());
      assert.equal(applyCleanly(budget('22.5%', '71.0%', 'TBD')), complete());
      const bold = mutate(complete(), BUDGET, '- **Before incident:** 22.5%\n- **After incident:** 71.0%\n- **Budget consumed:**\n');
      assert.equal(applyCleanly(bold), mutate(bold, '- **Budget consumed:**\n', '- **Budget consumed:** 48.5%\n'));
    });

    // Issue #17: the fix replaced the whole value, losing the writer's words around the number.
    it('keeps text before and after the number', () => {
      const text = budget('22.5%', '71.0%', 'about 9% (finance to confirm)');
      assert.deepEqual(lintWith(text, { rules: [rule] }), [
        '297:20-297:49 slo-budget: Budget consumed is 9% but After incident − Before incident = 71.0% − 22.5% = 48.5%; expected 48.5% (±0.1 points).',
      ]);
      const fixed = budget('22.5%', '71.0%', 'about 48.5% (finance to confirm)');
      assert.equal(applyCleanly(text), fixed);
      assert.equal(createIncidentCore().fixAll(text, { now: NOW, today: TODAY }).text, fixed);
    });

    it('replaces neither a figure in a comment nor a date', () => {
      assert.equal(applyCleanly(budget('22.5%', '71.0%', '<!-- Grafana said 12% --> 40%')), budget('22.5%', '71.0%', '<!-- Grafana said 12% --> 48.5%'));
      const dated = budget('22.5%', '71.0%', 'TBD (as of 2026-10-20)');
      assert.deepEqual(lintWith(dated, { rules: [rule] }), [
        '297:20-297:42 slo-budget: Budget consumed is "TBD (as of 2026-10-20)", not a percentage; expected After − Before = 48.5%.',
      ]);
      assert.equal(applyCleanly(dated), budget('22.5%', '71.0%', '48.5% (TBD (as of 2026-10-20))'));
    });

    it('writes the figure before prose without a number, keeping the prose', () => {
      assert.equal(applyCleanly(budget('22.5%', '71.0%', 'unknown, finance to confirm')), budget('22.5%', '71.0%', '48.5% (unknown, finance to confirm)'));
      assert.equal(applyCleanly(budget('22.5%', '71.0%', '(finance to confirm)')), budget('22.5%', '71.0%', '48.5% (finance to confirm)'));
    });

    it('is the preferred fix, safe for fix-all, and works while the incident is open', () => {
      const [fix] = lint(budget('22.5%', '71.0%', '40%'), { rules: [rule] }).diagnostics[0]!.fixes;
      assert.deepEqual({ isPreferred: fix!.isPreferred, safe: fix!.safe }, { isPreferred: true, safe: true });
      assert.equal(applyCleanly(open(budget('22.5%', '71.0%', '40%'))), open(complete()));
    });
  });
});
