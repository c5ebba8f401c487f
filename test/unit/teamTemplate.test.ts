import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyEdits, createIncidentCore } from '../../src/core';

/** A team's own template: other sections, other fields, another timeline table and severities. */
const TEAM_TEMPLATE = `---
Title: Postmortem
Owner: ""
Status: Open
LastUpdated: 2026-01-01
---

# Postmortem

**Incident ID:** INC-[YYYYMMDD]-[NNN]
**Date:** [YYYY-MM-DD]
**Severity:** 🔥 SEV1 / 🟠 SEV2 / 🟡 SEV3

## Overview

**Customer impact:**
<!-- Who noticed, and how -->

**Services:**
<!-- Which services -->

## Chronology

| When | What happened | Who |
|------|---------------|-----|
| HH:MM | Incident detected | [Name] |
| HH:MM | Incident resolved | [Name] |

## Follow-ups

| Action | Owner | Due Date | Status |
|--------|-------|----------|--------|
| [Action] | [Name] | [Date] | ⬜ Not Started |
`;

const NOW = new Date('2026-11-26T09:30:00Z');
const request = { now: NOW, today: '2026-11-26' };

describe('a team template replaces the default for generation and validation', () => {
  const core = createIncidentCore({ templateText: TEAM_TEMPLATE });

  it('reads its sections, fields, timeline table and severities from its own Markdown', () => {
    const template = core.template;
    assert.deepEqual(template.sections.map((s) => s.key), ['overview', 'chronology', 'follow ups']);
    assert.deepEqual(template.sections[0]!.fields.map((f) => f.key), ['customer impact', 'services']);
    assert.deepEqual(template.timeline?.columns, ['When', 'What happened', 'Who']);
    assert.deepEqual(template.severityLevels.map((l) => l.label), ['🔥 SEV1', '🟠 SEV2', '🟡 SEV3']);
    assert.ok(template.placeholders.tokens.includes('[Name]'));
  });

  it('New Incident renders the team template: its sections, the chosen level alone, a first row stamped now', () => {
    const report = core.newReport({ title: 'Queue backlog', severity: 'sev2', now: NOW, existingIds: [] });
    assert.equal(report.id, 'INC-20261126-001');
    assert.match(report.text, /^---\nTitle: Queue backlog\n/);
    assert.match(report.text, /\*\*Severity:\*\* 🟠 SEV2\n/);
    assert.match(report.text, /\| When \| What happened \| Who \|\n\|------\|---------------\|-----\|\n\| 09:30 \| Incident detected \| \[Name\] \|\n\n## Follow-ups/);
    assert.ok(!report.text.includes('## 📋 Summary'), 'nothing of the default template');
    const errors = core.lint(report.text, request).diagnostics.filter((d) => d.severity === 'error');
    assert.deepEqual(errors.map((d) => `${d.ruleId}: ${d.message}`), []);
  });

  it('validates against the team template: its own missing section, its own timeline columns', () => {
    const report = core.newReport({ title: 'Queue backlog', severity: 'sev1', now: NOW, existingIds: [] }).text;
    const withoutOverview = report.replace(/## Overview[\s\S]*?(?=## Chronology)/, '');
    const missing = core.lint(withoutOverview, request).diagnostics.filter((d) => d.ruleId === 'missing-section');
    assert.deepEqual(missing.map((d) => d.message), ['Section "## Overview" is missing; the template places it before "## Chronology".']);
    const restored = applyEdits(withoutOverview, missing[0]!.fixes[0]!.edits);
    assert.ok(restored.includes('## Overview\n\n**Customer impact:**'));
    assert.deepEqual(core.lint(restored, request).diagnostics.filter((d) => d.ruleId === 'missing-section'), []);

    const backwards = report.replace('| 09:30 | Incident detected | [Name] |', '| 09:30 | Incident detected | [Name] |\n| 09:10 | Queue alert | Ops |');
    const order = core.lint(backwards, request).diagnostics.filter((d) => d.ruleId === 'timeline-order');
    assert.deepEqual(order.map((d) => d.message), ['Timeline goes backwards: 09:10 comes after 09:30; rows must be in time order.']);

    // Columns are read by role: the default's words play the same parts; a header without a time is no timeline.
    const synonyms = report.replace('| When | What happened | Who |', '| Time | Event | Actor |');
    assert.deepEqual(core.lint(synonyms, request).diagnostics.filter((d) => d.ruleId === 'timeline-table'), []);
    const wrongColumns = report.replace('| When | What happened | Who |', '| Moment | What happened | Who |');
    const table = core.lint(wrongColumns, request).diagnostics.filter((d) => d.ruleId === 'timeline-table');
    assert.deepEqual(table.map((d) => d.message), ['Timeline columns are Moment | What happened | Who: none is a time column (Time, When, Timestamp, Date…); expected a table with columns When | What happened | Who.']);
    // The default template's sections are not expected of a team report.
    assert.equal(core.lint(report, request).diagnostics.some((d) => d.message.includes('Summary')), false);
  });

  it('the CLI finds .incident/template.md at --root for new and lint', () => {
    const cli = join(__dirname, '..', '..', 'dist', 'cli.js');
    if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does).');
    const dir = mkdtempSync(join(tmpdir(), 'incident-team-'));
    try {
      mkdirSync(join(dir, '.incident'));
      writeFileSync(join(dir, '.incident', 'template.md'), TEAM_TEMPLATE);
      const env = { ...process.env, INCIDENT_REPORT_NOW: NOW.toISOString() };
      const created = spawnSync(process.execPath, [cli, 'new', '--severity', 'sev3', '--title', 'Queue backlog'], { cwd: dir, env, encoding: 'utf8' });
      assert.equal(created.status, 0, created.stderr);
      const text = readFileSync(join(dir, created.stdout.trim()), 'utf8');
      assert.match(text, /\*\*Severity:\*\* 🟡 SEV3/);
      assert.match(text, /## Chronology/);
      const lint = spawnSync(process.execPath, [cli, 'lint', '--format', 'json', '--today', '2026-11-26'], { cwd: dir, env, encoding: 'utf8' });
      assert.equal(lint.status, 0, lint.stderr);
      const items = JSON.parse(lint.stdout) as { ruleId: string; message: string }[];
      assert.ok(items.length > 0);
      assert.equal(items.some((d) => d.ruleId === 'missing-section'), false, 'no default section is asked for');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
