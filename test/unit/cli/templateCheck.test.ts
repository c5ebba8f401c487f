/**
 * `incident-report template check [FILE]`, run as users run it (dist/cli.js): what it prints
 * for the shipped, the team and a named template, its exit codes, and the root as a wall.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, cli } from './run';

const TEAM = `# Post-mortem: [Title]

**Incident ID:** PM-[NNN]
**Severity:** SEV1 / SEV2 / SEV3

## Summary

## Timeline

| When | What happened | Who |
|------|---------------|-----|
| HH:MM | [event] | [name] |
`;

describe('incident-report template check (dist/cli.js)', function () {
  this.timeout(60_000);
  let dir: string;

  before(() => {
    if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does).');
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'incident-cli-template-'));
    mkdirSync(join(dir, '.git'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('without a team template: the shipped one, usable, exit 0', () => {
    const run = cli(['template', 'check'], dir);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.trim().split('\n');
    assert.equal(lines[0], 'Template: the shipped default template');
    assert.equal(lines[1], 'Sections (16, in order):');
    assert.equal(lines[2], '  ## 📋 Summary  (line 17)');
    assert.ok(lines.includes('Header fields: Incident ID, Date, Severity'));
    assert.ok(lines.includes('  📊 Timeline (UTC) [timeline]: Time (time) | Event (event) | Actor (actor)'));
    assert.ok(lines.includes('  📝 Action Items [action items]: Action (action) | Owner (owner) | Due Date (due) | Status (status)'));
    assert.ok(lines.includes('Severity levels: 🔴 Critical, 🟡 Major, 🟢 Minor'));
    assert.equal(lines.at(-1), 'Usable.');
    assert.equal(run.stderr, '');
  });

  it('the workspace\'s team template (.incident/template.md), as JSON; its warnings; exit 0', () => {
    mkdirSync(join(dir, '.incident'));
    writeFileSync(join(dir, '.incident', 'template.md'), TEAM);
    const run = cli(['template', 'check', '--format', 'json'], dir);
    assert.equal(run.code, 0, run.stderr);
    const json = JSON.parse(run.stdout) as { template: string; usable: boolean; sections: unknown[]; severityLevels: string[]; tables: { columns: { name: string; role?: string }[] }[]; problems: { level: string; message: string }[] };
    assert.equal(json.template, join('.incident', 'template.md'));
    assert.equal(json.usable, true);
    assert.deepEqual(json.sections, [{ title: 'Summary', level: 2, line: 6 }, { title: 'Timeline', level: 2, line: 8 }]);
    assert.deepEqual(json.severityLevels, ['SEV1', 'SEV2', 'SEV3']);
    assert.deepEqual(json.tables[0]!.columns, [{ name: 'When', role: 'time' }, { name: 'What happened', role: 'event' }, { name: 'Who', role: 'actor' }]);
    assert.deepEqual(json.problems, [{ level: 'warning', message: 'no action items table found (a table with Action and Owner columns): the action-item checks see nothing' }]);
  });

  it('a named template missing something required: the problems listed, exit 1', () => {
    writeFileSync(join(dir, 'mine.md'), '# Notes\n\n**Incident ID:** PM-[NNN]\n**Severity:** SEV1 / SEV2\n\nJust text.\n');
    const run = cli(['template', 'check', 'mine.md'], dir);
    assert.equal(run.code, 1);
    const lines = run.stdout.trim().split('\n');
    assert.equal(lines[0], 'Template: mine.md');
    assert.deepEqual(lines.slice(lines.indexOf('Problems:')), [
      'Problems:',
      '  error: no "##" section: reports would be checked against no section at all',
      '  warning: no timeline found (a table with a time column or a bullet list in a "Timeline" section, or a table with a Time, When or Timestamp column): the timeline checks see nothing',
      '  warning: no action items table found (a table with Action and Owner columns): the action-item checks see nothing',
      'Not usable: 1 error.',
    ]);
  });

  it('no severity levels is usable, as `new` and lint take it: no field is silent, an empty field a warning on its line', () => {
    // The same template `new` creates reports from without --severity (test/unit/cli/new.test.ts).
    writeFileSync(join(dir, 'none.md'), TEAM.replace('**Severity:** SEV1 / SEV2 / SEV3\n', ''));
    const none = cli(['template', 'check', 'none.md'], dir);
    assert.equal(none.code, 0);
    assert.match(none.stdout, /^Severity field: none \(severity is silent\)$/m);
    assert.match(none.stdout, /^Severity levels: \(none\)$/m);
    assert.doesNotMatch(none.stdout, /severity levels:|lists no levels/);
    assert.match(none.stdout, /\nUsable \(1 warning\)\.\n$/);

    writeFileSync(join(dir, 'empty.md'), TEAM.replace('**Severity:** SEV1 / SEV2 / SEV3', '**Sev:** [how bad]'));
    const empty = cli(['template', 'check', 'empty.md'], dir);
    assert.equal(empty.code, 0);
    const lines = empty.stdout.trim().split('\n');
    assert.deepEqual(lines.slice(lines.indexOf('Problems:')), [
      'Problems:',
      '  warning: the "Sev" field lists no levels: any value passes and `new` offers none; write them in the field, such as "**Severity:** 🔴 Critical / 🟡 Major / 🟢 Minor", or set "severityLevels" in the config (line 4)',
      '  warning: no action items table found (a table with Action and Owner columns): the action-item checks see nothing',
      'Usable (2 warnings).',
    ]);
  });

  it('unreadable, missing, outside the root or bad usage: exit 2 with the reason on stderr', () => {
    const outside = mkdtempSync(join(tmpdir(), 'incident-cli-template-outside-'));
    try {
      writeFileSync(join(outside, 'template.md'), TEAM);
      symlinkSync(join(outside, 'template.md'), join(dir, 'linked.md'));
      mkdirSync(join(dir, 'folder.md'));
      const cases: [string[], string][] = [
        [['template', 'check', 'nope.md'], 'incident-report: nope.md: cannot read template: no such file'],
        [['template', 'check', 'linked.md'], `incident-report: linked.md: cannot read template: it leads outside the workspace ${dir} (through "..", an absolute path or a symbolic link)`],
        [['template', 'check', join(outside, 'template.md')], `incident-report: ${join(outside, 'template.md')}: cannot read template: it leads outside the workspace ${dir} (through "..", an absolute path or a symbolic link)`],
        [['template', 'check', 'folder.md'], `incident-report: ${join(dir, 'folder.md')}: cannot read template: is a directory`],
        [['template', 'check', '--format', 'sarif'], 'incident-report: --format sarif: expected text or json'],
        [['template', 'lint'], 'incident-report: template lint: expected "template check [FILE]" (see --help)'],
      ];
      for (const [args, message] of cases) {
        const run = cli(args, dir);
        assert.equal(run.code, 2, args.join(' '));
        assert.equal(run.stdout, '');
        assert.equal(run.stderr.trim(), message);
      }
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
