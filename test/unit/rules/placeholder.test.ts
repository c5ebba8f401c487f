import assert from 'node:assert/strict';
import { createIncidentCore } from '../../../src/core';
import { assertFixes, complete, fixesOf, lint, lintWith, mutate, NOW, spanRange } from '../helpers';

const RULE = { rules: ['placeholder'] };
/** The foundation's rules (sign-off, which reads every other rule's errors, is tested on its own). */
const FOUNDATION = { rules: ['front-matter', 'incident-id', 'incident-date', 'severity', 'missing-section', 'section-order', 'duplicate-section', 'placeholder', 'empty-field', 'timeline-table', 'timeline-time', 'timeline-order'] };
const REAL = 'replace it with the real value.';

/** The one placeholder diagnostic `to` gives when it replaces `from` in the complete report. */
function single(from: string, to: string, token: string, expected: string, options = {}): string {
  const text = mutate(complete(), from, to);
  assert.deepStrictEqual(lintWith(text, { ...RULE, ...options }), [`${rangeInside(text, to, token)} placeholder: Placeholder "${token}" is left from the template; ${expected}`]);
  return text;
}

/** Range of `token` inside the one occurrence of `context`. */
function rangeInside(text: string, context: string, token: string): string {
  const at = text.indexOf(context) + context.indexOf(token);
  return spanRange(text, { start: at, end: at + token.length });
}

describe('rule placeholder', () => {
  it('passes the complete report (links, PromQL [5m], unticked "Other: ____" are no placeholders)', () => {
    assert.deepStrictEqual(lintWith(complete(), RULE), []);
    assert.ok(complete().includes('[5m]'));
    assert.ok(complete().includes('- [ ] Other: _______________'));
  });

  it('reports HH:MM in a timeline cell as a placeholder, not a timeline-time error, and fills it with now', () => {
    const text = single('| 14:05 | On-call notified |', '| HH:MM | On-call notified |', 'HH:MM', 'replace it with a UTC time (HH:MM).');
    assert.deepStrictEqual(lintWith(text, FOUNDATION), ['40:3-40:8 placeholder: Placeholder "HH:MM" is left from the template; replace it with a UTC time (HH:MM).']);
    const [fix] = fixesOf(lint(text, RULE), 'placeholder');
    assert.equal(fix!.title, 'Fill with now (UTC): 12:00');
    assert.equal(fix!.isPreferred, true);
    // At a "now" that keeps the timeline in order, the fix adds no error anywhere.
    const now = new Date('2026-10-20T14:07:30Z');
    const [fixed] = assertFixes(text, 'placeholder', { now });
    assert.ok(fixed!.includes('| 14:07 | On-call notified |'));
    assert.deepStrictEqual(lintWith(fixed!, { now }), []);
  });

  it('reports [YYYY-MM-DD] and fills it with today', () => {
    const text = single('**Date:** 2026-10-22', '**Date:** [YYYY-MM-DD]', '[YYYY-MM-DD]', 'replace it with a date (YYYY-MM-DD, UTC).');
    const [fixed] = assertFixes(text, 'placeholder');
    assert.ok(fixed!.includes('**Date:** 2026-11-26  \n**Attendees:**'));
  });

  it('reports INC-[YYYYMMDD]-[NNN] as two placeholders; only the date one can be filled', () => {
    const text = mutate(mutate(complete(), '**Incident ID:** INC-20261020-001', '**Incident ID:** INC-[YYYYMMDD]-[NNN]'), '**Date:** 2026-10-20', `**Date:** 2026-11-26`);
    assert.deepStrictEqual(lintWith(text, RULE), [
      '12:22-12:32 placeholder: Placeholder "[YYYYMMDD]" is left from the template; replace it with a date (YYYYMMDD, UTC).',
      '12:33-12:38 placeholder: Placeholder "[NNN]" is left from the template; replace it with the real value.',
    ]);
    const result = lint(text, RULE);
    assert.deepStrictEqual(result.diagnostics.map((d) => d.fixes.map((f) => f.title)), [['Fill with now (UTC): 20261126'], []]);
    const [fixed] = assertFixes(text, 'placeholder');
    assert.ok(fixed!.includes('**Incident ID:** INC-20261126-[NNN]'));
  });

  it('fills a [timestamp] in a file name compact and a [Timestamp] in prose as ISO 8601', () => {
    const file = single('evidence/INC-20261020-001/rollback_20261020T153100Z.txt', 'evidence/INC-20261020-001/rollback_[timestamp].txt', '[timestamp]', 'replace it with a UTC timestamp.', { pathExists: undefined });
    assert.deepStrictEqual(fixesOf(lint(file, RULE), 'placeholder')[0]!.edits[0]!.newText, '20261126T120000Z');
    const prose = single('Deployed at: 2026-10-21T09:15:00Z', 'Deployed at: [Timestamp]', '[Timestamp]', 'replace it with a UTC timestamp.');
    assert.deepStrictEqual(fixesOf(lint(prose, RULE), 'placeholder')[0]!.edits[0]!.newText, '2026-11-26T12:00:00Z');
    const [fixed] = assertFixes(prose, 'placeholder');
    assert.ok(fixed!.includes('Deployed at: 2026-11-26T12:00:00Z'));
  });

  it('reports the other template tokens and shapes, with no fix', () => {
    const cases: [string, string, string][] = [
      ['**Incident Commander:** Marco Silva', '**Incident Commander:** [Name]', '[Name]'],
      ['**Recording:** [Post-mortem recording](https://drive.internal/pm/INC-20261020-001)', '**Recording:** [link]', '[link]'],
      ['| API P95 | 180ms |', '| API P95 | XXXms |', 'XXXms'],
      ['| Error Rate | 0.12% |', '| Error Rate | X.XX% |', 'X.XX%'],
      ['Before incident: 22.5%', 'Before incident: [XX]%', '[XX]'],
      ['- [x] Yes → Version: 2026.10.20-2', '- [x] Yes → Version: _______________', '_______________'],
      ['- Lost transactions: 4,100', '- Lost transactions: [Number]', '[Number]'],
      ['**Evidence Files:** evidence/INC-20261020-001/', '**Evidence Files:** evidence/incident_[id]_*.txt', '[id]'],
      ['| Alert on pool saturation above 80% | Priya Raman |', '| Alert on pool saturation above 80% | [Name] |', '[Name]'],
      ['helm rollback spark-trading-api 41 -n checkout', 'helm rollback [Name] 41 -n checkout', '[Name]'],
      ['(`pool_size: 5` instead', '(`[Name]` instead', '[Name]'],
    ];
    for (const [from, to, token] of cases) {
      const text = mutate(complete(), from, to);
      const result = lint(text, { ...RULE, pathExists: undefined });
      assert.deepStrictEqual(result.diagnostics.map((d) => d.message), [`Placeholder "${token}" is left from the template; ${REAL}`], to);
      assert.equal(text.slice(result.diagnostics[0]!.span.start, result.diagnostics[0]!.span.end), token, to);
      assert.deepStrictEqual(result.diagnostics[0]!.fixes, [], to);
    }
  });

  it('reports a placeholder in a blockquote and a ticked item, not in an unticked one, a comment or an escaped bracket', () => {
    const quoted = `${complete()}\n> [Name] said so\n`;
    assert.deepStrictEqual(lintWith(quoted, RULE), [`320:3-320:9 placeholder: Placeholder "[Name]" is left from the template; ${REAL}`]);
    const unticked = mutate(complete(), '- [ ] No → Reason: _______________', '- [ ] No → Reason: _______________ by [Name]');
    assert.deepStrictEqual(lintWith(unticked, RULE), []);
    const comment = mutate(complete(), '**What happened:**\n', '**What happened:**\n<!-- Brief description [Name] -->\n');
    assert.deepStrictEqual(lintWith(comment, RULE), []);
    const escaped = mutate(complete(), '**Incident Commander:** Marco Silva', '**Incident Commander:** \\[Name\\]');
    assert.deepStrictEqual(lintWith(escaped, RULE), []);
    const linkText = mutate(complete(), '[Checkout overview](https://grafana.internal/d/checkout)', '[link](https://grafana.internal/d/checkout)');
    assert.deepStrictEqual(lintWith(linkText, RULE), []);
  });

  // Draft noise policy: what is not yet written is a hint while the incident is open.
  it('reports every placeholder of a fresh report: a hint in draft, an error in final', () => {
    const fresh = createIncidentCore().newReport({ title: 'API latency', severity: 'major', now: NOW, existingIds: [] }).text;
    const draft = lint(fresh, RULE);
    assert.equal(draft.mode, 'draft');
    assert.ok(draft.diagnostics.length > 30);
    assert.ok(draft.diagnostics.every((d) => d.severity === 'hint' && d.unfilled === true));
    assert.ok(lint(fresh, { ...RULE, mode: 'final' }).diagnostics.every((d) => d.severity === 'error'));
    // Only one HH:MM is left: the first row is stamped; no placeholder in unticked options.
    assert.ok(!draft.diagnostics.some((d) => d.message.includes('"HH:MM"')));
    const underscores = draft.diagnostics.filter((d) => d.message.includes('"_______________"'));
    assert.deepStrictEqual(underscores.map((d) => fresh.slice(fresh.lastIndexOf('\n', d.span.start) + 1, d.span.start)), ['- Fix version: ']);
  });

  it('fixes every fillable placeholder of a fresh report and converges', () => {
    const fresh = createIncidentCore().newReport({ title: 'API latency', severity: 'major', now: NOW, existingIds: [] }).text;
    const fixed = assertFixes(fresh, 'placeholder', { mode: 'draft' });
    assert.ok(fixed.length >= 5);
  });

  it('follows config', () => {
    const text = mutate(complete(), '**Incident Commander:** Marco Silva', '**Incident Commander:** [Name]');
    assert.deepStrictEqual(lintWith(text, { ...RULE, config: { rules: { placeholder: 'off' } } }), []);
    assert.deepStrictEqual(lint(text, { ...RULE, config: { rules: { placeholder: { final: 'warning' } } } }).diagnostics.map((d) => d.severity), ['warning']);
  });
});
