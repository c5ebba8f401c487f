import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, cli } from './run';

/** A team template: front matter of its own, a placeholder H1, a date-time timeline column, SEV levels. */
const TEAM_TEMPLATE = `---
# Post-mortem metadata
title: "[Incident title]"
date: YYYY-MM-DD
status: draft
authors: []
service: checkout
---

# Post-mortem: [Title]

**Severity:** SEV1 / SEV2 / SEV3

## Summary

<!-- What happened -->

## Timeline

| Time (UTC) | Description | Who |
|---|---|---|
| YYYY-MM-DD HH:MM | First alert | [Name] |
| YYYY-MM-DD HH:MM | Resolved | [Name] |
`;

/** No severity levels, a bullet-list timeline, a `{…}` H1. */
const BULLET_TEMPLATE = `# {Incident title}

## Summary

<!-- What happened -->

## Timeline

- [HH:MM] Alert fired
- [HH:MM] Service restored
`;

describe('incident-report new with team templates (dist/cli.js)', function () {
  this.timeout(60_000);
  let dir: string;

  before(() => {
    if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does).');
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'incident-new-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const team = (template: string, config: object = {}): void => {
    mkdirSync(join(dir, '.incident'));
    writeFileSync(join(dir, '.incident', 'template.md'), template);
    writeFileSync(join(dir, '.incident-report.json'), JSON.stringify(config));
  };

  it('keeps the template’s front matter, H1 prefix and date-time format; names the file by the config’s pattern', () => {
    team(TEAM_TEMPLATE, { fileName: 'PM{YYYY}-{NNN} - {title}.md' });
    const created = cli(['new', '--severity', 'sev2', '--title', 'Queue backlog', '--owner', 'Dana'], dir);
    assert.equal(created.code, 0, created.stderr);
    assert.equal(created.stdout.trim(), join('incidents', 'PM2026-001 - Queue backlog.md'));
    const text = readFileSync(join(dir, created.stdout.trim()), 'utf8');
    assert.equal(
      text,
      TEAM_TEMPLATE.replace('title: "[Incident title]"', 'title: Queue backlog')
        .replace('date: YYYY-MM-DD', 'date: 2026-11-26')
        .replace('authors: []', 'authors: [Dana]')
        .replace('# Post-mortem: [Title]', '# Post-mortem: Queue backlog')
        .replace('SEV1 / SEV2 / SEV3', 'SEV2')
        .replace('| YYYY-MM-DD HH:MM | First alert | [Name] |\n| YYYY-MM-DD HH:MM | Resolved | [Name] |', '| 2026-11-26 14:05 | First alert | [Name] |'),
    );
  });

  it('never writes over a file: a name taken by hand or by a previous run gives the next number', () => {
    team(TEAM_TEMPLATE, { fileName: 'PM{YYYY}-{NNN} - {title}.md' });
    mkdirSync(join(dir, 'incidents'));
    const mine = join(dir, 'incidents', 'PM2026-001 - Notes.md');
    writeFileSync(mine, 'my notes, not to be lost\n');
    const a = cli(['new', '--severity', 'sev1', '--title', 'Notes'], dir);
    const b = cli(['new', '--severity', 'sev1', '--title', 'Notes'], dir);
    assert.equal(a.stdout.trim(), join('incidents', 'PM2026-002 - Notes.md'));
    assert.equal(b.stdout.trim(), join('incidents', 'PM2026-003 - Notes.md'));
    assert.equal(readFileSync(mine, 'utf8'), 'my notes, not to be lost\n');
    assert.deepEqual(readdirSync(join(dir, 'incidents')).sort(), ['PM2026-001 - Notes.md', 'PM2026-002 - Notes.md', 'PM2026-003 - Notes.md']);
  });

  it('a template without severity levels needs no --severity and refuses one; its bullet timeline is stamped', () => {
    team(BULLET_TEMPLATE);
    const created = cli(['new', '--title', 'Queue backlog'], dir);
    assert.equal(created.code, 0, created.stderr);
    const text = readFileSync(join(dir, created.stdout.trim()), 'utf8');
    assert.ok(text.includes('\n# Queue backlog\n'), text);
    assert.ok(text.endsWith('## Timeline\n\n- [14:05] Alert fired\n'), text);
    const refused = cli(['new', '--severity', 'sev1', '--title', 'x'], dir);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /new: --severity sev1: the template \.incident\/template\.md lists no severity levels; leave out --severity/);
  });

  it('--date: the ID, Date field and file name are the incident’s day; a future or unreal date is refused', () => {
    const created = cli(['new', '--severity', 'major', '--title', 'API latency', '--date', '2026-11-24'], dir);
    assert.equal(created.code, 0, created.stderr);
    assert.equal(created.stdout.trim(), join('incidents', 'INC-20261124-001-api-latency.md'));
    const text = readFileSync(join(dir, created.stdout.trim()), 'utf8');
    assert.match(text, /\*\*Incident ID:\*\* INC-20261124-001 {2}\n\*\*Date:\*\* 2026-11-24 {2}\n/);
    assert.match(text, /\nLastUpdated: 2026-11-26\n/);
    for (const [date, message] of [
      ['2026-11-27', /new: --date 2026-11-27 is in the future; today is 2026-11-26 \(UTC\)/],
      ['2026-13-01', /new: --date "2026-13-01" is not a date; expected YYYY-MM-DD/],
      ['yesterday', /new: --date "yesterday" is not a date/],
    ] as const) {
      const refused = cli(['new', '--severity', 'major', '--title', 'x', '--date', date], dir);
      assert.equal(refused.code, 2, date);
      assert.match(refused.stderr, message);
    }
    assert.deepEqual(readdirSync(join(dir, 'incidents')), ['INC-20261124-001-api-latency.md']);
  });

  it('reads the nearest config of the target folder, as lint does', () => {
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, '.incident-report.json'), JSON.stringify({ incidentsDir: 'all' }));
    mkdirSync(join(dir, 'team-a'));
    writeFileSync(join(dir, 'team-a', '.incident-report.json'), JSON.stringify({ incidentsDir: 'reports', fileName: '{YYYY}-{NNN}-{slug}.md' }));
    const byDir = cli(['new', '--severity', 'major', '--title', 'Queue backlog', '--dir', join('team-a', 'reports')], dir);
    assert.equal(byDir.code, 0, byDir.stderr);
    assert.equal(byDir.stdout.trim(), join('team-a', 'reports', '2026-001-queue-backlog.md'));
    // Without --dir: the working directory's nearest config, and its incidentsDir.
    const byCwd = cli(['new', '--severity', 'major', '--title', 'Disk full'], join(dir, 'team-a'));
    assert.equal(byCwd.code, 0, byCwd.stderr);
    assert.equal(byCwd.stdout.trim(), join('reports', '2026-002-disk-full.md'));
    const atRoot = cli(['new', '--severity', 'major', '--title', 'Disk full'], dir);
    assert.equal(atRoot.stdout.trim(), join('all', 'INC-20261126-001-disk-full.md'));
  });

  it('an invalid fileName in the config is a warning naming the key; the default name is used', () => {
    writeFileSync(join(dir, '.incident-report.json'), JSON.stringify({ fileName: '{title}.md' }));
    const created = cli(['new', '--severity', 'major', '--title', 'x'], dir);
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stderr, /warning: .*fileName.*a file name pattern ending in "\.md" with \{id\} or \{NNN\}/);
    assert.equal(created.stdout.trim(), join('incidents', 'INC-20261126-001-x.md'));
  });
});
