import * as assert from 'node:assert/strict';
import { applyEdits, createIncidentCore } from '../../src/core';
import { lint, NOW } from './helpers';

/** Issue #14's lifecycle: a fresh report walked to Resolved with Set Status. */
describe('Set Status (src/core/lifecycle.ts)', () => {
  const core = createIncidentCore();
  const fresh = core.newReport({ title: 'Redis failover', severity: 'major', now: new Date('2026-11-26T09:03:00Z'), existingIds: [], owner: 'Dana' }).text;
  const step = (text: string, status: 'Investigating' | 'Mitigated' | 'Resolved' | 'Closed', at: string, closer?: string) => {
    const result = core.setStatus(text, { status, now: NOW, at: new Date(at), closer, actor: 'Dana' });
    return { text: applyEdits(text, result.edits), changes: result.changes };
  };

  it('Investigating: Status and LastUpdated only', () => {
    const { text, changes } = step(fresh, 'Investigating', '2026-11-26T09:10:00Z');
    assert.match(text, /^Status: Investigating$/m);
    assert.match(text, /^LastUpdated: 2026-11-26$/m);
    assert.deepEqual(changes, ['Status Investigating', 'LastUpdated 2026-11-26']);
    assert.equal(text.split('\n').length, fresh.split('\n').length, 'no line added');
  });

  it('Mitigated appends "Service restored" at the given time; Resolved appends the resolved row, writes Duration and the sign-off', () => {
    const mitigated = step(fresh, 'Mitigated', '2026-11-26T10:15:00Z').text;
    assert.match(mitigated, /^\| 10:15 \| Service restored \| Dana \|$/m);
    const resolved = step(mitigated, 'Resolved', '2026-11-26T11:38:00Z', 'Priya Raman');
    assert.match(resolved.text, /^Status: Resolved$/m);
    assert.match(resolved.text, /^\| 11:38 \| Incident resolved \| Dana \|$/m);
    // Detected at 09:03 (New Incident's first row), resolved at 11:38.
    assert.match(resolved.text, /^\*\*Duration:\*\* 2h 35m$/m);
    assert.match(resolved.text, /^\*\*Incident Closed By:\*\* Priya Raman {2}$/m);
    assert.deepEqual(resolved.changes, ['Status Resolved', 'LastUpdated 2026-11-26', 'row 11:38 Incident resolved', 'Duration 2h 35m', 'sign-off Date 2026-11-26', 'Closed By Priya Raman']);
    // The timeline rows it wrote satisfy the rules that read them.
    const rules = lint(resolved.text, { mode: 'draft', fileName: undefined }).diagnostics.map((d) => d.ruleId);
    for (const id of ['timeline-order', 'duration', 'timeline-time']) assert.equal(rules.includes(id), false, `${id} after Set Status`);
  });

  it('never overwrites what is written: a Duration, a Closed By, an existing resolved row', () => {
    const resolved = step(fresh, 'Resolved', '2026-11-26T11:38:00Z', 'Priya').text;
    const again = core.setStatus(resolved, { status: 'Resolved', now: NOW, closer: 'Someone Else' });
    assert.deepEqual(again.edits, [], 'everything is written already');
    const closed = step(resolved, 'Closed', '2026-11-27T08:00:00Z');
    assert.match(closed.text, /^Status: Closed$/m);
    assert.equal(closed.text.match(/Incident resolved/g)?.length, 1);
  });
});
