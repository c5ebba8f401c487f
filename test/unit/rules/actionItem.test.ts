import * as assert from 'node:assert/strict';
import { RULES } from '../../../src/core/rules';
import { actionItemRule, knownStatuses, matchStatus } from '../../../src/core/rules/actionItem';
import { blamelessLanguageRule } from '../../../src/core/rules/blamelessLanguage';
import { checklistChoiceRule } from '../../../src/core/rules/checklistChoice';
import { evidencePathRule } from '../../../src/core/rules/evidencePath';
import { metricsTableRule } from '../../../src/core/rules/metricsTable';
import type { Rule } from '../../../src/core/rules/rule';
import { DEFAULT_TEMPLATE } from '../../../src/core/template/defaultTemplate.generated';
import { buildTemplateModel, defaultTemplateModel } from '../../../src/core/template/templateModel';
import type { Diagnostic, Fix } from '../../../src/core/types';
import { applyFix, complete, lint, lintWith, mutate, rangeOf, spanRange, type LintWithOptions } from '../helpers';

const only = (text: string, options: LintWithOptions = {}) => lintWith(text, { rules: [actionItemRule], ...options });
const diagnostics = (text: string, options: LintWithOptions = {}) => lint(text, { rules: [actionItemRule], ...options }).diagnostics;
const draft = (text: string) => mutate(text, 'Status: Resolved', 'Status: Investigating');

const DONE_ROW = '| Alert on pool saturation above 80% | Priya Raman | 2026-10-22 | ✅ Done |';
const HELM_ROW = '| Show rendered Helm diff in PR checks | Marco Silva | 2026-12-15 | 🟡 In Progress |';
const helm = (owner: string, due: string, status: string) => `| Show rendered Helm diff in PR checks | ${owner} | ${due} | ${status} |`;
const withHelm = (owner: string, due: string, status: string) => mutate(complete(), HELM_ROW, helm(owner, due, status));
const STATUSES = '⬜ Not Started, 🟡 In Progress, ✅ Done';

const MINE: Rule[] = [checklistChoiceRule, evidencePathRule, metricsTableRule, actionItemRule, blamelessLanguageRule];
const BASE = RULES.filter((r) => !MINE.some((m) => m.id === r.id));
const SIGN_OFF = BASE.findIndex((r) => r.id === 'sign-off');
/** Every rule, this batch included once, before sign-off (which reads the others' errors). */
const ALL: Rule[] = SIGN_OFF < 0 ? [...BASE, ...MINE] : [...BASE.slice(0, SIGN_OFF), ...MINE, ...BASE.slice(SIGN_OFF)];
/** Error-level diagnostics; sign-off's count of the others' errors restates them, so it is left out. */
const errorKeys = (ds: readonly Diagnostic[]) =>
  ds.filter((d) => d.severity === 'error' && !(d.ruleId === 'sign-off' && / from other rules remain/.test(d.message))).map((d) => `${d.ruleId}: ${d.message}`);

/** Applies the fix; the diagnostic goes, no rule reports a new error, and the same fix is not offered again. */
function applyAndCheck(text: string, target: Diagnostic, fix: Fix): string {
  const before = errorKeys(lint(text, { rules: ALL }).diagnostics);
  const after = applyFix(text, fix);
  const result = lint(after, { rules: ALL });
  assert.equal(result.diagnostics.some((d) => d.ruleId === target.ruleId && d.message === target.message), false, `still reported: ${target.message}`);
  assert.deepEqual(errorKeys(result.diagnostics).filter((k) => !before.includes(k)), [], `new errors after "${fix.title}"`);
  for (const again of result.diagnostics.flatMap((d) => d.fixes).filter((f) => f.title === fix.title)) assert.equal(applyFix(after, again), after);
  return after;
}

describe('rule action-item', () => {
  it('passes the complete report in final mode on 2026-11-26 (the past item is Done)', () => {
    assert.deepEqual(only(complete(), { mode: 'final' }), []);
  });

  describe('owner', () => {
    it('reports an empty Owner cell on its row (the empty-field rule does not)', () => {
      const text = withHelm('', '2026-12-15', '🟡 In Progress');
      assert.deepEqual(only(text), [`${rangeOf(text, helm('', '2026-12-15', '🟡 In Progress'))} action-item: Action item "Show rendered Helm diff in PR checks" has no owner; expected the name of the person who owns it.`]);
      assert.deepEqual(lintWith(text, { rules: ['empty-field'] }), []);
    });

    for (const owner of ['TBD', 'n/a', 'Unassigned', '?']) {
      it(`reports an owner that names nobody: ${owner}`, () => {
        const text = withHelm(owner, '2026-12-15', '🟡 In Progress');
        const at = text.indexOf(`PR checks | ${owner} |`) + 'PR checks | '.length;
        assert.deepEqual(only(text), [`${spanRange(text, { start: at, end: at + owner.length })} action-item: Action item "Show rendered Helm diff in PR checks" is "${owner}"; expected the name of the person who owns it.`]);
      });
    }

    it('leaves an Owner that is exactly a template placeholder to the placeholder rule', () => {
      const text = withHelm('[Name]', '2026-12-15', '🟡 In Progress');
      assert.deepEqual(only(text), []);
      assert.deepEqual(lintWith(text, { rules: ['placeholder'] }), [`${rangeOf(text, '[Name]')} placeholder: Placeholder "[Name]" is left from the template; replace it with the real value.`]);
    });

    it('accepts a team or several people', () => {
      assert.deepEqual(only(withHelm('Payments SRE (Marco Silva, Lee Chen)', '2026-12-15', '🟡 In Progress')), []);
    });
  });

  describe('due date', () => {
    for (const due of ['next week', '2026-02-30', '15/12/2026', '2026-12-15 EOD']) {
      it(`reports "${due}" on the cell`, () => {
        const text = withHelm('Marco Silva', due, '🟡 In Progress');
        assert.deepEqual(only(text), [`${rangeOf(text, due)} action-item: Action item "Show rendered Helm diff in PR checks" has due date "${due}"; expected a real date (YYYY-MM-DD).`]);
      });
    }

    it('reports an empty due date on its row and leaves [Date] to the placeholder rule', () => {
      const text = withHelm('Marco Silva', '', '🟡 In Progress');
      assert.deepEqual(only(text), [`${rangeOf(text, helm('Marco Silva', '', '🟡 In Progress'))} action-item: Action item "Show rendered Helm diff in PR checks" has no due date; expected a real date (YYYY-MM-DD).`]);
      assert.deepEqual(only(withHelm('Marco Silva', '[Date]', '🟡 In Progress')), []);
    });
  });

  describe('status', () => {
    it('reports an unknown status on the cell, with one fix per known status', () => {
      const text = withHelm('Marco Silva', '2026-12-15', 'Blocked');
      assert.deepEqual(only(text), [`${rangeOf(text, 'Blocked')} action-item: Action item "Show rendered Helm diff in PR checks" has status "Blocked"; expected one of ${STATUSES}.`]);
      const [d] = diagnostics(text);
      assert.deepEqual(d!.fixes, [
        { title: 'Set status ⬜ Not Started', edits: [{ span: d!.span, newText: '⬜ Not Started' }] },
        { title: 'Set status 🟡 In Progress', edits: [{ span: d!.span, newText: '🟡 In Progress' }] },
        { title: 'Set status ✅ Done', edits: [{ span: d!.span, newText: '✅ Done' }] },
      ]);
    });

    for (const status of ['in progress', 'In Progress', '✅ DONE', 'done', '⬜ not started', '🟡In Progress']) {
      it(`accepts "${status}" (emoji optional, case-insensitive)`, () => {
        assert.deepEqual(only(withHelm('Marco Silva', '2026-12-15', status)), []);
      });
    }

    it('reports an empty status on its row and offers to fill it', () => {
      const row = helm('Marco Silva', '2026-12-15', '');
      const text = withHelm('Marco Silva', '2026-12-15', '');
      assert.deepEqual(only(text), [`${rangeOf(text, row)} action-item: Action item "Show rendered Helm diff in PR checks" has no status; expected one of ${STATUSES}.`]);
      const [d] = diagnostics(text);
      const after = applyAndCheck(text, d!, d!.fixes[1]!);
      assert.ok(after.includes(HELM_ROW), 'status written into the empty cell');
    });

    it('reads the known statuses from the template rows, in progress order', () => {
      assert.deepEqual(knownStatuses(defaultTemplateModel(DEFAULT_TEMPLATE)), ['⬜ Not Started', '🟡 In Progress', '✅ Done']);
      const custom = buildTemplateModel('# R\n\n## Action Items\n\n| Action | Owner | Due Date | Status |\n|---|---|---|---|\n| [Action] | [Name] | [Date] | ✅ Complete |\n| [Action] | [Name] | [Date] | 🔴 Blocked |\n| [Action] | [Name] | [Date] | 🔵 Todo |\n');
      assert.deepEqual(knownStatuses(custom), ['🔵 Todo', '🔴 Blocked', '✅ Complete']);
      const bare = buildTemplateModel('# R\n\n## Action Items\n\n| Action | Owner | Due Date | Status |\n|---|---|---|---|\n| [Action] | [Name] | [Date] | |\n');
      assert.deepEqual(knownStatuses(bare), ['⬜ Not Started', '🟡 In Progress', '✅ Done']);
      assert.equal(matchStatus('blocked', knownStatuses(custom)), '🔴 Blocked');
      assert.equal(matchStatus('✅', knownStatuses(custom)), undefined);
    });

    it('completes a template that shows one status (one example row) with the SPEC\'s other stages', () => {
      const templateText = '# R\n\n## Action Items\n\n| Action | Owner | Due Date | Status |\n|---|---|---|---|\n| [Action] | [Name] | [Date] | Not Started |\n';
      assert.deepEqual(knownStatuses(buildTemplateModel(templateText)), ['Not Started', '🟡 In Progress', '✅ Done']);
      const text = '# R\n\n## Action Items\n\n| Action | Owner | Due Date | Status |\n|---|---|---|---|\n| Fix A | Ann | 2027-01-01 | In Progress |\n| Fix B | Bob | 2027-01-01 | Done |\n| Fix C | Cy | 2027-01-01 | Waiting |\n';
      assert.deepEqual(only(text, { templateText }), [`${rangeOf(text, 'Waiting')} action-item: Action item "Fix C" has status "Waiting"; expected one of Not Started, 🟡 In Progress, ✅ Done.`]);
    });

    it('checks a custom template\'s statuses, and its done word stops the overdue check', () => {
      const templateText = '# R\n\n## Action Items\n\n| Action | Owner | Due Date | Status |\n|---|---|---|---|\n| [Action] | [Name] | [Date] | ✅ Complete |\n| [Action] | [Name] | [Date] | 🔴 Blocked |\n';
      const text = '# R\n\n## Action Items\n\n| Action | Owner | Due Date | Status |\n|---|---|---|---|\n| Fix A | Ann | 2026-01-01 | complete |\n| Fix B | Bob | 2027-01-01 | Done |\n';
      assert.deepEqual(only(text, { templateText }), [`${rangeOf(text, 'Done')} action-item: Action item "Fix B" has status "Done"; expected one of 🔴 Blocked, ✅ Complete.`]);
    });
  });

  describe('overdue', () => {
    it('reports a past due date on an item not Done, on the date', () => {
      const text = withHelm('Marco Silva', '2026-11-20', '🟡 In Progress');
      assert.deepEqual(only(text), [`${rangeOf(text, '2026-11-20')} action-item: Action item "Show rendered Helm diff in PR checks" was due 2026-11-20 and is "🟡 In Progress"; expected it done by now (today is 2026-11-26) or a new due date.`]);
    });

    it('does not report a Done item, an item due today, or any item when today is later for none', () => {
      assert.deepEqual(only(withHelm('Marco Silva', '2026-11-20', '✅ Done')), []);
      assert.deepEqual(only(withHelm('Marco Silva', '2026-11-26', '🟡 In Progress')), []);
      assert.deepEqual(only(complete(), { today: '2026-10-22' }), []);
    });

    it('uses today from the caller', () => {
      const text = complete();
      assert.deepEqual(only(text, { today: '2027-02-01' }), [
        `${rangeOf(text, '2026-12-15')} action-item: Action item "Show rendered Helm diff in PR checks" was due 2026-12-15 and is "🟡 In Progress"; expected it done by now (today is 2027-02-01) or a new due date.`,
        `${rangeOf(text, '2027-01-31')} action-item: Action item "Load test checkout in staging weekly" was due 2027-01-31 and is "⬜ Not Started"; expected it done by now (today is 2027-02-01) or a new due date.`,
      ]);
    });

    it('counts an unknown status as not done', () => {
      const text = withHelm('Marco Silva', '2026-11-20', 'Blocked');
      assert.deepEqual(only(text), [
        `${rangeOf(text, '2026-11-20')} action-item: Action item "Show rendered Helm diff in PR checks" was due 2026-11-20 and is not marked done; expected it done by now (today is 2026-11-26) or a new due date.`,
        `${rangeOf(text, 'Blocked')} action-item: Action item "Show rendered Helm diff in PR checks" has status "Blocked"; expected one of ${STATUSES}.`,
      ]);
    });
  });

  it('reports an empty row once, and a row without an action', () => {
    const empty = mutate(complete(), HELM_ROW, '|  |  |  |  |');
    assert.deepEqual(only(empty), [`${rangeOf(empty, '|  |  |  |  |')} action-item: Action item row is empty; fill in Action, Owner, Due Date and Status, or remove the row.`]);
    const noAction = mutate(complete(), HELM_ROW, '|  | Marco Silva | 2026-12-15 | 🟡 In Progress |');
    assert.deepEqual(only(noAction), [`${rangeOf(noAction, '|  | Marco Silva | 2026-12-15 | 🟡 In Progress |')} action-item: Action item in row "Marco Silva | 2026-12-15 | 🟡 In Progress" has no action; expected what will be done.`]);
  });

  it('reports missing cells of a short row on the row, without a status fix', () => {
    const text = mutate(complete(), HELM_ROW, '| Show rendered Helm diff in PR checks | Marco Silva |');
    const row = rangeOf(text, '| Show rendered Helm diff in PR checks | Marco Silva |');
    assert.deepEqual(only(text), [
      `${row} action-item: Action item "Show rendered Helm diff in PR checks" has no due date; expected a real date (YYYY-MM-DD).`,
      `${row} action-item: Action item "Show rendered Helm diff in PR checks" has no status; expected one of ${STATUSES}.`,
    ]);
    assert.deepEqual(diagnostics(text).flatMap((d) => d.fixes), []);
  });

  it('finds the columns by the report header when they are reordered', () => {
    let text = mutate(complete(), '| Action | Owner | Due Date | Status |', '| Status | Action | Due Date | Owner |');
    text = mutate(text, HELM_ROW, '| Blocked | Show rendered Helm diff in PR checks | 2026-12-15 | Marco Silva |');
    text = mutate(text, DONE_ROW, '| ✅ Done | Alert on pool saturation above 80% | 2026-10-22 | Priya Raman |');
    text = mutate(text, '| Load test checkout in staging weekly | Dana Okafor | 2027-01-31 | ⬜ Not Started |', '| ⬜ Not Started | Load test checkout in staging weekly | 2027-01-31 | Dana Okafor |');
    assert.deepEqual(only(text), [`${rangeOf(text, 'Blocked')} action-item: Action item "Show rendered Helm diff in PR checks" has status "Blocked"; expected one of ${STATUSES}.`]);
  });

  it('is a warning while open and an error once resolved', () => {
    const text = withHelm('', '2026-12-15', '🟡 In Progress');
    assert.deepEqual(diagnostics(text).map((d) => d.severity), ['error']);
    assert.deepEqual(diagnostics(draft(text)).map((d) => d.severity), ['warning']);
  });

  it('leaves a fresh report\'s placeholder rows to the placeholder rule', () => {
    const fresh = '# R\n\n## 📝 Action Items\n\n| Action | Owner | Due Date | Status |\n|--------|-------|----------|--------|\n| [Action 1] | [Name] | [Date] | 🟡 In Progress |\n| [Action 2] | [Name] | [Date] | ⬜ Not Started |\n';
    assert.deepEqual(only(fresh), []);
  });

  describe('fixes', () => {
    for (const index of [0, 1, 2]) {
      it(`status fix ${index + 1} removes the diagnostic and adds no error`, () => {
        const text = withHelm('Marco Silva', '2026-12-15', 'Blocked');
        const d = diagnostics(text)[0]!;
        const after = applyAndCheck(text, d, d.fixes[index]!);
        assert.deepEqual(only(after), []);
      });
    }
  });

  it('does not throw on a missing section, a broken table, emoji or CRLF', () => {
    const start = complete().indexOf('## 📝 Action Items');
    const end = complete().indexOf('## 👥 People Involved');
    assert.deepEqual(only(complete().slice(0, start) + complete().slice(end)), []);
    for (const text of ['', '\uFEFF', '## 📝 Action Items\n\n| Action |\n|---|\n| 🔥 |\n', '## 📝 Action Items\n\n| Action | Owner |\n', '## 📝 Action Items\n\n| a | b | c | d | e | f |\n|-|-|-|-|-|-|\n| x |||||\n']) {
      assert.deepEqual(lint(text, { rules: [actionItemRule] }).diagnostics.filter((d) => d.ruleId === 'internal-error'), [], JSON.stringify(text));
    }
    const crlf = withHelm('Marco Silva', '2026-12-15', '🔥 Burning').replace(/\n/g, '\r\n');
    assert.deepEqual(only(crlf).map((s) => s.split(' ')[0]), [rangeOf(crlf, '🔥 Burning')]);
  });
});

describe('rule action-item: a status that says done in other words', () => {
  it('reports "Completed" as unknown with ✅ Done preferred, and does not call it overdue', () => {
    const row = '| Alert on pool saturation above 80% | Priya Raman | 2026-10-22 | ✅ Done |';
    const text = mutate(complete(), row, '| Alert on pool saturation above 80% | Priya Raman | 2026-10-22 | Completed |');
    const found = lint(text, { rules: [actionItemRule] }).diagnostics;
    assert.deepEqual(found.map((d) => d.message), ['Action item "Alert on pool saturation above 80%" has status "Completed"; expected one of ⬜ Not Started, 🟡 In Progress, ✅ Done.']);
    assert.deepEqual(found[0]!.fixes.filter((f) => f.isPreferred).map((f) => f.title), ['Set status ✅ Done']);
  });
});

describe('action-item: columns read by role from the report\'s own header', () => {
  const TABLE = '| Action | Owner | Due Date | Status |\n|--------|-------|----------|--------|\n';
  const start = () => complete().indexOf(TABLE);
  const end = () => complete().indexOf('\n\n', start()) + 1;
  const withTable = (table: string) => complete().slice(0, start()) + table + complete().slice(end());

  it('Task | Assignee | Deadline | State is read right: a bad deadline is said on its cell', () => {
    const text = withTable('| Task | Assignee | Deadline | State |\n|---|---|---|---|\n| Alert on pool saturation | Priya Raman | 2026-10-22 | ✅ Done |\n| Load test checkout | Dana Okafor | next week | ⬜ Not Started |\n');
    assert.deepStrictEqual(lintWith(text, { rules: ['action-item'], mode: 'final' }), [
      `${rangeOf(text, 'next week')} action-item: Action item "Load test checkout" has deadline "next week"; expected a real date (YYYY-MM-DD).`,
    ]);
  });

  it('messages name the team\'s own headers', () => {
    const text = withTable('| Task | Assignee | Deadline | State |\n|---|---|---|---|\n| Load test checkout |  |  | someday |\n|  |  |  |  |\n');
    assert.deepStrictEqual(lint(text, { rules: ['action-item'], mode: 'final' }).diagnostics.map((d) => d.message), [
      'Action item "Load test checkout" has no assignee; expected the name of the person who owns it.',
      'Action item "Load test checkout" has no deadline; expected a real date (YYYY-MM-DD).',
      'Action item "Load test checkout" has state "someday"; expected one of ⬜ Not Started, 🟡 In Progress, ✅ Done.',
      'Action item row is empty; fill in Task, Assignee, Deadline and State, or remove the row.',
    ]);
  });

  it('the Google shape (Action Item | Type | Owner | Bug) has no due or status column: nothing read by position, no "due date jennifer"', () => {
    const text = withTable('| Action Item | Type | Owner | Bug |\n|---|---|---|---|\n| Add pool saturation alert | prevent | jennifer | n/a |\n| Roll out canary checks | mitigate | martin | BUG-1234 |\n');
    assert.deepStrictEqual(lintWith(text, { rules: ['action-item'], mode: 'final' }), []);
    const missingOwner = withTable('| Action Item | Type | Owner | Bug |\n|---|---|---|---|\n| Add pool saturation alert | prevent | TBD | n/a |\n');
    assert.deepStrictEqual(lintWith(missingOwner, { rules: ['action-item'], mode: 'final' }), [
      `${rangeOf(missingOwner, 'TBD')} action-item: Action item "Add pool saturation alert" is "TBD"; expected the name of the person who owns it.`,
    ]);
  });
});
