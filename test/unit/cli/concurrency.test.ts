/**
 * The CLI under concurrency and on big, partly unreadable folders, run as users run it:
 * the built dist/cli.js in child processes.
 *
 * Tests run as root in CI, where chmod does not stop reads: unreadable entries are made
 * with dangling symbolic links, a link loop and a link to a folder, all named *.md.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, cli, cliAsync, SMALL } from './run';

describe('incident-report CLI: concurrency and big folders (dist/cli.js)', function () {
  this.timeout(180_000);
  let dir: string;

  before(() => {
    if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does).');
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'incident-cli-concurrency-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('20 concurrent `new` in one folder create 20 distinct files with distinct IDs and leave an existing report untouched', async () => {
    const incidents = join(dir, 'incidents');
    mkdirSync(incidents);
    const existing = join(incidents, 'INC-20261126-001-api-latency.md');
    const existingText = 'hand-written report, must survive\n';
    writeFileSync(existing, existingText);
    const before = statSync(existing);

    // Half of them share a title, so their file names differ only by the ID.
    const runs = await Promise.all(Array.from({ length: 20 }, (_, i) => cliAsync(['new', '--severity', ['critical', 'major', 'minor'][i % 3]!, '--title', i % 2 ? 'API latency' : `Outage ${i}`], dir)));

    for (const run of runs) assert.equal(run.code, 0, run.stderr);
    const printed = runs.map((r) => r.stdout.trim());
    assert.equal(new Set(printed).size, 20, printed.join('\n'));
    const ids = printed.map((p) => /INC-20261126-(\d{3})/.exec(p)?.[0]);
    assert.equal(new Set(ids).size, 20, ids.join(' '));
    // The existing report holds 001: none of the new ones does. (Numbers may be skipped
    // under contention: a process that loses a race re-lists and still adds its retry
    // count, so e.g. 011 can stay free while 022 is taken. Unique is what matters.)
    assert.ok(!ids.includes('INC-20261126-001'), ids.join(' '));
    assert.ok(ids.every((id) => id !== undefined && Number(id.slice(-3)) >= 2 && Number(id.slice(-3)) <= 41), ids.join(' '));
    for (const path of printed) {
      const text = readFileSync(join(dir, path), 'utf8');
      const id = /INC-20261126-\d{3}/.exec(path)![0];
      assert.match(text, new RegExp(`\\*\\*Incident ID:\\*\\* ${id} {2}\\n`), `${path} holds another ID`);
    }
    assert.equal(readFileSync(existing, 'utf8'), existingText);
    assert.equal(statSync(existing).mtimeMs, before.mtimeMs);
    // Nothing else: 21 reports, no lock left behind.
    assert.deepEqual(readdirSync(incidents).sort(), [...printed.map((p) => p.slice('incidents/'.length)), 'INC-20261126-001-api-latency.md'].sort());
  });

  it('1,000 reports and a few unreadable entries: every readable report is linted, each unreadable path named on stderr, exit 2; without them exit 1 then 0 by errors', () => {
    const incidents = join(dir, 'incidents');
    mkdirSync(incidents);
    for (let i = 0; i < 1000; i++) writeFileSync(join(incidents, `report-${String(i).padStart(4, '0')}.md`), SMALL);
    // A folder named like a report is searched like any folder: its report is linted.
    mkdirSync(join(incidents, 'x.md'));
    writeFileSync(join(incidents, 'x.md', 'inner.md'), SMALL);
    // One report with an error (an error in draft mode too): a time that is no time.
    const broken = SMALL.replace('| 14:02 |', '| 25:99 |');
    writeFileSync(join(incidents, 'report-broken.md'), broken);
    // The unreadable ones.
    mkdirSync(join(dir, 'elsewhere'));
    const unreadable: Record<string, string> = {
      'gone-1.md': 'no such file',
      'gone-2.md': 'no such file',
      'loop.md': 'ELOOP',
      'linked-folder.md': 'is a directory',
    };
    symlinkSync(join(dir, 'missing-target-1.md'), join(incidents, 'gone-1.md'));
    symlinkSync('missing-target-2.md', join(incidents, 'gone-2.md'));
    symlinkSync('loop.md', join(incidents, 'loop.md'));
    symlinkSync(join(dir, 'elsewhere'), join(incidents, 'linked-folder.md'));

    const withUnreadable = cli(['lint', 'incidents', '--today', '2026-11-26'], dir);
    assert.equal(withUnreadable.code, 2, withUnreadable.stderr);
    const summary = withUnreadable.stdout.trim().split('\n').at(-1);
    assert.equal(summary, '1 error, 0 warnings, 16032 notes in 1002 reports');
    const errors = withUnreadable.stdout.split('\n').filter((l) => l.includes(' error '));
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0]!, /^incidents\/report-broken\.md:18:3: error Timeline time "25:99" is not a time; .* \[timeline-time\]$/);
    // Every readable report was read: 1,000 + the one in x.md/ + the broken one.
    const files = new Set(withUnreadable.stdout.split('\n').map((l) => /^([^:]+\.md):/.exec(l)?.[1]).filter(Boolean));
    assert.equal(files.size, 1002);
    assert.ok(files.has('incidents/x.md/inner.md'));
    const problems = withUnreadable.stderr.trim().split('\n');
    assert.equal(problems.length, Object.keys(unreadable).length, withUnreadable.stderr);
    for (const [name, reason] of Object.entries(unreadable)) {
      const lines = problems.filter((l) => l.startsWith(`incident-report: ${join(incidents, name)}: cannot read report: `));
      assert.equal(lines.length, 1, `${name} is named once: ${withUnreadable.stderr}`);
      assert.ok(lines[0]!.includes(reason), lines[0]);
    }

    for (const name of Object.keys(unreadable)) rmSync(join(incidents, name));
    const oneError = cli(['lint', 'incidents', '--today', '2026-11-26'], dir);
    assert.equal(oneError.code, 1, oneError.stderr);
    assert.equal(oneError.stderr, '');
    assert.equal(oneError.stdout.trim().split('\n').at(-1), '1 error, 0 warnings, 16032 notes in 1002 reports');

    rmSync(join(incidents, 'report-broken.md'));
    const clean = cli(['lint', 'incidents', '--today', '2026-11-26'], dir);
    assert.equal(clean.code, 0, clean.stderr);
    assert.equal(clean.stdout.trim().split('\n').at(-1), '0 errors, 0 warnings, 16016 notes in 1001 reports');
  });

  // A link named *.md to a FIFO or a character device in a searched folder: the walk hands
  // every symbolic link to readFileSync (src/cli/files.ts walk, src/cli/workspace.ts
  // readText), which blocks forever on a FIFO and reads /dev/zero until memory runs out.
  // Expected: a link whose target is not a regular file is reported (or skipped), and the
  // CLI ends. Bounded by a 20 s kill: a hang fails the test instead of blocking the suite.
  it('a link named *.md to a FIFO or to /dev/zero in a searched folder does not hang the CLI', function () {
    this.timeout(60_000);
    const incidents = join(dir, 'incidents');
    mkdirSync(incidents);
    writeFileSync(join(incidents, 'report.md'), SMALL);
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    symlinkSync(join(dir, 'pipe'), join(incidents, 'pipe.md'));
    symlinkSync('/dev/zero', join(incidents, 'zero.md'));
    const run = cli(['lint', 'incidents', '--today', '2026-11-26'], dir, 20_000);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /pipe\.md/);
    assert.match(run.stderr, /zero\.md/);
  });
});
