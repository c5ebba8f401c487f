/**
 * Which files `lint` takes as reports in a folder or a glob: the team template, README files
 * and the config's `exclude` globs are never linted there (a file named explicitly still is),
 * and a run that finds no report exits 2 saying why instead of passing on nothing.
 * Run as users run it: the built dist/cli.js in a child process.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, cli, ROOT, SMALL, type Run } from './run';
import { REPORT_DEFINITION } from '../../../src/core';

const NO_REPORT = `(${REPORT_DEFINITION})`;
const filesIn = (run: Run): string[] => [...new Set((JSON.parse(run.stdout) as { file: string }[]).map((d) => d.file))].sort();
const report = (id: string): string => SMALL.replace('INC-20261126-001', id);

describe('incident-report lint: which files are reports (dist/cli.js)', function () {
  this.timeout(60_000);
  let dir: string;

  before(() => {
    if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does).');
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'incident-cli-discovery-'));
    mkdirSync(join(dir, '.git'));
    mkdirSync(join(dir, 'incidents', 'archive'), { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a folder with no report: exit 2, why on stderr, how many Markdown files were looked at', () => {
    writeFileSync(join(dir, 'incidents', 'notes.md'), '# Notes\n\nNothing here.\n');
    const run = cli(['lint', 'incidents'], dir);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, `incident-report: incidents: no report found ${NO_REPORT}; 1 Markdown file looked at\n`);
    // Without a path the working directory is searched, and named as ".".
    const here = cli(['lint', '--format', 'json'], dir);
    assert.equal(here.code, 2);
    assert.equal(here.stdout.trim(), '[]');
    assert.equal(here.stderr, `incident-report: .: no report found ${NO_REPORT}; 1 Markdown file looked at\n`);
    // One report is enough to pass.
    writeFileSync(join(dir, 'incidents', 'INC-20261126-001.md'), SMALL);
    assert.equal(cli(['lint', 'incidents'], dir).code, 0);
  });

  it('the template, README files (any case) and exclude globs are never linted by folder or glob; a file named explicitly is', () => {
    // Each is a report by its text: only where it is keeps it out.
    writeFileSync(join(dir, '.incident-report.json'), JSON.stringify({ template: 'incidents/template.md', exclude: ['incidents/archive/**', 'draft-*.md'] }));
    writeFileSync(join(dir, 'incidents', 'template.md'), readFileSync(join(ROOT, 'templates', 'default.md'), 'utf8'));
    writeFileSync(join(dir, 'incidents', 'README.md'), report('INC-20261126-002'));
    writeFileSync(join(dir, 'incidents', 'readme.MD'), report('INC-20261126-003'));
    writeFileSync(join(dir, 'incidents', 'archive', 'INC-20191126-001.md'), report('INC-20191126-001'));
    writeFileSync(join(dir, 'incidents', 'draft-outage.md'), report('INC-20261126-004'));
    writeFileSync(join(dir, 'incidents', 'INC-20261126-001.md'), SMALL);
    for (const args of [['incidents'], ['incidents/**/*.md'], []]) {
      const run = cli(['lint', ...args, '--format', 'json'], dir);
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(filesIn(run), [join('incidents', 'INC-20261126-001.md')], `lint ${args.join(' ')}`);
    }
    // stats reads reports the same way: the README, template and excluded files are not counted.
    const stats = cli(['stats', 'incidents', '--format', 'json'], dir);
    assert.equal((JSON.parse(stats.stdout) as { total: { incidents: number } }).total.incidents, 1, stats.stderr);
    const named = cli(['lint', 'incidents/README.md', 'incidents/archive/INC-20191126-001.md', '--format', 'json'], dir);
    assert.deepEqual(filesIn(named), [join('incidents', 'README.md'), join('incidents', 'archive', 'INC-20191126-001.md')]);

    // Only those left: no report, and the message says how many were never linted.
    rmSync(join(dir, 'incidents', 'INC-20261126-001.md'));
    const none = cli(['lint', 'incidents'], dir);
    assert.equal(none.code, 2);
    assert.equal(none.stderr, `incident-report: incidents: no report found ${NO_REPORT}; 5 Markdown files looked at (5 never linted: the team template, README files or the config's "exclude")\n`);
  });

  it('an invalid exclude is a warning and ignored alone: the rest of the config applies', () => {
    writeFileSync(join(dir, '.incident-report.json'), JSON.stringify({ exclude: [], rules: { 'missing-section': 'off' } }));
    writeFileSync(join(dir, 'incidents', 'INC-20261126-001.md'), SMALL);
    const run = cli(['lint', 'incidents', '--format', 'json'], dir);
    assert.equal(run.code, 0);
    assert.equal(run.stderr, 'incident-report: warning: .incident-report.json: "exclude" must be a non-empty list of globs; this key is ignored\n');
    const rules = new Set((JSON.parse(run.stdout) as { ruleId: string }[]).map((d) => d.ruleId));
    assert.ok(rules.has('timeline-milestones') && !rules.has('missing-section'), [...rules].join(', '));
  });
});
