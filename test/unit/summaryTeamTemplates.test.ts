/**
 * The header the Incidents view, stats and actions read (core summary), for the reports of the
 * six team templates in test/fixtures/team-templates: found by the template's shape when they
 * have no `**Incident ID:**` line or Status and Title front matter, with fields in any form.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createIncidentCore } from '../../src/core';
import { REPO_ROOT } from './helpers';

const DIR = join(REPO_ROOT, 'test', 'fixtures', 'team-templates');

const EXPECTED: Record<string, { id?: string; title?: string; status?: string; severity: string; date: string }> = {
  'headings-as-fields': { title: 'Postmortem: Billing exports stalled after a queue limit change', severity: 'SEV2', date: '2026-11-18' },
  'front-matter': { title: 'Login sessions dropped after a cache failover', status: 'published', severity: 'SEV-2', date: '2026-11-20' },
  'h3-sections': { id: 'PM2026-014', title: 'Incident Review: Mobile push notifications delayed', severity: 'P2', date: '2026-11-12' },
  setext: { id: '187', title: 'Post-Incident Review: Search results empty for new listings', severity: 'SEV3', date: '2026-11-05' },
  'kv-table': { id: 'INC-20261114-001', title: 'Postmortem: Checkout payments declined in one region', severity: 'SEV-2', date: '2026-11-14' },
  'bullet-timeline': { id: 'INC-20261109-002', title: 'Incident Review: CI runners unable to pull images', severity: 'S2', date: '2026-11-09' },
};

describe("team templates' reports: the header the Incidents view and stats read", () => {
  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(`${name}: found and read (ID, title, status, severity, date)`, () => {
      const core = createIncidentCore({ templateText: readFileSync(join(DIR, name, 'template.md'), 'utf8') });
      const facts = core.facts(readFileSync(join(DIR, name, 'filled.md'), 'utf8'), '2026-11-26');
      assert.ok(facts, 'the filled report is a report');
      const read = { id: facts.id, title: facts.title, status: facts.status, severity: facts.severity, date: facts.date };
      const wanted = { id: undefined, title: undefined, status: undefined, ...expected };
      assert.deepEqual(read, wanted);
    });
  }

  it('a README beside them is no report; with the shipped template a shape-only file is none either', () => {
    const core = createIncidentCore({ templateText: readFileSync(join(DIR, 'headings-as-fields', 'template.md'), 'utf8') });
    assert.equal(core.facts(readFileSync(join(DIR, 'README.md'), 'utf8'), '2026-11-26'), undefined);
    const shipped = createIncidentCore();
    assert.equal(shipped.facts(readFileSync(join(DIR, 'headings-as-fields', 'filled.md'), 'utf8'), '2026-11-26'), undefined);
  });
});
