import * as assert from 'node:assert/strict';
import { createIncidentCore } from '../../../src/core/index';
import { RULES } from '../../../src/core/rules';
import { durationRule } from '../../../src/core/rules/duration';
import type { Rule } from '../../../src/core/rules/rule';
import { signOffRule } from '../../../src/core/rules/signOff';
import { sloBudgetRule } from '../../../src/core/rules/sloBudget';
import { timelineMilestonesRule } from '../../../src/core/rules/timelineMilestones';
import type { Severity } from '../../../src/core/types';
import { complete, lint, lintWith, mutate, NOW, rangeOf, snapshot, spanRange } from '../helpers';

const rule = signOffRule;
const MINE: readonly Rule[] = [timelineMilestonesRule, durationRule, sloBudgetRule, signOffRule];
/** Every registered rule plus ours, sign-off last (it reads the others' findings). */
const ALL: readonly Rule[] = [...RULES.filter((r) => !MINE.some((m) => m.id === r.id)), ...MINE];

const CLOSED_BY = '**Incident Closed By:** Priya Raman';
const SIGN_DATE = '**Date:** 2026-10-23';
const FINAL_STATUS = '**Final Status:** ✅ Resolved';
const open = (text: string) => mutate(text, 'Status: Resolved', 'Status: Investigating');
const withDate = (value: string, text = complete()) => mutate(text, SIGN_DATE, `**Date:** ${value}`.trimEnd());
const EXPECTED_DATE = "expected a date YYYY-MM-DD on or after 2026-10-20 (the timeline's resolved row)";

/** A stand-in for an earlier rule that reports one problem of the given severity. */
function reporter(id: string, severity: Severity = 'error'): Rule {
  return { id, description: id, defaultSeverity: { draft: severity, final: severity }, check: (ctx) => ctx.report({ span: { start: 0, end: 3 }, message: `${id} found something.` }) };
}

const severities = (text: string, rules: readonly Rule[] = [rule]) => lint(text, { rules }).diagnostics.map((d) => `${d.severity} ${d.ruleId}`);

describe('sign-off', () => {
  it('is silent on the complete report (final)', () => {
    assert.deepEqual(lintWith(complete(), { rules: [rule] }), []);
    assert.deepEqual(lintWith(complete(), { rules: ALL }), []);
  });

  describe('Incident Closed By', () => {
    it('final: a placeholder is reported on the field line (label and value)', () => {
      const text = mutate(complete(), CLOSED_BY, '**Incident Closed By:** [Name]');
      assert.deepEqual(lintWith(text, { rules: [rule] }), ['307:1-307:31 sign-off: Incident Closed By is still "[Name]"; expected the name of who closed the incident.']);
      assert.deepEqual(severities(text), ['error sign-off']);
    });

    it('final: an empty one is reported on its label', () => {
      const text = mutate(complete(), CLOSED_BY, '**Incident Closed By:**');
      assert.deepEqual(lintWith(text, { rules: [rule] }), ['307:1-307:24 sign-off: Incident Closed By is empty; expected the name of who closed the incident.']);
    });

    it('draft: nobody has closed an open incident yet, which is fine', () => {
      assert.deepEqual(lintWith(open(mutate(complete(), CLOSED_BY, '**Incident Closed By:** [Name]')), { rules: [rule] }), []);
      assert.deepEqual(lintWith(open(mutate(complete(), CLOSED_BY, '**Incident Closed By:**')), { rules: [rule] }), []);
    });
  });

  describe('Date', () => {
    it('before the resolved row is reported on the value, info in draft and error in final', () => {
      const text = withDate('2026-10-19');
      const message = `308:11-308:21 sign-off: Sign-off Date 2026-10-19 is before the incident was resolved; ${EXPECTED_DATE}.`;
      assert.deepEqual(lintWith(text, { rules: [rule] }), [message]);
      assert.deepEqual(severities(text), ['error sign-off']);
      assert.deepEqual(lintWith(open(text), { rules: [rule] }), [message]);
      assert.deepEqual(severities(open(text)), ['info sign-off']);
    });

    it('on the day of the resolved row is fine', () => {
      assert.deepEqual(lintWith(withDate('2026-10-20'), { rules: [rule] }), []);
    });

    it('compares with the day of a resolved row written with its own date', () => {
      const text = mutate(complete(), '| 16:37 | Incident resolved', '| 2026-10-24 09:00 | Incident resolved');
      assert.deepEqual(lintWith(text, { rules: [rule] }), [
        "308:11-308:21 sign-off: Sign-off Date 2026-10-23 is before the incident was resolved; expected a date YYYY-MM-DD on or after 2026-10-24 (the timeline's resolved row).",
      ]);
    });

    it('not a real date is reported in both modes', () => {
      const message = `308:11-308:21 sign-off: Sign-off Date "2026-02-30" is not a real date; ${EXPECTED_DATE}.`;
      assert.deepEqual(lintWith(withDate('2026-02-30'), { rules: [rule] }), [message]);
      assert.deepEqual(lintWith(open(withDate('2026-02-30')), { rules: [rule] }), [message]);
      assert.deepEqual(lintWith(withDate('23 Oct'), { rules: [rule] }), [`308:11-308:17 sign-off: Sign-off Date "23 Oct" is not a real date; ${EXPECTED_DATE}.`]);
    });

    it('in the future is reported', () => {
      assert.deepEqual(lintWith(withDate('2026-12-01'), { rules: [rule] }), [
        '308:11-308:21 sign-off: Sign-off Date 2026-12-01 is in the future (today is 2026-11-26, UTC); expected the date the incident was closed.',
      ]);
      assert.deepEqual(lintWith(withDate('2026-11-26'), { rules: [rule] }), []);
    });

    it('final: a placeholder or nothing is reported; draft: not yet', () => {
      assert.deepEqual(lintWith(withDate('[YYYY-MM-DD]'), { rules: [rule] }), [`308:1-308:23 sign-off: Sign-off Date is still "[YYYY-MM-DD]"; ${EXPECTED_DATE}.`]);
      assert.deepEqual(lintWith(withDate(''), { rules: [rule] }), [`308:1-308:10 sign-off: Sign-off Date is empty; ${EXPECTED_DATE}.`]);
      assert.deepEqual(lintWith(open(withDate('[YYYY-MM-DD]')), { rules: [rule] }), []);
      assert.deepEqual(lintWith(open(withDate('')), { rules: [rule] }), []);
    });

    it('is not compared when the resolved row has no usable time or day', () => {
      const badTime = mutate(withDate('2026-10-19'), '| 16:37 | Incident resolved', '| soon | Incident resolved');
      assert.deepEqual(lintWith(badTime, { rules: [rule] }), []);
      // HH:MM rows sit on the report's Date; without a real one their day is unknown.
      const noDay = mutate(withDate('2026-10-19'), '**Date:** 2026-10-20', '**Date:** 2026-10-xx');
      assert.deepEqual(lintWith(noDay, { rules: [rule] }), []);
      const noRow = mutate(withDate('2026-10-19'), '| 16:37 | Incident resolved after 30 minutes of clean metrics | Priya Raman |\n', '');
      assert.deepEqual(lintWith(noRow, { rules: [rule] }), []);
      assert.deepEqual(lintWith(mutate(noRow, '2026-10-19', '[YYYY-MM-DD]'), { rules: [rule] }), ['307:1-307:23 sign-off: Sign-off Date is still "[YYYY-MM-DD]"; expected a date YYYY-MM-DD.']);
    });
  });

  describe('Final Status', () => {
    it('final: must say Resolved', () => {
      const text = mutate(complete(), FINAL_STATUS, '**Final Status:** 🔄 In progress');
      assert.deepEqual(lintWith(text, { rules: [rule] }), [
        `${rangeOf(text, '**Final Status:** 🔄 In progress')} sign-off: Final Status is "🔄 In progress" but the report is marked Resolved; expected ✅ Resolved.`,
      ]);
      assert.deepEqual(lintWith(mutate(complete(), FINAL_STATUS, '**Final Status:** ❌ Not resolved'), { rules: [rule] }).length, 1);
      assert.deepEqual(lintWith(mutate(complete(), FINAL_STATUS, '**Final Status:**'), { rules: [rule] }), [
        '309:1-309:18 sign-off: Final Status is empty but the report is marked Resolved; expected ✅ Resolved.',
      ]);
    });

    it('accepts Resolved or Closed, with or without the emoji, in any case', () => {
      for (const value of ['Resolved', 'RESOLVED', '✅ Closed', 'resolved ✅']) {
        assert.deepEqual(lintWith(mutate(complete(), FINAL_STATUS, `**Final Status:** ${value}`), { rules: [rule] }), [], value);
      }
    });

    it('draft: when it does not say Resolved, the sign-off is not claimed and nothing is checked', () => {
      const text = open(withDate('2026-02-30', mutate(complete(), FINAL_STATUS, '**Final Status:** 🔄 In progress')));
      assert.deepEqual(lintWith(text, { rules: [rule] }), []);
    });

    it('--final on an open report checks like a resolved one', () => {
      const text = open(mutate(mutate(complete(), CLOSED_BY, '**Incident Closed By:** [Name]'), FINAL_STATUS, '**Final Status:** 🔄 In progress'));
      assert.deepEqual(lintWith(text, { rules: [rule], mode: 'final' }), [
        '307:1-307:31 sign-off: Incident Closed By is still "[Name]"; expected the name of who closed the incident.',
        '309:1-309:33 sign-off: Final Status is "🔄 In progress" but the report is checked as final; expected ✅ Resolved.',
      ]);
    });
  });

  describe('errors left in other rules', () => {
    it('final: one diagnostic on the Final Status line with the count and the rules', () => {
      const text = mutate(complete(), '**Duration:**\n2h 35m', '**Duration:**\n2h 50m');
      assert.deepEqual(lintWith(text, { rules: ALL }), [
        `27:1-27:7 duration: Duration is 2h 50m (170 minutes) but the timeline runs 2h 35m (155 minutes) from "Incident detected: checkout error rate alert fired" at 14:02 to "Incident resolved after 30 minutes of clean metrics" at 16:37; expected 2h 35m.`,
        '309:1-309:29 sign-off: 1 error from other rules remains (duration); a resolved report is signed off with none left.',
      ]);
      assert.deepEqual(severities(text, ALL), ['error duration', 'error sign-off']);
    });

    it('counts every error, names at most five rules, and counts a crashed rule too', () => {
      const crash: Rule = { id: 'crashing', description: '', defaultSeverity: { draft: 'error', final: 'error' }, check: () => { throw new Error('boom'); } };
      const rules = [reporter('a'), reporter('a'), reporter('b'), reporter('c'), reporter('d'), reporter('e'), reporter('f'), crash, rule];
      const diagnostics = lint(complete(), { rules }).diagnostics.filter((d) => d.ruleId === 'sign-off').map(snapshot);
      assert.deepEqual(diagnostics, ['309:1-309:29 sign-off: 8 errors from other rules remain (a, b, c, d, e, and 2 more); a resolved report is signed off with none left.']);
    });

    it('ignores warnings and infos, and is silent in draft', () => {
      assert.deepEqual(lintWith(complete(), { rules: [reporter('w', 'warning'), reporter('i', 'info'), rule] }).filter((s) => s.includes('sign-off')), []);
      assert.deepEqual(lintWith(open(complete()), { rules: [reporter('x'), rule] }).filter((s) => s.includes('sign-off')), []);
    });

    it('sits on the Sign-off heading when there is no Final Status line', () => {
      const text = mutate(complete(), `${FINAL_STATUS}\n`, '');
      assert.deepEqual(lintWith(text, { rules: [reporter('x'), rule] }).filter((s) => s.includes('sign-off')), [
        '305:1-305:15 sign-off: "## ✍️ Sign-off" has no **Final Status:** field; expected "**Final Status:** ✅ Resolved" once the incident is resolved.',
        '305:1-305:15 sign-off: 1 error from other rules remains (x); a resolved report is signed off with none left.',
      ]);
    });
  });

  describe('missing parts', () => {
    it('final: a missing field is reported on the section heading', () => {
      assert.deepEqual(lintWith(mutate(complete(), `${CLOSED_BY}  \n`, ''), { rules: [rule] }), [
        '305:1-305:15 sign-off: "## ✍️ Sign-off" has no **Incident Closed By:** field; expected the name of who closed the incident.',
      ]);
      assert.deepEqual(lintWith(mutate(complete(), `${SIGN_DATE}  \n`, ''), { rules: [rule] }), [
        '305:1-305:15 sign-off: "## ✍️ Sign-off" has no **Date:** field; expected the sign-off date (YYYY-MM-DD).',
      ]);
    });

    it('a missing Sign-off section is left to missing-section', () => {
      const start = complete().indexOf('## ✍️ Sign-off');
      const text = complete().slice(0, start);
      assert.deepEqual(lintWith(text, { rules: [rule] }), []);
      assert.deepEqual(lintWith(text, { rules: [reporter('x'), rule] }).filter((s) => s.includes('sign-off')), []);
    });

    it('a new report: quiet in draft, asks for Closed By and Date in final', () => {
      const text = createIncidentCore().newReport({ title: 'API latency', severity: 'major', now: NOW, existingIds: [] }).text;
      assert.deepEqual(lintWith(text, { rules: [rule] }), []);
      assert.deepEqual(lintWith(text, { rules: [rule], mode: 'final' }), [
        `${rangeOf(text, '**Incident Closed By:** [Name]')} sign-off: Incident Closed By is still "[Name]"; expected the name of who closed the incident.`,
        `${spanRange(text, { start: text.lastIndexOf('**Date:** [YYYY-MM-DD]'), end: text.lastIndexOf('**Date:** [YYYY-MM-DD]') + 22 })} sign-off: Sign-off Date is still "[YYYY-MM-DD]"; expected a date YYYY-MM-DD.`,
      ]);
    });
  });

  it('reads CRLF documents', () => {
    const text = withDate('2026-10-19').replace(/\n/g, '\r\n');
    assert.deepEqual(lintWith(text, { rules: [rule] }), [`308:11-308:21 sign-off: Sign-off Date 2026-10-19 is before the incident was resolved; ${EXPECTED_DATE}.`]);
    assert.deepEqual(lintWith(complete().replace(/\n/g, '\r\n'), { rules: ALL }), []);
  });

  it('never throws, and keeps ranges inside the document, on broken inputs', () => {
    const docs = [
      '',
      '\uFEFF## Sign-off\n',
      '## Sign-off\n\n**Incident Closed By:**\n**Date:**\n**Final Status:**\n',
      '## ✍️ Sign-off\r\n\r\n**Incident Closed By:** 👩‍💻  \r\n**Date:** 9999-99-99  \r\n**Final Status:** ✅\r\n',
      '---\nStatus: Closed\n---\n## Timeline\n\n| Time | Event | Actor |\n|-|-|-|\n| 2026-10-20T10:00:00+02:00 | Incident resolved | a |\n\n## Sign-off\n**Date:** 2026-10-19',
      ...Array.from({ length: 30 }, (_, i) => withDate('2026-10-19').slice(0, Math.floor((complete().length * i) / 30))),
    ];
    for (const text of docs) {
      for (const mode of ['draft', 'final'] as const) {
        const result = lint(text, { rules: [reporter('x'), rule], mode });
        assert.ok(!result.diagnostics.some((d) => d.ruleId === 'internal-error'), JSON.stringify(text.slice(0, 60)));
        for (const d of result.diagnostics) assert.ok(d.span.start >= 0 && d.span.end <= text.length);
      }
    }
  });

  it('offers no fix', () => {
    const text = mutate(withDate('2026-10-19'), CLOSED_BY, '**Incident Closed By:** [Name]');
    assert.deepEqual(lint(text, { rules: [reporter('x'), rule] }).diagnostics.filter((d) => d.ruleId === 'sign-off').flatMap((d) => d.fixes), []);
  });
});
