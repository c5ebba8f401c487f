import assert from 'node:assert/strict';
import { createIncidentCore } from '../../../src/core/index';
import { applyFix, assertFixes, complete, FIXTURE_FILE_NAME, fixesOf, lint, lintWith, mutate, NOW, rangeOf, TODAY } from '../helpers';

const RULE = { rules: ['incident-id'] };
const ID_LINE = '**Incident ID:** INC-20261020-001  \n';
const withId = (id: string) => mutate(complete(), ID_LINE, `**Incident ID:** ${id}  \n`);

describe('rule incident-id', () => {
  it('passes the complete report, with or without its file name', () => {
    assert.deepStrictEqual(lintWith(complete(), RULE), []);
    assert.deepStrictEqual(lintWith(complete(), { ...RULE, fileName: FIXTURE_FILE_NAME }), []);
    // A file name without an ID says nothing.
    assert.deepStrictEqual(lintWith(complete(), { ...RULE, fileName: 'checkout-outage.md' }), []);
  });

  it('reports a missing field on the title line', () => {
    const text = mutate(complete(), ID_LINE, '');
    assert.deepStrictEqual(lintWith(text, RULE), [
      '10:1-10:68 incident-id: No **Incident ID:** field found; expected a line "**Incident ID:** INC-YYYYMMDD-NNN" under the title.',
    ]);
    assert.deepStrictEqual(fixesOf(lint(text, RULE), 'incident-id'), []);
  });

  it('reports a missing field on the first line with text after the front matter when there is no title', () => {
    const text = mutate(mutate(complete(), ID_LINE, ''), '# Incident Report: Checkout API outage after connection pool change\n', '');
    assert.deepStrictEqual(lintWith(text, RULE), [
      '11:1-11:23 incident-id: No **Incident ID:** field found; expected a line "**Incident ID:** INC-YYYYMMDD-NNN" under the title.',
    ]);
  });

  it('reports a malformed ID on its value and sets it from Date', () => {
    const text = withId('INC-2026-1');
    assert.deepStrictEqual(lintWith(text, RULE), ['12:18-12:28 incident-id: Incident ID is "INC-2026-1"; expected INC-YYYYMMDD-NNN, e.g. INC-20261126-001.']);
    const [fix] = fixesOf(lint(text, RULE), 'incident-id');
    assert.equal(fix!.title, 'Set the ID from Date (INC-20261020-001)');
    assert.equal(fix!.safe, true);
    const [fixed] = assertFixes(text, 'incident-id');
    assert.equal(fixed, complete());
  });

  it('keeps the number of a well-formed ID when setting it from Date', () => {
    const text = withId('INC-20261021-007');
    assert.deepStrictEqual(lintWith(text, RULE), ['12:18-12:34 incident-id: Incident ID INC-20261021-007 names 2026-10-21 but Date is 2026-10-20; they must agree.']);
    assert.equal(fixesOf(lint(text, RULE), 'incident-id')[0]!.title, 'Set the ID from Date (INC-20261020-007)');
    const [fixed] = assertFixes(text, 'incident-id');
    assert.ok(fixed!.includes('**Incident ID:** INC-20261020-007  \n'));
  });

  it('reports an empty ID on the label and writes the ID after the label, never over it', () => {
    const text = mutate(complete(), ID_LINE, '**Incident ID:**\n');
    assert.deepStrictEqual(lintWith(text, RULE), ['12:1-12:17 incident-id: Incident ID is ""; expected INC-YYYYMMDD-NNN, e.g. INC-20261126-001.']);
    const [fixed] = assertFixes(text, 'incident-id');
    assert.ok(fixed!.includes('**Incident ID:** INC-20261020-001\n**Date:** 2026-10-20'));
  });

  it('reports an ID naming a date that does not exist', () => {
    const text = withId('INC-20261320-001');
    assert.deepStrictEqual(lintWith(text, RULE), ['12:18-12:34 incident-id: Incident ID INC-20261320-001 names 2026-13-20, which is not a real date.']);
    assert.equal(assertFixes(text, 'incident-id')[0], complete());
  });

  it('reports an ID that differs from the file name and sets it from the name', () => {
    const options = { ...RULE, fileName: 'INC-20261020-002-checkout-outage.md' };
    assert.deepStrictEqual(lintWith(complete(), options), ["12:18-12:34 incident-id: Incident ID INC-20261020-001 differs from the file name's ID INC-20261020-002."]);
    const [fix] = fixesOf(lint(complete(), options), 'incident-id');
    assert.equal(fix!.title, 'Set the ID from the file name (INC-20261020-002)');
    const [fixed] = assertFixes(complete(), 'incident-id', { fileName: options.fileName });
    assert.ok(fixed!.includes('**Incident ID:** INC-20261020-002  \n'));
  });

  it('does not check Date agreement when Date is not a real date (incident-date reports it)', () => {
    const text = mutate(complete(), '**Date:** 2026-10-20', '**Date:** [YYYY-MM-DD]');
    assert.deepStrictEqual(lintWith(text, RULE), []);
  });

  it('is an error in draft and final, and follows config', () => {
    const text = withId('INC-1');
    assert.deepStrictEqual(lint(text, { ...RULE, mode: 'draft' }).diagnostics.map((d) => d.severity), ['error']);
    assert.deepStrictEqual(lint(text, { ...RULE, mode: 'final' }).diagnostics.map((d) => d.severity), ['error']);
    assert.deepStrictEqual(lintWith(text, { ...RULE, config: { rules: { 'incident-id': 'off' } } }), []);
    assert.deepStrictEqual(lint(text, { ...RULE, config: { rules: { 'incident-id': { final: 'warning' } } } }).diagnostics.map((d) => d.severity), ['warning']);
  });
});

describe('rule incident-id: file name and Date name different days', () => {
  it('says so on the ID and offers both fixes, neither applied by Fix All', () => {
    const fileName = 'INC-20261021-001-checkout-outage.md';
    const result = lint(complete(), { ...RULE, fileName });
    assert.deepEqual(lintWith(complete(), { ...RULE, fileName }), [
      "12:18-12:34 incident-id: The file name's ID INC-20261021-001 names 2026-10-21 but Date is 2026-10-20 (the Incident ID names 2026-10-20); correct the Date or rename the file, then the ID.",
    ]);
    assert.deepEqual(fixesOf(result, 'incident-id').map((f) => [f.title, f.safe === true]), [['Set the ID from the file name (INC-20261021-001)', false]]);
  });
});

// Issue #17: the ID is a token inside the value; notes and comments around it are the writer's.
describe('rule incident-id: notes around the ID', () => {
  const NOTE = '(see Slack thread, reopened from INC-20261019-003)';

  it('takes a correct ID with a note after it as correct: no problem, and Fix All changes nothing', () => {
    // The repro of issue #17: Fix All cut the note although the ID equals the file name's.
    const text = withId(`INC-20261020-001 ${NOTE}`);
    const fileName = 'INC-20261020-001-checkout.md';
    assert.deepStrictEqual(lintWith(text, { ...RULE, fileName }), []);
    assert.deepStrictEqual(lintWith(text, RULE), []);
    assert.equal(createIncidentCore().fixAll(text, { fileName, now: NOW, today: TODAY }).text, text);
  });

  it('reports a wrong ID on the ID alone and replaces only it, keeping the note', () => {
    const text = withId(`INC-20261021-001 ${NOTE}`);
    assert.deepStrictEqual(lintWith(text, RULE), [
      `${rangeOf(text, 'INC-20261021-001')} incident-id: Incident ID INC-20261021-001 names 2026-10-21 but Date is 2026-10-20; they must agree.`,
    ]);
    const [fixed] = assertFixes(text, 'incident-id');
    assert.equal(fixed, withId(`INC-20261020-001 ${NOTE}`));
  });

  it('sets the ID from the file name over the ID alone', () => {
    const text = withId(`INC-20261020-001 ${NOTE}`);
    const fileName = 'INC-20261020-002-checkout.md';
    assert.deepStrictEqual(lintWith(text, { ...RULE, fileName }), [
      `${rangeOf(text, `INC-20261020-001 ${NOTE}`, 16)} incident-id: Incident ID INC-20261020-001 differs from the file name's ID INC-20261020-002.`,
    ]);
    assert.equal(createIncidentCore().fixAll(text, { fileName, now: NOW, today: TODAY }).text, withId(`INC-20261020-002 ${NOTE}`));
  });

  it('keeps text and a comment before the ID', () => {
    const text = withId('<!-- from the pager --> ID: INC-20261021-001, reopened');
    assert.deepStrictEqual(lintWith(text, RULE), [
      `${rangeOf(text, 'INC-20261021-001')} incident-id: Incident ID INC-20261021-001 names 2026-10-21 but Date is 2026-10-20; they must agree.`,
    ]);
    assert.equal(applyFix(text, fixesOf(lint(text, RULE), 'incident-id')[0]!), withId('<!-- from the pager --> ID: INC-20261020-001, reopened'));
  });

  it('takes the first word as the ID when none is well-formed, without its trailing comma', () => {
    const text = withId('TBD, see Slack thread');
    assert.deepStrictEqual(lintWith(text, RULE), [
      `${rangeOf(text, 'TBD')} incident-id: Incident ID is "TBD"; expected INC-YYYYMMDD-NNN, e.g. INC-20261126-001.`,
    ]);
    assert.equal(assertFixes(text, 'incident-id')[0], withId('INC-20261020-001, see Slack thread'));
  });

  it('does not take an ID glued to more text, or in backticks, as well-formed', () => {
    const glued = withId('INC-20261020-001-checkout');
    assert.deepStrictEqual(lintWith(glued, RULE), [
      `${rangeOf(glued, 'INC-20261020-001-checkout')} incident-id: Incident ID is "INC-20261020-001-checkout"; expected INC-YYYYMMDD-NNN, e.g. INC-20261126-001.`,
    ]);
    const quoted = withId('`INC-20261020-001` (reopened)');
    assert.deepStrictEqual(lintWith(quoted, RULE), [
      `${rangeOf(quoted, '`INC-20261020-001`')} incident-id: Incident ID is "\`INC-20261020-001\`"; expected INC-YYYYMMDD-NNN, e.g. INC-20261126-001.`,
    ]);
    assert.equal(assertFixes(quoted, 'incident-id')[0], withId('INC-20261020-001 (reopened)'));
  });

  it('writes the ID after the label when the value is only a comment, keeping the comment', () => {
    const text = withId('<!-- INC-YYYYMMDD-NNN -->');
    assert.deepStrictEqual(lintWith(text, RULE), ['12:1-12:17 incident-id: Incident ID is ""; expected INC-YYYYMMDD-NNN, e.g. INC-20261126-001.']);
    assert.equal(assertFixes(text, 'incident-id')[0], withId('INC-20261020-001 <!-- INC-YYYYMMDD-NNN -->'));
  });
});
