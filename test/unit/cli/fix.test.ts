/**
 * `lint --fix` and `--fix-dry-run` through the built CLI (dist/cli.js), as a pre-commit hook
 * or a bot runs it; writeFixed (the atomic write) directly for the races a process run
 * cannot stage.
 */
import * as assert from 'node:assert/strict';
import { chmodSync, cpSync, existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { applyPatch } from 'diff';
import { createIncidentCore } from '../../../src/core';
import { writeFixed } from '../../../src/cli/fixFile';
import { UsageError } from '../../../src/cli/workspace';
import { CLI, NOW, ROOT, cli, copyEditingExamples } from './run';

const TODAY = NOW.slice(0, 10);
/** The example with fixable problems: a wrong ID, rows out of order, a non-UTC time, a missing section. */
const LOGIN = join('incidents', 'INC-20261125-001-login-failures-for-sso-users.md');
const CLEAN = join('incidents', 'INC-20261020-001-checkout-outage.md');

/** What the editor's Fix All makes of a report of `dir` (the same core function, the same request). */
function fixAllOf(dir: string, file: string): string {
  const text = readFileSync(join(dir, file), 'utf8');
  const core = createIncidentCore();
  return core.fixAll(text, { now: new Date(NOW), today: TODAY, fileName: basename(file), pathExists: (p) => existsSync(join(dir, p)) }).text;
}

function tempFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tmp'));
}

describe('lint --fix (dist/cli.js)', function () {
  this.timeout(120_000);
  let dir: string;

  before(() => {
    if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first (npm test does).');
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'incident-fix-'));
    copyEditingExamples(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes what Fix All makes of the report, keeps its mode, says what it fixed, and exits as lint does on the fixed text', () => {
    const expected = fixAllOf(dir, LOGIN);
    const cleanBefore = readFileSync(join(dir, CLEAN));
    const cleanMtime = statSync(join(dir, CLEAN)).mtimeMs;
    chmodSync(join(dir, LOGIN), 0o640);
    assert.equal(cli(['lint', '--today', TODAY, LOGIN], dir).code, 1, 'the report has errors before the fix');

    const run = cli(['lint', '--fix', '--today', TODAY, 'incidents'], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
    const lines = run.stdout.trim().split('\n');
    assert.deepEqual(lines.filter((l) => l.includes(': fixed ')), [`${LOGIN}: fixed 4 problems`]);
    assert.equal(lines.at(-1), '0 errors, 1 warning, 161 notes in 3 reports');
    // The warning left is the one with no safe fix (two severities: which one is the author's choice).
    assert.deepEqual(lines.filter((l) => / (error|warning) /.test(l)), [`${LOGIN}:13:15: warning Severity lists 2 levels (🔴 Critical / 🟡 Major); keep exactly one of Critical, Major, Minor. [severity]`]);

    const written = readFileSync(join(dir, LOGIN), 'utf8');
    assert.equal(written, expected);
    assert.match(written, /^\*\*Incident ID:\*\* INC-20261125-001 {2}$/m);
    assert.match(written, /\| 17:52 \| Investigation started \| Lee Chen \|\n\| 18:05 \| Mitigation started/);
    assert.match(written, /\| 2026-11-25T18:20Z \| Service restored/);
    assert.equal(statSync(join(dir, LOGIN)).mode & 0o777, 0o640);
    // A report with nothing to fix is not written at all.
    assert.ok(readFileSync(join(dir, CLEAN)).equals(cleanBefore));
    assert.equal(statSync(join(dir, CLEAN)).mtimeMs, cleanMtime);
    assert.deepEqual(tempFiles(dir), []);

    // Once fixed, there is nothing more to fix.
    const again = cli(['lint', '--fix', '--today', TODAY, 'incidents'], dir);
    assert.equal(again.code, 0);
    assert.doesNotMatch(again.stdout, /: fixed /);
    assert.equal(readFileSync(join(dir, LOGIN), 'utf8'), expected);
  });

  it('exits 1 when an error is left after the fix, listing only what no safe fix removes', () => {
    // A Date in the future that agrees with neither the ID nor the file name: which is right is the author's call.
    const file = join(dir, LOGIN);
    writeFileSync(file, readFileSync(file, 'utf8').replace('**Date:** 2026-11-25', '**Date:** 2026-11-27'));
    const run = cli(['lint', '--fix', '--format', 'json', '--today', TODAY, LOGIN], dir);
    assert.equal(run.code, 1);
    const items = JSON.parse(run.stdout) as { ruleId: string; severity: string; line: number; column: number }[];
    assert.deepEqual(
      items.filter((d) => d.severity !== 'hint' && d.severity !== 'info').map((d) => `${d.line}:${d.column} ${d.severity} ${d.ruleId}`),
      ['11:18 error incident-id', '12:11 error incident-date', '13:15 warning severity'],
    );
    // JSON stays JSON: what was fixed goes to stderr.
    assert.equal(run.stderr, `incident-report: ${LOGIN}: fixed 4 problems\n`);
    assert.equal(readFileSync(file, 'utf8'), fixAllOf(dir, LOGIN));
  });

  it('--fix-dry-run prints the unified diff of exactly that fix and writes nothing; the exit code is of the fixed text', () => {
    const before = readFileSync(join(dir, LOGIN), 'utf8');
    const expected = fixAllOf(dir, LOGIN);
    const run = cli(['lint', '--fix-dry-run', '--today', TODAY, 'incidents'], dir);
    assert.equal(run.code, 0);
    assert.equal(run.stderr, 'incident-report: --fix-dry-run: would fix 4 problems in 1 report\n');
    assert.match(run.stdout, new RegExp(`^=+\\n--- a/${LOGIN.replace(/[./]/g, '\\$&')}\\n\\+\\+\\+ b/${LOGIN.replace(/[./]/g, '\\$&')}\\n@@ `));
    assert.match(run.stdout, /^-\*\*Incident ID:\*\* INC-20261124-002 {2}$/m);
    assert.match(run.stdout, /^\+\*\*Incident ID:\*\* INC-20261125-001 {2}$/m);
    assert.doesNotMatch(run.stdout, /\[severity\]|notes in/, 'no diagnostics in the diff');
    assert.equal(applyPatch(before, run.stdout), expected);
    assert.equal(readFileSync(join(dir, LOGIN), 'utf8'), before);
    assert.deepEqual(tempFiles(dir), []);
  });

  it('keeps CRLF line breaks and a byte order mark as the file had them', () => {
    const file = join(dir, LOGIN);
    const lf = readFileSync(file, 'utf8');
    writeFileSync(file, `\ufeff${lf.replace(/\n/g, '\r\n')}`);
    const run = cli(['lint', '--fix', '--today', TODAY, LOGIN], dir);
    assert.match(run.stdout, /fixed 4 problems/);
    const bytes = readFileSync(file);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    assert.doesNotMatch(text, /(?<!\r)\n/, 'no LF without its CR');
    // The same fix as on the LF file, line breaks aside.
    const lfDir = mkdtempSync(join(tmpdir(), 'incident-fix-lf-'));
    try {
      copyEditingExamples(lfDir);
      cli(['lint', '--fix', '--today', TODAY, LOGIN], lfDir);
      assert.equal(text.replace(/\r\n/g, '\n'), readFileSync(join(lfDir, LOGIN), 'utf8'));
    } finally {
      rmSync(lfDir, { recursive: true, force: true });
    }
  });

  it('gives the same files and output with --jobs 1 and with worker threads', () => {
    // Copies of the report under other names, so the workers get some.
    const text = readFileSync(join(dir, LOGIN), 'utf8');
    for (let i = 2; i <= 7; i++) writeFileSync(join(dir, 'incidents', `INC-20261125-${String(i).padStart(3, '0')}-copy.md`), text.replace(/INC-20261124-002/g, `INC-20261124-${String(i + 100)}`));
    const other = mkdtempSync(join(tmpdir(), 'incident-fix-jobs-'));
    try {
      cpSync(dir, other, { recursive: true });
      const one = cli(['lint', '--fix', '--jobs', '1', '--today', TODAY, 'incidents'], dir);
      const many = cli(['lint', '--fix', '--jobs', '4', '--today', TODAY, 'incidents'], other);
      assert.equal(many.stdout, one.stdout);
      assert.equal(many.code, one.code);
      assert.equal((one.stdout.match(/: fixed /g) ?? []).length, 7);
      for (const name of readdirSync(join(dir, 'incidents'))) assert.equal(readFileSync(join(other, 'incidents', name), 'utf8'), readFileSync(join(dir, 'incidents', name), 'utf8'), name);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('--cache: the fixed file\'s entry is of its fixed content; an entry from a plain lint does not stand for "nothing to fix"', () => {
    type Cache = { entries: Record<string, { hash: string; lint: { fixClean?: boolean } | null }> };
    const entry = (file = '.incident-report-cache'): Cache['entries'][string] => (JSON.parse(readFileSync(join(dir, file), 'utf8')) as Cache).entries[LOGIN]!;
    // A plain lint fills the cache with the unfixed text's diagnostics...
    assert.equal(cli(['lint', '--cache', '--today', TODAY, 'incidents'], dir).code, 1);
    assert.equal(entry().lint!.fixClean, undefined);
    // ...which --fix does not take as "nothing to fix".
    const fixed = cli(['lint', '--fix', '--cache', '--today', TODAY, 'incidents'], dir);
    assert.match(fixed.stdout, /fixed 4 problems/);
    assert.equal(fixed.code, 0);
    // The same hash as a fresh cache's entry for the file as it now is (the hash also covers its config and root).
    assert.equal(cli(['lint', '--cache', '--cache-location', '.fresh-cache', '--today', TODAY, 'incidents'], dir).code, 0);
    assert.equal(entry().hash, entry('.fresh-cache').hash);
    rmSync(join(dir, '.fresh-cache'));
    assert.equal(entry().lint!.fixClean, true);
    // The next runs, plain or --fix, are served from it: the same output as linting the fixed file afresh.
    const fresh = cli(['lint', '--today', TODAY, 'incidents'], dir);
    assert.equal(cli(['lint', '--cache', '--today', TODAY, 'incidents'], dir).stdout, fresh.stdout);
    assert.equal(cli(['lint', '--fix', '--cache', '--today', TODAY, 'incidents'], dir).stdout, fresh.stdout);
  });

  it('lints a named file that is not a report but never rewrites it (Fix All is for reports, as in the editor)', () => {
    const before = readFileSync(join(dir, 'README.md'));
    assert.notEqual(fixAllOf(dir, 'README.md'), before.toString('utf8'), 'Fix All would insert the template into it');
    const plain = cli(['lint', '--today', TODAY, 'README.md'], dir);
    const run = cli(['lint', '--fix', '--today', TODAY, 'README.md'], dir);
    assert.equal(run.code, plain.code);
    assert.equal(run.stdout, plain.stdout);
    assert.ok(readFileSync(join(dir, 'README.md')).equals(before));
  });

  it('rejects --fix with --fix-dry-run, and --fix-dry-run with a machine format (exit 2)', () => {
    const both = cli(['lint', '--fix', '--fix-dry-run', 'incidents'], dir);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--fix and --fix-dry-run: give one/);
    const json = cli(['lint', '--fix-dry-run', '--format', 'json', 'incidents'], dir);
    assert.equal(json.code, 2);
    assert.match(json.stderr, /--fix-dry-run prints a diff; it takes no --format json/);
    assert.equal(readFileSync(join(dir, LOGIN), 'utf8'), readFileSync(join(ROOT, 'examples', LOGIN), 'utf8'));
  });

  it('never writes outside the workspace (--root): the file is named, left as it is, exit 2', () => {
    const run = cli(['lint', '--fix', '--root', 'evidence', '--today', TODAY, LOGIN], dir);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /INC-20261125-001-login-failures-for-sso-users\.md: not fixed: it is outside the workspace .*evidence \(--root\)/);
    assert.doesNotMatch(run.stdout, /: fixed /);
    assert.equal(readFileSync(join(dir, LOGIN), 'utf8'), readFileSync(join(ROOT, 'examples', LOGIN), 'utf8'));
  });
});

describe('writeFixed', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'incident-write-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('replaces the file with the new text in its encoding, keeping its permission bits', () => {
    const file = join(dir, 'r.md');
    const original = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('old\r\n', 'utf16le')]);
    writeFileSync(file, original);
    chmodSync(file, 0o604);
    writeFixed(file, dir, original, 'new\r\n');
    assert.ok(readFileSync(file).equals(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('new\r\n', 'utf16le')])));
    assert.equal(statSync(file).mode & 0o777, 0o604);
    assert.deepEqual(readdirSync(dir), ['r.md']);
  });

  it('leaves a file that changed on disk since it was read, and says so', () => {
    const file = join(dir, 'r.md');
    writeFileSync(file, 'saved by an editor meanwhile\n');
    assert.throws(() => writeFixed(file, dir, Buffer.from('what was linted\n'), 'fixed\n'), (error: Error) => error instanceof UsageError && /r\.md: not fixed: it changed on disk while it was linted/.test(error.message));
    assert.equal(readFileSync(file, 'utf8'), 'saved by an editor meanwhile\n');
    assert.deepEqual(readdirSync(dir), ['r.md']);
  });

  it('rewrites a link\'s target inside the workspace and keeps the link', () => {
    writeFileSync(join(dir, 'real.md'), 'old\n');
    symlinkSync('real.md', join(dir, 'link.md'));
    writeFixed(join(dir, 'link.md'), dir, Buffer.from('old\n'), 'new\n');
    assert.ok(lstatSync(join(dir, 'link.md')).isSymbolicLink());
    assert.equal(readlinkSync(join(dir, 'link.md')), 'real.md');
    assert.equal(readFileSync(join(dir, 'real.md'), 'utf8'), 'new\n');
  });

  it('refuses a link leading outside the workspace', () => {
    const outside = mkdtempSync(join(tmpdir(), 'incident-outside-'));
    try {
      writeFileSync(join(outside, 'x.md'), 'old\n');
      symlinkSync(join(outside, 'x.md'), join(dir, 'link.md'));
      assert.throws(() => writeFixed(join(dir, 'link.md'), dir, Buffer.from('old\n'), 'new\n'), /not fixed: it is outside the workspace/);
      assert.equal(readFileSync(join(outside, 'x.md'), 'utf8'), 'old\n');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('names the file when its folder cannot be written, and leaves no temporary file', function () {
    if (process.getuid?.() === 0) this.skip(); // root writes anywhere
    const file = join(dir, 'r.md');
    writeFileSync(file, 'old\n');
    chmodSync(dir, 0o555);
    try {
      assert.throws(() => writeFixed(file, dir, Buffer.from('old\n'), 'new\n'), /r\.md: cannot write the fixed report: permission denied/);
    } finally {
      chmodSync(dir, 0o755);
    }
    assert.deepEqual(readdirSync(dir), ['r.md']);
  });
});
