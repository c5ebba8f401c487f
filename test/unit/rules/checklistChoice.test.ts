import * as assert from 'node:assert/strict';
import { checklistChoiceRule } from '../../../src/core/rules/checklistChoice';
import { complete, lint, lintWith, mutate, rangeOf, type LintWithOptions } from '../helpers';

const only = (text: string, options: LintWithOptions = {}) => lintWith(text, { rules: [checklistChoiceRule], ...options });
const severities = (text: string) => lint(text, { rules: [checklistChoiceRule] }).diagnostics.map((d) => d.severity);
const draft = (text: string) => mutate(text, 'Status: Resolved', 'Status: Investigating');

const DETECTION = '- [x] Automated alert\n- [ ] User report\n- [x] Monitoring dashboard\n- [ ] Other: _______________';
const ROLLBACK = '- [x] Yes → Version: 2026.10.20-2\n- [ ] No → Reason: _______________';
const SLA = '- [x] Yes → Customer compensation: service credits for 3 enterprise accounts\n- [ ] No';
const FOLLOW_UP = '- [x] Yes → Follow-up issue: [spark-trading-api#4831](https://github.com/spark-eng/spark-trading-api/issues/4831)\n- [ ] No';

describe('rule checklist-choice', () => {
  it('passes the complete report in final mode', () => {
    assert.deepEqual(only(complete(), { mode: 'final' }), []);
  });

  describe('multi-choice lists need at least one tick', () => {
    it('reports Detection with nothing ticked on its first item line', () => {
      const text = mutate(complete(), DETECTION, DETECTION.replace(/\[x\]/g, '[ ]'));
      assert.deepEqual(only(text), [
        `${rangeOf(text, '- [ ] Automated alert')} checklist-choice: "How was it detected": no option is ticked; tick at least one of Automated alert / User report / Monitoring dashboard / Other:.`,
      ]);
    });

    it('reports Affected Services with nothing ticked', () => {
      const text = mutate(mutate(complete(), '- [x] API (spark-trading-api)', '- [ ] API (spark-trading-api)'), '- [x] Web (spark-trading-web)', '- [ ] Web (spark-trading-web)');
      assert.deepEqual(only(text), [
        `${rangeOf(text, '- [ ] API (spark-trading-api)')} checklist-choice: "Affected Services": no option is ticked; tick at least one of API (spark-trading-api) / Web (spark-trading-web) / Database (PostgreSQL) / Cache (Redis) / External integrations / Other:.`,
      ]);
    });

    it('in draft, nothing ticked is still to write (a hint); two ticks in a single-choice list are wrong (info)', () => {
      const nothing = draft(mutate(complete(), DETECTION, DETECTION.replace(/\[x\]/g, '[ ]')));
      assert.deepEqual(severities(nothing), ['hint']);
      const both = draft(mutate(complete(), SLA, SLA.replace('- [ ] No', '- [x] No')));
      assert.deepEqual(severities(both), ['info']);
    });

    it('accepts one or several ticks', () => {
      const one = mutate(complete(), '- [x] Monitoring dashboard', '- [ ] Monitoring dashboard');
      assert.deepEqual(only(one), []);
      const all = mutate(complete(), DETECTION, '- [x] Automated alert\n- [x] User report\n- [X] Monitoring dashboard\n- [x] Other: status page tweet');
      assert.deepEqual(only(all), []);
    });
  });

  describe('single-choice lists need exactly one tick', () => {
    it('reports Rollback Performed with both ticked on its first item line', () => {
      const text = mutate(complete(), ROLLBACK, '- [x] Yes → Version: 2026.10.20-2\n- [x] No → Reason: config-only change');
      assert.deepEqual(only(text), [
        `${rangeOf(text, '- [x] Yes → Version: 2026.10.20-2')} checklist-choice: "Rollback Performed": 2 options are ticked; tick exactly one of Yes → Version: / No → Reason:.`,
      ]);
    });

    it('reports Rollback Performed with none ticked', () => {
      const text = mutate(complete(), ROLLBACK, '- [ ] Yes → Version: 2026.10.20-2\n- [ ] No → Reason: _______________');
      assert.deepEqual(only(text), [
        `${rangeOf(text, '- [ ] Yes → Version: 2026.10.20-2')} checklist-choice: "Rollback Performed": no option is ticked; tick exactly one of Yes → Version: / No → Reason:.`,
      ]);
    });

    it('reports SLA Breach and Follow-up Required with none ticked', () => {
      const text = mutate(mutate(complete(), SLA, SLA.replace('[x]', '[ ]')), FOLLOW_UP, FOLLOW_UP.replace('[x]', '[ ]'));
      assert.deepEqual(only(text), [
        `${rangeOf(text, '- [ ] Yes → Customer compensation: service credits for 3 enterprise accounts')} checklist-choice: "SLA Breach": no option is ticked; tick exactly one of Yes → Customer compensation: / No.`,
        `${rangeOf(text, FOLLOW_UP.replace('[x]', '[ ]').split('\n')[0]!)} checklist-choice: "Follow-up Required": no option is ticked; tick exactly one of Yes → Follow-up issue: / No.`,
      ]);
    });

    it('reports Follow-up Required with Yes and No both ticked', () => {
      const text = mutate(complete(), FOLLOW_UP, FOLLOW_UP.replace('- [ ] No', '- [x] No'));
      assert.deepEqual(only(text), [
        `${rangeOf(text, FOLLOW_UP.split('\n')[0]!)} checklist-choice: "Follow-up Required": 2 options are ticked; tick exactly one of Yes → Follow-up issue: / No.`,
      ]);
    });

    it('accepts a plain No, and a No with its reason', () => {
      assert.deepEqual(only(mutate(complete(), SLA, '- [ ] Yes → Customer compensation: _______________\n- [x] No')), []);
      assert.deepEqual(only(mutate(complete(), ROLLBACK, '- [ ] Yes → Version: _______________\n- [x] No → Reason: config-only change, fixed forward')), []);
    });
  });

  describe('a ticked option with a blank needs its text', () => {
    // [name, from, to, the ticked item line, "list": "prompt"]
    const unfilled: [string, string, string, string, string][] = [
      ['Other: ____ in Detection', DETECTION, DETECTION.replace('- [ ] Other: _______________', '- [x] Other: _______________'), '- [x] Other: _______________', '"How was it detected": "Other:"'],
      ['Yes → Version: ____', ROLLBACK, '- [x] Yes → Version: _______________\n- [ ] No → Reason: _______________', '- [x] Yes → Version: _______________', '"Rollback Performed": "Yes → Version:"'],
      ['Yes → Version: (nothing)', ROLLBACK, '- [x] Yes → Version:\n- [ ] No → Reason: _______________', '- [x] Yes → Version:\n', '"Rollback Performed": "Yes → Version:"'],
      ['a bare Yes', ROLLBACK, '- [x] Yes\n- [ ] No → Reason: _______________', '- [x] Yes\n', '"Rollback Performed": "Yes → Version:"'],
      ['No → Reason: ____', ROLLBACK, '- [ ] Yes → Version: 2026.10.20-2\n- [x] No → Reason: _______________', '- [x] No → Reason: _______________', '"Rollback Performed": "No → Reason:"'],
      ['Yes → Follow-up issue: [link]', FOLLOW_UP, '- [x] Yes → Follow-up issue: [link]\n- [ ] No', '- [x] Yes → Follow-up issue: [link]', '"Follow-up Required": "Yes → Follow-up issue:"'],
      ['Yes -> Customer compensation: ___ (ASCII arrow)', SLA, '- [x] Yes -> Customer compensation: ___\n- [ ] No', '- [x] Yes -> Customer compensation: ___', '"SLA Breach": "Yes → Customer compensation:"'],
    ];
    for (const [name, from, to, item, what] of unfilled) {
      it(`reports ${name} on the item line`, () => {
        const text = mutate(complete(), from, to);
        const prompt = what.split(': ').slice(1).join(': ').slice(1, -1);
        // The range is the item's line, without its line break.
        assert.deepEqual(only(text), [`${rangeOf(text, item, item.replace(/\n$/, '').length)} checklist-choice: ${what} is ticked but its text is not filled; write it after "${prompt}".`]);
      });
    }

    const filled: [string, string, string][] = [
      ['Other: with text', DETECTION, DETECTION.replace('- [ ] Other: _______________', '- [x] Other: a customer tweet')],
      ['Yes → with the version but no label', ROLLBACK, '- [x] Yes → 2026.10.20-2\n- [ ] No → Reason: _______________'],
      ['Yes → Version with a link', ROLLBACK, '- [x] Yes → Version: [2026.10.20-2](https://ci.internal/r/2026.10.20-2)\n- [ ] No → Reason: _______________'],
      ['yes (lower case) with a version', ROLLBACK, '- [x] yes → version: 2026.10.20-2\n- [ ] No → Reason: _______________'],
    ];
    for (const [name, from, to] of filled) {
      it(`accepts ${name}`, () => {
        assert.deepEqual(only(mutate(complete(), from, to)), []);
      });
    }

    it('ignores a blank in an option that is not ticked', () => {
      assert.deepEqual(only(complete()), []);
      assert.ok(complete().includes('- [ ] Other: _______________'));
    });
  });

  it('does not check to-do lists (Prevention)', () => {
    const text = complete().replace(/- \[x\] (Add monitoring|Update runbook|Implement automated|Capacity planning)/g, '- [ ] $1');
    assert.notEqual(text, complete());
    assert.deepEqual(only(text), []);
  });

  it('is info while open and an error once resolved', () => {
    const text = mutate(complete(), ROLLBACK, '- [x] Yes → Version: 2026.10.20-2\n- [x] No → Reason: x');
    assert.deepEqual(severities(text), ['error']);
    assert.deepEqual(severities(draft(text)), ['info']);
  });

  it('checks the lists of a custom template by their own label', () => {
    const template = '# R\n\n## Checks\n\n**Paged:**\n- [ ] Yes → Who: [Name]\n- [ ] No\n\n**Channels:**\n- [ ] Slack\n- [ ] Email\n';
    const text = '# R\n\n## Checks\n\n**Paged:**\n- [x] Yes → Who: [Name]\n- [ ] No\n\n**Channels:**\n- [ ] Slack\n- [ ] Email\n';
    assert.deepEqual(only(text, { templateText: template }), [
      `${rangeOf(text, '- [x] Yes → Who: [Name]')} checklist-choice: "Paged": "Yes → Who:" is ticked but its text is not filled; write it after "Yes → Who:".`,
      `${rangeOf(text, '- [ ] Slack')} checklist-choice: "Channels": no option is ticked; tick at least one of Slack / Email.`,
    ]);
  });

  it('reports nothing for a list turned into plain bullets (nothing to tick) or a missing section', () => {
    const bullets = mutate(complete(), DETECTION, '- Automated alert\n- Monitoring dashboard');
    assert.deepEqual(only(bullets), []);
    const start = complete().indexOf('## 🔍 Detection');
    const end = complete().indexOf('## 💥 Impact Assessment');
    assert.deepEqual(only(complete().slice(0, start) + complete().slice(end)), []);
  });

  it('does not throw on broken input and keeps ranges right in CRLF', () => {
    for (const text of ['', '\uFEFF', '## 🔍 Detection\n\n**How was it detected:**\n- [ ]\n- [x]', '## ✍️ Sign-off\n\n**Follow-up Required:**\n- [x] 🎉 Yes →\n  - [x] nested\n- [ ] No\n']) {
      assert.deepEqual(lint(text, { rules: [checklistChoiceRule] }).diagnostics.filter((d) => d.ruleId === 'internal-error'), [], JSON.stringify(text));
    }
    const crlf = mutate(complete(), ROLLBACK, '- [ ] Yes → Version: x\n- [ ] No → Reason: y').replace(/\n/g, '\r\n');
    assert.deepEqual(only(crlf).map((s) => s.split(' ')[0]), [`${rangeOf(crlf, '- [ ] Yes → Version: x')}`]);
  });
});
