import assert from 'node:assert/strict';
import { matchLevel } from '../../../src/core/rules/severity';
import { DEFAULT_TEMPLATE } from '../../../src/core/template/defaultTemplate.generated';
import { defaultTemplateModel } from '../../../src/core/template/templateModel';
import { applyFix, assertFixes, complete, fixesOf, lint, lintWith, mutate } from '../helpers';

const RULE = { rules: ['severity'] };
const SEVERITY = '**Severity:** 🔴 Critical';
const withSeverity = (value: string) => mutate(complete(), SEVERITY, `**Severity:** ${value}`);
const KNOWN = 'expected one of Critical, Major, Minor.';

describe('rule severity', () => {
  it('passes one known level, emoji optional, any case', () => {
    for (const value of ['🔴 Critical', 'Critical', 'critical', 'MAJOR', '🟢 Minor', '🟡   Major']) {
      assert.deepStrictEqual(lintWith(withSeverity(value), RULE), [], value);
    }
  });

  it('reports a missing field on the title line', () => {
    const text = mutate(complete(), `${SEVERITY}\n`, '');
    assert.deepStrictEqual(lintWith(text, RULE), [`10:1-10:68 severity: No **Severity:** field found; ${KNOWN}`]);
  });

  it('reports the template line kept as is (all three levels) and offers one fix per level', () => {
    const text = withSeverity('🔴 Critical / 🟡 Major / 🟢 Minor');
    assert.deepStrictEqual(lintWith(text, RULE), [
      '14:15-14:48 severity: Severity lists 3 levels (🔴 Critical / 🟡 Major / 🟢 Minor); keep exactly one of Critical, Major, Minor.',
    ]);
    const fixes = fixesOf(lint(text, RULE), 'severity');
    assert.deepStrictEqual(
      fixes.map((f) => f.title),
      ['Keep severity 🔴 Critical', 'Keep severity 🟡 Major', 'Keep severity 🟢 Minor'],
    );
    // Choosing is the writer's call: none is preferred or safe for fix-all.
    assert.ok(fixes.every((f) => !f.isPreferred && !f.safe));
    const fixed = assertFixes(text, 'severity', RULE);
    assert.equal(fixed[0], complete());
    assert.ok(fixed[1]!.includes('**Severity:** 🟡 Major\n'));
    assert.ok(fixed[2]!.includes('**Severity:** 🟢 Minor\n'));
  });

  it('reports two levels', () => {
    const text = withSeverity('Critical / Minor');
    assert.deepStrictEqual(lintWith(text, RULE), ['14:15-14:31 severity: Severity lists 2 levels (Critical / Minor); keep exactly one of Critical, Major, Minor.']);
    assertFixes(text, 'severity', RULE);
  });

  it('reports an unknown level on the value', () => {
    const text = withSeverity('SEV1');
    assert.deepStrictEqual(lintWith(text, RULE), [`14:15-14:19 severity: Severity "SEV1" is not a known level; ${KNOWN}`]);
    assert.equal(assertFixes(text, 'severity', RULE)[0], complete());
  });

  it('reports an empty Severity on the label and writes the level after it', () => {
    const text = mutate(complete(), `${SEVERITY}\n`, '**Severity:**\n');
    assert.deepStrictEqual(lintWith(text, RULE), [`14:1-14:14 severity: Severity is empty; ${KNOWN}`]);
    const fixed = assertFixes(text, 'severity', RULE);
    assert.equal(fixed[0], complete());
    assert.equal(applyFix(text, fixesOf(lint(text, RULE), 'severity')[2]!), withSeverity('🟢 Minor'));
  });

  it('is a warning in draft, an error in final, and follows config', () => {
    const text = withSeverity('SEV1');
    assert.deepStrictEqual(lint(text, { ...RULE, mode: 'draft' }).diagnostics.map((d) => d.severity), ['warning']);
    assert.deepStrictEqual(lint(text, RULE).diagnostics.map((d) => d.severity), ['error']);
    assert.deepStrictEqual(lintWith(text, { ...RULE, config: { rules: { severity: 'off' } } }), []);
    assert.deepStrictEqual(lint(text, { ...RULE, config: { rules: { severity: { final: 'info' } } } }).diagnostics.map((d) => d.severity), ['info']);
  });

  it('reads its levels from the template', () => {
    const template = ['# R', '', '**Incident ID:** INC-[YYYYMMDD]-[NNN]', '**Severity:** SEV1 / SEV2', '', '## Summary', ''].join('\n');
    const text = withSeverity('SEV2');
    assert.deepStrictEqual(lintWith(text, { ...RULE, templateText: template }), []);
    assert.deepStrictEqual(lintWith(complete(), { ...RULE, templateText: template }), ['14:15-14:26 severity: Severity "🔴 Critical" is not a known level; expected one of SEV1, SEV2.']);
  });

  it('matchLevel takes the emoji as optional and the word case-insensitively', () => {
    const levels = defaultTemplateModel(DEFAULT_TEMPLATE).severityLevels;
    assert.equal(matchLevel('🔴 CRITICAL', levels)?.word, 'Critical');
    assert.equal(matchLevel('major', levels)?.label, '🟡 Major');
    assert.equal(matchLevel('Crit', levels), undefined);
    assert.equal(matchLevel('', levels), undefined);
  });
});

describe('rule severity: emoji and word disagree', () => {
  it('reports 🟢 Critical on the value, and the safe fix writes the word\'s own emoji', () => {
    const text = mutate(complete(), '**Severity:** 🔴 Critical', '**Severity:** 🟢 Critical');
    assert.deepEqual(lintWith(text, RULE), ['14:15-14:26 severity: Severity "🟢 Critical" pairs 🟢 (Minor) with Critical; Critical is 🔴 Critical.']);
    assert.deepEqual(fixesOf(lint(text, RULE), 'severity').map((f) => [f.title, f.safe === true]), [['Write 🔴 Critical', true], ['Keep severity 🟢 Minor', false]]);
    const [fixed] = assertFixes(text, 'severity', RULE);
    assert.ok(fixed!.includes('**Severity:** 🔴 Critical\n'));
    assert.deepEqual(lintWith(mutate(complete(), '**Severity:** 🔴 Critical', '**Severity:** critical'), RULE), []);
  });
});
