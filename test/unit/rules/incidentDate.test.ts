import assert from 'node:assert/strict';
import { assertFixes, complete, fixesOf, lint, lintWith, mutate, NOW } from '../helpers';

const RULE = { rules: ['incident-date'] };
const DATE = '**Date:** 2026-10-20';
const withDate = (value: string) => mutate(complete(), DATE, `**Date:** ${value}`);

describe('rule incident-date', () => {
  it('passes the complete report; today is not the future', () => {
    assert.deepStrictEqual(lintWith(complete(), RULE), []);
    assert.deepStrictEqual(lintWith(withDate('2026-11-26'), RULE), []);
    // The Post-Mortem and Sign-off dates are not the incident's Date.
    assert.deepStrictEqual(lintWith(mutate(complete(), '**Date:** 2026-10-22', '**Date:** 2099-01-01'), RULE), []);
  });

  it('reports a missing field on the title line', () => {
    const text = mutate(complete(), `${DATE}  \n`, '');
    assert.deepStrictEqual(lintWith(text, RULE), ['10:1-10:68 incident-date: No **Date:** field found; expected a line "**Date:** YYYY-MM-DD" under the title.']);
    assert.deepStrictEqual(fixesOf(lint(text, RULE), 'incident-date'), []);
  });

  it('reports a date that does not exist on its value and offers the day the ID names, then today', () => {
    const text = withDate('2026-10-32');
    assert.deepStrictEqual(lintWith(text, RULE), ['13:11-13:21 incident-date: Date is "2026-10-32"; expected a real date YYYY-MM-DD.']);
    const [fromId, today] = fixesOf(lint(text, RULE), 'incident-date');
    assert.equal(fromId!.title, 'Set Date to 2026-10-20, the day the Incident ID names');
    assert.equal(fromId!.isPreferred, true);
    assert.equal(today!.title, 'Set Date to today (2026-11-26, UTC)');
    assert.equal(today!.isPreferred, false);
    const [fixed, fixedToday] = assertFixes(text, 'incident-date', RULE);
    assert.ok(fixed!.includes('**Date:** 2026-10-20  \n'));
    assert.ok(fixedToday!.includes('**Date:** 2026-11-26  \n'));
  });

  it('offers only today when the Incident ID names no usable day', () => {
    const text = mutate(withDate('2026-10-32'), '**Incident ID:** INC-20261020-001', '**Incident ID:** INC-20271020-001');
    assert.deepStrictEqual(fixesOf(lint(text, RULE), 'incident-date').map((f) => [f.title, f.isPreferred]), [['Set Date to today (2026-11-26, UTC)', true]]);
  });

  it('reports other shapes of date on the value', () => {
    for (const value of ['20-10-2026', '2026/10/20', '[YYYY-MM-DD]', 'October 20']) {
      const text = withDate(value);
      assert.deepStrictEqual(lintWith(text, RULE), [`13:11-13:${11 + value.length} incident-date: Date is "${value}"; expected a real date YYYY-MM-DD.`]);
    }
  });

  it('reports an empty Date on the label and writes today after it', () => {
    const text = mutate(complete(), `${DATE}  \n`, '**Date:**\n');
    assert.deepStrictEqual(lintWith(text, RULE), ['13:1-13:10 incident-date: Date is ""; expected a real date YYYY-MM-DD.']);
    const [fixed] = assertFixes(text, 'incident-date', RULE);
    assert.ok(fixed!.includes('**Date:** 2026-10-20\n**Severity:**'));
  });

  it('reports a date after today (UTC), with today taken from the caller', () => {
    const text = withDate('2026-11-27');
    assert.deepStrictEqual(lintWith(text, RULE), ['13:11-13:21 incident-date: Date 2026-11-27 is in the future (today is 2026-11-26, UTC).']);
    assert.deepStrictEqual(lintWith(text, { ...RULE, today: '2026-11-27' }), []);
    // The fix uses the caller's today, never the clock.
    assert.ok(fixesOf(lint(text, { ...RULE, today: '2026-11-20', now: NOW }), 'incident-date').some((f) => f.title === 'Set Date to today (2026-11-20, UTC)'));
  });

  it('moves an Incident ID that named the old Date along with it, so the fix adds no incident-id error', () => {
    const text = mutate(withDate('2026-11-27'), '**Incident ID:** INC-20261020-001', '**Incident ID:** INC-20261127-004');
    assert.deepStrictEqual(lintWith(text, { rules: ['incident-id', 'incident-date'] }), ['13:11-13:21 incident-date: Date 2026-11-27 is in the future (today is 2026-11-26, UTC).']);
    const [fix] = fixesOf(lint(text, RULE), 'incident-date');
    assert.equal(fix!.title, 'Set Date to today (2026-11-26, UTC) and the Incident ID to INC-20261126-004');
    const [fixed] = assertFixes(text, 'incident-date', { rules: ['incident-id', 'incident-date'] });
    assert.ok(fixed!.includes('**Incident ID:** INC-20261126-004  \n**Date:** 2026-11-26  \n'));
    assert.deepStrictEqual(lintWith(fixed!, { rules: ['incident-id', 'incident-date'] }), []);
  });

  it('is an error in draft and final, and follows config', () => {
    const text = withDate('2026-13-01');
    assert.deepStrictEqual(lint(text, { ...RULE, mode: 'draft' }).diagnostics.map((d) => d.severity), ['error']);
    assert.deepStrictEqual(lint(text, { ...RULE, mode: 'final' }).diagnostics.map((d) => d.severity), ['error']);
    assert.deepStrictEqual(lintWith(text, { ...RULE, config: { rules: { 'incident-date': 'off' } } }), []);
    assert.deepStrictEqual(lint(text, { ...RULE, config: { rules: { 'incident-date': 'info' } } }).diagnostics.map((d) => d.severity), ['info']);
  });
});
